"""newsweave: many news reports, one verified story.

Example::

    import newsweave
    dossier = newsweave.analyze(["examples/"])
    print(dossier.stories[0].independent_sources)
"""

from newsweave.errors import ConfigError, DocumentError, InputError, NewsweaveError, StoreError
from newsweave.model import Dossier

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DocumentError",
    "Dossier",
    "InputError",
    "NewsweaveError",
    "Settings",
    "StoreError",
    "__version__",
    "analyze",
]


def __getattr__(name: str) -> object:
    # analyze and Settings import the pipeline lazily so `import newsweave` stays cheap
    if name == "analyze":
        from newsweave.pipeline import analyze

        return analyze
    if name == "Settings":
        from newsweave.config import Settings

        return Settings
    raise AttributeError(name)
