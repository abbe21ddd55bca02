from newsweave.model import Claim, Lineage, Span
from newsweave.reconcile.findings import compatible, reconcile_claims


def c(id_, article, slot, subject, value, scope=None):
    return Claim(id_, article, Span(0, 5), slot, subject, value, None, scope)


LINEAGE = Lineage((), (("a",), ("b", "b2"), ("c",)))


def test_compatible_values():
    assert compatible("2019-10", "2019-10-20") and not compatible("2019-10-20", "2019-10-21")
    assert compatible("100+", "250") and not compatible("100+", "20") and not compatible("3", "4")


def test_a_date_conflict_with_its_sources():
    claims = [
        c("1", "a", "date", "election", "2019-10-20"),
        c("2", "c", "date", "election", "2019-10-21"),
        c("3", "b", "date", "election", "2019-10"),
    ]
    (finding,) = reconcile_claims(claims, LINEAGE)
    assert finding.kind == "conflict" and finding.independent_support == 3
    assert {v.value: v.articles for v in finding.values} == {
        "2019-10-20": ("a",),
        "2019-10-21": ("c",),
        "2019-10": ("b",),
    }


def test_copies_count_once_and_scopes_do_not_conflict():
    claims = [
        c("1", "b", "deaths", "people", "3", "since the protest begin"),
        c("2", "b2", "deaths", "people", "3"),
        c("3", "a", "injured", "people", "20", "in the clash"),
        c("4", "b", "injured", "people", "100+", "since the protest begin"),
    ]
    findings = reconcile_claims(claims, LINEAGE)
    assert [(f.kind, f.slot, f.independent_support) for f in findings] == [
        ("agreement", "deaths", 1)
    ]


def test_roles_never_conflict():
    claims = [
        c("1", "a", "role", "Ana Ruiz", "foreign minister"),
        c("2", "c", "role", "Ana Ruiz", "deputy leader"),
    ]
    (finding,) = reconcile_claims(claims, LINEAGE)
    assert finding.kind == "agreement" and len(finding.values) == 2


def test_an_article_giving_two_dates_to_one_kind_of_event_draws_no_conflict_in_it():
    # "returned to prison in May 1984 ... returned to prison in June 1999": two returns
    claims = [
        c("1", "a", "date", "return", "1984-05"),
        c("2", "a", "date", "return", "1999-06"),
        c("3", "c", "date", "return", "1984-05"),
        c("4", "c", "date", "election", "2019-10-21"),
        c("5", "a", "date", "election", "2019-10-20"),
    ]
    findings = reconcile_claims(claims, LINEAGE)
    assert [(f.kind, f.subject, [v.value for v in f.values]) for f in findings] == [
        ("conflict", "election", ["2019-10-20", "2019-10-21"]),
        ("agreement", "return", ["1984-05"]),
    ]


def test_three_dates_that_exclude_one_another_are_three_events_two_are_a_conflict():
    debates = [
        c("1", "a", "date", "debate", "2016-02-04"),
        c("2", "b", "date", "debate", "2016-02-06"),
        c("3", "b2", "date", "debate", "2016-02-06"),
        c("4", "c", "date", "debate", "2016-02-11"),
    ]
    findings = reconcile_claims(debates, LINEAGE)
    assert [(f.kind, [v.value for v in f.values]) for f in findings] == [
        ("agreement", ["2016-02-06"])
    ]
    month_and_two_days = [
        c("1", "a", "date", "election", "2019-10-20"),
        c("2", "b", "date", "election", "2019-10"),
        c("3", "c", "date", "election", "2019-10-21"),
    ]
    (finding,) = reconcile_claims(month_and_two_days, LINEAGE)
    assert finding.kind == "conflict"
