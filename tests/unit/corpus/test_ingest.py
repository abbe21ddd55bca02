"""The corpus tier through the store: batches, growth, updates."""

import json
import sqlite3
from pathlib import Path

import pytest

from newsweave.config import ClusterSettings, Settings
from newsweave.corpus import ingest
from newsweave.corpus.intake import regroup_mode, whole_is_faster

#: Every way a store grows by a batch (``auto`` clusters these small stores whole again).
GROWTH = pytest.mark.parametrize("regroup", ["auto", "exact", "whole"])


def _grown(db, regroup):
    return Settings(db=db, cluster=ClusterSettings(regroup=regroup))


EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

QUAKE = [
    "An earthquake of magnitude 6.1 struck Aceh province in Indonesia on Tuesday, collapsing "
    "houses in Bener Meriah and killing at least twenty people, officials said.",
    "The magnitude 6.1 quake that hit Aceh on Tuesday destroyed homes in Bener Meriah district; "
    "rescuers in Indonesia pulled survivors from the rubble and the toll rose to twenty.",
    "Rescuers searched collapsed houses in Bener Meriah after Tuesday's 6.1 earthquake in Aceh, "
    "Indonesia, in which twenty people died.",
]
VOTE = [
    "Parliament in Lisbon voted to remove prime minister Ana Sousa after the Ferreira contracts "
    "inquiry, ending her coalition.",
    "Ana Sousa was removed as prime minister by the Lisbon parliament over the Ferreira "
    "contracts inquiry, ending her coalition government.",
]


def _jsonl(path, texts, prefix, published="2020-03-03"):
    path.write_text(
        "".join(
            json.dumps({"id": f"{prefix}{i}", "text": t, "published": published}) + "\n"
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return path


def _stories(db):
    conn = sqlite3.connect(db)
    groups = {}
    for article, story in conn.execute("SELECT article, story FROM story_members"):
        groups.setdefault(story, set()).add(article)
    return groups


@GROWTH
def test_batches_give_the_stories_of_one_batch(tmp_path, regroup):
    whole = _jsonl(tmp_path / "all.jsonl", QUAKE + VOTE, "x")
    one = ingest([whole], Settings(db=str(tmp_path / "one.sqlite")))
    assert one.added == 5 and len(one.changes.created) == 2
    db = str(tmp_path / "many.sqlite")
    for i, text in enumerate(QUAKE + VOTE):
        part = tmp_path / f"p{i}.jsonl"
        part.write_text(json.dumps({"id": f"x{i}", "text": text, "published": "2020-03-03"}) + "\n")
        ingest([part], _grown(db, regroup))
    assert sorted(map(sorted, _stories(db).values())) == sorted(
        map(sorted, _stories(tmp_path / "one.sqlite").values())
    )


@GROWTH
def test_a_story_keeps_its_id_as_it_grows_and_reingesting_changes_nothing(tmp_path, regroup):
    db = str(tmp_path / "s.sqlite")
    first = ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2], "q")], Settings(db=db))
    (story,) = first.changes.created
    grown = ingest([_jsonl(tmp_path / "b.jsonl", QUAKE[2:], "r")], _grown(db, regroup))
    assert grown.changes.grown == (story,) and grown.changes.joined == {"r0": story}
    again = ingest([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], _grown(db, regroup))
    assert (again.added, again.unchanged, again.changes.created, again.changes.grown) == (
        0,
        3,
        (),
        (),
    )


