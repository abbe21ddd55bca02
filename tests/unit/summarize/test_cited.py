from newsweave.model import (
    Article,
    Citation,
    Finding,
    FindingValue,
    Lineage,
    Publication,
    Segmentation,
    Span,
    Timex,
)
from newsweave.summarize.cited import (
    FLAG_VALUES,
    conflict_flags,
    is_bare_quotation,
    is_fragment,
    rank_sentences,
    summarize,
)
from newsweave.summarize.coverage import choose
from newsweave.summarize.order import is_dangling, sentence_time, story_order
from newsweave.summarize.sentences import (
    SUPPORT_SIMILARITY,
    concepts,
    cosine,
    support_candidates,
    vectorise,
)


def _article(id_, sentences):
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence)))
        start += len(sentence) + 1
    return Article(id=id_, source=id_, text=text), Segmentation(
        id_, (Span(0, len(text)),), tuple(spans)
    )


A = [
    "The parliament of Ruritania voted on Tuesday to remove the prime minister from office.",
    "Riots broke out in the capital after the vote was announced late at night.",
    "Cats are popular pets in many countries of the world today.",
]
B = [
    "Ruritania's parliament voted to remove the prime minister from office on Tuesday.",
    "The opposition leader will form a caretaker government until new elections are held.",
]
C = [
    "Lawmakers in Ruritania voted on Tuesday to remove the prime minister from office.",
    "Riots broke out in the capital after the vote was announced.",
]
APART = Lineage((), (("a",), ("b",), ("c",)))


def _inputs():
    pairs = [_article("a", A), _article("b", B), _article("c", C)]
    return [p[0] for p in pairs], {p[1].article: p[1] for p in pairs}


def test_most_supported_sentence_first_with_all_its_citations():
    articles, segs = _inputs()
    summary = summarize(articles, segs, APART, 40)
    assert "remove the prime minister" in summary[0].text
    assert {c.article for c in summary[0].citations} == {"a", "b", "c"}
    for sentence in summary:
        first = sentence.citations[0]
        text = {a.id: a.text for a in articles}[first.article]
        assert first.span.slice(text) == sentence.text
        assert sentence.flags == ()


def test_copies_do_not_count_as_support():
    articles, segs = _inputs()
    independent = summarize(articles, segs, APART, 200)
    copied = summarize(articles, segs, Lineage((), (("a", "b", "c"),)), 200)
    assert len(independent) >= 3 and len(copied) >= 3


def test_budget_and_no_repeats():
    articles, segs = _inputs()
    summary = summarize(articles, segs, APART, 20)
    assert len(summary) == 1
    texts = [s.text for s in summarize(articles, segs, APART, 500)]
    assert sum("remove the prime minister" in t for t in texts) == 1
    assert sum("Riots broke out" in t for t in texts) == 1


def test_empty_story():
    assert summarize([], {}, Lineage((), ()), 50) == ()


def test_ordered_by_publication_day_then_importance():
    articles, segs = _inputs()
    publications = (
        Publication("a", "2020-03-05", "given"),
        Publication("b", None, "inferred", "2020-03-03", "2020-03-04"),
        Publication("c", "2020-03-05", "given"),
    )
    summary = summarize(articles, segs, APART, 500, publications=publications)
    ranked = summarize(articles, segs, APART, 500)  # undated: by importance
    # the best sentence leads, as a news story leads with its main event; then time
    assert summary[0].text == ranked[0].text
    days = {"a": "2020-03-05", "b": "2020-03-03", "c": "2020-03-05"}
    order = [days[s.citations[0].article] for s in summary[1:]]
    assert order == sorted(order)
    # within one day, the most supported sentence still comes first
    same_day = [s.text for s in summary[1:] if days[s.citations[0].article] == "2020-03-05"]
    assert same_day == [s.text for s in ranked[1:] if s.citations[0].article in ("a", "c")]


def test_a_date_written_in_the_sentence_comes_before_its_publication():
    articles, segs = _inputs()
    sentences = vectorise(articles, segs)
    riots = next(s for s in sentences if s.article == "a" and s.text.startswith("Riots"))
    timex = Timex("a", Span(riots.start + 5, riots.start + 10), "x", "DATE", "2020-03-01")
    assert sentence_time(riots, "2020-03-05", [timex]) == "2020-03-01"
    assert sentence_time(riots, "2020-03-05", []) == "2020-03-05"
    other = next(s for s in sentences if s.article == "b")
    lead = next(s for s in sentences if s.article == "c")
    published = [Publication("b", "2020-03-02", "given"), Publication("c", "2020-03-09", "given")]
    # the lead opens; after it, the riots dated 1 March come before the report of the 2nd
    assert story_order([lead, other, riots], published, [timex]) == [0, 2, 1]


