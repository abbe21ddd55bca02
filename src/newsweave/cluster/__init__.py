"""Story clustering, corpus tier: tokens and hashes, no per-token NLP model."""

from newsweave.cluster.stories import cluster_stories

__all__ = ["cluster_stories"]
