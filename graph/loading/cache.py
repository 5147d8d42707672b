"""A compiled cache of what the planner and the name lookup need, so commands start quickly.

Parsing the Turtle files, indexing names and projecting the graph cost a few hundred
milliseconds and import rdflib and NetworkX; ``careerpath route`` needs neither once they are
done. The result is kept in the user's cache folder (``$XDG_CACHE_HOME/careerpath``, else
``~/.cache/careerpath``; ``CAREERPATH_CACHE`` names another folder, or ``off``), never next
to the data.

The key is a hash of everything the result depends on: the content of the ontology, the
shapes and every data file (``CAREERPATH_DATA``'s included), their paths, careerpath's code
and the Python version; a change to any of them makes a new key (see ``cache_key``).

Under one key the folder holds ``KEY.json`` (the compiled graph: a row per section, ``names``,
``lookup``, ``labels``, ``projection``, ``sources``, ``market``), what commands add as ``KEY.NAME.jsonl``
(``show``'s descriptions, ``sources``' tables, the SHACL report) and ``KEY.oxigraph``, the
graph persisted for ``query`` (manifest ``KEY.store.jsonl``). A file is a header, its class
table, one line per row with its own SHA-256 (a row of plain JSON: ``=`` and its JSON, decoded in
one pass; any other row is followed by the plain JSON texts inside it, each after a tab, read
once by the C decoder), and a line counting the rows: a command decodes only the rows it reads (``Entry``); a
file cut short is refused whole. Entries of other keys are removed a week after a newer one is written.

The cache holds data only, never code: JSON, written and read by explicit encoders (``encode``,
``decode``: ``loading.codec``) for the few kinds of value the compiled graph holds (strings,
numbers, tuples, sets, dates, dictionaries, ``LiteDiGraph`` and careerpath's own dataclasses,
field by field). A class is found only among ``careerpath.graph``'s dataclasses, and only if
its fields are the ones written; reading never runs anything a file names. A file that fails
its SHA-256, does not decode, names other fields than the classes have now, or does not hold
what the caller checks for (``is_compiled``) is removed and rebuilt, never trusted and never an
error. A folder another user owns or others may write to is neither read nor written (as pip
refuses its cache). Writes are atomic (a temporary file, then a rename).

Examples
--------
>>> import tempfile, os
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> answer = lambda payload: isinstance(payload, dict) and "answer" in payload
>>> write("k1", {"answer": (42, frozenset({"a"}))}, folder)
True
>>> read("k1", folder, check=answer)
{'answer': (42, frozenset({'a'}))}
>>> write("k1", {"x": 1}, folder)  # well formed, but not what the caller needs: rebuilt
True
>>> read("k1", folder, check=answer) is None, (folder / "k1.json").exists()
(True, False)
>>> (folder / "k1.json").write_bytes(b"not a cache")  # corrupt: rebuilt, not trusted
11
>>> read("k1", folder, check=answer) is None, (folder / "k1.json").exists()
(True, False)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .codec import CacheShapeError, decode, encode
from .litegraph import LiteDiGraph

__all__ = [
    "CACHE_ENV",
    "EXTRA_SUFFIX",
    "STORE_SUFFIX",
    "SUFFIX",
    "LiteDiGraph",
    "CacheShapeError",
    "Entry",
    "SECTION_CHECKS",
    "cache_dir",
    "cache_key",
    "decode",
    "encode",
    "is_compiled",
    "open_entry",
    "read",
    "read_row",
    "read_rows",
    "store_dir",
    "write",
]

CACHE_ENV = "CAREERPATH_CACHE"
FORMAT = b"careerpath-cache 5 rows\n"  # 4: a row of plain JSON as "=" and its JSON; 5: texts apart
SUFFIX = ".json"
EXTRA_SUFFIX = ".jsonl"  # what a command adds for one key: KEY.provenance.jsonl, KEY.show.jsonl
STORE_SUFFIX = ".oxigraph"  # a persisted store of one key's graph (a folder)
_CODE = Path(__file__).resolve().parents[1]  # careerpath.graph: every subpackage


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off (``CAREERPATH_CACHE=off``).

    Examples
    --------
    >>> saved = os.environ.get(CACHE_ENV)
    >>> os.environ[CACHE_ENV] = "off"; cache_dir() is None
    True
    >>> del os.environ[CACHE_ENV]; cache_dir().name
    'careerpath'
    >>> if saved is not None: os.environ[CACHE_ENV] = saved
    """
    setting = os.environ.get(CACHE_ENV)
    if setting is not None:
        if setting.strip().lower() in ("", "0", "off", "no", "false"):
            return None
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "careerpath"


