import pytest

from newsweave.cluster.headlines import first_sentence, story_headline
from newsweave.model import Article


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("Mr. Lee met Gov. Ann Okafor. Both spoke.", "Mr. Lee met Gov. Ann Okafor."),
        (
            "John F. Kennedy was shot on Nov. 22 in Dallas. Later",
            "John F. Kennedy was shot on Nov. 22 in Dallas.",
        ),
        ("The U.S. Navy sank it. Then more.", "The U.S. Navy sank it."),
        ("Shares of Acme Corp. fell. Then rose.", "Shares of Acme Corp. fell."),
        ('"We left." She stayed.', '"We left."'),
        ("It rained. A lot.", "It rained."),
        ("No end here", "No end here"),
    ],
)
def test_a_full_stop_after_a_title_or_an_initial_ends_no_sentence(line, sentence):
    assert first_sentence(line) == sentence


def test_an_untitled_story_opening_with_a_title_of_address_is_headed_by_its_sentence():
    text = "Mr. Pigeon praised the police for ending the standoff.\n\nThe church reopened."
    headline = story_headline([Article(id="a", source="", text=text)])
    assert headline == "Mr. Pigeon praised the police for ending the standoff"
