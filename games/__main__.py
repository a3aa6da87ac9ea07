"""``python -m games`` does what the ``cogsuite`` command does."""

import sys

from games.cli import main

sys.exit(main())
