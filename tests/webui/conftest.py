from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette's TestClient says at import that it runs on httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsweave.webui import create_app
from tests.webui.stores import EXAMPLES, build_store, hostile_corpus


@dataclass(frozen=True)
class BuiltStore:
    path: Path
    stories: list[str]

    @property
    def analysed(self) -> str:
        return self.stories[0]

    def digest(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> BuiltStore:
    """The example corpus ingested, its story analysed (built once per test process)."""
    path = tmp_path_factory.mktemp("examples") / "store.sqlite"
    return BuiltStore(path, build_store([EXAMPLES], path))


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> BuiltStore:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "store.sqlite"
    return BuiltStore(path, build_store([hostile_corpus(folder)], path))


@pytest.fixture(scope="session")
def client(example_store: BuiltStore) -> Iterator[TestClient]:
    with TestClient(create_app(example_store.path), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_client(hostile_store: BuiltStore) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_store.path), raise_server_exceptions=False) as c:
        yield c
