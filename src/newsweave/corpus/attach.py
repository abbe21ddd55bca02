"""Attaching a batch to a large stored corpus: new articles join the stories they belong
to, or start new ones, without clustering again what they touch.

:func:`newsweave.corpus.update.update_corpus` regroups exactly: it clusters again every
bounded part and story a batch reaches, and in a large store that is most of it (a new
report of a big wire story has hundreds of neighbours, and their parts hold thousands).
:func:`attach_corpus` keeps the stored stories as they are and decides only where the new
articles go, with the same pair model and the same average link:

1. duplicate clusters exactly as a batch finds them: a copy goes where its text is;
2. each new representative's candidates (its blocking words' lists) are scored; its own
   neighbourhood and each partner's (the partner's stored list and the new pair) are
   made again, and the kept pairs, neighbourhoods and strong links are written;
3. average link over units: each new representative alone, and each stored story that a
   new one is strongly linked to as one fixed unit. New articles merge with each other
   and with stories while the mean probability between two units is at least the cut,
   as in a batch; two stored stories never merge, and none is split. A story's mean is
   taken over up to :data:`STORY_SAMPLE` of its representatives, spread evenly by id.

What it leaves as it was (the bounded difference from one batch, measured in
``tests/eval/test_incremental.py`` and ``bench/firehose_bench.py``): the probabilities of
stored pairs whose neighbourhoods a new article changed, merges and splits among stored
stories, and pairs a partner's list no longer keeps (they stay listed, below its best).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsweave.cluster.duplicates import DuplicateCluster
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.linkage import (
    CUT,
    anchored_average_link,
    listed_probability,
    split_weak_pairs,
)
from newsweave.cluster.neighbours import (
    RANK_CAP,
    Candidates,
    Neighbourhood,
    kept,
    neighbourhood,
    score_pairs,
    subset,
)
from newsweave.cluster.pairs import pair_features, probabilities
from newsweave.cluster.parts import MAX_PART
from newsweave.cluster.stories import candidate_evidence
from newsweave.cluster.table import FeatureTable, concat_tables, feature_table
from newsweave.corpus.update import (
    CorpusUpdate,
    index_representatives,
    merge_rows,
    pairs_of,
    scored_rows,
    stored_table,
    update_duplicates,
)
from newsweave.distinct import distinct
from newsweave.store.corpus import CorpusTables

__all__ = ["STORY_SAMPLE", "attach_corpus"]

#: Representatives of a stored story a new article is compared with (spread evenly by id):
#: the mean of 48 probabilities is within about 0.07 of the story's whole mean.
STORY_SAMPLE = 48


@dataclass(frozen=True, slots=True, eq=False)
class _Scored:
    """The batch's new pairs and the lists around them, in one row space: the rows of
    ``table`` (new representatives and their partners) first, then articles only seen
    in the partners' stored lists."""

    table: FeatureTable
    ids: tuple[str, ...]
    candidates: Candidates
    around: Neighbourhood


def attach_corpus(
    tables: CorpusTables, new: Sequence[ArticleFeatures], version: str, cut: float = CUT
) -> CorpusUpdate:
    """Add ``new`` (features of articles not yet clustered) to the stored corpus, keeping
    its stories as they are (see the module's rule)."""
    clusters, before = update_duplicates(tables, new, version)
    after = {c.representative for c in clusters}
    retired = sorted(before - after)
    tables.forget_representatives(retired)
    story_of = tables.stories_of(before)
    heirs = _heirs(clusters, retired, story_of)
    added = _added_features(tables, new, sorted(after - before), version)
    index_representatives(tables, added)
    scored = _score(tables, added, pairs_of(tables, added), version)
    links = _write_lists(tables, scored, {f.article for f in added}, cut)
    touched = {story_of[c.representative] for c in clusters if c.representative in story_of}
    free = sorted({f.article for f in added} - set(heirs))
    groups = _place(tables, scored, links, free, heirs, touched | set(heirs.values()), version, cut)
    return CorpusUpdate(tuple(clusters), groups, tuple(retired))


def _heirs(
    clusters: Sequence[DuplicateCluster], retired: Sequence[str], story_of: Mapping[str, str]
) -> dict[str, str]:
    """New representatives that took over a stored one's cluster -> the story it was in."""
    gone = set(retired)
    return {
        c.representative: story_of[m.article]
        for c in clusters
        for m in c.members
        if m.article in gone and m.article in story_of
    }


def _added_features(
    tables: CorpusTables, new: Sequence[ArticleFeatures], added: Sequence[str], version: str
) -> list[ArticleFeatures]:
    by_id = {f.article: f for f in new}
    loaded = stored_table(tables, [a for a in added if a not in by_id], version)
    at = {a: k for k, a in enumerate(loaded.ids)}
    return [by_id[a] if a in by_id else loaded.row(at[a]) for a in added if a in by_id or a in at]


