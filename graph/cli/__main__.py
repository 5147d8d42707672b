"""``python -m careerpath.graph.cli`` runs the careerpath command line."""

import sys

from . import main

sys.exit(main())
