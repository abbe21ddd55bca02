"""Who copied whom, and the independent groups of a story.

Two articles are linked when enough of one is taken from the other (a few
shared sentences are not a copy: outlets reporting the same event repeat
facts). Linked articles, and articles printing one shared text that is not in
the corpus (wire copy), form one lineage group; support is counted over groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from newsweave.align.coverage import share
from newsweave.align.direction import decide_direction
from newsweave.model import Article, Derivation, Lineage, Publication, ReusePassage

__all__ = [
    "LINK_SHARE",
    "build_lineage",
    "explained_away",
    "group_counter",
    "join",
    "orient_by_windows",
    "orient_passages",
]

#: Fraction of the copying article's text that must come from the other for the two to be one
#: lineage. Rewrites and reprints take 40-100%; independent reports of one event share a few
#: sentences (under 10% in the example corpus and in same-topic ECB+ pairs). 0.2 sits between.
LINK_SHARE = 0.2


def build_lineage(articles: Sequence[Article], passages: Sequence[ReusePassage]) -> Lineage:
    """Derivations (with basis and share) and independent groups among ``articles``.

    Example: a blog rewriting a news piece gives ``Derivation(blog, piece, 0.8, "containment: ...")``
    and one group holding both.
    """
    by_id = {a.id: a for a in articles}
    parent = {a.id: a.id for a in articles}
    derivations = []
    undirected: list[tuple[str, str, float, float]] = []
    for (left, right), pair in sorted(_pairs(passages, by_id).items()):
        a, b = by_id[left], by_id[right]
        share_a = share(
            [p.source_span if p.source == a.id else p.target_span for p in pair], a.text
        )
        share_b = share(
            [p.source_span if p.source == b.id else p.target_span for p in pair], b.text
        )
        if max(share_a, share_b) < LINK_SHARE:
            continue
        join(parent, a.id, b.id)
        direction = decide_direction(a, b, share_a, share_b)
        if direction.known:
            taken = share_b if direction.target == b.id else share_a
            derivations.append(
                Derivation(direction.target, direction.source, round(taken, 4), direction.basis)
            )
        else:
            undirected.append((a.id, b.id, round(share_a, 4), round(share_b, 4)))
    return Lineage(
        explained_away(derivations, undirected), _groups(articles, parent), tuple(undirected)
    )


def explained_away(
    derivations: Sequence[Derivation], shared: Sequence[tuple[str, str, float, float]] = ()
) -> tuple[Derivation, ...]:
    """The derivations less those a third article explains: when ``y`` takes from both ``p``
    and ``q`` and ``q`` took from ``p``, ``y`` took its text either from ``p`` directly (two
    copies of one wire text that also match each other: ``q -> y`` goes) or through ``q``
    (a reprint of an edited copy: ``p -> y`` goes, kept only when ``y`` holds more of
    ``q`` than of ``p``); such an article keeps a source. And when ``y`` takes from ``q``
    but shares a text of no known direction (``shared``, as :class:`Lineage` has them)
    with some ``p`` linked to ``q``, and holds at least as much of ``p``, ``q -> y`` goes:
    two rewrites of an undated original, the later said to take from the earlier. The
    groups do not change; the order is kept.

    Example: a wire text w and its copies a and b, b also found in a, keep ``w -> a`` and
    ``w -> b``, not ``a -> b``.
    """
    sources: dict[str, dict[str, float]] = {}
    for d in derivations:
        sources.setdefault(d.article, {})[d.derived_from] = d.share
    dropped: set[tuple[str, str]] = set()
    for y, taken in sources.items():
        for q, share_q in taken.items():
            for p in sources.get(q, {}):
                if p in taken and p != y:
                    dropped.add((y, q) if taken[p] >= share_q else (y, p))
    if shared:
        held: dict[str, dict[str, float]] = {}
        linked: dict[str, set[str]] = {}
        for a, b, share_a, share_b in shared:
            held.setdefault(a, {})[b] = share_a
            held.setdefault(b, {})[a] = share_b
        for d in derivations:
            linked.setdefault(d.article, set()).add(d.derived_from)
            linked.setdefault(d.derived_from, set()).add(d.article)
        for a, b, _, _ in shared:
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)
        for y, taken in sources.items():
            for q, share_q in taken.items():
                if any(
                    p != q and share_p >= share_q and p in linked.get(q, ())
                    for p, share_p in held.get(y, {}).items()
                ):
                    dropped.add((y, q))
    return tuple(d for d in derivations if (d.article, d.derived_from) not in dropped)


def group_counter(lineage: Lineage) -> Callable[[Iterable[str]], int]:
    """``lineage.count_groups`` through a map built once: one look-up per article, not a scan
    of every group (a story of hundreds of articles counts support for every sentence).

    Example: ``group_counter(lineage)(["a", "b"])`` is 1 when a and b are one lineage group.
    Raises KeyError, as ``count_groups`` does, for an article outside the lineage.
    """
    index = {a: i for i, group in reversed(list(enumerate(lineage.groups))) for a in group}
    return lambda article_ids: len({index[a] for a in article_ids})


def orient_by_windows(lineage: Lineage, publications: Sequence[Publication]) -> Lineage:
    """Give a direction to shared-text pairs whose publication windows do not overlap.

    The windows come from each article's own dates and its dated siblings in the story
    (:mod:`newsweave.reconcile.dating`); the earlier article is the source.
    """
    windows = {p.article: (p.earliest, p.latest) for p in publications if p.earliest and p.latest}
    derivations, still = list(lineage.derivations), []
    for a, b, share_a, share_b in lineage.undirected:
        order = _earlier(windows.get(a), windows.get(b))
        if order is None:
            still.append((a, b, share_a, share_b))
            continue
        source, target, taken = (a, b, share_b) if order == 0 else (b, a, share_a)
        basis = (
            f"published earlier: {source} by {windows[source][1]}, {target} from "
            f"{windows[target][0]} (publication windows inferred from the articles' dates and "
            "their dated siblings)"
        )
        derivations.append(Derivation(target, source, taken, basis))
    return replace(lineage, derivations=explained_away(derivations, still), undirected=tuple(still))


def orient_passages(passages: Sequence[ReusePassage], lineage: Lineage) -> tuple[ReusePassage, ...]:
    """The story's passages with ``directed`` set from its lineage: only a derivation has a
    direction, so a passage is directed (source first) exactly when a derivation links its two
    articles; every other passage (between lineage groups, or a shared text neither side is
    known to have copied) is undirected, its pair ordered by id.

    Example: a passage between two independent reports of one tweet gets ``directed=False``.
    """
    parent_of = {(d.article, d.derived_from) for d in lineage.derivations}
    oriented = []
    for passage in passages:
        forward = (passage.target, passage.source) in parent_of
        backward = (passage.source, passage.target) in parent_of
        if forward or backward:
            oriented.append(_directed(passage, flip=backward and not forward))
        else:
            oriented.append(_undirected(passage))
    return tuple(oriented)


def _directed(passage: ReusePassage, flip: bool) -> ReusePassage:
    if not flip:
        return replace(passage, directed=True)
    return replace(
        passage,
        source=passage.target,
        target=passage.source,
        source_span=passage.target_span,
        target_span=passage.source_span,
        directed=True,
    )


def _undirected(passage: ReusePassage) -> ReusePassage:
    if passage.source <= passage.target:
        return replace(passage, directed=False)
    return replace(_directed(passage, flip=True), directed=False)


def _earlier(a: tuple[str, str] | None, b: tuple[str, str] | None) -> int | None:
    """0 when window a ends before window b starts, 1 for the reverse, None otherwise."""
    if a is None or b is None:
        return None
    if a[1] < b[0]:
        return 0
    if b[1] < a[0]:
        return 1
    return None


def _pairs(
    passages: Sequence[ReusePassage], by_id: dict[str, Article]
) -> dict[tuple[str, str], list[ReusePassage]]:
    pairs: dict[tuple[str, str], list[ReusePassage]] = {}
    for passage in passages:
        if passage.source in by_id and passage.target in by_id:
            key = tuple(sorted((passage.source, passage.target)))
            pairs.setdefault(key, []).append(passage)  # type: ignore[arg-type]
    return pairs


def _find(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def join(parent: dict[str, str], a: str, b: str) -> bool:
    """Put ``a`` and ``b`` in one group of the union-find ``parent`` (an item not in it yet
    is a group of its own); True when they were apart.

    Example: ``join(parent, "a", "b")`` is True, and again False.
    """
    parent.setdefault(a, a)
    parent.setdefault(b, b)
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a == root_b:
        return False
    parent[max(root_a, root_b)] = min(root_a, root_b)
    return True


def _groups(articles: Sequence[Article], parent: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """Groups in the order of their first article; members in article order."""
    groups: dict[str, list[str]] = {}
    for article in articles:
        groups.setdefault(_find(parent, article.id), []).append(article.id)
    return tuple(tuple(members) for members in groups.values())
