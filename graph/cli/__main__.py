"""``python -m careerpath.graph.cli`` runs the careerpath command line."""

from . import run

run()
