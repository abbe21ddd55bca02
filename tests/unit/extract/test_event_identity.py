"""Which event a dated event word names: its place for a noun, its doer for a verb."""

from newsweave.extract.claims import find_claims
from newsweave.extract.entities import find_entities
from newsweave.extract.timexes import find_timexes
from newsweave.model import Article
from newsweave.nlp import parse


def dated(text, anchor="2021-03-10"):
    article = Article(id="a", source="a", text=text)
    docs = {"a": parse(text)}
    claims = find_claims(
        [article], docs, find_entities([article], docs), find_timexes(text, "a", anchor)
    )
    return {(c.subject, c.value, c.scope) for c in claims if c.slot == "date"}


def test_a_verb_is_scoped_by_the_entity_that_does_it():
    found = dated(
        "Senator Harriet Voss, who endorsed Clinton in February, spoke on Monday. "
        "Governor Tom Reyes endorsed Clinton on Tuesday."
    )
    assert ("endorse", "2021-02", "by Harriet Voss") in found
    assert ("endorse", "2021-03-09", "by Tom Reyes") in found


def test_a_coordinated_verb_shares_its_subject_and_a_common_noun_names_a_thing():
    found = dated("Delaware has few residents and sends 31 delegates on Friday.")
    assert ("send", "2021-03-05", "by Delaware") in found
    assert ("send", "2021-03-06", "by the campaign") in dated(
        "On Saturday, the campaign sent out a fundraising email."
    )


def test_a_pronoun_resolves_and_a_role_of_a_person_of_the_story_names_no_one_else():
    found = dated(
        "Interior Minister Ana Ruiz resigned on Sunday. She left on Monday. "
        "The minister resigned on Tuesday. The council resigned on Wednesday."
    )
    assert ("resignation", "2021-03-07", "by Ana Ruiz") in found
    assert ("departure", "2021-03-08", "by Ana Ruiz") in found
    assert ("resignation", "2021-03-09", None) in found  # may be Ruiz: joins her group
    assert ("resignation", "2021-03-10", "by the council") in found


def test_a_passive_is_about_its_by_phrase_or_else_what_it_happened_to():
    found = dated(
        "Governor Tom Reyes was defeated by Harriet Voss on Monday. "
        "Harriet Voss defeated Tom Reyes on Monday. The ballots were counted on Tuesday."
    )
    assert ("defeat", "2021-03-08", "by Harriet Voss") in found
    assert ("count", "2021-03-09", "of the ballot") in found


def test_a_passive_relative_clause_is_about_what_it_happened_to():
    found = dated("The memo, which was released on Tuesday, was short.")
    assert ("release", "2021-03-09", "of the memo") in found
