from newsweave.model import (
    Article,
    Citation,
    Claim,
    Finding,
    FindingValue,
    Lineage,
    Publication,
    Span,
    Story,
    StoryAnalysis,
)
from newsweave.reconcile.timeline import build_timeline
from newsweave.report.timeline import render_findings, render_timeline


def c(id_, article, subject, value, slot="date"):
    return Claim(id_, article, Span(0, 5), slot, subject, value, None, None)


def test_timeline_merges_one_event_and_flags_other_days():
    claims = [
        c("1", "a", "departure", "2019-11-11"),
        c("2", "c", "departure", "2019-11-11"),
        c("3", "a", "election", "2019-10-20"),
        c("4", "c", "election", "2019-10-21"),
        c("5", "b", "election", "2019-10"),
        c("6", "b", "people", "3", slot="deaths"),
    ]
    timeline = build_timeline([], {}, [], [], claims)
    assert [(t.date, t.event, len(t.citations)) for t in timeline] == [
        ("2019-10-20", "election", 1),
        ("2019-10-21", "election", 1),
        ("2019-11-11", "departure", 2),
    ]
    assert "other articles date it 2019-10-21" in timeline[0].basis


def test_a_month_alone_stays_on_the_timeline():
    timeline = build_timeline([], {}, [], [], [c("1", "a", "election", "2019-10")])
    assert [(t.date, t.event) for t in timeline] == [("2019-10", "election")]


def _analysis(articles):
    claims = [c("1", "a", "election", "2019-10-20"), c("2", "b", "election", "2019-10-21")]
    return StoryAnalysis(
        story=Story("s", tuple(articles), "h"),
        independent_sources=2,
        lineage=Lineage((), (("a",), ("b",))),
        publications=(
            Publication("a", "2019-11-12", "given"),
            Publication("b", None, "inferred", "2019-11-11", "2019-11-17"),
        ),
        claims=tuple(claims),
        findings=(
            Finding(
                "conflict",
                "date",
                "election",
                (
                    FindingValue("2019-10-20", ("a",), (Citation("a", Span(0, 12)),), 1),
                    FindingValue("2019-10-21", ("b",), (Citation("b", Span(0, 12)),), 1),
                ),
                2,
            ),
        ),
        timeline=build_timeline([], {}, [], [], claims),
    )


def test_render_draws_events_and_given_and_inferred_publication_days_escaped():
    articles = {
        "a": Article("a", "a.txt", "<b>Vote</b> on October 20", outlet="<Daily>"),
        "b": Article("b", "b.txt", "The vote & count, October 21", outlet="Wire"),
    }
    html = render_timeline(_analysis(articles), articles)
    assert "<svg" in html and html.count("<circle") == 2
    assert 'fill="#b3541e"' in html  # the given publication day
    assert "inferred: 2019-11-11 – 2019-11-17" in html  # the hollow mark of the window
    assert "&lt;Daily&gt;" in html and "<Daily>" not in html
    table = render_findings(_analysis(articles), articles)
    assert "conflict" in table and "2019-10-21" in table
    assert "&lt;b&gt;Vote&lt;/b&gt;" in table and "<b>Vote" not in table
