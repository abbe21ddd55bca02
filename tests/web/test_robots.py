from newsweave.web.robots import is_allowed, parse_robots, rules_for_status

ROBOTS = """
# comment
User-agent: *
Disallow: /private/
Allow: /private/public-notice.html
Disallow: /*.pdf$

User-agent: newsweave
User-agent: otherbot
Disallow: /drafts/
"""


def test_a_group_naming_newsweave_replaces_the_star_group():
    rules = parse_robots(ROBOTS)
    assert not is_allowed(rules, "http://a.org/drafts/1")
    assert is_allowed(rules, "http://a.org/private/x")  # only the newsweave group applies


def test_star_group_longest_match_wins_and_wildcards():
    rules = parse_robots(ROBOTS, agent="somebot")
    assert not is_allowed(rules, "http://a.org/private/x.html")
    assert is_allowed(rules, "http://a.org/private/public-notice.html")
    assert not is_allowed(rules, "http://a.org/files/report.pdf")
    assert is_allowed(rules, "http://a.org/files/report.pdf?download=1")
    assert is_allowed(rules, "http://a.org/news/1")


def test_empty_disallow_allows_everything_and_robots_txt_is_always_allowed():
    assert is_allowed(parse_robots("User-agent: *\nDisallow:\n"), "http://a.org/x")
    everything = parse_robots("User-agent: *\nDisallow: /\n")
    assert not is_allowed(everything, "http://a.org/x")
    assert is_allowed(everything, "http://a.org/robots.txt")


def test_unserved_robots_txt_follows_rfc_9309():
    assert is_allowed(rules_for_status(404), "http://a.org/x")
    assert not is_allowed(rules_for_status(503), "http://a.org/x")
    assert rules_for_status(200) is None
