"""Agreement and conflict between articles, counted over independent lineage groups.

Claims are aligned by slot, subject and scope. A claim whose scope the text does not
state joins the scoped group that carries its value (or the only scoped group); two
different scopes ("injured in the clashes" vs "injured since the protests began") are
different questions, never a conflict. Within a group, values conflict when they cannot
both be true: two different days, two different exact numbers; a month agrees with any of
its days, and "100+" agrees with any number of at least 100.

A group may name several events or quantities of one kind, not one; then no conflict is
drawn in it, and each of its values is still an agreement where two articles or more give
it. It does when an article gives it two values that cannot both be true (an article does
not contradict itself: "he returned to prison in May 1984 ... returned to prison in June
1999"), and, for dates, when three of its days exclude one another (outlets that disagree
on when one thing happened rarely give it three days; three debates, or three states'
votes, have three).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from newsweave.align.lineage import group_counter
from newsweave.extract.event_identity import DESCRIBED
from newsweave.model import Citation, Claim, Finding, FindingValue, Lineage

__all__ = ["compatible", "reconcile_claims"]

Key = tuple[str, str, str | None]

#: Slots whose values describe without excluding one another: a person holds several roles,
#: so two role wordings are never a conflict.
NON_EXCLUSIVE = frozenset({"role"})


def reconcile_claims(claims: Sequence[Claim], lineage: Lineage) -> tuple[Finding, ...]:
    """Findings over claims reported by at least two articles, conflicts first.

    Example: an election dated 2021-05-02 by one outlet and 2021-05-03 by another is a
    conflict with two values, each with its articles, citations and independent support.
    """
    findings = []
    count_groups = group_counter(lineage)
    for (slot, subject, _scope), group in sorted(
        _groups(claims).items(), key=lambda kv: str(kv[0])
    ):
        for members in _questions(slot, group):
            if len({c.article for c in members}) >= 2:
                findings.append(_finding(slot, subject, members, count_groups))
    return tuple(sorted(findings, key=lambda f: (f.kind != "conflict", f.slot, f.subject)))


def _groups(claims: Sequence[Claim]) -> dict[Key, list[Claim]]:
    """Claims by (slot, subject, scope); an unscoped claim moves to its scoped home. The
    scoped keys of each (slot, subject) and the keys holding each value are indexed, so a
    claim's home is found without scanning every group (linear in the claims)."""
    groups: dict[Key, list[Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.slot, claim.subject, claim.scope), []).append(claim)
    scoped: dict[tuple[str, str], list[Key]] = {}
    holding: dict[tuple[str, str, str], set[Key]] = {}  # (slot, subject, value): scoped keys
    for key, members in groups.items():
        if key[2] is not None:
            scoped.setdefault(key[:2], []).append(key)
            for claim in members:
                holding.setdefault((*key[:2], claim.value), set()).add(key)
    for key in [k for k in groups if k[2] is None]:
        homes = scoped.get(key[:2], [])
        staying = []
        for claim in groups[key]:
            home = _home(homes, holding.get((*key[:2], claim.value), set()))
            if home is None:
                staying.append(claim)
                continue
            groups[home].append(claim)
            holding.setdefault((*key[:2], claim.value), set()).add(home)
        if staying:
            groups[key] = staying
        else:
            del groups[key]
    return groups


def _questions(slot: str, members: list[Claim]) -> list[list[Claim]]:
    """The group as one question, or one per value when it asks about several things of
    one kind: an article of its own gives it two values that cannot both be true, or it
    holds three dates of which none can be true with another."""
    if slot in NON_EXCLUSIVE:
        return [members]
    by_article: dict[str, set[str]] = {}
    for claim in members:
        by_article.setdefault(claim.article, set()).add(claim.value)
    self_contradicted = any(
        not compatible(a, b) for values in by_article.values() for a, b in combinations(values, 2)
    )
    if not self_contradicted and not (slot == "date" and _three_apart(members)):
        return [members]
    by_value: dict[str, list[Claim]] = {}
    for claim in members:
        by_value.setdefault(claim.value, []).append(claim)
    return [by_value[value] for value in sorted(by_value)]


def _three_apart(members: list[Claim]) -> bool:
    """Whether three of the claims' values exclude one another two by two."""
    values = sorted({c.value for c in members})
    return any(
        not (compatible(a, b) or compatible(a, c) or compatible(b, c))
        for a, b, c in combinations(values, 3)
    )


def _home(scoped: list[Key], same_value: set[Key]) -> Key | None:
    """The one scoped group holding the claim's value, else the only scoped group (unless
    it is about a thing a common noun describes, "by the campaign": a claim that names no
    one is taken to be about a named one, not about that), else none."""
    if len(same_value) == 1:
        return next(iter(same_value))
    if len(scoped) == 1 and not (scoped[0][2] or "").startswith(DESCRIBED):
        return scoped[0]
    return None


def compatible(a: str, b: str) -> bool:
    """Whether two normalised values can both be true."""
    if a == b or a.startswith(b + "-") or b.startswith(a + "-"):
        return True
    for low, other in ((a, b), (b, a)):
        if low.endswith("+") and other.rstrip("+").isdigit() and low[:-1].isdigit():
            return int(other.rstrip("+")) >= int(low[:-1])
    return False


def _finding(
    slot: str, subject: str, members: list[Claim], count_groups: Callable[[Iterable[str]], int]
) -> Finding:
    by_value: dict[str, list[Claim]] = {}
    for claim in members:
        by_value.setdefault(claim.value, []).append(claim)
    values = tuple(
        FindingValue(
            value=value,
            articles=tuple(sorted({c.article for c in group})),
            citations=tuple(Citation(c.article, c.span) for c in group),
            independent_support=count_groups({c.article for c in group}),
        )
        for value, group in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    clash = slot not in NON_EXCLUSIVE and any(
        not compatible(a.value, b.value) for a, b in combinations(values, 2)
    )
    return Finding(
        kind="conflict" if clash else "agreement",
        slot=slot,
        subject=subject,
        values=values,
        independent_support=count_groups({c.article for c in members}),
    )
