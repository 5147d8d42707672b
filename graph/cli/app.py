"""``careerpath app``: the Streamlit app, started in place of this process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .common import EXIT_OK, UsageError, port_in_use


def cmd_app(args) -> int:
    script = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"  # careerpath/app beside careerpath/graph
    problem = port_in_use(args.host, args.port)
    if problem:
        raise UsageError(problem)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        args.host,
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",  # end users get no "Deploy" button or developer menu
        "--server.fileWatcherType",
        "none",  # served, not edited: no watch on ~1,000 module files per new session
    ]
    print(f"careerpath app on http://{args.host}:{args.port}", file=sys.stderr, flush=True)
    sys.stdout.flush()
    # Replace this process with Streamlit's, so a signal to `careerpath app` (Ctrl-C, kill,
    # systemd, a container's stop) reaches the server itself and stops it.
    os.execv(sys.executable, command)
    return EXIT_OK  # pragma: no cover - execv does not return


# What add_commands adds: cli.build_parser builds only the group of the command run.
COMMANDS = ("app",)


def add_commands(sub) -> None:
    """The parser of ``app``."""
    p = sub.add_parser("app", help="start the Streamlit app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_app)
