"""The generated summary against a stub OpenAI-compatible server on 127.0.0.1 (a thread)."""

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from newsweave.config import SummarySettings, load_settings
from newsweave.errors import ConfigError
from newsweave.model import Lineage
from newsweave.summarize import summarize_story
from newsweave.summarize.generate import check_sentence, parse_answer
from tests.unit.summarize.test_cited import APART, _inputs


def _passage_number(messages, word):
    listing = messages[-1]["content"]
    return next(
        int(n) for n, text in re.findall(r"^\[(\d+)\] (.*)$", listing, re.M) if word in text
    )


def _good(messages):
    vote, riots = _passage_number(messages, "prime minister"), _passage_number(messages, "Riots")
    return json.dumps(
        {
            "sentences": [
                {"text": "Ruritania's parliament removed the prime minister.", "citations": [vote]},
                {"text": "Riots broke out in the capital.", "citations": [riots]},
                {"text": "Nobody knows what comes next.", "citations": [99]},
            ]
        }
    )


def _unsupported(messages):
    vote = _passage_number(messages, "prime minister")
    sentence = {"text": "On Tuesday 42 lawmakers in Freedonia voted.", "citations": [f"[{vote}]"]}
    return "```json\n" + json.dumps({"sentences": [sentence]}) + "\n```"


ANSWERS = {
    "good": _good,
    "unsupported": _unsupported,
    "malformed": lambda messages: '{"sentences": [{"text": "Half a',
}


class _Stub(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append((self.path, self.headers.get("Authorization"), body))
        mode = self.server.mode
        if mode == "timeout":
            time.sleep(1.5)
        if mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        content = ANSWERS.get(mode, ANSWERS["good"])(body["messages"])
        reply = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(reply.encode())
        except BrokenPipeError:  # the client gave up (the timeout case)
            pass

    def log_message(self, *args):
        return None


@pytest.fixture
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.daemon_threads = True
    server.block_on_close = False
    server.mode, server.seen = "good", []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _generate(server, mode, timeout=5.0):
    server.mode = mode
    settings = SummarySettings(
        mode="generate",
        endpoint=f"http://127.0.0.1:{server.server_address[1]}/v1/",
        model="stub-model",
        key_env="TEST_SUMMARY_KEY",
        timeout=timeout,
    )
    articles, segs = _inputs()
    return summarize_story(articles, segs, APART, 60, settings)


def test_good_answer_is_cited_and_checked(stub, monkeypatch):
    monkeypatch.setenv("TEST_SUMMARY_KEY", "sekrit")
    summary = _generate(stub, "good")
    path, auth, body = stub.seen[0]
    assert path == "/v1/chat/completions" and auth == "Bearer sekrit"
    assert body["model"] == "stub-model" and body["messages"][0]["role"] == "system"
    assert [s.text for s in summary] == [
        "Ruritania's parliament removed the prime minister.",
        "Riots broke out in the capital.",
    ]
    articles, _ = _inputs()
    texts = {a.id: a.text for a in articles}
    cited = summary[0].citations[0]
    assert "prime minister" in cited.span.slice(texts[cited.article])
    assert summary[0].flags == ("1 generated sentence citing no given passage dropped",)
    assert summary[1].flags == ()


def test_unsupported_number_and_name_are_flagged(stub):
    (sentence,) = _generate(stub, "unsupported")
    assert sentence.flags == ("unsupported: 42", "unsupported: Freedonia")
    assert sentence.citations


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("malformed", "not the JSON asked for"),
        ("error", "answered HTTP 500"),
        ("timeout", "no answer from"),
    ],
)
def test_endpoint_failures_fall_back_to_the_extractive_summary(stub, mode, reason):
    summary = _generate(stub, mode, timeout=0.3)
    articles, segs = _inputs()
    extractive = summarize_story(articles, segs, APART, 60, SummarySettings())
    assert [s.text for s in summary] == [s.text for s in extractive]
    for sentence in summary:
        assert sentence.citations
        assert len(sentence.flags) == 1 and sentence.flags[0].startswith(
            "extractive: generation failed ("
        )
        assert reason in sentence.flags[0]


def test_unreachable_endpoint_falls_back():
    settings = SummarySettings(mode="generate", endpoint="http://127.0.0.1:9", timeout=1.0)
    articles, segs = _inputs()
    summary = summarize_story(articles, segs, Lineage((), (("a", "b", "c"),)), 60, settings)
    assert summary and "cannot reach" in summary[0].flags[0]


def test_check_sentence():
    passages = ["Ann Lee won 12,000 votes in March 2019.", "Turnout was 61.5%."]
    assert check_sentence("Ann Lee won 12000 votes in March 2019.", passages) == []
    assert check_sentence("The turnout was 61.5% for Lee.", passages) == []
    assert check_sentence("Bob Lee won 12,001 votes in May 2019.", passages) == [
        "12,001",
        "Bob",
        "May",
    ]


def test_parse_answer_shapes():
    assert parse_answer('[{"text": "A  b.", "cites": 2}]')[0].cites == (2,)
    assert parse_answer('{"sentences": [{"text": "A.", "citations": ["[1]", 3]}]}')[0].cites == (
        1,
        3,
    )


def test_settings_and_cli_option():
    assert load_settings(environ={}).summary.mode == "extract"
    env = {"NEWSWEAVE_SUMMARY_MODE": "generate", "NEWSWEAVE_SUMMARY_ENDPOINT": "http://x/v1"}
    assert load_settings(environ=env).summary.endpoint == "http://x/v1"
    with pytest.raises(ConfigError, match=r"needs summary\.endpoint"):
        load_settings(environ={}, overrides={"summary.mode": "generate"})
    with pytest.raises(ConfigError, match=r"summary\.mode"):
        load_settings(environ={}, overrides={"summary.mode": "dream"})
    from newsweave.cli import cli

    result = CliRunner().invoke(
        cli, ["analyze", "x.txt", "--json", "o.json", "--summary-mode", "dream"]
    )
    assert result.exit_code == 2 and "--summary-mode" in result.output
