"""Temporal expressions normalised to TIMEX3 type and value (rule-based, no parser needed).

Three passes over the raw text:

1. every rule of :mod:`newsweave.extract.timex_rules` proposes readings; overlapping
   proposals keep the longest;
2. a clock time next to its day ("10 p.m. Wednesday", "noon Thursday") becomes one time;
3. readings that count from the text's *reference time* rather than from the publication
   date ("the following year", "that day", "three days later", a year-ago quarter) are
   re-read, in text order, from the last calendar date the text named before them.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date

from newsweave.extract.timex_extent import timeml_extent
from newsweave.extract.timex_lexicon import PARTS_OF_DAY
from newsweave.extract.timex_resolve import Anaphor, Context, shifted
from newsweave.extract.timex_rules import RULES
from newsweave.model import Span, Timex

__all__ = ["TimexScan", "find_timexes", "is_future", "parse_anchor", "scan_timexes"]

#: Numbers that follow "to" in a score or a tally ("seven votes to two on Tuesday"), which is
#: no to-infinitive.
NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|nil)\b"
#: Markers of a future-tense clause in the words just before a time expression.
_FUTURE = re.compile(
    r"\b(?:(?P<modal>will|won't|shall|'ll|should(?!\s+have\b))|going to|"
    r"(?:scheduled|planned|set|slated|due) (?:for|to|on)|(?:has|have) scheduled|"
    r"(?:is|are) to (?!blame\b|say\b)[a-z]+|next|"
    r"(?:plan(?:s|ned|ning)?|expect(?:s|ed)?|due|certain|likely|poised|bound|about) to|"
    r"ahead of|(?:heading|going|headed) into|in the run-up to|leading up to)\b"
    r"(?:[^.,;]|(?<=\b[A-Z])\.)*$|"
    r"\bto (?!the\b|a\b|an\b|" + NUMBER_WORDS + r")[a-z]+ (?:on |by |until )?$|"
    r"\S\s+(?:by|until|till)\s$|\bas soon as\s$",
    re.IGNORECASE,
)
#: A past auxiliary before a schedule, a deadline or a 'to'-infinitive keeps the clause in
#: the past ("had been due to expire Friday", "was set to meet Monday", "had ended by May").
_PAST_FRAME = re.compile(r"\b(?:had|was|were)\b(?:(?!\b(?:will|'ll)\b)[^.,;])*$", re.IGNORECASE)
#: How far back, in characters, the future markers are looked for.
TENSE_WINDOW = 90
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")

#: How far back, in characters, a reference time is looked for ("the next day" after it).
REFERENCE_WINDOW = 600
#: A fiscal quarter stays the reference of a results report for longer ("a year earlier"
#: several paragraphs after "in the third quarter").
QUARTER_WINDOW = 2000
_CALENDAR = re.compile(r"\d{4}(?:-Q[1-4]|-W\d\d|-\d\d(?:-\d\d)?)?$")
_QUARTER = re.compile(r"\d{4}-Q[1-4]$")
#: What may stand between a clock time and its day: a time zone, a comma, 'on'.
_CLOCK_THEN_DAY = re.compile(
    r"\s*(?:(?:[ECMP][SD]T|GMT|UTC|local time)\b)?,?\s*(?:on\s+)?$", re.IGNORECASE
)
_DAY_THEN_CLOCK = re.compile(r",?\s*(?:at\s+)?$")
#: A time that is a part of a day ("Sunday night", "last night", "tonight").
_PART_OF_DAY = re.compile(
    rf"^(?:\d{{4}}-\d\d-\d\d|XXXX-XX-XX)T(?:{'|'.join(sorted(set(PARTS_OF_DAY.values())))})$"
)
_AFTER_NOON = tuple(PARTS_OF_DAY[part] for part in ("afternoon", "evening", "night"))
_MERIDIEM = re.compile(r"[ap]\.?m\b|noon|midnight", re.IGNORECASE)
#: A clock written as the 12-hour clock may be: an hour without a leading zero, no zone.
_TWELVE_HOUR = re.compile(r"(?:1[0-2]|[1-9])(?::[0-5]\d)?(?!\d)(?!\s*(?:UTC|GMT|Z|[A-Z]{2,4}T)\b)")
_DAY_VALUE = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX|XXXX-WXX-\d)$")


def parse_anchor(anchor: str | None) -> date | None:
    """The date part of an ISO date or date-time; None when absent or partial."""
    if not anchor or len(anchor) < 10:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def is_future(text: str, start: int) -> bool:
    """True when the sentence around ``start`` speaks of what is to come."""
    left, right = _sentence_around(text, start)
    window_start = max(left, start - TENSE_WINDOW)
    marker = _FUTURE.search(text[window_start:start])
    if marker and not marker["modal"]:
        frame_end = window_start + marker.start()
        if _PAST_FRAME.search(text[max(left, frame_end - TENSE_WINDOW) : frame_end]):
            marker = None
    return bool(marker) or bool(re.match(r"\W*(will|'ll)\b", text[start:right]))


@functools.lru_cache(maxsize=4)
def _breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the text's sentence breaks, found once per text (a long article
    has thousands of time expressions, each asking for its sentence)."""
    found = list(_SENTENCE_BREAK.finditer(text))
    return tuple(m.start() for m in found), tuple(m.end() for m in found)


