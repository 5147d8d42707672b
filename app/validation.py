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
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st


@dataclass
class ValidationJob:
    """The running (or finished) ``careerpath validate`` process and the file it writes to."""

    process: subprocess.Popen | None
    output: Path
    started: float
    error: str = ""

    def status(self) -> tuple[str, str]:
        """``("running" | "conforms" | "violations" | "not run", report text)``."""
        if self.process is None:
            return "not run", f"SHACL validation could not start: {self.error}"
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
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "careerpath.graph", "validate"],
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=os.environ.copy(),
        )
    except OSError as err:  # no process can be started: the page says so instead of failing
        handle.close()
        return ValidationJob(None, path, time.time(), error=str(err))
    handle.close()
    # Reaped as soon as it ends (poll() alone would leave a zombie until the Data page asks).
    threading.Thread(target=process.wait, name="careerpath-validation-reaper", daemon=True).start()

    def clean() -> None:
        if process.poll() is None:  # the app stops before the validation ends
            process.terminate()
        with contextlib.suppress(OSError):
            path.unlink()

    atexit.register(clean)
    return ValidationJob(process, path, time.time())
