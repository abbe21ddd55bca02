"""``analyze --all``: every stored story analysed, in parallel, resumable, failures recorded."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsweave.analysis import analyze_all
from newsweave.cli import main
from newsweave.config import load_settings
from newsweave.corpus import ingest

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STORIES = {
    "quake": [
        "An earthquake of magnitude 6.1 struck Aceh province in Indonesia on Tuesday, collapsing "
        'houses in Bener Meriah. "We felt the ground roll for a long time," said Ahmad Yani, a '
        "village head, adding that at least twenty people had died.",
        "The magnitude 6.1 quake that hit Aceh on Tuesday destroyed homes in Bener Meriah; the "
        'toll rose to twenty, officials said. "The ground rolled for a long time," Ahmad Yani '
        "told reporters.",
    ],
    "vote": [
        "Parliament in Lisbon voted on Monday to remove prime minister Ana Sousa after the "
        'Ferreira contracts inquiry. "This is a dark day," Sousa said.',
        "Ana Sousa was removed as prime minister by the Lisbon parliament on Monday over the "
        'Ferreira contracts inquiry. Sousa called it "a dark day".',
    ],
}


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "store.sqlite"
    source = tmp_path / "more.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for name, texts in STORIES.items():
            for k, text in enumerate(texts):
                record = {"id": f"{name}{k}", "text": text, "published": "2020-03-03"}
                handle.write(json.dumps(record) + "\n")
    ingest([EXAMPLES, source], load_settings(overrides={"db": str(db)}))
    return db


def _analyses(db: Path) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT story, status, dossier FROM analyses").fetchall()
    return {story: (status, dossier) for story, status, dossier in rows}


def test_all_stories_in_two_workers_equal_one_process(tmp_path):
    db = _store(tmp_path)
    report = analyze_all(load_settings(overrides={"db": str(db), "run.workers": 2}))
    assert report.analysed == 3 and report.failed == () and report.up_to_date == 0
    pooled = _analyses(db)
    again = analyze_all(load_settings(overrides={"db": str(db)}))
    assert again.analysed == 0 and again.up_to_date == 3  # nothing left to do
    alone = tmp_path / "alone"
    alone.mkdir()
    db_alone = _store(alone)
    analyze_all(load_settings(overrides={"db": str(db_alone), "run.workers": 1}))
    assert _analyses(db_alone) == pooled


def test_cli_and_stories_json_say_what_is_analysed(tmp_path, capsys):
    db = _store(tmp_path)
    assert main(["analyze", "--all", "--db", str(db), "--workers", "2", "--min-size", "3"]) == 0
    assert capsys.readouterr().out == "Analysed 1 story (0 failed, 0 already up to date).\n"
    target = tmp_path / "s.json"
    assert main(["stories", "--db", str(db), "--json", str(target)]) == 0
    analysed = {s["size"]: s["analyzed"] for s in json.loads(target.read_text())["stories"]}
    assert analysed == {4: True, 2: False}


def test_a_failing_story_is_recorded_and_the_others_go_on(tmp_path, monkeypatch):
    db = _store(tmp_path)
    import newsweave.story as story_tier

    real = story_tier.analyze_story

    def fragile(story, articles, *rest):
        if any(a.id == "vote0" for a in articles):
            raise ValueError("parser crashed")
        return real(story, articles, *rest)

    monkeypatch.setattr(story_tier, "analyze_story", fragile)
    report = analyze_all(load_settings(overrides={"db": str(db), "run.workers": 1}))
    assert report.analysed == 2
    ((story, reason),) = report.failed
    assert reason == "ValueError: parser crashed"
    assert _analyses(db)[story][0] == "failed"


def test_a_killed_run_resumes(tmp_path):
    db = _store(tmp_path)
    code = (
        "from newsweave.analysis import analyze_all; from newsweave.config import load_settings; "
        f"analyze_all(load_settings(overrides={{'db': {str(db)!r}, 'run.workers': 1}}))"
    )
    child = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.2)
        try:
            if _analyses(db):
                break
        except sqlite3.OperationalError:
            continue
    child.kill()
    child.wait()
    done_before = len(_analyses(db))
    report = analyze_all(load_settings(overrides={"db": str(db), "run.workers": 2}))
    assert done_before >= 1
    assert report.analysed == 3 - done_before and report.up_to_date == done_before
    assert len(_analyses(db)) == 3
