"""Cache keys for stage results: inputs + settings + code version, never "the file exists"."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = ["code_version", "stage_key"]

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_version() -> str:
    """The release number and a digest of the package's own source.

    An editable install or a patched copy keeps its release number while its code changes;
    the digest makes a cached result from other code a miss instead of a stale answer.
    """
    from newsweave import __version__

    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def stage_key(stage: str, inputs: Iterable[str], settings: str, version: str) -> str:
    """A stable key for one stage's result.

    Args:
        stage: the stage name, e.g. ``"reuse"``.
        inputs: content hashes (or other stable strings) of everything the stage reads.
        settings: the settings fingerprint of the stage.
        version: the code version; a new release invalidates old results.

    Example: ``stage_key("cluster", ["ab12", "cd34"], "threshold=0.3", "0.1.0")``
    """
    digest = hashlib.sha256()
    for part in (stage, settings, version, *inputs):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return f"{stage}:{digest.hexdigest()[:32]}"
