"""Every exception newsweave raises on purpose.

::

    NewsweaveError          base: the CLI prints "Error: <message>" and exits 1
    +-- InputError          nothing usable in the inputs (missing path, nothing readable)
    +-- ConfigError         a bad setting or a missing model; the message names the fix
    +-- StoreError          the SQLite store cannot be opened, migrated or written
    +-- DocumentError       one document cannot be read; recorded in ``rejected``, the batch goes on

Messages say what is wrong and how to fix it, e.g.
``ConfigError("--summary-words must be a positive whole number (try --summary-words 120)")``.
"""

from __future__ import annotations

__all__ = ["ConfigError", "DocumentError", "InputError", "NewsweaveError", "StoreError"]


class NewsweaveError(Exception):
    """Base of newsweave's errors."""


class InputError(NewsweaveError):
    """The inputs as a whole cannot be used."""


class ConfigError(NewsweaveError):
    """A setting is invalid or something the configuration needs is missing."""


class StoreError(NewsweaveError):
    """The store cannot be opened, migrated or written."""


class DocumentError(NewsweaveError):
    """One document cannot be analysed; the reason goes to the dossier's ``rejected``."""
