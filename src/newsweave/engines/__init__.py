"""Engines: where the corpus tier's pure functions run (this process and its pool, or Spark)."""
