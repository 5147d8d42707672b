"""``python -m graph`` runs the careerpath command line."""

import sys

from .cli import main

sys.exit(main())
