"""Per-article extraction: entities, quotes, temporal expressions, claims."""