def test_a_sentence_stating_a_conflicting_fact_is_flagged():
    articles, segs = _inputs()
    b_text = articles[1].text
    start = b_text.index("Tuesday")
    conflict = Finding(
        "conflict",
        "date",
        "vote",
        (
            FindingValue("2020-03-03", ("b",), (Citation("b", Span(start, start + 7)),), 1),
            FindingValue("2020-03-04", ("x",), (Citation("x", Span(0, 3)),), 2),
        ),
        3,
    )
    agreement = Finding("agreement", "count", "riots", conflict.values, 3)
    summary = summarize(articles, segs, APART, 40, findings=(conflict, agreement))
    assert summary[0].flags == (
        "conflict: date of vote: 2020-03-03 (1 lineage) vs 2020-03-04 (2 lineages)",
    )
    assert conflict_flags((Citation("a", Span(0, 5)),), (conflict,)) == ()
    month = FindingValue("2020-03", ("y",), (Citation("y", Span(0, 3)),), 2)
    wider = Finding("conflict", "date", "vote", (month, *conflict.values), 5)
    assert conflict_flags(summary[0].citations, (wider,)) == summary[0].flags  # fits both


def test_support_candidates_hold_every_pair_above_the_threshold():
    lines = [
        "The mayor opened the new bridge over the river on Monday morning.",
        "On Monday morning the mayor opened a new bridge over the river.",
        "Officials said the bridge cost twelve million dollars to build.",
        "The bridge cost twelve million dollars, officials said on Monday.",
        "Heavy rain is expected across the region later this week.",
    ]
    articles, segmentations = [], {}
    for i, line in enumerate(lines):
        articles.append(Article(id=f"a{i}", source=f"a{i}", text=line))
        segmentations[f"a{i}"] = Segmentation(f"a{i}", (), (Span(0, len(line)),))
    sentences = vectorise(articles, segmentations)
    found = support_candidates(sentences)
    for i, sentence in enumerate(sentences):
        above = [
            j
            for j, other in enumerate(sentences)
            if cosine(sentence.vector, other.vector) >= SUPPORT_SIMILARITY
        ]
        assert set(above) <= set(found[i])


def test_dangling_openings():
    assert is_dangling("“We will win,” he said.")
    assert is_dangling("In a tweet, he said he would return.")
    assert not is_dangling("Minister Ana Ruiz said she would return.")
    assert not is_dangling("In Paris, Ms Smith said she would return.")


def test_the_summary_opens_with_a_sentence_that_names_who_is_meant():
    lines = ["He said the vote would be held again next week in the capital.", B[0]]
    articles, segmentations = [], {}
    for i, line in enumerate(lines):
        articles.append(Article(id=f"a{i}", source=f"a{i}", text=line))
        segmentations[f"a{i}"] = Segmentation(f"a{i}", (), (Span(0, len(line)),))
    ranked = vectorise(articles, segmentations)
    assert story_order(ranked, [], []) == [1, 0]
    dated = [Publication("a0", "2020-01-01", "given"), Publication("a1", "2020-01-02", "given")]
    assert story_order(ranked, dated, []) == [1, 0]  # whatever its day, a named one opens


def test_fragments_cut_inside_a_quotation_are_never_taken():
    assert is_fragment("His life and integrity are secure,”")
    assert not is_fragment("“His life is secure,” the minister said.")
    assert is_fragment("of the group's methods in disclosing information.")
    assert not is_fragment("iPhone sales rose in the quarter.")
    assert is_fragment("“The Mexican Air Force plane has already taken off.")  # a quote runs on
    assert is_fragment("His life and integrity are secure,” Ebrard wrote.")  # ... and ends here
    assert is_fragment('"The plane has taken off.')
    assert not is_fragment('He said "soon" and left.')


def test_a_quotation_without_its_speaker_is_never_taken():
    assert is_bare_quotation("“It hurts to leave the country, but I will always be alert.”")
    assert is_bare_quotation('"We will win. We always do."')
    assert not is_bare_quotation("“It hurts to leave,” Morales wrote.")
    assert not is_bare_quotation("He called it “a coup” on Monday.")
    assert not is_bare_quotation("Rain fell on the capital.")


def test_concepts_are_stemmed_word_pairs_save_two_stop_words():
    assert concepts("The Café opened in the town") == {
        ("the", "cafe"),
        ("cafe", "open"),
        ("open", "in"),
        ("the", "town"),
    }
    assert concepts("Morales resigned") == concepts("Morales resigns")


def test_a_sentence_stating_what_other_articles_state_is_taken_first():
    pairs = [
        _article(
            "a",
            [
                "Floods closed the coastal highway near Port Elm on Monday.",
                "A local bakery sold out of bread before noon that day.",
            ],
        ),
        _article("b", ["Officials said floods closed the coastal highway for hours."]),
    ]
    articles, segs = [p[0] for p in pairs], {p[1].article: p[1] for p in pairs}
    sentences = vectorise(articles, segs)
    # the bakery scored a little higher, but states nothing the other article does
    scores = [0.5, 0.6, 0.1]
    assert choose(sentences, scores, 11) == [0]
    # with no word pair stated by two articles, the score decides
    assert choose(sentences[:2], scores[:2], 11) == [1]


