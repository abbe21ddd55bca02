"""robots.txt as RFC 9309 reads it: groups per user agent, longest match wins, ``*`` and ``$``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["AGENT_TOKEN", "RobotsRules", "is_allowed", "parse_robots", "rules_for_status"]

#: The product token newsweave's groups are looked up by (``User-agent: newsweave``).
AGENT_TOKEN = "newsweave"


@dataclass(frozen=True, slots=True)
class Rule:
    allow: bool
    pattern: str


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules that apply to newsweave on one origin; ``everything`` overrides them."""

    rules: tuple[Rule, ...] = ()
    #: True: all allowed (no robots.txt); False: all disallowed (robots.txt unreachable).
    everything: bool | None = None


def parse_robots(text: str, agent: str = AGENT_TOKEN) -> RobotsRules:
    """The rules of the groups for ``agent``, else of the ``*`` groups.

    Example: ``parse_robots("User-agent: *\\nDisallow: /private/").rules[0].pattern``
    is ``"/private/"``.
    """
    groups: list[tuple[set[str], list[Rule]]] = []
    in_agents = False
    for raw in text.splitlines():
        key, _, value = raw.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if not in_agents:
                groups.append((set(), []))
            groups[-1][0].add(value.lower())
            in_agents = True
        elif key in ("allow", "disallow") and groups:
            in_agents = False
            if value:
                groups[-1][1].append(Rule(key == "allow", value))
    mine = [rules for agents, rules in groups if agent.lower() in agents]
    chosen = mine or [rules for agents, rules in groups if "*" in agents]
    return RobotsRules(tuple(rule for rules in chosen for rule in rules))


def rules_for_status(status: int) -> RobotsRules | None:
    """RFC 9309 for a robots.txt that was not served: 4xx allows all, 5xx disallows all.

    Example: ``rules_for_status(404).everything`` is True.
    """
    if 400 <= status < 500:
        return RobotsRules(everything=True)
    if status >= 500:
        return RobotsRules(everything=False)
    return None


def is_allowed(rules: RobotsRules, url: str) -> bool:
    """Whether newsweave may fetch ``url``: the longest matching rule decides, allow on a tie.

    Example: ``is_allowed(parse_robots("User-agent: *\\nDisallow: /p"), "http://a.org/p/1")``
    is False.
    """
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if path == "/robots.txt" or rules.everything is not None:
        return path == "/robots.txt" or bool(rules.everything)
    best: Rule | None = None
    for rule in rules.rules:
        if _pattern(rule.pattern).match(path) and (
            best is None
            or len(rule.pattern) > len(best.pattern)
            or (len(rule.pattern) == len(best.pattern) and rule.allow)
        ):
            best = rule
    return best is None or best.allow


@functools.lru_cache(maxsize=1024)
def _pattern(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = ".*".join(re.escape(piece) for piece in pattern.rstrip("$").split("*"))
    return re.compile(body + (r"\Z" if anchored else ""))
