"""``python -m careerpath.graph`` runs the careerpath command line."""

import sys

from .cli import main

sys.exit(main())