def test_a_quotation_over_several_sentences_is_one_unit():
    from newsweave.model import Span
    from newsweave.summarize.sentences import quotation_units

    text = (
        "The minister wrote on Monday. “The plane has taken off. "
        "His life is safe,” she wrote. Rain fell. “One. Two. Three. Four. Five.” The end."
    )
    starts = [0, 30, 56, 85, 96, 102, 107, 114, 120, 128]
    ends = [*starts[1:], len(text)]
    spans = [Span(s, e) for s, e in zip(starts, ends, strict=True)]
    units = [(index, span.slice(text).strip()) for index, span in quotation_units(text, spans)]
    assert units[:3] == [
        (0, "The minister wrote on Monday."),
        (1, "“The plane has taken off. His life is safe,” she wrote."),
        (3, "Rain fell."),
    ]
    # a quotation of five sentences is past reach: its sentences stay apart (and the two
    # that open or close it alone are fragments the summary never takes)
    assert [i for i, _ in units[3:]] == [4, 5, 6, 7, 8, 9]
    assert is_fragment(units[3][1]) and is_fragment(units[7][1])


def test_straight_quotes_have_a_direction():
    from newsweave.extract.quote_marks import quote_depths
    from newsweave.model import Span
    from newsweave.summarize.sentences import quotation_units

    assert quote_depths('It was hard," she said. "We will rebuild.') == (-1, 0)
    assert quote_depths('a 27" monitor') == (0, 0)  # an inch mark
    assert quote_depths("„Wir bauen.“") == (0, 0)
    sentences = [
        '"We lost everything. ',
        'It was terrible for us," she said. ',
        '"We will rebuild. ',
        'It will take a long time," he added. ',
        "Rain fell.",
    ]
    text = "".join(sentences)
    starts = [sum(len(x) for x in sentences[:k]) for k in range(len(sentences))]
    spans = [Span(s, s + len(x)) for s, x in zip(starts, sentences, strict=True)]
    units = [span.slice(text).strip() for _, span in quotation_units(text, spans)]
    assert units == [
        '"We lost everything. It was terrible for us," she said.',
        '"We will rebuild. It will take a long time," he added.',
        "Rain fell.",
    ]
    assert not any(is_fragment(u) for u in units)
    # the closing half of one quote that opens the next is a fragment either way
    assert is_fragment('It was terrible for us," she said. "We will rebuild the whole town.')
    # tokenised text, a space on both sides of each mark
    assert quote_depths('He said " we will rebuild . " and left .') == (0, 0)
    assert quote_depths("the \"whack-a-do crazies'' in his party") == (0, 0)  # a wire's closing


def test_of_two_near_equal_sentences_the_one_that_names_its_subject_is_taken():
    from newsweave.summarize.order import pronoun_first

    assert pronoun_first("He said in a tweet that he would return.")
    assert pronoun_first("“It is over,” he said.")
    assert not pronoun_first("Mayor Ruiz said in a tweet that he would return.")
    pairs = [
        _article("a", ["He said in a tweet late Monday that the bridge would reopen soon."]),
        _article("b", ["Mayor Ruiz said in a tweet late Monday that the bridge would reopen."]),
    ]
    articles, segs = [p[0] for p in pairs], {p[1].article: p[1] for p in pairs}
    lineage = Lineage((), (("a",), ("b",)))
    chosen = rank_sentences(articles, segs, lineage, 14)
    assert [s.article for s, _ in chosen] == ["b"]


def test_a_conflict_of_many_values_names_the_best_supported():
    values = tuple(
        FindingValue(f"2020-03-{day:02d}", (f"a{day}",), (Citation("a", Span(0, 5)),), day % 3 + 1)
        for day in range(1, 8)
    )
    conflict = Finding("conflict", "date", "vote", values, 7)
    (flag,) = conflict_flags((Citation("a", Span(0, 5)),), (conflict,))
    named = [v.value for v in values if v.value in flag]
    assert len(named) == FLAG_VALUES and flag.endswith(f"and {7 - FLAG_VALUES} more values")
    support = {v.value: v.independent_support for v in values}
    left_out = [v for v in support if v not in named]
    assert min(support[v] for v in named) >= max(support[v] for v in left_out)
    assert named == sorted(named), "named in the finding's order"


def test_an_embedded_posts_signature_is_never_a_summary_sentence():
    signature = "— Ann Okafor (@annokafor) April 14, 2014 The port reopened on Monday morning."
    link = "The port reopened on Monday as crews cleared the channel pic.twitter.com/x1Yz2"
    article, segmentation = _article("a", [A[0], signature, link, A[1]])
    texts = [s.text for s in vectorise([article], {"a": segmentation})]
    assert texts == [A[0], A[1]]