def _sentence_around(text: str, start: int) -> tuple[int, int]:
    """The end of the last break before ``start`` and the start of the next one from it, as
    searching the text up to and from ``start`` would find them."""
    starts, ends = _breaks(text)
    before = bisect_right(ends, start) - 1
    left = ends[before] if before >= 0 else 0
    after = bisect_left(starts, start)
    if after > 0 and ends[after - 1] > start:  # a break straddles start: search from it
        following = _SENTENCE_BREAK.search(text, start)
        return left, following.start() if following else len(text)
    return left, starts[after] if after < len(starts) else len(text)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    value: str
    anaphor: Anaphor | None = None


@dataclass(frozen=True, slots=True, eq=False)
class TimexScan:
    """Where the rules match in one text, before any anchor reads them: a story reads its
    articles' times twice (for their publication windows, then against their anchors), and
    the matching is most of the cost."""

    text: str
    matches: tuple[tuple[int, re.Match[str]], ...]  # (rule index, match), in rule order


def scan_timexes(text: str) -> TimexScan:
    """The rules' matches in ``text``, for :func:`find_timexes` to read."""
    found: list[tuple[int, re.Match[str]]] = []
    for index, rule in enumerate(RULES):
        if rule.needs is not None and rule.needs.search(text) is None:
            continue
        found.extend((index, m) for m in rule.pattern.finditer(text) if m.end() > m.start())
    return TimexScan(text, tuple(found))


