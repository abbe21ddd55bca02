"""Lineage scores on planted copies: are copies put with what they copy, and only there?

The gold is the firehose corpus's (bench/firehose_corpus.py): every reprint, wire edit and
rewrite names the article it was made from (``source``), so each article has a **root**,
the original its chain of copies starts from. Real documents that are near copies of one
another (``real_copy``) share their duplicate cluster as root. Follow-ups repeat one or two
paragraphs of their story's seed: whether that makes them one lineage is a matter of
degree, so they and their copies stay in the stories but are not scored. Real reports
(ECB+, Multi-News) count as independent roots unless they are near copies, yet some
print one wire text with heavier edits: joining them is right by the lineage's own rule
(a fifth of one taken from the other), so precision here is a lower bound.

Scores, within each gold story (so story clustering errors do not count here):

* B-cubed precision and recall of the predicted lineage groups against the roots;
* per kind of copy, the share put in the same group as its source;
* independent sources: stories whose count of groups equals their count of roots;
* who copied whom: of the derivations that involve a planted copy, the share whose source
  is an ancestor of the copy in the gold (not a sibling made from the same original, nor
  a descendant); and the share of planted copies given a derivation from their own
  source (a reprint's date often cannot tell it from its source: a shared text, no arrow).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["COPY_KINDS", "LineageCounts", "gold_roots", "scored_articles"]

#: Kinds of planted copies, each made from its ``source``.
COPY_KINDS = ("reprint", "wire_edit", "rewrite")
#: Kinds whose lineage the gold leaves open.
UNSCORED_KINDS = ("followup",)


def gold_roots(gold: Iterable[Mapping[str, str | None]]) -> dict[str, str]:
    """Each article's root: follow ``source`` back to an article that copies nothing."""
    rows = {str(g["id"]): g for g in gold}

    def base(article: str) -> str:
        row = rows[article]
        return f"dup:{row['dup']}" if row["kind"] == "real_copy" else article

    roots: dict[str, str] = {}
    for article in rows:
        chain, at = [], article
        while rows[at].get("source") and at not in roots:
            chain.append(at)
            at = str(rows[at]["source"])
        root = roots.get(at, base(at))
        for member in [*chain, at]:
            roots[member] = root
    return roots


def scored_articles(gold: Iterable[Mapping[str, str | None]]) -> set[str]:
    """The articles scored: all but those whose root the gold leaves open (follow-ups, and
    copies made of them)."""
    rows = list(gold)
    kinds = {str(g["id"]): g["kind"] for g in rows}
    roots = gold_roots(rows)
    return {a for a, root in roots.items() if kinds.get(root, "real_copy") not in UNSCORED_KINDS}


@dataclass
class LineageCounts:
    """Running totals over stories."""

    precision: float = 0.0
    recall: float = 0.0
    articles: int = 0
    stories: int = 0
    counted_right: int = 0
    predicted_sources: int = 0
    gold_sources: int = 0
    joined: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    derivations_right: int = 0
    derivations_judged: int = 0
    copies_sourced: int = 0
    copies: int = 0

    def add_derivations(
        self,
        derivations: Iterable[tuple[str, str]],
        articles: Iterable[str],
        scored: set[str],
        gold: Mapping[str, Mapping[str, str | None]],
    ) -> None:
        """One story's derivations, as ``(article, derived_from)`` pairs."""
        pairs = set(derivations)
        for article, source in pairs:
            if {article, source} <= scored and any(
                gold[a]["kind"] in COPY_KINDS for a in (article, source)
            ):
                self.derivations_judged += 1
                self.derivations_right += source in _ancestors(article, gold)
        for article in articles:
            source = gold[article].get("source")
            if article in scored and gold[article]["kind"] in COPY_KINDS and source:
                self.copies += 1
                self.copies_sourced += (article, source) in pairs

    def add_story(
        self,
        groups: Sequence[Sequence[str]],
        roots: Mapping[str, str],
        scored: set[str],
        gold: Mapping[str, Mapping[str, str | None]],
    ) -> None:
        """One story's predicted lineage groups (every article of the story in one)."""
        group_of = {a: k for k, g in enumerate(groups) for a in g}
        members = [a for a in group_of if a in scored]
        if len(members) < 2:
            return
        by_group: dict[int, set[str]] = defaultdict(set)
        by_root: dict[str, set[str]] = defaultdict(set)
        for a in members:
            by_group[group_of[a]].add(a)
            by_root[roots[a]].add(a)
        for a in members:
            same = by_group[group_of[a]] & by_root[roots[a]]
            self.precision += len(same) / len(by_group[group_of[a]])
            self.recall += len(same) / len(by_root[roots[a]])
        self.articles += len(members)
        self.stories += 1
        self.counted_right += len(by_group) == len(by_root)
        self.predicted_sources += len(by_group)
        self.gold_sources += len(by_root)
        for a in members:
            kind, source = gold[a]["kind"], gold[a].get("source")
            if kind in COPY_KINDS and source in group_of:
                self.joined[str(kind)][0] += group_of[a] == group_of[str(source)]
                self.joined[str(kind)][1] += 1

    def scores(self) -> dict[str, float]:
        p = self.precision / self.articles if self.articles else 1.0
        r = self.recall / self.articles if self.articles else 1.0
        out = {
            "b3_precision": p,
            "b3_recall": r,
            "b3_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "sources_counted_right": self.counted_right / self.stories if self.stories else 1.0,
            "sources_predicted_per_gold": (
                self.predicted_sources / self.gold_sources if self.gold_sources else 1.0
            ),
        }
        for kind in COPY_KINDS:
            done, total = self.joined.get(kind, [0, 0])
            out[f"joined_{kind}"] = done / total if total else 1.0
        if self.derivations_judged:
            out["derivation_precision"] = self.derivations_right / self.derivations_judged
        if self.copies:
            out["copies_with_their_source"] = self.copies_sourced / self.copies
        return out


def _ancestors(article: str, gold: Mapping[str, Mapping[str, str | None]]) -> set[str]:
    found: set[str] = set()
    at = gold[article].get("source")
    while at and at not in found:
        found.add(str(at))
        at = gold[str(at)].get("source")
    return found