@GROWTH
def test_exact_reprints_are_copies_not_new_stories(tmp_path, regroup):
    db = str(tmp_path / "d.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:1], "a")], Settings(db=db))
    report = ingest([_jsonl(tmp_path / "b.jsonl", QUAKE[:1], "b")], _grown(db, regroup))
    assert report.copies == 1 and report.changes.created == ()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT kind FROM duplicates WHERE article = 'b0'").fetchone() == ("exact",)


@GROWTH
def test_an_updated_article_is_reclustered(tmp_path, regroup):
    db = str(tmp_path / "u.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE + VOTE[:1], "m")], Settings(db=db))
    moved = tmp_path / "b.jsonl"
    moved.write_text(json.dumps({"id": "m0", "text": VOTE[1], "published": "2020-03-03"}) + "\n")
    report = ingest([moved], _grown(db, regroup))
    assert report.updated == 1
    groups = [g for g in _stories(db).values() if "m0" in g]
    assert groups == [{"m0", "m3"}]


def test_examples_are_one_story(tmp_path):
    report = ingest([EXAMPLES], Settings(db=str(tmp_path / "e.sqlite")))
    assert report.added == 4 and report.stories == 1


def test_a_story_whose_titles_are_urls_takes_its_headline_from_the_text(tmp_path):
    source = tmp_path / "urls.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": f"u{i}", "text": t, "title": f"http: / / www. site{i}. com / 88{i}"})
            + "\n"
            for i, t in enumerate(QUAKE)
        ),
        encoding="utf-8",
    )
    ingest([source], Settings(db=str(tmp_path / "s.sqlite")))
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    (headline,) = conn.execute("SELECT headline FROM stories").fetchone()
    assert headline and any(text.startswith(headline) for text in QUAKE)  # a lead, not a URL


ATTACH = {"cluster": ClusterSettings(regroup="attach")}


def test_attached_articles_join_their_stories_and_keep_their_ids(tmp_path):
    db = str(tmp_path / "a.sqlite")
    first = ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2] + VOTE[:1], "s")], Settings(db=db))
    stories = {frozenset(g): s for s, g in _stories(db).items()}
    quake, vote = stories[frozenset({"s0", "s1"})], stories[frozenset({"s2"})]
    assert set(first.changes.created) == {quake, vote}
    later = _jsonl(tmp_path / "b.jsonl", QUAKE[2:] + VOTE[1:], "t")
    report = ingest([later], Settings(db=db, **ATTACH))
    assert report.changes.joined == {"t0": quake, "t1": vote}
    assert sorted(map(sorted, _stories(db).values())) == [["s0", "s1", "t0"], ["s2", "t1"]]


