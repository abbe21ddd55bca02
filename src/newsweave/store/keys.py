"""Cache keys for stage results: inputs + settings + code version, never "the file exists"."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

__all__ = ["stage_key"]


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
