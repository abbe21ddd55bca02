"""Quality gate: scores on real annotated data, pinned as floors.

Data is read from ``../shared/datasets`` beside the repository (override with
``NEWSWEAVE_DATASETS``). Where a dataset is absent the test is skipped with a
message naming the folder, so a user's machine without the data still passes.
Floors live in ``tests/eval/floors/<capability>.json``; a floor is never
lowered silently (change it in a commit that says why).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FLOORS = Path(__file__).resolve().parent / "floors"


def datasets_root() -> Path:
    return Path(os.environ.get("NEWSWEAVE_DATASETS", REPO.parent / "shared" / "datasets"))


@pytest.fixture(scope="session")
def datasets() -> Path:
    root = datasets_root()
    if not root.is_dir():
        pytest.skip(f"annotated datasets not found at {root} (set NEWSWEAVE_DATASETS)")
    return root


def require(path: Path) -> Path:
    """Skip the calling test with a clear message when ``path`` is absent."""
    if not path.exists():
        pytest.skip(f"dataset not found: {path}")
    return path


def load_floors(capability: str) -> dict[str, float]:
    return json.loads((FLOORS / f"{capability}.json").read_text(encoding="utf-8"))


def check_floors(capability: str, scores: dict[str, float]) -> None:
    """Fail when any score falls below its pinned floor; print all scores."""
    print(f"\n[{capability}] " + ", ".join(f"{k}={v:.3f}" for k, v in sorted(scores.items())))
    floors = load_floors(capability)
    missing = sorted(set(floors) - set(scores))
    assert not missing, f"scores missing for floors {missing}"
    below = {k: (scores[k], floors[k]) for k in floors if scores[k] + 1e-9 < floors[k]}
    assert not below, f"{capability} below its floors (score, floor): {below}"
