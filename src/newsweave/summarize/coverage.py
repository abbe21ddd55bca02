"""Which sentences a summary takes: the most of what the articles agree on, within the budget.

Gillick and Favre's concept model as an integer program, solved by HiGHS (through
:func:`scipy.optimize.milp`) to optimality within its default 0.01% gap, or to the best
selection found within :data:`NODE_LIMIT` nodes, with each sentence's salience added to the
objective:

    maximise   sum_c weight[c] * covered[c]  +  SALIENCE * sum_s score[s] * words[s] * taken[s]
    such that  sum_s words[s] * taken[s] <= budget
               covered[c] <= sum of taken[s] over the sentences s that state c
               sum of taken[s] over a group of sentences that all repeat each other <= 1

A concept is a pair of adjacent stemmed words (:func:`newsweave.summarize.sentences.concepts`)
stated by :data:`CONCEPT_ARTICLES` or more articles; it weighs the articles that state it
plus those that state it in their first :data:`LEAD_SENTENCES` sentences (what the articles
lead with). A concept counts once however many chosen sentences state it, so the program
values new information and no repetition; the salience term breaks ties between sentences
of equal coverage and fills the budget when the agreed concepts run out (a story of two
articles shares few). Only the :data:`CANDIDATES` best-scored sentences enter the program,
and no copy of a better-scored one (a reprint's sentence), which keeps it small at any story
size and full of distinct content however many reprints a story holds.

The constants were chosen on the dev half of the Multi-News sample (``bench/summary_bench.py``,
even clusters); see bench/README.md for the grid.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from newsweave.native_output import discarded
from newsweave.summarize.sentences import Sentence, concepts, cosine

__all__ = [
    "CANDIDATES",
    "CONCEPT_ARTICLES",
    "LEAD_SENTENCES",
    "REDUNDANCY_SIMILARITY",
    "SALIENCE",
    "choose",
    "concept_weights",
    "repeat_cliques",
]

#: The best-scored sentences that enter the program.
CANDIDATES = 80
#: A concept counts once this many articles state it.
CONCEPT_ARTICLES = 2
#: Opening sentences of an article that count as its lead, where a concept weighs double.
LEAD_SENTENCES = 5
#: Weight of salience (score times words) against concept coverage in the objective.
SALIENCE = 4.0
#: Two sentences more similar than this repeat each other; at most one is taken.
REDUNDANCY_SIMILARITY = 0.5
#: A sentence this similar to a better-scored one in the pool copies it and stays out.
COPY_SIMILARITY = 0.9
#: Branch-and-bound nodes the solver may visit before it answers with the best selection it
#: has found (a limit in nodes gives the same answer on every machine). The Multi-News
#: sample's programs need 1 node (median), 11 (95th percentile), 28 at most; a program dense
#: in sentences that repeat each other without being copies may need hundreds.
NODE_LIMIT = 64
#: Seconds, a last guard should a node ever take long; no program measured comes near it.
TIME_LIMIT = 10.0


def choose(sentences: Sequence[Sentence], scores: Sequence[float], words: int) -> list[int]:
    """Positions of the sentences taken, best-scored first; a sentence scored 0 or less is
    never taken. When no sentence fits the budget, the best-scored one is taken alone.

    Example: of a sentence two articles state and a higher-scored one only its own article
    states, the first is taken when the budget holds one.
    """
    ranked = sorted((p for p, s in enumerate(scores) if s > 0), key=lambda p: (-scores[p], p))
    candidates = _pool(sentences, ranked)
    fitting = [p for p in candidates if sentences[p].words <= words]
    if not fitting:
        return candidates[:1]
    stated = [concepts(s.text) for s in sentences]
    weight = concept_weights(sentences, stated)
    taken = _solve(
        [sentences[p] for p in fitting],
        [scores[p] for p in fitting],
        [stated[p] for p in fitting],
        weight,
        words,
    )
    return sorted((fitting[k] for k in taken), key=lambda p: (-scores[p], p))


def _pool(sentences: Sequence[Sentence], ranked: Sequence[int]) -> list[int]:
    """The first :data:`CANDIDATES` of ``ranked`` that copy none before them (cosine above
    :data:`COPY_SIMILARITY`): a story of forty reprints would otherwise fill the program with
    forty copies of two sentences, of which the no-repeat rows let one be taken."""
    pooled: list[int] = []
    for p in ranked:
        vector = sentences[p].vector
        if all(cosine(vector, sentences[k].vector) <= COPY_SIMILARITY for k in pooled):
            pooled.append(p)
            if len(pooled) == CANDIDATES:
                break
    return pooled


def concept_weights(
    sentences: Sequence[Sentence], stated: Sequence[set[tuple[str, str]]]
) -> dict[tuple[str, str], int]:
    """Per concept stated by :data:`CONCEPT_ARTICLES` or more articles: the articles that
    state it plus those that state it in their lead."""
    articles: dict[tuple[str, str], set[str]] = {}
    leading: dict[tuple[str, str], set[str]] = {}
    for sentence, found in zip(sentences, stated, strict=True):
        for concept in found:
            articles.setdefault(concept, set()).add(sentence.article)
            if sentence.index < LEAD_SENTENCES:
                leading.setdefault(concept, set()).add(sentence.article)
    return {
        c: len(a) + len(leading.get(c, ()))
        for c, a in articles.items()
        if len(a) >= CONCEPT_ARTICLES
    }


def _solve(
    sentences: Sequence[Sentence],
    scores: Sequence[float],
    stated: Sequence[set[tuple[str, str]]],
    weight: dict[tuple[str, str], int],
    words: int,
) -> list[int]:
    """The program of the module's docstring over these sentences; positions taken."""
    n = len(sentences)
    present = sorted({c for found in stated for c in found if c in weight})
    column = {c: n + k for k, c in enumerate(present)}
    size = n + len(present)
    lengths = np.array([s.words for s in sentences], dtype=np.float64)
    objective = np.concatenate(
        [
            -SALIENCE * np.array(scores, dtype=np.float64) * lengths,
            -np.array([weight[c] for c in present], dtype=np.float64),
        ]
    )
    rows, cols, values = [0] * n, list(range(n)), lengths.tolist()
    for k, found in enumerate(stated):  # covered[c] - sum of taken[s] stating c <= 0
        for c in found:
            if c in column:
                rows.append(1 + column[c] - n)
                cols.append(k)
                values.append(-1.0)
    for j in column.values():
        rows.append(1 + j - n)
        cols.append(j)
        values.append(1.0)
    repeats: list[set[int]] = [set() for _ in range(n)]
    for a in range(n):  # each pair once: the cosine is the same both ways round
        for b in range(a + 1, n):
            if cosine(sentences[a].vector, sentences[b].vector) > REDUNDANCY_SIMILARITY:
                repeats[a].add(b)
                repeats[b].add(a)
    cliques = repeat_cliques(repeats)
    base = 1 + len(present)
    for r, clique in enumerate(cliques):
        rows += [base + r] * len(clique)
        cols += clique
        values += [1.0] * len(clique)
    matrix = coo_matrix((values, (rows, cols)), shape=(base + len(cliques), size)).tocsr()
    upper = np.concatenate([[float(words)], np.zeros(len(present)), np.ones(len(cliques))])
    # HiGHS prints some diagnostics to the process's standard output whatever its options
    # say (ERGO-Code/HiGHS#2783), and the standard output may be carrying a JSON dossier
    with discarded(1):
        result = milp(
            objective,
            constraints=LinearConstraint(matrix, -np.inf, upper),
            integrality=np.concatenate([np.ones(n), np.zeros(len(present))]),
            bounds=Bounds(0.0, 1.0),
            # the programs are small enough without presolve (and the answer is the same)
            options={"node_limit": NODE_LIMIT, "time_limit": TIME_LIMIT, "presolve": False},
        )
    if result.x is None:  # nothing feasible found within the limits: the best-scored alone
        return [0]
    return [k for k in range(n) if result.x[k] > 0.5]


def repeat_cliques(repeats: Sequence[set[int]]) -> list[list[int]]:
    """Groups of sentences that all repeat each other, together holding every repeating pair
    (``repeats[a]``: the sentences ``a`` repeats). "At most one of the group" says what the
    pairs say, in one row, and far more tightly: the solver's relaxation can no longer take
    half of each of forty sentences that repeat each other.

    Example: ``repeat_cliques([{1, 2}, {0, 2}, {0, 1}])`` is ``[[0, 1, 2]]``.
    """
    uncovered = [set(r) for r in repeats]
    cliques = []
    for a in range(len(repeats)):
        while uncovered[a]:
            clique = [a, min(uncovered[a])]
            for c in sorted(repeats[a]):
                if c not in clique and all(c in repeats[m] for m in clique):
                    clique.append(c)
            for m in clique:
                uncovered[m] -= set(clique)
            cliques.append(sorted(clique))
    return cliques