def cache_key(files: Iterable[Path]) -> str:
    """A hash of the data files' paths and contents, careerpath's code and the Python version.

    Each file's content counts through its SHA-256, which is read back from the cache folder's
    ``stamps`` while the file's size, inode, modification and change times are those it
    was hashed with (as git's index and make trust them; the change time cannot be set back by
    ``touch``), and hashed again otherwise; a file changed in the last two seconds is never
    stamped (it could change again within the clock's tick).

    Examples
    --------
    >>> from careerpath import ontology
    >>> key = cache_key([ontology.ONTOLOGY_FILE])
    >>> len(key), key == cache_key([ontology.ONTOLOGY_FILE])
    (64, True)
    """
    digest = hashlib.sha256(FORMAT)
    digest.update(sys.version.encode())
    digest.update(os.environ.get("CAREERPATH_DATA", "").encode())
    stamps = _Stamps(cache_dir())
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.relative_to(_CODE).as_posix().encode())
        digest.update(stamps.content_hash(path))
    for path in files:
        path = Path(path).resolve()
        digest.update(str(path).encode())
        digest.update(stamps.content_hash(path))
    stamps.save()
    return digest.hexdigest()


class _Stamps:
    """Files' SHA-256 by their stat (``stamps`` in the cache folder), so that working out
    the key reads only the files that changed. Anything amiss in the file: hash again."""

    NAME = "stamps"  # JSON; no .json suffix, which marks the entries
    SETTLED_NS = 2_000_000_000  # a file changed more recently than this is hashed, not stamped

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder if folder is not None and _safe_folder(folder) else None
        self.known, self.changed, self.used = {}, False, set()
        with contextlib.suppress(OSError, ValueError):
            known = json.loads((self.folder / self.NAME).read_bytes()) if self.folder else {}
            self.known = known if isinstance(known, dict) else {}

    def content_hash(self, path: Path) -> bytes:
        info = path.stat()
        stat_key = [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]
        self.used.add(name := str(path))
        seen = self.known.get(name)
        fresh = isinstance(seen, list) and seen[:4] == stat_key and len(seen) == 5 and isinstance(seen[4], str)
        if fresh and re.fullmatch("[0-9a-f]{64}", seen[4]):
            return bytes.fromhex(seen[4])
        content = hashlib.sha256(path.read_bytes()).digest()
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > self.SETTLED_NS:
            self.known[name], self.changed = [*stat_key, content.hex()], True
        return content

    def save(self) -> None:
        if self.folder is not None and self.changed:
            if len(self.known) > 4 * len(self.used) + 100:  # files of data folders long gone: forget them
                self.known = {name: self.known[name] for name in self.used if name in self.known}
            with contextlib.suppress(OSError):
                _write_atomically(self.folder, self.folder / self.NAME, json.dumps(self.known).encode())


def _is_names(names: Any) -> bool:
    return (
        type(names).__name__ == "NameIndex"
        and isinstance(getattr(names, "keys", None), dict)
        and isinstance(getattr(names, "labels", None), dict)
    )


def _is_projection(projection: Any) -> bool:
    return (
        type(projection).__name__ == "Projection"
        and isinstance(getattr(projection, "graph", None), LiteDiGraph)
        and isinstance(getattr(projection, "steps", None), dict)
    )


#: What each section of the compiled graph must hold to be used.
SECTION_CHECKS: dict[str, Callable[[Any], bool]] = {
    "names": _is_names,
    "lookup": _is_names,
    "labels": lambda labels: isinstance(labels, dict) and all(v is None or isinstance(v, str) for v in labels.values()),
    "projection": _is_projection,
    "sources": lambda sources: isinstance(sources, dict) and all(isinstance(v, dict) for v in sources.values()),
    "market": lambda market: isinstance(market, dict),
}


def is_compiled(payload: Any) -> bool:
    """Whether ``payload`` is what ``CareerGraph.compiled()`` writes: the name index, the
    projection (its graph a ``LiteDiGraph``), the sources and the labour market."""
    if not isinstance(payload, dict) or not {"names", "projection", "sources"} <= payload.keys():
        return False
    return all(check(payload[name]) for name, check in SECTION_CHECKS.items() if name in payload)


