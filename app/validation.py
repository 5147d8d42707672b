"""SHACL validation, once per app process, started when the app starts and run in its own
process (``python -m careerpath.graph validate``): it takes seconds of CPU, so it neither
delays the first visit to the Data page nor holds the interpreter's lock while other pages
are drawn. The Data page shows its result when it is ready."""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st


@dataclass
class ValidationJob:
    """The running (or finished) ``careerpath validate`` process and the file it writes to."""

    process: subprocess.Popen
    output: Path
    started: float

    def status(self) -> tuple[str, str]:
        """``("running" | "conforms" | "violations", report text)``."""
        code = self.process.poll()
        if code is None:
            return "running", f"validating for {time.time() - self.started:.0f} s"
        text = self.output.read_text(encoding="utf-8", errors="replace").strip()
        return ("conforms" if code == 0 else "violations"), text


@st.cache_resource(show_spinner=False)
def validation_job() -> ValidationJob:
    """Start validating the data this process serves (same files, same settings), once."""
    handle = tempfile.NamedTemporaryFile(prefix="careerpath-validate-", suffix=".txt", delete=False)  # noqa: SIM115
    path = Path(handle.name)
    process = subprocess.Popen(
        [sys.executable, "-m", "careerpath.graph", "validate"],
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    handle.close()

    def clean() -> None:
        if process.poll() is None:
            process.terminate()
        with contextlib.suppress(OSError):
            path.unlink()

    atexit.register(clean)
    return ValidationJob(process, path, time.time())
