import pytest

from newsweave.config import Settings, load_settings
from newsweave.errors import ConfigError


def test_defaults():
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.summary_words == 120


def test_layering_file_then_environment_then_overrides(tmp_path):
    config = tmp_path / "nw.toml"
    config.write_text("summary_words = 50\n[ingest]\nmax_bytes = 1000\nmin_chars = 3\n")
    environ = {"NEWSWEAVE_INGEST_MAX_BYTES": "2000", "NEWSWEAVE_SUMMARY_WORDS": "60"}
    settings = load_settings(config, environ=environ, overrides={"summary_words": 70})
    assert settings.summary_words == 70
    assert settings.ingest.max_bytes == 2000
    assert settings.ingest.min_chars == 3


def test_none_override_keeps_lower_layer():
    settings = load_settings(
        environ={"NEWSWEAVE_SUMMARY_WORDS": "60"}, overrides={"summary_words": None}
    )
    assert settings.summary_words == 60


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary_words": 0}, "--summary-words"),
        ({"nonsense": 1}, "unknown setting nonsense"),
        ({"ingest.max_bytes": "lots"}, "must be a int"),
        ({"cluster.cut": 1.5}, "cluster.cut"),
    ],
)
def test_bad_values_name_the_fix(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, overrides=overrides)


def test_missing_or_bad_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("summary_words = = 3")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, environ={})


def test_fingerprint_ignores_the_store_path():
    assert Settings(db="a").results_json() == Settings(db="b").results_json()
    assert Settings(summary_words=5).results_json() != Settings().results_json()


def test_a_list_for_a_comma_separated_setting_is_joined_and_other_types_refused(tmp_path):
    config = tmp_path / "nw.toml"
    config.write_text('[web]\nrobots_exempt_hosts = ["127.0.0.1", "news.example.org"]\n')
    settings = load_settings(config, environ={})
    assert settings.web.robots_exempt_hosts == "127.0.0.1,news.example.org"
    config.write_text("[web]\nuser_agent = 5\n")
    with pytest.raises(ConfigError, match=r"setting web\.user_agent must be a str, got 5"):
        load_settings(config, environ={})


def test_record_fields_from_a_file_the_environment_or_an_override(tmp_path):
    config = tmp_path / "nw.toml"
    config.write_text('[ingest]\nfields = ["text=body", " published = date_publish "]\n')
    settings = load_settings(config, environ={})
    assert settings.ingest.field_keys() == (("text", "body"), ("published", "date_publish"))
    environ = {"NEWSWEAVE_INGEST_FIELDS": "title=headline"}
    assert load_settings(environ=environ).ingest.field_keys() == (("title", "headline"),)
    assert Settings().ingest.field_keys() == ()


@pytest.mark.parametrize("fields", ["text", "body=text", "text=", "=body"])
def test_a_record_field_that_is_not_field_equals_key_names_the_fix(fields):
    with pytest.raises(ConfigError, match=r"is not FIELD=KEY .*\(try --field text=body\)"):
        load_settings(environ={}, overrides={"ingest.fields": fields})