def test_a_large_stored_story_is_joined_whole(tmp_path, monkeypatch):
    """A story above OPEN_STORY representatives is not clustered again: a new article
    joins it by its mean over a sample of its representatives."""
    import newsweave.corpus.attach as attach

    monkeypatch.setattr(attach, "OPEN_STORY", 1)
    db = str(tmp_path / "b.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2] + VOTE, "s")], Settings(db=db))
    report = ingest([_jsonl(tmp_path / "b.jsonl", QUAKE[2:], "t")], Settings(db=db, **ATTACH))
    assert report.changes.created == () and len(report.changes.grown) == 1
    assert ["s0", "s1", "t0"] in map(sorted, _stories(db).values())


def test_an_earlier_copy_takes_over_its_text_and_stays_in_its_story(tmp_path):
    db = str(tmp_path / "c.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE, "s", published="2020-03-04")], Settings(db=db))
    copy = _jsonl(tmp_path / "b.jsonl", QUAKE[:1], "early", published="2020-03-02")
    report = ingest([copy], Settings(db=db, **ATTACH))
    assert report.copies == 1 and report.changes.created == ()
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT representative FROM duplicates WHERE article = 's0'"
    ).fetchone() == ("early0",)
    assert sorted(map(sorted, _stories(db).values())) == [["early0", "s0", "s1", "s2"]]


def test_a_batch_of_two_percent_of_a_store_clusters_it_whole_again_unless_attached(tmp_path):
    assert whole_is_faster(30_000, 600) and not whole_is_faster(30_000, 599)
    db = str(tmp_path / "w.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2], "q")], Settings(db=db))
    report = ingest([_jsonl(tmp_path / "b.jsonl", VOTE, "v")], Settings(db=db))
    assert "faster than regrouping" in report.reclustered
    assert "adds 2 articles to a store of 2 texts" in report.reclustered
    exact = ingest([_jsonl(tmp_path / "c.jsonl", QUAKE[2:], "r")], _grown(db, "exact"))
    assert exact.reclustered == ""
    asked = ingest(
        [_jsonl(tmp_path / "d.jsonl", ["A new text of its own."], "n")], _grown(db, "whole")
    )
    assert asked.reclustered == "[cluster] regroup is 'whole'"
    nothing = ingest([tmp_path / "d.jsonl"], _grown(db, "whole"))
    assert nothing.reclustered == ""  # nothing new: nothing to cluster
    assert sorted(map(sorted, _stories(db).values())) == [["n0"], ["q0", "q1", "r0"], ["v0", "v1"]]


def test_a_small_batch_into_a_large_store_is_attached():
    assert regroup_mode("auto", 200_000, 1_000) == "attach"
    assert regroup_mode("auto", 200_000, 50_000) == "exact"  # a large batch changes much
    assert regroup_mode("auto", 5_000, 10) == "exact"  # a small store regroups in seconds
    assert regroup_mode("exact", 200_000, 10) == "exact"


def test_attaching_makes_again_stored_features_that_do_not_decode(tmp_path):
    db = str(tmp_path / "d.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2] + VOTE[:1], "s")], Settings(db=db))
    with sqlite3.connect(db) as conn:  # a crafted or damaged row: a cache miss, not a crash
        conn.execute("UPDATE article_features SET data = X'4E57463200' WHERE article = 's0'")
    report = ingest([_jsonl(tmp_path / "b.jsonl", QUAKE[2:], "t")], Settings(db=db, **ATTACH))
    assert report.changes.created == () and ["s0", "s1", "t0"] in map(sorted, _stories(db).values())
    (data,) = (
        sqlite3.connect(db)
        .execute("SELECT data FROM article_features WHERE article = 's0'")
        .fetchone()
    )
    assert data.startswith(b"NWF2") and len(data) > 100  # made again from the article


def test_a_batch_too_large_to_compare_whole_keeps_its_stories_whole(tmp_path, monkeypatch):
    import newsweave.corpus.attach as attach

    monkeypatch.setattr(attach, "MAX_PART", 1)  # every component is "too large"
    db = str(tmp_path / "e.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2] + VOTE[:1], "s")], Settings(db=db))
    ingest([_jsonl(tmp_path / "b.jsonl", QUAKE[2:] + VOTE[1:], "t")], Settings(db=db, **ATTACH))
    assert sorted(map(sorted, _stories(db).values())) == [["s0", "s1", "t0"], ["s2", "t1"]]


def test_texts_with_nothing_to_hash_are_apart_and_keep_no_bands(tmp_path):
    marks = [
        "!!! ??? ... !!! ??? ... !!!",
        "--- --- --- ;;; ;;; ;;; ---",
        "*** *** *** *** *** ***",
    ]
    db = str(tmp_path / "marks.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", marks[:2] + QUAKE, "m")], Settings(db=db))
    ingest([_jsonl(tmp_path / "b.jsonl", marks[2:], "n")], Settings(db=db))
    conn = sqlite3.connect(db)
    copies = conn.execute("SELECT count(*) FROM duplicates WHERE article != representative")
    assert copies.fetchone()[0] == 0  # no text of marks is another's near-duplicate
    banded = {row[0] for row in conn.execute("SELECT DISTINCT article FROM bands")}
    assert banded == {"m2", "m3", "m4"}  # the quake reports; the marks match nothing


def test_chunks_are_committed_in_groups_drawn_one_chunk_at_a_time(monkeypatch):
    from types import SimpleNamespace

    from newsweave.corpus import intake

    monkeypatch.setattr(intake, "COMMIT_ITEMS", 5)
    drawn = []

    def chunks():
        for k, size in enumerate([2, 2, 2, 1, 4, 3]):
            drawn.append(k)
            yield SimpleNamespace(items=[k] * size, number=k)

    groups = []
    for group in intake._commit_groups(chunks()):
        members = []
        for chunk in group:
            assert drawn[-1] == chunk.number  # nothing drawn ahead of the one written
            members.append(chunk.number)
        groups.append(members)
    assert groups == [[0, 1, 2], [3, 4], [5]]  # each group reaches 5 documents, then commits


def test_a_story_spans_its_first_and_last_moment_across_offsets(tmp_path):
    stamps = ["2020-03-04T03:00:00+05:00", "2020-03-03T23:30:00+01:00", "2020-03-03"]
    path = tmp_path / "q.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"q{i}", "text": t, "published": p}) + "\n"
            for i, (t, p) in enumerate(zip(QUAKE, stamps, strict=True))
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "t.sqlite")
    ingest([path], Settings(db=db))
    (span,) = sqlite3.connect(db).execute("SELECT first_published, last_published FROM stories")
    # 03:00 at +05:00 is 22:00 UTC on the 3rd, before 23:30 at +01:00 (22:30 UTC), though its
    # text sorts after; the last is kept in UTC, so stories order by it and --since compares
    # moments
    assert span == ("2020-03-03", "2020-03-03T22:30:00+00:00")


def _events(db, run):
    conn = sqlite3.connect(db)
    return sorted(
        r[0] for r in conn.execute("SELECT event FROM story_events WHERE run = ?", (run,))
    )


def test_story_events_say_what_happened_and_runs_keep_their_settings_as_json(tmp_path):
    db = str(tmp_path / "e.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE + VOTE[:1], "m")], Settings(db=db))
    moved = tmp_path / "b.jsonl"  # m0 leaves the quake story for the vote story
    moved.write_text(json.dumps({"id": "m0", "text": VOTE[1], "published": "2020-03-03"}) + "\n")
    ingest([moved], Settings(db=db))
    assert _events(db, 2) == ["grew", "shrank"]
    edited = tmp_path / "c.jsonl"  # m1's text is edited in place: its story holds the same
    edited.write_text(
        json.dumps({"id": "m1", "text": QUAKE[1] + " (Updated.)", "published": "2020-03-03"}) + "\n"
    )
    ingest([edited], Settings(db=db))
    assert _events(db, 3) == ["updated"]
    conn = sqlite3.connect(db)
    settings = conn.execute("SELECT settings FROM runs ORDER BY id DESC").fetchone()[0]
    assert conn.execute("SELECT json_extract(?, '$.summary_words')", (settings,)).fetchone()[0]


def test_one_input_given_alone_and_a_since_that_is_no_day(tmp_path):
    import pytest

    from newsweave.corpus.catalog import list_stories
    from newsweave.errors import InputError
    from newsweave.store import open_store

    db = str(tmp_path / "one.sqlite")
    assert ingest(str(EXAMPLES), Settings(db=db)).added == 4  # not read as its characters
    with open_store(db) as store:
        assert len(list_stories(store, since="2019-11-01 ")) == 0  # its articles are undated
        assert len(list_stories(store)) == 1
        with pytest.raises(InputError, match="is not a date"):
            list_stories(store, since="not-a-date")


def test_a_tier_built_by_another_pair_model_is_clustered_again_keeping_story_ids(
    tmp_path, monkeypatch
):
    import newsweave.corpus.intake as intake

    assert {"neighbours.py", "pairs.py", "trees.py", "pair_model.json"} <= set(intake._MODEL_FILES)
    db = str(tmp_path / "store.sqlite")
    ingest([_jsonl(tmp_path / "quake.jsonl", QUAKE, "q")], Settings(db=db))
    before = {frozenset(m): s for s, m in _stories(db).items()}
    conn = sqlite3.connect(db)  # as a release with another pair model would have left it
    conn.execute("UPDATE meta SET value = 'older-model' WHERE key = 'corpus_version'")
    conn.commit()
    conn.close()
    computed = []
    real = intake.compute_features
    monkeypatch.setattr(
        intake, "compute_features", lambda articles: computed.extend(articles) or real(articles)
    )
    report = ingest([_jsonl(tmp_path / "vote.jsonl", VOTE, "v")], Settings(db=db))
    assert "another version" in report.reclustered
    assert not any(a.id.startswith("q") for a in computed)  # the features were still good
    conn = sqlite3.connect(db)
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()
    conn.close()
    assert version == intake.tier_version() != intake.features_version()
    after = {frozenset(m): s for s, m in _stories(db).items()}
    quake = frozenset(f"q{i}" for i in range(3))
    assert after[quake] == before[quake]
    assert frozenset({"v0", "v1"}) in after


def test_a_store_that_outgrows_pairing_every_two_texts_is_clustered_again_as_one_batch(
    tmp_path, monkeypatch
):
    """Below EXACT_PAIRS texts every two are paired, above it only those sharing a word: a
    store crossing the line is clustered again whole, so batches still give one batch's
    stories, and its stories keep their ids."""
    import newsweave.cluster.neighbours as neighbours
    import newsweave.corpus.intake as intake
    import newsweave.corpus.update as update

    for module in (neighbours, intake, update):
        monkeypatch.setattr(module, "EXACT_PAIRS", 3)
    one = ingest(
        [_jsonl(tmp_path / "all.jsonl", QUAKE + VOTE, "x")],
        Settings(db=str(tmp_path / "one.sqlite")),
    )
    assert one.added == 5
    db = str(tmp_path / "many.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE[:2], "x")], Settings(db=db))
    first = {frozenset(m): s for s, m in _stories(db).items()}
    rebuilt = []
    real = intake._stored_table
    monkeypatch.setattr(intake, "_stored_table", lambda *a: rebuilt.append(1) or real(*a))
    later = [QUAKE[2], *VOTE]
    path = tmp_path / "b.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"x{k + 2}", "text": t, "published": "2020-03-03"}) + "\n"
            for k, t in enumerate(later)
        ),
        encoding="utf-8",
    )
    ingest([path], Settings(db=db))
    assert rebuilt  # 2 texts held, 3 more: past the line, so clustered again whole
    assert sorted(map(sorted, _stories(db).values())) == sorted(
        map(sorted, _stories(tmp_path / "one.sqlite").values())
    )
    quake = next(s for members, s in first.items() if "x0" in members)
    assert any(s == quake for s in _stories(db))


def test_exact_copies_of_stored_texts_do_not_count_as_new_texts_toward_the_line(
    tmp_path, monkeypatch
):
    import newsweave.cluster.neighbours as neighbours
    import newsweave.corpus.intake as intake
    import newsweave.corpus.update as update

    for module in (neighbours, intake, update):
        monkeypatch.setattr(module, "EXACT_PAIRS", 3)
    db = str(tmp_path / "store.sqlite")
    exact = _grown(db, "exact")  # "auto" would cluster a store this small again whole anyway
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE, "q")], exact)
    rebuilt = []
    real = intake._stored_table
    monkeypatch.setattr(intake, "_stored_table", lambda *a: rebuilt.append(1) or real(*a))
    ingest([_jsonl(tmp_path / "copies.jsonl", QUAKE, "reprint")], exact)
    assert not rebuilt  # three reprints of three stored texts: still three texts
    report = ingest([_jsonl(tmp_path / "vote.jsonl", VOTE, "v")], exact)
    assert rebuilt  # two new texts: five, past the line
    assert "grows past 3 texts" in report.reclustered
    again = ingest([_jsonl(tmp_path / "vote2.jsonl", VOTE, "w")], exact)
    assert again.reclustered == ""  # copies only, and past the line already


