import pytest

from newsweave.config import Settings, WebSettings, load_settings
from newsweave.errors import ConfigError


def test_web_settings_come_from_toml_and_the_environment(tmp_path):
    config = tmp_path / "nw.toml"
    config.write_text(
        '[web]\nrobots = "ignore"\nrobots_exempt_hosts = "a.org, b.org"\nper_host = 3\n'
        "min_interval = 0\ndeadline = 120\n"
    )
    environ = {"NEWSWEAVE_WEB_READ_TIMEOUT": "2.5", "NEWSWEAVE_WEB_USER_AGENT": "(+mailto:a@b.org)"}
    web = load_settings(config, environ=environ).web
    assert (web.robots, web.robots_exempt_hosts, web.per_host) == ("ignore", "a.org, b.org", 3)
    assert (web.min_interval, web.deadline, web.read_timeout) == (0.0, 120.0, 2.5)
    assert web.user_agent == "(+mailto:a@b.org)"
    assert Settings().web == WebSettings()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"web.robots": "no"}, "web.robots must be 'obey' or 'ignore'"),
        ({"web.per_host": 0}, "web.per_host"),
        ({"web.retries": -1}, "web.retries"),
        ({"web.read_timeout": 0}, "web.connect_timeout, read_timeout"),
        ({"web.max_bytes": "lots"}, "must be a int"),
    ],
)
def test_bad_web_settings_name_the_fix(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, overrides=overrides)
