"""For arbitrary Unicode input, every span in the dossier indexes its article's text."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.config import Settings
from newsweave.pipeline import analyze
from newsweave.report.dossier import dossier_to_dict, validate_dossier

WORDS = st.sampled_from(
    [
        "Minister",
        "said",
        "“we",
        "will",
        "return”",
        "on",
        "Monday",
        "12",
        "people",
        "died",
        "Áñez",
        "the",
        "election",
        "October 20",
        "\n\n",
        "’s",
        '"',
        "—",
        "café",
        "😀",
        "\u200b",
        "\t",
        "2019.",
    ]
)
TEXTS = st.one_of(
    st.text(min_size=1, max_size=300), st.lists(WORDS, min_size=1, max_size=60).map(" ".join)
)


def _spans(story):
    for p in story["reuse"]:
        yield p["source"], p["source_span"]
        yield p["target"], p["target_span"]
    for e in story["entities"]:
        yield from ((m["article"], m["span"]) for m in e["mentions"])
    for key in ("quotes", "timexes", "claims"):
        yield from ((x["article"], x["span"]) for x in story[key])
    for s in story["summary"] + story["timeline"]:
        yield from ((c["article"], c["span"]) for c in s["citations"])
    for f in story["findings"]:
        yield from ((c["article"], c["span"]) for v in f["values"] for c in v["citations"])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_spans_index_real_text(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("in") / "in.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", encoding="utf-8")
    data = dossier_to_dict(analyze([path], Settings(db=":memory:")))
    validate_dossier(data)
    assert len(data["articles"]) + len(data["rejected"]) == len(texts)
    lengths = {a["id"]: len(a["text"]) for a in data["articles"]}
    for story in data["stories"]:
        for article, (start, end) in _spans(story):
            assert 0 <= start <= end <= lengths[article]
