"""Cross-article reconciliation: entity merge, quote variants, dating, findings, timeline."""
