"""Agreement and conflict between articles, counted over independent lineage groups.

Claims are aligned by slot, subject and scope. A claim whose scope the text does not
state joins the scoped group that carries its value (or the only scoped group); two
different scopes ("injured in the clashes" vs "injured since the protests began") are
different questions, never a conflict. Within a group, values conflict when they cannot
both be true: two different days, two different exact numbers; a month agrees with any of
its days, and "100+" agrees with any number of at least 100.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from newsweave.align.lineage import group_counter
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
    for (slot, subject, _scope), members in sorted(
        _groups(claims).items(), key=lambda kv: str(kv[0])
    ):
        if len({c.article for c in members}) < 2:
            continue
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


def _home(scoped: list[Key], same_value: set[Key]) -> Key | None:
    """The one scoped group holding the claim's value, else the only scoped group, else none."""
    if len(same_value) == 1:
        return next(iter(same_value))
    return scoped[0] if len(scoped) == 1 else None


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
