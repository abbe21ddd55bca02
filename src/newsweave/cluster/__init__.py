"""Story clustering, corpus tier: tokens and hashes, no per-token NLP model.

``cluster_stories`` is loaded when first asked for, so a module of this package that needs
none of the compiled kernels (``datelines``, read when a date is written out) imports light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.cluster.stories import cluster_stories

__all__ = ["cluster_stories"]


def __getattr__(name: str) -> Any:
    if name == "cluster_stories":
        from newsweave.cluster.stories import cluster_stories

        return cluster_stories
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