def test_a_whole_recluster_reads_features_in_pieces_and_recomputes_a_bad_blob(
    tmp_path, monkeypatch
):
    import newsweave.store.corpus as corpus_tables
    from newsweave.store.codec import decode_features

    monkeypatch.setattr(corpus_tables, "DECODED_AT_ONCE", 2)
    one = str(tmp_path / "one.sqlite")
    ingest([_jsonl(tmp_path / "all.jsonl", QUAKE + VOTE, "x")], Settings(db=one))
    db = str(tmp_path / "w.sqlite")
    ingest([_jsonl(tmp_path / "a.jsonl", QUAKE + VOTE[:1], "x")], Settings(db=db))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE article_features SET data = x'00' WHERE article = 'x1'")
    conn.commit()
    later = tmp_path / "b.jsonl"
    later.write_text(json.dumps({"id": "x4", "text": VOTE[1], "published": "2020-03-03"}) + "\n")
    report = ingest([later], _grown(db, "whole"))
    assert report.reclustered == "[cluster] regroup is 'whole'"
    assert sorted(map(sorted, _stories(db).values())) == sorted(map(sorted, _stories(one).values()))
    (blob,) = conn.execute("SELECT data FROM article_features WHERE article = 'x1'").fetchone()
    assert decode_features(blob).article == "x1"  # made again from the stored text
    conn.close()


