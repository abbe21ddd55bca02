import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.neighbours import Candidates
from newsweave.corpus.update import merge_rows

IDS = [f"a{k}" for k in range(6)]
AT = {a: k for k, a in enumerate(IDS)}
_COSINE = st.floats(0, 1)


def _tuples(c: Candidates) -> list[tuple]:
    columns = (c.left, c.right, c.text, c.lead, c.names)
    return list(zip(*(column.tolist() for column in columns), strict=True))


def _defined(rows, scored):
    """The merge as defined: every stored pair by its sorted rows, then the scored ones over
    them, in pair order."""
    by_pair = {}
    for a, b, *cosines in rows:
        by_pair[tuple(sorted((AT[a], AT[b])))] = tuple(cosines)
    for i, j, *cosines in _tuples(scored):
        by_pair[(i, j)] = tuple(cosines)
    return sorted((*pair, *cosines) for pair, cosines in by_pair.items())


_PAIRS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda p: p[0] != p[1]))


@settings(max_examples=200, deadline=None)
@given(
    stored=_PAIRS.flatmap(
        lambda ps: st.tuples(
            st.just(ps), st.lists(_COSINE, min_size=3 * len(ps), max_size=3 * len(ps))
        )
    ),
    fresh=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda p: p[0] < p[1]), unique=True
    ),
)
def test_new_cosines_replace_stored_ones_and_pairs_come_sorted(stored, fresh):
    pairs, cosines = stored
    rows = [(IDS[a], IDS[b], *cosines[3 * k : 3 * k + 3]) for k, (a, b) in enumerate(pairs)]
    rng = np.random.default_rng(len(fresh))
    scored = Candidates(
        np.array([p[0] for p in fresh], dtype=np.int64),
        np.array([p[1] for p in fresh], dtype=np.int64),
        rng.random(len(fresh)),
        rng.random(len(fresh)),
        rng.random(len(fresh)),
    )
    merged = merge_rows(rows, scored, AT)
    assert _tuples(merged) == _defined(rows, scored)
    assert merged.left.dtype == np.int64 and merged.text.dtype == np.float64
