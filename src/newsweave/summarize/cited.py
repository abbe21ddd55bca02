"""Choose the sentences that carry a story, each cited to every passage that supports it.

1. Every sentence of the story is a TF-IDF vector; the sentences of *other* articles that
   report the same content support it (:mod:`newsweave.summarize.sentences`).
2. Each sentence is scored by how widely independent lineage groups report it and its words,
   how central it is to the story and to the articles' leads, and where it stands
   (:mod:`newsweave.summarize.salience`).
3. Within the word budget, the sentences that together cover the most of what two or more
   articles state (pairs of adjacent stemmed words, each counted once, weighed by the articles
   that state it and lead with it), plus their salience, and no two that repeat each other:
   an integer program solved exactly (:mod:`newsweave.summarize.coverage`).
   A sentence cut inside a quotation, one whose quotation marks do not pair, or the tail of a
   cut one (:func:`is_fragment`) is never taken, nor a quotation with no word outside its
   marks (:func:`is_bare_quotation`: nobody said it); a quotation that runs over a few
   sentences is one unit (:func:`newsweave.summarize.sentences.quotation_units`).
4. Each chosen sentence cites itself and its supporters; where a conflict finding's cited
   passage lies in one of those, the sentence is flagged with the disagreeing values.
5. The summary reads as a story: by the time of what each sentence reports, then by score
   (:mod:`newsweave.summarize.order`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.extract.quote_marks import find_quoted, quote_depths
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
from newsweave.reconcile.findings import compatible
from newsweave.summarize.coverage import choose
from newsweave.summarize.order import pronoun_first, story_order
from newsweave.summarize.salience import score_sentences
from newsweave.summarize.sentences import (
    Sentence,
    support_candidates,
    supporters,
    vectorise,
)

__all__ = [
    "conflict_flags",
    "is_bare_quotation",
    "is_fragment",
    "rank_sentences",
    "summarize",
]

#: Lower-case words that do not open a sentence: one that starts so is the tail of a cut one.
_TAIL_WORDS = frozenset(
    "of and or but nor to in on at by for from with without into than that which whose who "
    "whom where while as the a an its their his her".split()
)
#: A sentence whose pronoun comes before any name ("He said in a tweet ...") scores this share
#: of its salience, so that of two near-equal sentences the one that names its subject is
#: taken ("Mayor Ruiz said in a tweet ..."). Chosen on the dev half of the Multi-News sample
#: among 1, 0.95, 0.9, 0.8 and 0.7 (ROUGE-2 recall 0.1027, 0.1025, 0.1024, 0.1028, 0.1021).
PRONOUN_FACTOR = 0.8


def summarize(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
    *,
    publications: Sequence[Publication] = (),
    timexes: Sequence[Timex] = (),
    findings: Sequence[Finding] = (),
) -> tuple[SummarySentence, ...]:
    """At most ``words`` words of the story's most supported sentences, with citations.

    Args:
        articles, segmentations, lineage: the story's articles, their sentences and lineage.
        words: the budget (when no sentence fits it, the best-scored one is taken alone).
        publications, timexes: when each article appeared and the dates its text gives, to
            order the summary as a story.
        findings: the story's findings; a sentence citing a conflict's passage is flagged.

    Example: ``summarize(articles, segs, lineage, 80)`` -> ``(SummarySentence(text, citations), ...)``
    """
    chosen = rank_sentences(articles, segmentations, lineage, words)
    ranked = [sentence for sentence, _ in chosen]
    return tuple(
        _summary_sentence(*chosen[k], findings) for k in story_order(ranked, publications, timexes)
    )


def rank_sentences(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
) -> list[tuple[Sentence, list[Sentence]]]:
    """The sentences :func:`summarize` takes within ``words``, best first, each with the
    sentences of other articles that support it."""
    sentences = vectorise(articles, segmentations)
    if not sentences:
        return []
    support = [
        supporters(s, sentences, c)
        for s, c in zip(sentences, support_candidates(sentences), strict=True)
    ]
    scores = [
        0.0 if is_fragment(s.text) or is_bare_quotation(s.text) else score * _naming(s.text)
        for s, score in zip(sentences, score_sentences(sentences, support, lineage), strict=True)
    ]
    return [(sentences[i], support[i]) for i in choose(sentences, scores, words)]


def _naming(text: str) -> float:
    """:data:`PRONOUN_FACTOR` for a sentence whose pronoun comes before any name, else 1."""
    return PRONOUN_FACTOR if pronoun_first(text) else 1.0


def is_fragment(text: str) -> bool:
    """True for a sentence cut inside a quotation (it ends with a comma and a closing mark:
    the attribution that finishes it was split off), one sentence of a quotation that runs
    over several (its double quotation marks do not pair: read alone, it opens a quote that
    never closes or closes one that never opened), or the tail of a sentence cut before it
    (it opens with a lower-case word that cannot open one: "of", "and", "which" ...).

    Example: ``'The crew is unhurt,”'``, ``'“The plane has taken off.'`` and
    ``"of the group's methods."`` are fragments."""
    stripped = text.strip()
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    unpaired = quote_depths(stripped) != (0, 0)
    return first in _TAIL_WORDS or unpaired or stripped.endswith((",”", ',"', ",’", ",'"))


def is_bare_quotation(text: str) -> bool:
    """True for a sentence that is a quotation and nothing else: read in a summary, nobody
    said it (its speaker is named in another sentence, which may not be taken).

    Example: ``'“We will win.”'`` is bare; ``'“We will win,” she said.'`` is not."""
    quoted = find_quoted(text)
    if not quoted:
        return False
    outside, at = [], 0
    for span in quoted:
        outside.append(text[at : span.start])
        at = span.end
    outside.append(text[at:])
    return not any(c.isalnum() for c in "".join(outside))


#: Most disputed values a summary sentence's conflict flag names (a story of 800 articles
#: had a flag of ten dates); the rest are counted.
FLAG_VALUES = 4


def conflict_flags(citations: Sequence[Citation], findings: Sequence[Finding]) -> tuple[str, ...]:
    """One flag per conflict finding with a cited passage inside one of ``citations``.

    It names the :data:`FLAG_VALUES` best-supported disputed values (in the finding's order)
    and counts the rest (the finding has them all).

    Example: ``("conflict: date of election: 2021-05-02 (2 lineages) vs 2021-05-03 (1 lineage)",)``
    """
    flags = []
    for finding in findings:
        if finding.kind != "conflict":
            continue
        passages = [c for value in finding.values for c in value.citations]
        if any(_within(c, cited) for c in passages for cited in citations):
            disputed = [  # a coarser value both sides fit ("2021-05") is not in the dispute
                v
                for v in finding.values
                if any(not compatible(v.value, w.value) for w in finding.values)
            ]
            best = sorted(disputed, key=lambda v: -v.independent_support)[:FLAG_VALUES]
            values = " vs ".join(
                f"{v.value} ({v.independent_support} "
                f"lineage{'' if v.independent_support == 1 else 's'})"
                for v in disputed
                if v in best
            )
            if len(disputed) > FLAG_VALUES:
                values += f" and {len(disputed) - FLAG_VALUES} more values"
            flags.append(f"conflict: {finding.slot} of {finding.subject}: {values}")
    return tuple(dict.fromkeys(flags))


def _within(passage: Citation, cited: Citation) -> bool:
    return passage.article == cited.article and passage.span.overlaps(cited.span)


def _summary_sentence(
    sentence: Sentence, backers: Sequence[Sentence], findings: Sequence[Finding]
) -> SummarySentence:
    citations = tuple(Citation(s.article, Span(s.start, s.end)) for s in (sentence, *backers))
    return SummarySentence(
        text=sentence.text, citations=citations, flags=conflict_flags(citations, findings)
    )