def _safe_folder(folder: Path) -> bool:
    """Whether the folder is ours alone: owned by this user, not writable by others."""
    try:
        info = folder.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _path(folder: Path, key: str, name: str | None) -> Path:
    """``KEY.json`` for the compiled graph, ``KEY.NAME.jsonl`` for what a command adds to it."""
    if name is None:
        return folder / f"{key}{SUFFIX}"
    if not name.isidentifier():
        raise ValueError(f"{name!r} is not a cache entry name")
    return folder / f"{key}.{name}{EXTRA_SUFFIX}"


def _drop(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


class Entry:
    """One cache file, checked as a whole (its header, its class table and the line that ends
    it) and read a row at a time: each row is decoded, checked against its own SHA-256 and by
    the caller's ``check`` only when asked for, so a command decodes only what it uses
    (construct with ``open_entry``)."""

    def __init__(self, path: Path, blob: bytes) -> None:
        self.path, self._blob = path, blob
        if not blob.startswith(FORMAT):
            raise CacheShapeError("not a cache entry")
        end = blob.index(b"\n", len(FORMAT))
        self._classes = json.loads(_unsigned(blob[len(FORMAT) : end]))
        last = blob[blob.rfind(b"\n", 0, len(blob) - 1) + 1 :]
        if not (blob.endswith(b"\n") and last.startswith(b"end\t") and last[4:-1].isdigit()):
            raise CacheShapeError("cut short")
        self._rows, self._count, self._index = end, int(last[4:-1]), None

    def _find(self, row: str) -> int:
        """Where the row's line starts, or -1 (a few rows are indexed once; many small ones searched)."""
        if self._count > 64:
            return self._blob.find(b"\n" + json.dumps(row).encode() + b"\t", self._rows)
        if self._index is None:
            self._index, at, blob = {}, self._rows, self._blob
            while at >= 0 and (tab := blob.find(b"\t", at + 1)) >= 0 and blob[at + 1 : at + 5] != b"end\t":
                self._index.setdefault(blob[at + 1 : tab], at)
                at = blob.find(b"\n", tab)
        return self._index.get(json.dumps(row).encode(), -1)

    def __contains__(self, row: object) -> bool:
        return isinstance(row, str) and self._find(row) >= 0

    def get(self, row: str, check: Callable[[Any], bool] = lambda value: True) -> Any:
        """The row's value; None when there is no such row. Raises ``CacheShapeError`` (or
        ``ValueError``...) when the row is corrupt or fails ``check``."""
        if (at := self._find(row)) < 0:
            return None
        start = self._blob.index(b"\t", at + 1) + 1
        value = decode(self._classes, _unsigned(self._blob[start : self._blob.index(b"\n", start)]))
        if not check(value):
            raise CacheShapeError(f"{row!r} is not what was expected")
        return value

    def all(self) -> dict:
        """Every row, as the dictionary ``write`` was given."""
        out, at = {}, self._rows
        for _ in range(self._count):
            end = self._blob.index(b"\n", at + 1)
            key, _, rest = self._blob[at + 1 : end].partition(b"\t")
            out[json.loads(key)] = decode(self._classes, _unsigned(rest))
            at = end
        if not self._blob.startswith(b"\nend\t", at):
            raise CacheShapeError("rows missing")
        return out

    def drop(self) -> None:
        """Remove the file (it is rebuilt by whoever needs it next)."""
        _drop(self.path)


def open_entry(key: str, folder: Path | None = None, *, name: str | None = None) -> Entry | None:
    """The entry for ``key`` (and ``name``), checked as a whole; None when there is none, the
    folder is not ours alone, or the file is corrupt or cut short (it is then removed)."""
    folder = folder if folder is not None else cache_dir()
    if folder is None or not _safe_folder(folder):
        return None
    path = _path(folder, key, name)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        return Entry(path, blob)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):  # rebuild, never trust
        _drop(path)
        return None


def read(
    key: str, folder: Path | None = None, check: Callable[[Any], bool] = is_compiled, *, name: str | None = None
) -> Any | None:
    """The whole cached payload for ``key`` (``name``: one a command added, such as
    ``provenance``), or None: no cache, a folder others can write to, or an entry that is
    corrupt or fails ``check`` (which is removed, to be rebuilt)."""
    if (entry := open_entry(key, folder, name=name)) is None:
        return None
    try:
        payload = entry.all()
        if not check(payload):
            raise CacheShapeError("not what was expected")
        return payload
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):  # rebuild, never trust
        entry.drop()
        return None


