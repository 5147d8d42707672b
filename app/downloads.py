"""File names of what the app offers to download."""

from __future__ import annotations

import hashlib
import re

__all__ = ["query_name"]


def query_name(text: str, limit: int = 48) -> str:
    """A file name for a hand-written query, made from its own words (prefix lines left out) and a
    short fingerprint, so two queries never share one: ``SELECT ?r WHERE { ?r a cp:Role }`` gives
    ``select-r-where-r-a-cp-role-`` and six hexadecimal digits.
    """
    body = "\n".join(line for line in text.splitlines() if not line.strip().upper().startswith(("PREFIX", "BASE")))
    words = re.sub(r"[^a-z0-9]+", "-", body.lower()).strip("-")[:limit].rstrip("-") or "query"
    return f"{words}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:6]}"
