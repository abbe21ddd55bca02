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
    assert ("date", "resignation", "2021-03-08", None) in found  # a title: the doer unnamed
    assert ("date", "election", "2020-10-20", None) in claims(
        "Protests followed the October 20 election."
    )


def test_an_event_dated_in_a_named_place_is_scoped_by_it():
    found = claims(
        "Sanders won Tuesday's New Hampshire primary. The race moves to South Carolina, "
        "which holds a primary on Feb. 27. Protests followed the election in Peru on Oct. 20."
    )
    assert ("date", "primary", "2021-03-09", "new hampshire") in found
    assert ("date", "primary", "2021-02-27", "south carolina") in found
    assert ("date", "election", "2020-10-20", "peru") in found


def test_a_relative_date_needs_a_day_to_move_from():
    text = "The governor resigned in December 2020. She resigned two days after the election."
    found = claims(text)
    assert ("date", "resignation", "2020-12", None) in found
    assert not [c for c in found if c[1] == "election"]  # a month moves by no days


def test_tenure():
    assert ("tenure", "Ruiz", "P14Y", None) in claims(
        "Ruiz, who governed for 14 years, left the country."
    )


def test_amounts_percentages_ages_and_roles():
    from newsweave.extract.entities import find_entities

    text = (
        "The government borrowed $2 billion from the bank. Turnout was 48% in the capital. "
        "Anna Kowalska, 52, said she would stay. Finance Minister Jan Berg approved the loan."
    )
    article = Article(id="a", source="a", text=text)
    docs = {"a": parse(text)}
    found = {
        (c.slot, c.subject, c.value, c.unit)
        for c in find_claims([article], docs, find_entities([article], docs), [])
    }
    assert ("amount", "government", "2e+09", "USD") in found
    assert ("percentage", "turnout", "48", "percent") in found
    assert ("age", "Anna Kowalska", "52", "years") in found
    assert ("role", "Jan Berg", "finance minister", None) in found


def test_a_quantity_about_no_noun_is_no_claim():
    found = claims("Support rose to 49.6 percent. He won 23 percent. Turnout was 48%.")
    assert [c for c in found if c[0] == "percentage"] == [("percentage", "turnout", "48", None)]


def test_a_name_qualifying_something_else_has_no_role_from_it():
    from newsweave.extract.roles import find_role

    for text, name in (
        ("Former mayor Jan Berg, who was Ruth Evans’ closest rival in the race, spoke.", "Evans"),
        ("On Friday, Pro-Ruth Evans protesters blocked the road.", "Ruth Evans"),
        ("the plot [organised by party leader Jan] Berg and others", "Berg"),
    ):
        start = text.index(name)
        assert find_role(parse(text), start, start + len(name)) is None, text
    text = "Finance Minister Jan Berg approved the loan."
    assert find_role(parse(text), 17, 25) == "Finance Minister"


def test_a_date_passes_to_coordinated_events_and_carried_out_nouns_only():
    found = claims("The plane will leave Lisbon and arrive in Oslo on March 14.")
    assert ("date", "departure", "2021-03-14", "by the plane") in found
    found = claims("The carrier filed for bankruptcy on Thursday.", "2021-03-12")
    assert ("date", "bankruptcy", "2021-03-11", None) in found
    found = claims("The mayor resigned on Monday and will return to teaching.")
    assert ("date", "resignation", "2021-03-08", None) in found
    assert not [f for f in found if f[1] == "return"]


def test_a_date_on_a_time_noun_dates_its_verb():
    found = claims("The index fell 300 points at the close of trading Tuesday.")
    assert ("date", "fall", "2021-03-09", "by the index") in found


def test_a_given_name_before_the_name_found_is_no_part_of_the_role():
    from newsweave.extract.roles import find_role

    text = (
        "Sanders seeks the ouster of Democratic National Committee Chair Debbie Wasserman Schultz."
    )
    start = text.index("Wasserman")
    end = start + len("Wasserman Schultz")
    doc = parse(text)
    assert find_role(doc, start, end) == "Democratic National Committee Chair Debbie"
    names = ("Wasserman Schultz", "Debbie Wasserman Schultz")
    assert find_role(doc, start, end, names) == "Democratic National Committee Chair"
