import dataclasses
import json
import pickle
import sqlite3
import zlib

import numpy as np
import pytest

from newsweave.cluster.featurize import article_features
from newsweave.model import Article, Citation, Span, SummarySentence
from newsweave.store import open_store
from newsweave.store.codec import CodecError, decode_features, encode_features
from newsweave.store.records import decode_record, encode_record


class _Boom:
    """Unpickling this would create a file: proof that something ran."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_features_round_trip():
    f = article_features(Article(id="a", source="a", text="Evo Morales flew to Mexico City."))
    g = decode_features(encode_features(f))
    assert g.article == "a" and g.blocks == f.blocks and g.day == f.day
    assert (g.text.terms == f.text.terms).all() and (g.minhash == f.minhash).all()


def _first_format(f):
    """Features as the first release wrote them (``NWF1``: a JSON header)."""
    import json
    import struct

    import numpy as np

    arrays = {
        "text_terms": (f.text.terms, "<i8"),
        "text_weights": (f.text.weights, "<i4"),
        "lead_terms": (f.lead.terms, "<i8"),
        "lead_weights": (f.lead.weights, "<i4"),
        "names_terms": (f.names.terms, "<i8"),
        "names_weights": (f.names.weights, "<i4"),
        "minhash": (f.minhash, "<u4"),
    }
    header = {
        "article": f.article,
        "content_hash": f.content_hash,
        "day": f.day,
        "words": f.words,
        "written": f.written,
        "blocks": list(f.blocks),
        "lengths": {name: len(v) for name, (v, _) in arrays.items()},
    }
    head = json.dumps(header).encode()
    body = b"".join(np.ascontiguousarray(v, dtype=d).tobytes() for v, d in arrays.values())
    return b"NWF1" + struct.pack("<I", len(head)) + head + body


@pytest.mark.parametrize(
    "text, published",
    [("Ann Lee flew to Lima. Née Núñez, she spoke.", None), ("Short.", "2021-03-05"), ("", None)],
)
def test_features_of_both_formats_decode_alike(text, published):
    f = article_features(Article(id="é-1", source="s", text=text, published=published))
    for blob in (encode_features(f), _first_format(f)):
        g = decode_features(blob)
        assert (g.article, g.content_hash, g.blocks, g.day, g.words, g.written) == (
            f.article,
            f.content_hash,
            f.blocks,
            f.day,
            f.words,
            f.written,
        )
        for a, b in ((g.text, f.text), (g.lead, f.lead), (g.names, f.names)):
            assert a.terms.tolist() == b.terms.tolist() and a.weights.tolist() == b.weights.tolist()
            assert a.terms.dtype == b.terms.dtype and a.weights.dtype == b.weights.dtype
        assert g.minhash.tolist() == f.minhash.tolist() and g.minhash.dtype == f.minhash.dtype


@pytest.mark.parametrize(
    "blob",
    [b"", b"NWF1", b"NWF1\xff\xff\xff\xff{}", b"\x80\x04junk", b"NWF2", b"NWF2" + b"\xff" * 80],
)
def test_bad_feature_bytes_are_a_codec_error(blob):
    with pytest.raises(CodecError):
        decode_features(blob)


def test_truncated_features_are_a_codec_error():
    blob = encode_features(article_features(Article(id="a", source="a", text="Some words here.")))
    with pytest.raises(CodecError):
        decode_features(blob[:-3])


def test_records_round_trip_and_only_model_classes_decode():
    sentence = SummarySentence("A cited line.", (Citation("a", Span(0, 5)),))
    assert decode_record(encode_record((sentence, {"k": 1}))) == (sentence, {"k": 1})
    with pytest.raises(CodecError, match="unknown record type"):
        decode_record('{"$": "Popen", "args": ["touch", "/tmp/x"]}')
    with pytest.raises(CodecError, match="has no field"):
        decode_record('{"$": "Span", "start": 1, "end": 2, "__class__": "x"}')


def test_a_crafted_store_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "crafted.sqlite"
    with open_store(path):
        pass
    payload = pickle.dumps(_Boom(str(marker)))
    conn = sqlite3.connect(path)
    with conn:
        for form in ("record", "bytes"):
            conn.execute(
                "INSERT INTO stage_results (key, stage, created, format, value) "
                "VALUES (?, 'x', 'now', ?, ?)",
                (f"x:{form}", form, zlib.compress(payload)),
            )
        conn.execute(
            "INSERT INTO article_features (article, version, data) VALUES ('a', 'v', ?)", (payload,)
        )
    conn.close()
    with open_store(path) as store:
        assert store.get_result("x:record") is None  # not a record: a cache miss
        assert store.get_result("x:bytes") == payload  # bytes stay bytes, never unpickled
        assert store.corpus.features(["a"], "v") == {}
    assert not marker.exists()


def test_version_1_pickles_are_dropped_by_the_migration(tmp_path):
    from newsweave.store.schema import MIGRATIONS

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    marker = tmp_path / "ran"
    conn.execute(
        "INSERT INTO stage_results (key, stage, created, value) VALUES ('s:1', 's', 'now', ?)",
        (zlib.compress(pickle.dumps(_Boom(str(marker)))),),
    )
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.get_result("s:1") is None
        assert store.count("stage_results") == 0
    assert not marker.exists()


def test_many_blobs_decode_at_once_as_one_by_one():
    from newsweave.store.codec import decode_table

    features = [
        article_features(Article(id=f"a{k}", source="s", text=text, content_hash=f"h{k}"))
        for k, text in enumerate(["Ann Okafor flew to Lagos on Monday.", "Rain.", "2019 vote"])
    ]
    blobs = [encode_features(f) for f in features]
    table, bad = decode_table([*blobs[:2], blobs[2][:-1], b"NWF2 nonsense", blobs[2]])
    assert bad == [2, 3]  # a cut blob and a crafted one are cache misses, never a crash
    for f, row in zip([*features[:2], features[2]], table.rows(), strict=True):
        assert encode_features(row) == encode_features(f)
    empty, none = decode_table([])
    assert len(empty) == 0 and none == []
    # a store from elsewhere may hold text, numbers or nothing in the blob column
    mixed, odd = decode_table([blobs[0], "NWF2 text", 10**15, None, 1.5, blobs[1]])
    assert odd == [1, 2, 3, 4] and len(mixed) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["story"].__setitem__("article_ids", [1, 2]),
        lambda d: d["reuse"][0]["source_span"].__setitem__("start", 1.5),
        lambda d: d["reuse"][0].__setitem__("similarity", "x"),
        lambda d: d["reuse"][0].__setitem__("kind", "copied"),
        lambda d: d["story"].__setitem__("article_ids", "abc"),
        lambda d: d.__setitem__("independent_sources", None),
    ],
)
def test_a_record_of_known_fields_but_wrong_types_does_not_decode(change):
    from newsweave.model import Lineage, ReusePassage, Story, StoryAnalysis
    from newsweave.store.records import CodecError, decode_record, encode_record

    analysis = StoryAnalysis(
        story=Story("s1", ("a", "b"), "Bridge closes"),
        independent_sources=1,
        lineage=Lineage((), (("a", "b"),)),
        reuse=(ReusePassage("a", "b", Span(0, 10), Span(0, 10), "verbatim", 0.9),),
    )
    assert decode_record(encode_record(analysis)) == analysis
    data = json.loads(encode_record(analysis))
    change(data)
    with pytest.raises(CodecError, match="wrong type"):
        decode_record(json.dumps(data))


def test_a_whole_analysis_of_the_example_corpus_round_trips_through_the_checks(tmp_path):
    from pathlib import Path

    from newsweave.config import Settings
    from newsweave.pipeline import analyze
    from newsweave.store.records import decode_record, encode_record

    examples = Path(__file__).resolve().parents[3] / "examples"
    (analysis,) = analyze([examples], Settings(db=":memory:")).stories
    assert analysis.quotes and analysis.findings and analysis.timeline and analysis.summary
    assert decode_record(encode_record(analysis)) == analysis


def test_a_whole_table_encodes_to_the_bytes_of_each_row():
    from newsweave.cluster.featurize import feature_rows
    from newsweave.cluster.table import feature_table
    from newsweave.store.codec import encode_table

    articles = [
        Article(
            id="é-1", source="s", text="Ann Lee flew to Lima. Née Núñez, she spoke.", title="Lima"
        ),
        Article(id="b", source="s", text="Short.", published="2021-03-05", content_hash="h"),
        Article(id="c", source="s", text="", content_hash="e"),
        Article(
            id="d", source="s", text="In 2019 Ann Okafor, 52, won 51% of 1,200 votes in Lagos."
        ),
    ]
    table = feature_rows(articles)
    assert encode_table(table) == [encode_features(f) for f in table.rows()]
    for blob, f in zip(encode_table(table), table.rows(), strict=True):  # the layout reads back
        g = decode_features(blob)
        assert (g.article, g.content_hash, g.blocks, g.day, g.words, g.written) == (
            f.article, f.content_hash, f.blocks, f.day, f.words, f.written
        )  # fmt: skip
        for a, b in ((g.text, f.text), (g.lead, f.lead), (g.names, f.names)):
            assert a.terms.tolist() == b.terms.tolist() and a.weights.tolist() == b.weights.tolist()
        assert g.minhash.tolist() == f.minhash.tolist()
    rebuilt = feature_table(table.rows()[1:3])  # a table put together from feature records
    assert encode_table(rebuilt) == [encode_features(f) for f in rebuilt.rows()]
    assert encode_table(feature_table([])) == []
    bare = dataclasses.replace(table, content_hashes=(), words=np.zeros(0, dtype=np.int64))
    assert encode_table(bare) == [encode_features(f) for f in bare.rows()]
