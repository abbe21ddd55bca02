"""``python -m newsweave``."""

from newsweave.cli import entry

entry()
