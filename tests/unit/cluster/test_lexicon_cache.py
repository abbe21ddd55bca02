"""The word table kept between runs: the same table, and a bad file is only a rebuild."""

import numpy as np

from newsweave.cluster import lexicon as lexicon_module
from newsweave.cluster.lexicon import build_lexicon, lexicon

FIELDS = ("slots", "frequency", "idf", "flags")


def test_the_kept_table_is_the_built_one(tmp_path):
    path = tmp_path / "lexicon.npz"
    built = build_lexicon()
    lexicon_module._keep(built, path)
    read = lexicon_module._read(path)
    assert read is not None
    assert all(np.array_equal(getattr(read, f), getattr(built, f)) for f in FIELDS)
    assert all(np.array_equal(getattr(read, f), getattr(lexicon(), f)) for f in FIELDS)
    assert not list(tmp_path.glob("*.tmp.npz"))  # written aside, then moved in whole


def test_a_bad_kept_file_is_ignored(tmp_path):
    path = tmp_path / "lexicon.npz"
    assert lexicon_module._read(path) is None  # missing
    path.write_bytes(b"PK\x03\x04 not a zip at all")
    assert lexicon_module._read(path) is None
    np.savez(path, slots=np.zeros(3, np.int64), frequency=np.zeros(3), idf=np.zeros(3),
             flags=np.zeros(3, np.uint8))  # fmt: skip
    assert lexicon_module._read(path) is None  # not a power-of-two table
    objects = np.array([{"run": "code"}, None], dtype=object)
    np.savez(path, slots=objects, frequency=objects, idf=objects, flags=objects)
    assert lexicon_module._read(path) is None  # pickled objects are never loaded


def test_the_cache_name_follows_the_code_and_data():
    path = lexicon_module.cache_path()
    assert path.name.startswith("lexicon-") and path.suffix == ".npz"


def test_keeping_a_table_drops_other_versions(tmp_path):
    old = tmp_path / "lexicon-0000000000000000.npz"
    old.write_bytes(b"an older version's table")
    lexicon_module._keep(lexicon(), tmp_path / "lexicon-1111111111111111.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["lexicon-1111111111111111.npz"]