def _score(
    tables: CorpusTables,
    added: Sequence[ArticleFeatures],
    pairs: Sequence[tuple[str, str]],
    version: str,
) -> _Scored:
    """The new pairs' cosines, and every list they change: the new representatives' (all
    their pairs are new) and their partners' (stored pairs and the new ones)."""
    mine = {f.article for f in added}
    partners = sorted({b for _, b in pairs} - mine)
    stored = stored_table(tables, partners, version)
    table = concat_tables([feature_table(list(added)), stored]).by_id()
    known = set(table.ids)
    rows = tables.neighbour_rows([p for p in partners if p in known])
    others = sorted({x for r in rows for x in r[:2]} - known)
    ids = (*table.ids, *others)
    at = {article: k for k, article in enumerate(ids)}
    fresh = sorted({(min(at[a], at[b]), max(at[a], at[b])) for a, b in pairs if b in known})
    new_pairs = score_pairs(
        table,
        np.array([p[0] for p in fresh], dtype=np.int64),
        np.array([p[1] for p in fresh], dtype=np.int64),
    )
    candidates = merge_rows(rows, new_pairs, at)
    return _Scored(table, ids, candidates, neighbourhood(len(ids), candidates, ids))


def _write_lists(
    tables: CorpusTables, scored: _Scored, added: set[str], cut: float
) -> list[tuple[str, str, float]]:
    """Write the kept new pairs, the changed neighbourhoods and the new strong links;
    returns those links."""
    ids, c, around = scored.ids, scored.candidates, scored.around
    is_new = np.array([i in added for i in ids], dtype=bool)
    focus = (is_new[c.left] | is_new[c.right]) & kept(c, around)
    chosen = subset(c, focus)
    tables.save_neighbours(scored_rows(ids, chosen))
    tables.save_neighbourhoods(
        (ids[k], float(around.best[k]), float(around.background[k]))
        for k in range(len(scored.table))
    )
    evidence = candidate_evidence(scored.table, chosen, around.take(focus))
    p = probabilities(pair_features(evidence))
    strong = p >= cut
    links = [
        (ids[a], ids[b], round(float(q), 6))
        for a, b, q in zip(chosen.left[strong], chosen.right[strong], p[strong], strict=True)
    ]
    tables.add_links(links)
    return links


# ---------------------------------------------------------------------- placing


@dataclass(frozen=True, slots=True)
class _Part:
    """One component of the placing: representatives clustered one by one (new ones and
    those of small stories), and large stored stories kept whole (with their samples);
    ``pairs`` lists the loose pairs compared (every pair, up to :data:`MAX_PART` loose)."""

    loose: tuple[str, ...]
    held: tuple[str, ...]
    samples: Mapping[str, tuple[str, ...]]
    pairs: tuple[tuple[str, str], ...]


def _place(
    tables: CorpusTables,
    scored: _Scored,
    links: Sequence[tuple[str, str, float]],
    free: Sequence[str],
    heirs: Mapping[str, str],
    touched: set[str],
    version: str,
    cut: float,
) -> tuple[tuple[str, ...], ...]:
    """Groups of representatives: every stored story a new article joined or that changed,
    clustered again with the new ones when it is small, kept whole when it is large; and
    every new story."""
    linked = sorted({a for link in links for a in link[:2]} - set(free))
    anchors = {**tables.stories_of(linked), **heirs}
    stories = sorted({anchors[a] for a in linked if a in anchors} | touched)
    members = {s: set(m) for s, m in tables.story_representatives(stories).items()}
    for heir, story in heirs.items():
        members.setdefault(story, set()).add(heir)
    reps = {s: tuple(sorted(members.get(s, ()))) for s in stories}
    opened = [s for s in stories if len(reps[s]) <= OPEN_STORY]
    held = [s for s in stories if len(reps[s]) > OPEN_STORY]
    loose = sorted({*free, *(r for s in opened for r in reps[s])})
    parts = _parts(loose, held, reps, links, anchors, opened)
    lists = _lists(tables, scored, sorted(set(loose) - set(scored.ids[: len(scored.table)])))
    pairs = [pair for part in parts for pair in _pairs(part)]
    scorer = _PairScorer.of(tables, scored.table, lists, version)
    p = dict(zip(pairs, scorer.probabilities(pairs), strict=True))
    groups = [tuple(sorted(g)) for part in parts for g in _link_part(p, part, reps, cut)]
    return tuple(sorted(groups))


#: Stored stories of at most this many representatives that a new article reaches are
#: clustered again with it (they may split or merge, as in a batch); larger ones are kept
#: whole, so a batch's cost does not grow with the size of the stories it joins.
OPEN_STORY = 60


