"""The web UI in a real browser: Playwright driving Debian's Chromium against
``newsweave serve`` on loopback, over a store built from the example corpus.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``) and ``pip install playwright``;
never ``playwright install``. Without them these tests skip and say so.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.webui.conftest import BuiltStore

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
INSTALL = (
    "install Chromium with 'apt-get install chromium' (as root, after apt-get update) and "
    "Playwright with 'pip install playwright' (never 'playwright install')"
)


@pytest.fixture(scope="session")
def playwright_browser() -> Iterator[Any]:
    """One Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"browser tests need Playwright: {INSTALL}")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"browser tests need {CHROMIUM}: {INSTALL}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(example_store: BuiltStore) -> Iterator[str]:
    """``newsweave serve`` on a free loopback port, as a user would run it."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--db", str(example_store.path),
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise AssertionError(f"newsweave serve exited: {output}")
        try:
            if httpx.get(base + "/stories.json", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("newsweave serve did not answer within 30 s")


@pytest.fixture
def page(playwright_browser: Any, server: str) -> Iterator[Any]:
    """A fresh page that records every request and every console error."""
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    try:
        yield page
    finally:
        assert all(url.startswith(server + "/") for url in page.requests), page.requests
        assert page.errors == [], "no CSP violation or script error"
        context.close()


def test_stories_list(page: Any, server: str, example_store: BuiltStore) -> None:
    page.goto(server + "/")
    link = page.locator(f'a[href="/stories/{example_store.analysed}"]')
    assert link.count() == 1
    assert page.locator("h1").inner_text() == "Stories"
    link.click()
    page.wait_for_url(f"**/stories/{example_store.analysed}")
    assert page.locator("h3", has_text="Summary").is_visible()


def test_search(page: Any, server: str, example_store: BuiltStore) -> None:
    page.goto(server + "/")
    page.fill("header input[name=q]", "Morales")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Morales")
    assert page.locator(f'.stories a[href="/stories/{example_store.analysed}"]').count() == 1
    hits = page.locator(".hits li")
    assert hits.count() >= 3
    assert page.locator(".hits mark").first.inner_text().lower() == "morales"


def test_story_page_and_screenshot(
    page: Any, server: str, example_store: BuiltStore, record_property: Any
) -> None:
    page.goto(f"{server}/stories/{example_store.analysed}")
    for heading in ("Summary", "Who copied whom", "Reused passages", "Who said what",
                    "Agreements and conflicts", "Timeline"):  # fmt: skip
        assert page.locator("h3", has_text=heading).first.is_visible(), heading
    assert page.locator(".summary li").count() >= 1
    assert page.locator(".picture svg").count() >= 2
    assert page.locator(".pair").count() >= 1
    css = page.evaluate("getComputedStyle(document.querySelector('.bar')).backgroundColor")
    assert css != "rgba(0, 0, 0, 0)", "the stylesheet loaded"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    shot = ARTIFACTS / "story-page.png"
    page.screenshot(path=str(shot), full_page=True)
    record_property("screenshot", str(shot))
    print(f"screenshot of the story page: {shot}")
    assert shot.stat().st_size > 10_000


def test_citation_click_highlights_the_passage(
    page: Any, server: str, example_store: BuiltStore
) -> None:
    page.goto(f"{server}/stories/{example_store.analysed}")
    cite = page.locator(".summary a.cite").first
    href = cite.get_attribute("href")
    path, anchor = href.split("#")
    cite.click()
    page.wait_for_url(f"**{path}#{anchor}")
    page.wait_for_selector("mark.hl")
    article = httpx.get(f"{server}{path}.json").json()
    (passage,) = [p for p in article["passages"] if p["anchor"] == anchor]
    start, end = passage["span"]
    highlighted = page.locator("mark.hl")
    assert "".join(highlighted.all_text_contents()) == article["text"][start:end]
    target = page.locator(f'[id="{anchor}"]')
    assert target.evaluate("e => e.matches(':target') && e.classList.contains('hl')")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the passage is scrolled into view"
    colour = target.evaluate("e => getComputedStyle(e).backgroundColor")
    plain = page.locator("mark.p:not(.hl)").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour != plain, "the target stands out from the other cited passages"


def test_json_twin(page: Any, server: str, example_store: BuiltStore) -> None:
    response = page.goto(f"{server}/stories/{example_store.analysed}.json")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert data["id"] == example_store.analysed and data["analyzed"] is True
    assert data["analysis"]["summary"]


def test_unknown_story_is_a_404_page(page: Any, server: str) -> None:
    response = page.goto(server + "/stories/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "No such story"
    assert "<script>alert(1)</script>" in page.locator("p.lede").inner_text()
    assert page.errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    page.errors.clear()