def read_row(
    key: str, name: str | None, row: str, folder: Path | None = None, check: Callable[[Any], bool] = lambda v: True
) -> tuple[bool, Any]:
    """``(True, value)`` for one row of an entry, ``(True, None)`` when the entry has no such
    row, ``(False, None)`` when there is no usable entry (none, corrupt, cut short, or the row
    fails ``check``: the entry is then removed, to be rebuilt)."""
    if (entry := open_entry(key, folder, name=name)) is None:
        return False, None
    try:
        return True, entry.get(row, check)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        entry.drop()
        return False, None


def read_rows(
    key: str,
    name: str | None,
    rows: Iterable[str],
    folder: Path | None = None,
    check: Callable[[Any], bool] = lambda v: True,
) -> tuple[bool, dict[str, Any]]:
    """``read_row`` for several rows, the entry read once: ``(True, {row: value})`` with the rows
    the entry has, ``(False, {})`` when there is no usable entry (as ``read_row``)."""
    if (entry := open_entry(key, folder, name=name)) is None:
        return False, {}
    try:
        found = {row: entry.get(row, check) for row in rows if row in entry}
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        entry.drop()
        return False, {}
    return True, found


def _write_atomically(folder: Path, path: Path, blob: bytes) -> bool:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _safe_folder(folder):
        return False
    tmp = folder / f".tmp-{os.getpid()}-{time.time_ns()}{path.suffix}"  # as mkstemp, without tempfile's imports
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, path)
    except OSError:
        _drop(Path(tmp))
        raise
    return True


def write(key: str, payload: Mapping[str, Any], folder: Path | None = None, *, name: str | None = None) -> bool:
    """Store ``payload`` (a dictionary with text keys: each is a row) under ``key`` (and
    ``name``); False (and nothing written) when that is not possible."""
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return False
    try:
        if not (isinstance(payload, Mapping) and all(isinstance(k, str) for k in payload)):
            raise TypeError("a cache entry is a dictionary with text keys")
        rows = list(payload)
        classes, values = encode([payload[row] for row in rows], rows=True)  # one class table for every row
        lines = [FORMAT, _signed(json.dumps(classes).encode())]
        for row, (value, texts) in zip(rows, values, strict=True):  # a plain list or dict: "=" and its JSON
            if isinstance(value, dict) and value.keys() == {"J"}:
                text = "=" + texts[0]
            else:  # the row, then its texts apart, each after a tab
                text = "\t".join([json.dumps(value, separators=(",", ":")), *texts])
            lines.append(json.dumps(row).encode() + b"\t" + _signed(text.encode()))
        lines.append(b"end\t" + str(len(rows)).encode() + b"\n")
        path = _path(folder, key, name)
        if not _write_atomically(folder, path, b"".join(lines)):
            return False
    except (OSError, TypeError, ValueError, RecursionError):
        return False
    _drop_older(folder, key, path)
    return True


def _drop_older(folder: Path, key: str, newest: Path) -> None:
    """Remove what other data (other keys) kept a week or more before ``newest``, and old pickles."""
    try:
        limit = newest.stat().st_mtime - 7 * 86400
        entries = list(folder.iterdir())
    except OSError:
        return
    for old in entries:
        if old.name.startswith(key) or old.name.startswith(".tmp-") or old.name == _Stamps.NAME:
            continue
        with contextlib.suppress(OSError):
            if old.suffix == ".pickle" or (
                old.suffix in (SUFFIX, EXTRA_SUFFIX, STORE_SUFFIX) and old.stat().st_mtime < limit
            ):
                if old.is_dir() and not old.is_symlink():
                    import shutil  # here: only a stale store folder needs it

                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink()


def _signed(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode() + b"\t" + data + b"\n"


def _unsigned(line: bytes) -> bytes:
    checksum, _, data = line.partition(b"\t")
    if hashlib.sha256(data).hexdigest().encode() != checksum:
        raise CacheShapeError("checksum")
    return data


def store_dir(key: str, folder: Path | None = None) -> Path | None:
    """Where a persisted copy of the graph for ``key`` lives (``KEY.oxigraph``, built and read
    by ``engines.oxlocal``), or None when the cache is off or its folder is not ours alone."""
    folder = folder if folder is not None else cache_dir()
    with contextlib.suppress(OSError):
        if folder is not None:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            return folder / f"{key}{STORE_SUFFIX}" if _safe_folder(folder) else None
    return None
