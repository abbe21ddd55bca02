from newsweave.extract.claims import find_claims
from newsweave.extract.timexes import find_timexes
from newsweave.model import Article
from newsweave.nlp import parse


def claims(text, anchor="2021-03-10"):
    article = Article(id="a", source="a", text=text)
    timexes = find_timexes(text, "a", anchor)
    return [
        (c.slot, c.subject, c.value, c.scope)
        for c in find_claims([article], {"a": parse(text)}, [], timexes)
    ]


def test_counts_with_scope():
    assert ("injured", "people", "20", "in the clash") in claims(
        "Some 20 people were reported injured in the clashes."
    )
    assert ("deaths", "people", "3", "since the protest begin") in claims(
        "Three people have died since the protests began."
    )


def test_event_dates_and_relative_event_dates():
    found = claims("The governor resigned on Monday. Her departure came a day after the vote.")
    assert ("date", "resignation", "2021-03-08", None) in found
    assert ("date", "election", "2020-10-20", None) in claims(
        "Protests followed the October 20 election."
    )


def test_tenure():
    assert ("tenure", "Ruiz", "P14Y", None) in claims(
        "Ruiz, who governed for 14 years, left the country."
    )
