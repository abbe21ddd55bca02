"""A generated summary: an OpenAI-compatible endpoint writes it, newsweave checks every sentence.

The endpoint (llama.cpp, Ollama, vLLM or a hosted service; ``[summary] endpoint`` and
``model``, the key from the environment variable named by ``key_env``) gets the story's best
sentences as numbered passages (the extractive ranking over a wider budget, in story order)
and is asked for JSON sentences, each citing the numbers of the passages that state its facts.

Each sentence is then checked against the passages it cites: every name (a capitalised word;
month and weekday names included), number and year it states must appear in them. A sentence
that fails is kept and flagged (``"unsupported: 42"``, one flag per missing item); a sentence
citing no given passage is dropped, and the first kept sentence says how many were. Conflict
findings flag sentences as in the extractive summary.

Any failure of the endpoint (unreachable, an HTTP error, a timeout, an answer that is not the
JSON asked for, nothing usable in it) gives the extractive summary instead, every sentence
flagged ``"extractive: generation failed (<reason>)"``: never an exception.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import httpx

from newsweave.config import SummarySettings
from newsweave.model import (
    Article,
    Citation,
    Finding,
    Lineage,
    Publication,
    Segmentation,
    Span,
    SummarySentence,
    Timex,
)
from newsweave.summarize.cited import conflict_flags, rank_sentences, summarize
from newsweave.summarize.order import story_order

__all__ = ["Draft", "check_sentence", "generate_summary", "parse_answer", "prompt_messages"]

#: Passages offered to the model: the extractive choice over this many times the budget.
PASSAGE_BUDGET_FACTOR = 4

#: Zipf frequency (wordfreq) from which a sentence's capitalised first word is taken for an
#: ordinary word, not a name: "the", "after", "when" are above 5.5; most names are below.
COMMON_ZIPF = 5.5

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


class _Unusable(Exception):
    """The endpoint gave nothing usable; the message says why (it never leaves this module)."""


@dataclass(frozen=True, slots=True)
class Passage:
    number: int
    citation: Citation
    text: str


@dataclass(frozen=True, slots=True)
class Draft:
    """A sentence as the model wrote it, with the passage numbers it cites."""

    text: str
    cites: tuple[int, ...]


def generate_summary(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
    settings: SummarySettings,
    *,
    publications: Sequence[Publication] = (),
    timexes: Sequence[Timex] = (),
    findings: Sequence[Finding] = (),
    environ: Mapping[str, str] | None = None,
) -> tuple[SummarySentence, ...]:
    """At most ``words`` words written by the endpoint, each sentence cited and checked.

    Falls back to :func:`~newsweave.summarize.cited.summarize` (flagged with the reason) on
    any endpoint failure. ``environ`` (``os.environ`` when None) holds the key.

    Example: ``generate_summary(articles, segs, lineage, 120, SummarySettings(mode="generate",
    endpoint="http://127.0.0.1:8080/v1"))``
    """
    passages = _passages(articles, segmentations, lineage, words, publications, timexes)
    try:
        if not passages:
            raise _Unusable("the story has no sentence to offer as a passage")
        key = (os.environ if environ is None else environ).get(settings.key_env, "")
        answer = _complete(settings, prompt_messages(passages, words), key)
        return _checked(parse_answer(answer), passages, words, findings)
    except _Unusable as error:
        fallback = summarize(
            articles,
            segmentations,
            lineage,
            words,
            publications=publications,
            timexes=timexes,
            findings=findings,
        )
        note = f"extractive: generation failed ({error})"
        return tuple(replace(s, flags=(*s.flags, note)) for s in fallback)


def _passages(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
    publications: Sequence[Publication],
    timexes: Sequence[Timex],
) -> list[Passage]:
    ranked = [
        s
        for s, _ in rank_sentences(articles, segmentations, lineage, words * PASSAGE_BUDGET_FACTOR)
    ]
    ordered = [ranked[k] for k in story_order(ranked, publications, timexes)]
    return [
        Passage(n, Citation(s.article, Span(s.start, s.end)), s.text)
        for n, s in enumerate(ordered, 1)
    ]


def prompt_messages(passages: Sequence[Passage], words: int) -> list[dict[str, str]]:
    """The chat messages: the rules, then the numbered passages."""
    rules = (
        "You summarise a news story from numbered source passages. Use only facts the passages "
        "state; copy names, numbers and dates exactly as written there. Answer with JSON only, "
        'in this form: {"sentences": [{"text": "One sentence.", "citations": [1, 3]}]}. '
        "Every sentence cites the numbers of the passages that state its facts. "
        f"Write at most {words} words in all, telling what happened in order."
    )
    listing = "\n".join(f"[{p.number}] {p.text}" for p in passages)
    return [{"role": "system", "content": rules}, {"role": "user", "content": listing}]


def _complete(settings: SummarySettings, messages: list[dict[str, str]], key: str) -> str:
    """The text of the endpoint's first choice, or :class:`_Unusable` saying what went wrong."""
    url = settings.endpoint.rstrip("/") + "/chat/completions"
    payload: dict[str, Any] = {"messages": messages, "temperature": 0, "stream": False}
    if settings.model:
        payload["model"] = settings.model
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        response = httpx.post(url, json=payload, headers=headers, timeout=settings.timeout)
    except httpx.TimeoutException:
        raise _Unusable(f"no answer from {url} within {settings.timeout:g} s") from None
    except httpx.HTTPError as error:
        raise _Unusable(f"cannot reach {url}: {type(error).__name__}") from None
    if response.status_code != 200:
        raise _Unusable(f"{url} answered HTTP {response.status_code}")
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise _Unusable("the answer is not an OpenAI-style chat completion") from None
    if not isinstance(content, str):
        raise _Unusable("the answer's message has no text")
    return content


