"""Quality gate: direct quotes and their speakers on PolNeAR dev (train is for tuning;
the test split is held out and never read)."""

from __future__ import annotations

import pytest

from newsweave.extract.entities import find_entities
from newsweave.extract.quotes import find_quotes
from newsweave.model import Article
from newsweave.nlp import parse_many
from tests.eval.gate import check_floors, require
from tests.eval.polnear import read_polnear
from tests.eval.quote_scoring import score_quotes

pytestmark = pytest.mark.eval


def system_quotes(docs):
    articles = [Article(id=d.id, source=d.id, text=d.text) for d in docs]
    for article, doc in zip(articles, parse_many(a.text for a in articles), strict=True):
        entities = find_entities([article], {article.id: doc})
        yield find_quotes([article], {article.id: doc}, entities)


def test_quote_quality(datasets):
    require(datasets / "polnear" / "data" / "dev")
    docs = read_polnear(datasets, "dev")
    scores = score_quotes(zip(system_quotes(docs), (d.quotes for d in docs), strict=True))
    check_floors("quotes", scores)
