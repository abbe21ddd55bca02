from newsweave.web.urls import host_key, is_web_url, normalize_url, origin, resolve, same_site


def test_normalize_url_lowers_scheme_and_host_and_drops_default_port_and_fragment():
    assert (
        normalize_url("HTTP://Example.ORG:80/News/A?id=1#top") == "http://example.org/News/A?id=1"
    )
    assert normalize_url("https://a.org:8443") == "https://a.org:8443/"


def test_only_http_urls_with_a_host_count():
    for text in (
        "ftp://a.org/x",
        "news/a.html",
        "mailto:a@b.org",
        "http://",
        "http://a.org:99999/",
    ):
        assert normalize_url(text) is None
        assert not is_web_url(text)
    assert is_web_url("https://a.org/x")


def test_resolve_relative_links():
    assert resolve("http://a.org/x/y.html", "../z.html") == "http://a.org/z.html"
    assert resolve("http://a.org/x/", "https://b.org/q#f") == "https://b.org/q"
    assert resolve("http://a.org/", "javascript:void(0)") is None


def test_hosts_origins_and_sites():
    assert host_key("https://a.org/x") == "a.org:443"
    assert host_key("http://127.0.0.1:8000/x") == "127.0.0.1:8000"
    assert origin("https://A.org:8443/x?y") == "https://a.org:8443"
    assert same_site("https://www.a.org/x", "https://amp.a.org/y")
    assert not same_site("https://a.org/x", "https://b.org/x")
