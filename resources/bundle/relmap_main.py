"""The bundle's entry script: the same ``relmap`` command a pip install gives."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