def find_timexes(
    text: str, article_id: str, anchor: str | None, scan: TimexScan | None = None
) -> tuple[Timex, ...]:
    """TIMEX3 expressions of ``text``, resolved against the ISO date ``anchor`` when given
    (``scan``: its :func:`scan_timexes`, when already made; a scan of another text is not
    used, the text is matched again).

    Example: ``find_timexes("He left on Monday.", "a", "2019-11-12")[0].value == "2019-11-11"``
    """
    day = parse_anchor(anchor)
    if scan is None or scan.text != text:
        scan = scan_timexes(text)
    candidates = []
    for index, match in scan.matches:
        reading = RULES[index].handler(match, Context(day, is_future(text, match.start())))
        if reading is not None:
            candidates.append(_Candidate(match.start(), match.end(), *reading))
    chosen = _from_reference_time(_clock_with_day(_longest_first(candidates), text), day)
    timexes = []
    floor = 0
    for c in chosen:
        start, end = timeml_extent(text, c.start, c.end, floor, c.type)
        timexes.append(Timex(article_id, Span(start, end), text[start:end], c.type, c.value))
        floor = end
    return tuple(timexes)


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, preferring the longest, in text order (the chosen are
    kept sorted, so only the neighbours of a candidate's place can overlap it)."""
    chosen: list[_Candidate] = []
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        at = bisect_right(starts, candidate.start)
        if at > 0 and chosen[at - 1].end > candidate.start:
            continue
        if at < len(chosen) and chosen[at].start < candidate.end:
            continue
        chosen.insert(at, candidate)
        starts.insert(at, candidate.start)
    return chosen


def _clock_with_day(candidates: list[_Candidate], text: str) -> list[_Candidate]:
    """'10 p.m. Wednesday', 'noon Thursday', 'Friday at 3 p.m.': one time on that day."""
    out: list[_Candidate] = []
    for candidate in candidates:
        previous = out[-1] if out else None
        if previous is not None:
            merged = _merge_clock(previous, candidate, text)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(candidate)
    return out


def _merge_clock(first: _Candidate, second: _Candidate, text: str) -> _Candidate | None:
    gap = text[first.end : second.start]
    if len(gap) > 12:
        return None
    if _is_clock(first) and _is_day(second) and _CLOCK_THEN_DAY.match(gap):
        clock, day = first, second
    elif _is_day(first) and _is_clock(second) and _DAY_THEN_CLOCK.match(gap):
        day, clock = first, second
    elif _is_clock(first) and _PART_OF_DAY.search(second.value) and _CLOCK_THEN_DAY.match(gap):
        # "at 11:00 on Sunday night", "at 9:30 last night": that day, and an hour of its part
        day_value, _, part = second.value.partition("T")
        hours = _hour_in_part(first.value, text[first.start : first.end], part)
        value = f"{day_value}T{hours}"
        return _Candidate(first.start, second.end, "TIME", value, second.anaphor)
    else:
        return None
    value = f"{day.value}T{clock.value.partition('T')[2]}"
    return _Candidate(first.start, second.end, "TIME", value, day.anaphor)


def _hour_in_part(clock_value: str, written: str, part: str) -> str:
    """A clock's "HH:MM" read in a part of the day: "9:30" in the evening is 21:30, unless
    the clock says a.m. or p.m. itself or is written on the 24-hour clock ("04:00", a zone)."""
    hours = clock_value.partition("T")[2]
    hour = int(hours[:2])
    late = part in _AFTER_NOON and (part != "NI" or hour >= 6)  # "2:00 Sunday night": 2 a.m.
    twelve_hour = _TWELVE_HOUR.match(written) is not None
    if twelve_hour and _MERIDIEM.search(written) is None and 1 <= hour < 12 and late:
        hours = f"{hour + 12:02d}{hours[2:]}"
    return hours


def _is_clock(candidate: _Candidate) -> bool:
    return candidate.type == "TIME" and re.search(r"T\d\d:\d\dZ?$", candidate.value) is not None


def _is_day(candidate: _Candidate) -> bool:
    return candidate.type == "DATE" and _DAY_VALUE.match(candidate.value) is not None


def _from_reference_time(candidates: list[_Candidate], anchor: date | None) -> list[_Candidate]:
    """Anaphoric readings re-read from the last calendar date named before them.

    A results report's year-ago figures count from its reporting quarter: the last quarter
    named that ended within a year of the anchor (an older one is itself the year-ago one).
    """
    out: list[_Candidate] = []
    reference: _Candidate | None = None
    quarter: _Candidate | None = None
    for candidate in candidates:
        anaphor = candidate.anaphor
        if anaphor is not None:
            reads_quarter = reference is not None and _QUARTER.match(reference.value)
            source = (
                quarter
                if anaphor.financial or (anaphor.unit == "year" and reads_quarter)
                else reference
            )
            window = QUARTER_WINDOW if source is quarter else REFERENCE_WINDOW
            if source is not None and candidate.start - source.end <= window:
                value = shifted(source.value, anaphor)
                if value is not None:
                    candidate = replace(candidate, value=value)
        if _CALENDAR.match(candidate.value):
            reference = candidate
            if _QUARTER.match(candidate.value) and _is_recent_quarter(candidate.value, anchor):
                quarter = candidate
        out.append(candidate)
    return out


def _is_recent_quarter(value: str, anchor: date | None) -> bool:
    """True when the quarter ``2019-Q3`` is among the four that ended before the anchor."""
    if anchor is None:
        return True
    index = int(value[:4]) * 4 + int(value[-1]) - 1
    current = anchor.year * 4 + (anchor.month - 1) // 3
    return current - 4 <= index < current