def test_a_second_ingest_waits_for_the_first_and_says_so(tmp_path):
    import threading
    import time

    from newsweave.store.lock import ingest_lock, lock_path

    db = str(tmp_path / "l.sqlite")
    heard: list[str] = []
    done: list[object] = []

    def second() -> None:
        source = _jsonl(tmp_path / "b.jsonl", VOTE, "v")
        done.append(ingest([source], Settings(db=db), progress=lambda s, *_: heard.append(s)))

    with ingest_lock(db):  # another ingest holds the store
        worker = threading.Thread(target=second)
        worker.start()
        for _ in range(500):
            if "waiting" in heard:
                break
            time.sleep(0.01)
        assert heard == ["waiting"] and not done  # it waits, and has read nothing yet
    worker.join(timeout=60)
    assert done and done[0].added == 2 and "read" in heard
    assert (tmp_path / "l.sqlite.ingest.lock").exists() and lock_path(db).endswith(".lock")


def _story_table(db):
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT s.id, s.headline, s.size, s.first_published, s.last_published, s.fingerprint, "
        "group_concat(m.article) FROM stories s JOIN story_members m ON m.story = s.id "
        "GROUP BY s.id ORDER BY s.id"
    ).fetchall()
    events = conn.execute("SELECT story, event, other FROM story_events ORDER BY story, event")
    found = rows, events.fetchall()
    conn.close()
    return found


