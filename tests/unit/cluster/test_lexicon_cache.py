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


def test_keeping_a_table_drops_other_versions_unused_for_a_month(tmp_path):
    import os
    import time

    old, recent = tmp_path / "lexicon-0000000000000000.npz", tmp_path / "lexicon-2.npz"
    old.write_bytes(b"an older version's table")
    recent.write_bytes(b"another install's table, in use")
    month = time.time() - (lexicon_module.STALE_DAYS + 1) * 86_400
    os.utime(old, (month, month))
    lexicon_module._keep(lexicon(), tmp_path / "lexicon-1111111111111111.npz")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lexicon-1111111111111111.npz",
        "lexicon-2.npz",
    ]


def test_members_that_are_not_arrays_are_ignored(tmp_path):
    import zipfile

    path = tmp_path / "lexicon.npz"
    with zipfile.ZipFile(path, "w") as archive:  # members with no array header read as bytes
        for name in FIELDS:
            archive.writestr(f"{name}.npy", b"abcd")
    assert lexicon_module._read(path) is None
    np.savez(path, slots=np.array(8), frequency=np.zeros(8), idf=np.zeros(8), flags=np.zeros(8))
    assert lexicon_module._read(path) is None  # a 0-d array has no length


def test_a_lone_array_or_a_full_table_is_ignored(tmp_path):
    path = tmp_path / "lexicon.npz"
    np.save(tmp_path / "lone.npy", np.arange(4))
    (tmp_path / "lone.npy").rename(path)
    assert lexicon_module._read(path) is None  # np.load gives an array, not a file of them
    full = np.arange(8, dtype=np.int64)  # no empty slot: a look-up would never end
    np.savez(path, slots=full, frequency=np.zeros(8), idf=np.zeros(8), flags=np.zeros(8, np.uint8))
    assert lexicon_module._read(path) is None