def parse_answer(content: str) -> list[Draft]:
    """Sentences from the model's JSON: ``{"sentences": [{"text", "citations"}]}`` or a list.

    Raises:
        _Unusable: the content is not that JSON.

    Example: ``parse_answer('{"sentences": [{"text": "A.", "citations": [1]}]}')``
    """
    try:
        data = json.loads(_FENCE.sub("", content))
    except ValueError:
        raise _Unusable("the model's answer is not the JSON asked for") from None
    items = data.get("sentences") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise _Unusable("the model's answer has no sentences")
    return [_draft(item) for item in items]


def _draft(item: object) -> Draft:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise _Unusable("a sentence in the model's answer has no text")
    cites = item.get("citations", item.get("cites", []))
    if not isinstance(cites, list):
        cites = [cites]
    numbers = []
    for cite in cites:
        found = re.search(r"\d+", str(cite))
        if found:
            numbers.append(int(found.group(0)))
    return Draft(" ".join(item["text"].split()), tuple(dict.fromkeys(numbers)))


def _checked(
    drafts: Sequence[Draft], passages: Sequence[Passage], words: int, findings: Sequence[Finding]
) -> tuple[SummarySentence, ...]:
    by_number = {p.number: p for p in passages}
    kept: list[SummarySentence] = []
    dropped = 0
    used = 0
    for draft in drafts:
        cited = [by_number[n] for n in draft.cites if n in by_number]
        if not draft.text or not cited:
            dropped += 1
            continue
        length = len(draft.text.split())
        if kept and used + length > words:
            break
        citations = tuple(p.citation for p in cited)
        missing = check_sentence(draft.text, [p.text for p in cited])
        flags = (*(f"unsupported: {m}" for m in missing), *conflict_flags(citations, findings))
        kept.append(SummarySentence(draft.text, citations, flags))
        used += length
    if not kept:
        raise _Unusable("no generated sentence cites a passage it was given")
    if dropped:
        note = f"{dropped} generated sentence{'s' if dropped > 1 else ''} citing no given passage dropped"
        kept[0] = replace(kept[0], flags=(*kept[0].flags, note))
    return tuple(kept)


def check_sentence(text: str, passages: Sequence[str]) -> list[str]:
    """The names, numbers and years of ``text`` that none of ``passages`` states.

    Numbers compare without thousands separators ("12,000" is "12000"); a name is a
    capitalised word, matched as written (the sentence's first word in any case, and not at
    all when it is a very common English word, since capitals open every sentence).

    Example: ``check_sentence("Ann Lee won 42 votes.", ["Ann Lee won 40 votes."])`` is ``["42"]``.
    """
    source = " ".join(passages)
    numbers = {_plain(n) for n in _NUMBER.findall(source)}
    names = {_bare(w) for w in _WORD.findall(source)}
    lowered = {w.lower() for w in names}
    missing = [n for n in _NUMBER.findall(text) if _plain(n) not in numbers]
    for position, word in enumerate(_WORD.findall(text)):
        bare = _bare(word)
        if not bare[:1].isupper():
            continue
        if position == 0 and (bare.lower() in lowered or _is_common(bare)):
            continue
        if bare not in names:
            missing.append(bare)
    return list(dict.fromkeys(missing))


def _is_common(word: str) -> bool:
    """A word too common in English to be a name when it opens a sentence ("The", "After")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


def _plain(number: str) -> str:
    return number.replace(",", "").rstrip(".")


def _bare(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word