def test_story_rows_planned_by_a_worker_are_those_planned_here(tmp_path, monkeypatch):
    """A batch large enough for a pool of processes has its story rows planned by one of
    them while this process writes the corpus tables; the store is the one planning them
    here gives, on a first batch and on a store clustered again whole."""
    import newsweave.engines.local as local
    from newsweave.engines.local import Preparation

    monkeypatch.setattr(local, "MIN_PARALLEL", 2)
    monkeypatch.setattr(local, "default_workers", lambda: 2)
    real = Preparation.submit
    asked, futures = [], []

    def run(db, aside):
        def submit(self, work, *args):
            asked.append(work.__name__)
            if not aside:
                return None
            futures.append(real(self, work, *args))
            return futures[-1]

        monkeypatch.setattr(Preparation, "submit", submit)
        for name, texts, prefix in (("quake", QUAKE, "q"), ("vote", VOTE, "v")):
            path = _jsonl(tmp_path / f"{name}.jsonl", texts, prefix)
            ingest([path], _grown(db, "whole"))
        return _story_table(db)

    here = run(str(tmp_path / "here.sqlite"), aside=False)
    assert asked == ["plan_stored", "plan_stored"]
    pooled = run(str(tmp_path / "pooled.sqlite"), aside=True)
    assert len(futures) == 2 and not any(f.exception() for f in futures)  # none fell back
    assert pooled == here
    rows, events = pooled
    assert len(rows) == 2 and ("created" in {e[1] for e in events})


