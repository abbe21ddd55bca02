import jsonschema
import pytest

from newsweave.model import Article, Dossier, Lineage, ReusePassage, Span, Story, StoryAnalysis
from newsweave.report.dossier import dossier_to_dict, validate_dossier


def _dossier(story_reuse, cross_reuse=()):
    articles = tuple(Article(i, f"{i}.txt", "some words of text " * 5) for i in "abc")
    story = StoryAnalysis(
        story=Story("s", ("a", "b"), "h"),
        independent_sources=1,
        lineage=Lineage((), (("a", "b"),)),
        reuse=tuple(story_reuse),
    )
    return Dossier(articles, (), tuple(cross_reuse), (story,), "test")


@pytest.mark.parametrize("directed", [True, False])
def test_reuse_says_whether_a_derivation_directs_it(directed):
    passage = ReusePassage("a", "b", Span(0, 10), Span(0, 10), "verbatim", 1.0, directed)
    data = dossier_to_dict(_dossier([passage]))
    validate_dossier(data)
    assert data["stories"][0]["reuse"][0]["directed"] is directed


def test_cross_story_reuse_is_never_directed():
    passage = ReusePassage("a", "c", Span(0, 10), Span(0, 10), "verbatim", 1.0)
    data = dossier_to_dict(_dossier([], [passage]))
    validate_dossier(data)
    assert data["reuse"][0]["directed"] is False
    data["reuse"][0]["directed"] = True
    with pytest.raises(jsonschema.ValidationError):
        validate_dossier(data)