def _parts(
    loose: Sequence[str],
    held: Sequence[str],
    reps: Mapping[str, tuple[str, ...]],
    links: Sequence[tuple[str, str, float]],
    anchors: Mapping[str, str],
    opened: Sequence[str],
) -> list[_Part]:
    """The components of the strong links between units (a loose representative, a held
    story), each opened story's representatives kept together. A component of more than
    :data:`MAX_PART` loose representatives keeps its stories whole and compares only the
    linked pairs of its new ones, so a batch's cost stays bounded."""
    nodes = [*loose, *held]
    node = {name: k for k, name in enumerate(nodes)}

    def unit(article: str) -> int | None:
        return node[article] if article in node else node.get(anchors.get(article, ""))

    edges = [(unit(a), unit(b)) for a, b, _ in links]
    edges += [(node[a], node[b]) for s in opened for a, b in pairwise(reps[s])]
    kept_edges = [(x, y) for x, y in edges if x is not None and y is not None and x != y]
    story_of = {r: s for s in opened for r in reps[s]}
    out = []
    for component in _components(len(nodes), kept_edges):
        inside = [nodes[k] for k in component]
        free = [n for n in inside if n not in held]
        stories = [n for n in inside if n in held]
        pairs = _every_pair(free)
        if len(free) > MAX_PART:  # too many to compare all pairs: open nothing
            stories += sorted({story_of[n] for n in free if n in story_of})
            free = [n for n in free if n not in story_of]
            pairs = _linked_pairs(free, links)
        out.append(
            _Part(tuple(free), tuple(stories), {s: _sample(reps[s]) for s in stories}, pairs)
        )
    return out


def _every_pair(loose: Sequence[str]) -> tuple[tuple[str, str], ...]:
    first, second = np.triu_indices(len(loose), k=1)
    return tuple((loose[i], loose[j]) for i, j in zip(first.tolist(), second.tolist(), strict=True))


def _linked_pairs(
    loose: Sequence[str], links: Sequence[tuple[str, str, float]]
) -> tuple[tuple[str, str], ...]:
    at = {name: k for k, name in enumerate(loose)}
    found = {
        (a, b) if at[a] < at[b] else (b, a) for a, b, _ in links if a in at and b in at and a != b
    }
    return tuple(sorted(found, key=lambda pair: (at[pair[0]], at[pair[1]])))


def _pairs(part: _Part) -> list[tuple[str, str]]:
    """The pairs one part's average link reads: its loose pairs, and each loose
    representative with each held story's sample."""
    return [*part.pairs, *((a, m) for a in part.loose for s in part.held for m in part.samples[s])]


