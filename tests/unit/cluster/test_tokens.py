"""The compiled scanners and bag builder agree with the readable Python definitions."""

import math
import re
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.bags import SCALE, bag_vectors
from newsweave.cluster.duplicates import verified
from newsweave.cluster.lexicon import lexicon
from newsweave.cluster.minhash import (
    _EMPTY,
    SHINGLE_CHARS,
    _signature_of,
    is_empty,
    shingles,
    signatures,
)
from newsweave.cluster.names import capitalised_names, name_terms
from newsweave.cluster.terms import background_idf, fold, term_id, words
from newsweave.cluster.tokens import hash_words, scan_words

TRICKY = [
    "Ann O'Brien’s rock'n'roll, 2019-11-12: Áñez, ANEZ and Anez (Añez) said.",
    "“Police” said: Okafor left.\n  New York — the U.S. mayor met McDonald’s CEO × Foo.",
    "iPhone A380 ABC123Def _Under x'y 'Quoted' ‘Curly’ «Bonjour» [Bracket] -Dash",
    "Straße ﬁnance Ǆemal ½ ² ٣ résumé naïve 東京 Ελλάδα Москва",
    "",
    " ",
    "A",
]

_TEXT = st.text(
    alphabet=st.sampled_from(list("abcAZ xy.:;!?\"“‘(«[—–-'’_\n\t0123²Éé×ßﬁ東Ω")), max_size=80
)


def test_words_are_the_regular_expression_words():
    for text in TRICKY:
        folded = fold(text)
        found = scan_words([folded, folded])
        mine = [folded[s : s + n] for s, n in zip(found.starts, found.lengths, strict=True)]
        assert mine == words(text) + words(text)
        assert found.terms.tolist() == [term_id(w) for w in mine]


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_words_match_the_regular_expression_on_any_text(texts):
    folded = [fold(t) for t in texts]
    found = scan_words(folded)
    for k, text in enumerate(folded):
        chosen = found.text == k
        spans = zip(found.starts[chosen], found.lengths[chosen], strict=True)
        mine = [text[s : s + n] for s, n in spans]
        assert mine == re.findall(r"[^\W_]+(?:'[^\W_]+)?", text)


def test_term_ids_are_the_same_in_python_and_compiled():
    vocabulary = ["harbour", "o'brien", "東京", "", "2019"]
    assert hash_words(vocabulary).tolist() == [term_id(w) for w in vocabulary]
    assert all(0 <= t < 2**63 for t in hash_words(vocabulary).tolist())


def _names(text):
    bounds, terms = name_terms([text])
    return terms[bounds[0] : bounds[1]].tolist()


def test_names_are_the_reference_names():
    for text in TRICKY:
        assert _names(text) == [term_id(w) for w in capitalised_names(text)], text


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_names_match_the_reference_on_any_text(text):
    assert _names(text) == [term_id(w) for w in capitalised_names(text)]


def _reference_bag(bag):
    weighted = {}
    for word, count in Counter(bag).items():
        idf = background_idf(word)
        if idf > 0.0:
            weighted[term_id(word)] = (1.0 + math.log(count)) * idf if count > 1 else idf
    norm = math.sqrt(sum(v * v for v in weighted.values()))
    return {t: round(v * SCALE / norm) for t, v in weighted.items()}


def test_bags_are_integer_unit_vectors_of_idf_weights():
    bags = [["earthquake", "okafor", "earthquake", "the"], ["harbour"], [], ["the", "people"]]
    flat = [w for b in bags for w in b]
    terms = np.array([term_id(w) for w in flat], dtype=np.int64)
    idf = np.array([background_idf(w) for w in flat])
    bounds = np.cumsum([0] + [len(b) for b in bags])
    ranges = np.stack([bounds[:-1], bounds[:-1], bounds[:-1], bounds[1:]], axis=1)
    out = bag_vectors(terms, idf, ranges, limit=100)
    for k, bag in enumerate(bags):
        got = out.terms[out.indptr[k] : out.indptr[k + 1]].tolist()
        weights = out.weights[out.indptr[k] : out.indptr[k + 1]].tolist()
        assert got == sorted(got)
        assert dict(zip(got, weights, strict=True)) == _reference_bag(bag)
    limited = bag_vectors(terms, idf, ranges, limit=1)  # only the first word of each range
    assert limited.terms[: limited.indptr[1]].tolist() == [term_id("earthquake")]


def test_lexicon_knows_general_english():
    table = lexicon()
    ids = hash_words(["earthquake", "government", "zzqxjv"])
    idf = table.idf_of(ids)
    assert idf[0] > idf[1] > 0 and idf[2] == background_idf("zzqxjv")
    assert table.find(ids)[2] == -1


def _reference_signature(text: str) -> np.ndarray:
    values = shingles(text)
    return _signature_of(values) if len(values) else _EMPTY


def test_signatures_of_many_texts_are_their_shingles_signatures():
    texts = [
        *TRICKY,
        "short text here",
        "x" * 20,
        "a long text " * 40,
        "Update: TBA . . . . . . . . .",  # many bytes that squeeze under one shingle
        "— — — — — — — — — — — — — ab",
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    ]
    stacked = signatures(texts)
    for text, row in zip(texts, stacked, strict=True):
        assert (row == _reference_signature(text)).all(), text
    assert len(shingles("a long text " * 40)) > 0


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_signatures_match_the_shingles_on_any_text(texts):
    stacked = signatures(texts)
    for text, row in zip(texts, stacked, strict=True):
        assert (row == _reference_signature(text)).all()


def test_texts_with_nothing_to_hash_are_nobodys_near_duplicates():
    sig = signatures(["!!!!!!!!!!!!!!!!!!!!!!!!", "................................", "Storm hits"])
    assert is_empty(sig).tolist() == [True, True, False]
    codes = np.array([0 * 3 + 1, 0 * 3 + 2], dtype=np.int64)
    assert verified(codes, sig, 3).tolist() == []


def _defined_shingles(text: str) -> list[int]:
    """The sampled shingle hashes as the module defines them, each window summed afresh."""
    letters = set(b"abcdefghijklmnopqrstuvwxyz0123456789")
    chars: list[int] = []
    for byte in text.casefold().encode("utf-8"):
        c = byte if byte in letters or byte >= 128 else 32
        if not (c == 32 and (not chars or chars[-1] == 32)):
            chars.append(c)
    mask = 2**64 - 1
    hashes = []
    for w in range(len(chars) - SHINGLE_CHARS + 1):
        h = 0
        for c in chars[w : w + SHINGLE_CHARS]:
            h = (h * 0x100000001B3 + c) & mask
        h ^= h >> 31
        hashes.append((h * 0x9E3779B97F4A7C15) & mask)
    sampled = [h for h in hashes if h >> 61 == 0]
    return sorted(set(sampled or hashes))


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_rolled_shingle_hashes_are_the_windows_summed_afresh(text):
    if len(_defined_shingles(text)):  # shorter texts are hashed character by character
        assert shingles(text).tolist() == _defined_shingles(text)


def test_shingle_hashes_of_a_long_text_are_the_windows_summed_afresh():
    text = "Núñez’s 45% of the vote, reported on 12 November. " * 30
    assert shingles(text).tolist() == _defined_shingles(text)
