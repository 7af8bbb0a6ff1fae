"""``python -m desktop``: the same as the ``relmap`` command."""

import sys

from desktop.cli import main

sys.exit(main())
