import codecs

from newsweave.web.charsets import decode_page, meta_charset

TEXT = "Fishermen’s “anger” — €5.8m, café"


def test_header_charset_wins():
    decoded = decode_page(TEXT.encode("utf-8"), "text/html; charset=UTF-8")
    assert decoded.text == TEXT and decoded.basis == "the Content-Type header"


def test_charset_declared_only_in_the_page():
    body = b'<html><head><meta charset="windows-1252"></head>' + TEXT.encode("cp1252")
    decoded = decode_page(body, "text/html")
    assert decoded.text.endswith(TEXT)
    assert decoded.encoding == "cp1252" and decoded.basis == "the page's <meta charset>"


def test_legacy_http_equiv_and_latin1_read_as_windows_1252():
    body = (
        b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        + TEXT.encode("cp1252")
    )
    assert decode_page(body, None).text.endswith(TEXT)
    assert meta_charset(body) == "ISO-8859-1"


def test_a_wrong_declaration_is_passed_over():
    body = b'<meta charset="utf-8">' + TEXT.encode("cp1252")
    decoded = decode_page(body, "text/html; charset=utf-8")
    assert decoded.text.endswith(TEXT) and decoded.basis.startswith("detected")


def test_undeclared_pages_are_detected_and_boms_win():
    assert decode_page(TEXT.encode("utf-8"), "text/html").text == TEXT
    assert decode_page(TEXT.encode("cp1252"), "").text == TEXT
    body = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert decode_page(body, "text/html; charset=iso-8859-1").text == TEXT


def test_xml_declaration_and_unknown_labels():
    body = b'<?xml version="1.0" encoding="ISO-8859-15"?><rss>\xa4</rss>'
    assert decode_page(body, "").text.endswith("€</rss>")
    assert decode_page(b'<meta charset="no-such">abc', "text/html; charset=bogus").text.endswith(
        "abc"
    )
