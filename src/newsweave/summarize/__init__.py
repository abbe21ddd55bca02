"""A cited extractive summary of a story."""

from newsweave.summarize.cited import summarize

__all__ = ["summarize"]
