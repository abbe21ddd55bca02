"""Story ids that last: the rule for growth, merges and splits.

A stored story keeps its id while it grows. When a batch regroups articles:

* each new group takes the id of the previous story it shares the most articles with
  (ties: the older story, then the smaller id), each previous id going to one group
  only, the largest overlaps first;
* a previous story whose id no group took has been **merged into** the group holding
  most of its articles (or has **ended** if none of its articles is left);
* a group with no id of its own gets a new one, **split from** the previous story most
  of its articles came from, if any; otherwise it is **created**.

New ids are digests of the group's sorted article ids, so the same batch gives the
same ids in every engine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.cluster.stories import story_id

__all__ = ["Assignment", "Retirement", "assign_ids"]


@dataclass(frozen=True, slots=True)
class Assignment:
    """A group's id and how it relates to the stories before."""

    id: str
    articles: tuple[str, ...]
    #: "created", "kept" (same id; it may have grown or shrunk) or "split_from"
    event: str
    #: the previous story a split came from
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Retirement:
    """A previous story id that no group carries on."""

    id: str
    #: "merged_into" (``into`` holds most of its articles) or "ended"
    event: str
    into: str | None = None


def assign_ids(
    groups: Sequence[Sequence[str]],
    previous: Mapping[str, str],
    created: Mapping[str, str],
    is_taken: Callable[[str], bool] = lambda _: False,
) -> tuple[list[Assignment], list[Retirement]]:
    """Ids for ``groups`` (article ids) given each article's previous story.

    Args:
        groups: the new grouping of every article whose story may change.
        previous: article id -> story id before this batch (absent for new articles).
        created: story id -> when it was created (ISO text; older sorts first).
        is_taken: whether an id is already used by a story outside these groups.

    Example: ``assign_ids([["a", "b", "c"]], {"a": "s1", "b": "s1"}, {"s1": "2019"})``
    keeps ``s1`` for the grown group.
    """
    overlaps = [Counter(previous[a] for a in g if a in previous) for g in groups]
    ranked = sorted(
        (
            (-count, created.get(old, ""), old, index)
            for index, c in enumerate(overlaps)
            for old, count in c.items()
        ),
    )
    owner: dict[int, str] = {}
    used: set[str] = set()
    for _, _, old, index in ranked:
        if index not in owner and old not in used:
            owner[index] = old
            used.add(old)
    assignments = []
    for index, group in enumerate(groups):
        articles = tuple(sorted(group))
        if index in owner:
            assignments.append(Assignment(owner[index], articles, "kept"))
            continue
        origin = _main_origin(overlaps[index], created)
        assignments.append(
            Assignment(
                _fresh_id(articles, is_taken, used),
                articles,
                "split_from" if origin else "created",
                origin,
            )
        )
    return assignments, _retirements(previous, used, groups, assignments)


def _main_origin(overlap: Counter[str], created: Mapping[str, str]) -> str | None:
    if not overlap:
        return None
    return min(overlap, key=lambda s: (-overlap[s], created.get(s, ""), s))


def _fresh_id(articles: Sequence[str], is_taken: Callable[[str], bool], used: set[str]) -> str:
    candidate, salt = story_id(articles), 0
    while candidate in used or is_taken(candidate):
        salt += 1
        candidate = story_id([*articles, f"#{salt}"])
    used.add(candidate)
    return candidate


def _retirements(
    previous: Mapping[str, str],
    used: set[str],
    groups: Sequence[Sequence[str]],
    assignments: Sequence[Assignment],
) -> list[Retirement]:
    group_of = {a: assignments[i].id for i, g in enumerate(groups) for a in g}
    out = []
    for old in sorted(set(previous.values()) - used):
        landed = Counter(group_of[a] for a, s in previous.items() if s == old and a in group_of)
        if landed:
            into = min(landed, key=lambda s: (-landed[s], s))
            out.append(Retirement(old, "merged_into", into))
        else:
            out.append(Retirement(old, "ended"))
    return out
