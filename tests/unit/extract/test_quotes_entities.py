"""Quotes, speakers and entities on short made-up reports (parsed with the real model)."""

from functools import cache

from newsweave.extract.entities import find_entities
from newsweave.extract.names import strip_name
from newsweave.extract.quotes import find_quotes
from newsweave.model import Article
from newsweave.nlp import parse


@cache
def analyse(*texts):
    articles = [Article(id=f"a{i}", source=f"a{i}", text=t) for i, t in enumerate(texts)]
    docs = {a.id: parse(a.text) for a in articles}
    entities = find_entities(articles, docs)
    return articles, entities, find_quotes(articles, docs, entities)


def speakers(*texts):
    _, _, quotes = analyse(*texts)
    return [(q.text, q.speaker_name, q.speaker_text, q.cue) for q in quotes]


def test_speaker_after_and_before():
    result = speakers(
        "“We will rebuild the bridge before winter,” Mayor Anna Kowalska said on Tuesday. "
        "Kowalska told reporters: “The money is already there.”"
    )
    assert result[0] == (
        "We will rebuild the bridge before winter,",
        "Anna Kowalska",
        "Mayor Anna Kowalska",
        "said",
    )
    assert result[1][1:] == ("Anna Kowalska", "Kowalska", "told")


def test_pronoun_speaker_resolves_to_the_last_person_named():
    result = speakers(
        "Senator Tomas Lindqvist spoke after the vote. “This is a dark day,” he said."
    )
    assert result == [("This is a dark day,", "Tomas Lindqvist", "he", "said")]


def test_description_resolves_through_a_stated_role():
    result = speakers(
        "The head of the national fire service, Gen. Petra Novak, visited the site. "
        "“The fire is under control,” the head of the national fire service said."
    )
    assert result[0][1] == "Petra Novak"


def test_context_phrase_gives_the_speaker():
    result = speakers(
        "Marco Bellini, a chef from Naples, opened a new restaurant. In his words, “it is the best kitchen I have had.”"
    )
    assert result[0][1:3] == ("Marco Bellini", "his")


def test_scare_quotes_are_not_quotes():
    assert (
        speakers(
            "The so-called “experts” disagreed on everything. The film “Blue Harbour” opens soon."
        )
        == []
    )


def test_unresolved_speaker_is_left_unresolved():
    result = speakers("“Everything is closed and nobody knows anything,” a local shopkeeper said.")
    assert result == [
        ("Everything is closed and nobody knows anything,", None, "a local shopkeeper", "said")
    ]


def test_entities_merge_accent_variants_surnames_and_acronyms():
    articles, entities, _ = analyse(
        "Senator Lucía Peña met the World Health Organization (WHO) on Monday.",
        "Lucia Pena said the WHO would help. Peña left later.",
    )
    people = [e for e in entities if e.type == "PERSON"]
    assert len(people) == 1
    (person,) = people
    assert {m.article for m in person.mentions} == {"a0", "a1"}
    assert person.name == "Lucía Peña" and "Lucia Pena" in person.aliases
    orgs = {e.name: e for e in entities if e.type == "ORG"}
    assert "WHO" in orgs["World Health Organization"].aliases
    for entity in entities:
        for mention in entity.mentions:
            text = {a.id: a.text for a in articles}[mention.article]
            assert text[mention.span.start : mention.span.end] == mention.text


def test_names_lose_dashes_and_quote_marks_at_their_edges():
    for written in ("\u2015 Ruth Amsel", "\u00abRuth Amsel\u00bb", "\u2014Ruth Amsel,"):
        assert strip_name(written, 0, len(written))[2] == "Ruth Amsel"
    assert strip_name("Jean-Luc Berg", 0, 13)[2] == "Jean-Luc Berg"


def test_it_is_the_organisation_inside_its_own_sentence_subject():
    result = speakers(
        "On Sunday, the World Trade Organization published a report on the dispute.\n\n"
        "Analysis by the Center for Economic and Policy Research, a US think tank, has cast "
        "doubt on the WTO findings, and warned against what it called “the politicization "
        "of the trade review process.”"
    )
    assert [r[1:3] for r in result] == [("Center for Economic and Policy Research", "it")]


def test_a_nickname_inside_a_name_is_no_quote():
    from newsweave.extract.entities import find_entities
    from newsweave.extract.quotes import find_quotes
    from newsweave.model import Article
    from newsweave.nlp import parse

    text = (
        'Former wrestler Bret "The Hitman" Hart revealed Monday that he is ill. '
        '"I now face my toughest battle," Hart said.'
    )
    article = Article(id="a", source="a", text=text)
    docs = {"a": parse(text)}
    quotes = find_quotes([article], docs, find_entities([article], docs))
    assert [q.text for q in quotes] == ["I now face my toughest battle,"]