def _components(n: int, edges: Sequence[tuple[int | None, int | None]]) -> list[list[int]]:
    rows = np.array([x for x, _ in edges], dtype=np.int64)
    cols = np.array([y for _, y in edges], dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    found: dict[int, list[int]] = {}
    for k, label in enumerate(labels.tolist()):
        found.setdefault(label, []).append(k)
    return list(found.values())


def _link_part(
    p: Mapping[tuple[str, str], float],
    part: _Part,
    reps: Mapping[str, Sequence[str]],
    cut: float,
) -> list[list[str]]:
    """Average link over one part's units: its loose representatives one by one, its held
    stories as fixed units (never merged with each other). Groups of representatives."""
    loose, held = part.loose, part.held
    if not loose:
        return [list(reps[s]) for s in held]
    at = {name: k for k, name in enumerate(loose)}
    left = [at[a] for a, _ in part.pairs]
    right = [at[b] for _, b in part.pairs]
    sums = [p[pair] for pair in part.pairs]
    for k, s in enumerate(held):
        sample = part.samples[s]
        for i, a in enumerate(loose):
            left.append(i)
            right.append(len(loose) + k)
            sums.append(sum(p[(a, m)] for m in sample) / max(1, len(sample)) * len(reps[s]))
    labels = anchored_average_link(
        np.array([1] * len(loose) + [max(1, len(reps[s])) for s in held], dtype=np.int64),
        np.array([False] * len(loose) + [True] * len(held)),
        np.array(left, dtype=np.int64),
        np.array(right, dtype=np.int64),
        np.array(sums, dtype=np.float64),
        cut,
    )
    out: dict[int, list[str]] = {}
    for label, name in zip(labels.tolist(), [*loose, *held], strict=True):
        out.setdefault(label, []).extend([name] if name in loose else reps[name])
    return _corroborated(list(out.values()), p, set(loose))


def _corroborated(
    groups: list[list[str]], p: Mapping[tuple[str, str], float], loose: set[str]
) -> list[list[str]]:
    """Each group of two texts a new one makes kept only where their pair reaches
    :data:`~newsweave.cluster.linkage.PAIR_CUT`, as in a batch; a stored story (no new
    text) is left whole."""
    probability = [
        listed_probability(p, a, b) if {a, b} & loose else 1.0
        for a, b in (g for g in groups if len(g) == 2)
    ]
    return split_weak_pairs(groups, np.array(probability, dtype=np.float64))


def _sample(members: Sequence[str]) -> tuple[str, ...]:
    """Up to :data:`STORY_SAMPLE` members, spread evenly over their order."""
    if len(members) <= STORY_SAMPLE:
        return tuple(members)
    picks = distinct(np.linspace(0, len(members) - 1, STORY_SAMPLE).round().astype(np.int64))
    return tuple(members[k] for k in picks.tolist())


@dataclass(frozen=True, slots=True, eq=False)
class _Lists:
    """Neighbour lists made whole for the articles the placing compares: the new lists
    (new representatives and their partners) and the stored lists of the opened stories'
    representatives, in one row space; ``whole`` are those whose lists are complete."""

    ids: tuple[str, ...]
    candidates: Candidates
    around: Neighbourhood
    whole: frozenset[str]


def _lists(tables: CorpusTables, scored: _Scored, more: Sequence[str]) -> _Lists:
    """:class:`_Scored`'s lists, and the stored lists of ``more`` articles added to them."""
    rows = tables.neighbour_rows(more) if more else []
    known = set(scored.ids)
    extra = sorted({x for r in rows for x in r[:2]} - known)
    ids = (*scored.ids, *extra)
    at = {article: k for k, article in enumerate(ids)}
    candidates = merge_rows(rows, scored.candidates, at)
    around = neighbourhood(len(ids), candidates, ids)
    whole = frozenset((*scored.ids[: len(scored.table)], *more))
    return _Lists(ids, candidates, around, whole)


@dataclass(frozen=True, slots=True, eq=False)
class _PairScorer:
    """P(same story) of any pair of articles the placing needs: features of the scored
    articles as they are, others read from the store; neighbourhoods from the lists made
    whole, else as stored; ranks where a pair is a listed candidate."""

    tables: CorpusTables
    scored: FeatureTable
    lists: _Lists
    version: str
    #: (a, b), a < b -> (rank of b in a's list, rank of a in b's list), for listed pairs
    ranks: Mapping[tuple[str, str], tuple[int, int]]

    @classmethod
    def of(
        cls, tables: CorpusTables, scored: FeatureTable, lists: _Lists, version: str
    ) -> _PairScorer:
        c, around, ids = lists.candidates, lists.around, lists.ids
        ranks = {
            (ids[a], ids[b]): (x, y)
            for a, b, x, y in zip(
                c.left.tolist(),
                c.right.tolist(),
                around.rank_left.tolist(),
                around.rank_right.tolist(),
                strict=True,
            )
        }
        return cls(tables, scored, lists, version, ranks)

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """P(same story) of each pair (0 for a pair with an article no longer stored)."""
        table, stats = self._rows({x for pair in pairs for x in pair})
        at = {article: k for k, article in enumerate(table.ids)}
        there = [a in at and b in at for a, b in pairs]
        ordered = [(min(a, b), max(a, b)) for (a, b), ok in zip(pairs, there, strict=True) if ok]
        if not ordered:
            return [0.0] * len(pairs)
        c = score_pairs(
            table,
            np.array([at[a] for a, _ in ordered], dtype=np.int64),
            np.array([at[b] for _, b in ordered], dtype=np.int64),
        )
        ranks = [self.ranks.get(pair, (RANK_CAP, RANK_CAP)) for pair in ordered]
        around = Neighbourhood(
            stats[:, 0],
            stats[:, 1],
            np.array([r[0] for r in ranks], dtype=np.int64),
            np.array([r[1] for r in ranks], dtype=np.int64),
        )
        found = iter(probabilities(pair_features(candidate_evidence(table, c, around))).tolist())
        return [next(found) if ok else 0.0 for ok in there]

    def _rows(self, articles: set[str]) -> tuple[FeatureTable, np.ndarray]:
        mine = set(self.scored.ids)
        extra = stored_table(self.tables, sorted(articles - mine), self.version)
        keep = np.array([k for k, a in enumerate(self.scored.ids) if a in articles], np.int64)
        table = concat_tables([self.scored.take(keep), extra]).by_id()
        lists = self.lists
        row = {a: k for k, a in enumerate(lists.ids)}
        stored = self.tables.neighbourhoods(a for a in table.ids if a not in lists.whole)
        stats = np.array(
            [
                (lists.around.best[row[a]], lists.around.background[row[a]])
                if a in lists.whole
                else stored.get(a, (0.0, 0.0))
                for a in table.ids
            ],
            dtype=np.float64,
        ).reshape(-1, 2)
        return table, stats
