"""``python -m careerpath.graph`` runs the careerpath command line."""

from .cli import run

run()