def test_a_plan_the_worker_could_not_make_is_made_here(tmp_path):
    from concurrent.futures import Future

    from newsweave.corpus.intake import _planned
    from newsweave.errors import StoreError
    from newsweave.store import open_store

    db = str(tmp_path / "store.sqlite")
    ingest([_jsonl(tmp_path / "quake.jsonl", QUAKE, "q")], Settings(db=db))
    failed: Future = Future()
    failed.set_exception(StoreError("cannot read the store: database is locked"))
    with open_store(db) as store:
        plan = _planned(failed, store, [("q0", "q1", "q2")], set(), None)
    assert [row.size for row, _ in plan.rows] == [] and not plan.ended  # nothing changed
    broken: Future = Future()
    broken.set_exception(ValueError("a fault of the plan itself"))
    with open_store(db) as store, pytest.raises(ValueError, match="fault"):
        _planned(broken, store, [("q0", "q1", "q2")], set(), None)


def test_a_story_history_reads_what_a_store_from_elsewhere_holds(tmp_path):
    from newsweave.corpus.catalog import story_history

    db = str(tmp_path / "store.sqlite")
    ingest([_jsonl(tmp_path / "quake.jsonl", QUAKE, "q")], Settings(db=db))
    (story,) = _stories(db)
    conn = sqlite3.connect(db)
    conn.executemany(
        "INSERT INTO story_events (story, event, other, run, at) VALUES (?, ?, ?, ?, ?)",
        [
            ("s-gone", "merged_into", story, "not a run", 20260101),
            ("s-part", "split_from", story, 7, b"2026-01-02T00:00:00+00:00"),
            ("s-else", "merged_into", "s-other", 8, "2026-01-03"),  # not about this story
        ],
    )
    conn.commit()
    history = story_history(conn, story)
    conn.close()
    assert [(e.story, e.event, e.run, e.at) for e in history[1:]] == [
        ("s-gone", "merged_into", None, "20260101"),
        ("s-part", "split_from", 7, "2026-01-02T00:00:00+00:00"),
    ]
    assert (history[0].story, history[0].event, history[0].run) == (story, "created", 1)


@pytest.mark.parametrize("when", ["before", "during"])
def test_a_pool_broken_after_the_reading_leaves_the_plan_to_this_process(
    tmp_path, monkeypatch, when
):
    """A worker killed after the reading (the system short of memory, say) breaks the pool:
    the story rows are then planned here, and the ingest ends as it would have."""
    import os
    import signal
    import time

    import newsweave.engines.local as local
    from newsweave.engines.local import Preparation

    monkeypatch.setattr(local, "MIN_PARALLEL", 2)
    monkeypatch.setattr(local, "default_workers", lambda: 2)
    made = []
    real_chunks, real_submit = Preparation.chunks, Preparation.submit
    monkeypatch.setattr(Preparation, "chunks", lambda self: made.append(self) or real_chunks(self))

    def kill_workers():
        pool = made[-1]._pool
        for process in list(pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not pool._broken and time.monotonic() < deadline:
            time.sleep(0.01)

    def submit(self, work, *args):
        if when == "before":
            kill_workers()
            return real_submit(self, work, *args)
        future = real_submit(self, work, *args)
        kill_workers()
        return future

    monkeypatch.setattr(Preparation, "submit", submit)
    db = str(tmp_path / "store.sqlite")
    report = ingest([_jsonl(tmp_path / "all.jsonl", QUAKE + VOTE, "x")], Settings(db=db))
    assert report.added == 5 and len(report.changes.created) == 2
    assert sorted(map(sorted, _stories(db).values())) == [
        ["x0", "x1", "x2"],
        ["x3", "x4"],
    ]
