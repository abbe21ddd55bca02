from newsweave.model import Article, Derivation, Lineage
from newsweave.reconcile.dating import MAX_LAG_DAYS, anchor_of, infer_publications


def art(id_, text, published=None):
    return Article(id=id_, source=id_, text=text, published=published)


def test_given_dates_are_kept():
    (pub,) = infer_publications([art("a", "Text.", "2020-05-01")], Lineage((), (("a",),)))
    assert (pub.value, pub.basis, pub.earliest) == ("2020-05-01", "given in input", "2020-05-01")


def test_a_written_date_bounds_an_undated_article_with_a_window():
    (pub,) = infer_publications(
        [art("a", "Crowds marched on 3 March 2021 in the capital.")], Lineage((), (("a",),))
    )
    assert pub.value is None
    assert (pub.earliest, pub.latest) == ("2021-03-03", f"2021-03-{3 + MAX_LAG_DAYS:02d}")
    assert pub.basis.startswith("inferred: it mentions 2021-03-03")
    assert anchor_of(pub) == "2021-03-03"


def test_future_dates_do_not_bound():
    (pub,) = infer_publications(
        [art("a", "Elections will be held on 3 March 2030.")], Lineage((), (("a",),))
    )
    assert pub.value is None and pub.earliest is None and pub.basis.startswith("unknown")


def test_siblings_take_the_story_window_and_a_source_ends_no_later_than_its_copy():
    articles = [
        art("copy", "Written on 3 March 2021."),
        art("src", "No dates here."),
        art("other", "Also none."),
    ]
    lineage = Lineage(
        (Derivation("copy", "src", 0.8, "containment"),), (("copy", "src"), ("other",))
    )
    pubs = {p.article: p for p in infer_publications(articles, lineage)}
    assert pubs["src"].earliest == "2021-03-03" and pubs["src"].latest <= pubs["copy"].latest
    assert pubs["other"].basis.startswith("inferred: its story mentions 2021-03-03")


def test_a_story_with_no_dates_stays_unknown():
    (pub,) = infer_publications([art("a", "Nothing dated.")], Lineage((), (("a",),)))
    assert pub.value is None and pub.basis.startswith("unknown")


def test_a_window_narrowed_by_a_copy_says_why():
    articles = [art("copy", "A copy of the report.", "2021-03-04"), art("src", "On 3 March 2021.")]
    lineage = Lineage((Derivation("copy", "src", 0.8, "containment"),), (("copy", "src"),))
    pubs = {p.article: p for p in infer_publications(articles, lineage)}
    src = pubs["src"]
    assert (src.earliest, src.latest, src.value) == ("2021-03-03", "2021-03-04", None)
    assert (
        ", and “A copy of the report.”, which copies it, was published by 2021-03-04, so it "
        in (src.basis)
    )
    articles = [art("copy", "A copy of the report.", "2021-03-03"), art("src", "On 3 March 2021.")]
    (_, src) = infer_publications(articles, lineage)
    assert src.value == "2021-03-03" and src.basis.endswith("so it was published on 2021-03-03")


def test_dates_that_contradict_the_lineage_leave_the_windows():
    articles = [art("copy", "A copy.", "2021-02-01"), art("src", "On 3 March 2021.")]
    lineage = Lineage((Derivation("copy", "src", 0.8, "containment"),), (("copy", "src"),))
    (_, src) = infer_publications(articles, lineage)
    assert (src.earliest, src.latest) == ("2021-03-03", f"2021-03-{3 + MAX_LAG_DAYS:02d}")
