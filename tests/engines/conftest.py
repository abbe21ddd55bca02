from tests.eval.gate import datasets  # noqa: F401  (fixture)
