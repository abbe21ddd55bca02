"""Records cross process boundaries whole."""

import pickle

from newsweave.model import Article


def test_an_article_pickles_to_an_equal_article() -> None:
    article = Article(
        id="a1",
        source="feed.jsonl#3",
        text="Body.",
        title="Title",
        outlet="Outlet",
        url="https://example.org/a1",
        published="2019-11-12",
        language="en",
        basis={"outlet": "credit line"},
        content_hash="abc",
    )
    assert pickle.loads(pickle.dumps(article, protocol=5)) == article
    assert pickle.loads(pickle.dumps(Article(id="b", source="s", text="t"))) == Article(
        id="b", source="s", text="t"
    )
