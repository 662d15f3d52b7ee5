import pytest

from testimonium.ingest import read
from testimonium.ingest.errors import CorruptFile

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Volunteers detained after relief drive | Steppe Monitor</title>
<meta property="og:site_name" content="Steppe Monitor">
<meta property="og:title" content="Volunteers detained after relief drive">
<meta name="author" content="Aruzhan Sadykova">
<meta property="article:published_time" content="2024-03-05T09:30:00+05:00">
<meta name="description" content="Four people were held overnight.">
<link rel="canonical" href="https://monitor.example/news/volunteers-detained">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all.</div>
<main><article>
<h1>Volunteers detained after relief drive</h1>
<p>ASTANA (SM) — Police detained four volunteers late on Monday while they were handing out
food and blankets to families displaced by the spring floods, relatives said.</p>
<p>A lawyer for two of the volunteers said they were questioned for nine hours without
counsel and released after midnight with fines for holding an unauthorised event.</p>
<p>Neighbours said officers in plain clothes took the phones of people who filmed the arrests.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity gossip roundup</a></li>
<li><a href="/b">Ten easy dinners</a></li></ul></aside>
<footer>© 2024 Steppe Monitor. All rights reserved. Privacy. Terms.</footer>
<script>window.tracker = "should never appear";</script>
</body></html>
"""


def test_article_main_text_and_metadata():
    document = read(ARTICLE.encode("utf-8"), "page.html")
    assert document.media_type == "text/html"
    assert "Police detained four volunteers" in document.text
    for boilerplate in ("cookies", "Celebrity gossip", "All rights reserved", "tracker"):
        assert boilerplate not in document.text
    assert document.title == "Volunteers detained after relief drive"
    assert document.author == "Aruzhan Sadykova"
    assert document.outlet == "Steppe Monitor"
    assert document.published == "2024-03-05"
    assert document.dateline == "Astana"
    assert document.metadata["url"] == "https://monitor.example/news/volunteers-detained"
    assert document.metadata["description"] == "Four people were held overnight."
    assert document.metadata["extractor"] == "trafilatura"


def test_outlet_from_dateline_when_the_page_names_no_site():
    page = (
        "<html><body><article><h1>Court hearing postponed</h1>"
        "<p>BISHKEK (AKIpress) — A court postponed the hearing of three journalists for the "
        "fourth time on Tuesday, their lawyer said, citing the absence of a prosecutor.</p>"
        "<p>The journalists have been held in pre-trial detention since January and deny the "
        "charges against them, which rights groups call retaliation for their reporting.</p>"
        "</article></body></html>"
    )
    document = read(page.encode())
    assert (document.outlet, document.dateline) == ("AKIpress", "Bishkek")


def test_declared_charset_is_honoured():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Задержания</title></head><body><p>Полиция задержала четырёх волонтёров.</p>"
        "</body></html>"
    )
    document = read(page.encode("cp1251"))
    assert "Полиция задержала четырёх волонтёров." in document.text
    assert document.metadata["encoding"] == "cp1251"


def test_tiny_page_falls_back_to_body_text():
    document = read(b"<html><head><title>Notice</title></head><body><p>Closed today.</p></body>")
    assert document.text == "Closed today."
    assert document.title == "Notice"


def test_page_without_text_is_corrupt():
    with pytest.raises(CorruptFile, match="no readable text"):
        read(b"<html><head><script>var a = 1;</script></head><body><img src=x></body></html>")


def test_entities_are_not_expanded_from_outside():
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
        b"<html><body><p>Before &leak; after, and a sentence long enough to count as text.</p>"
        b"</body></html>"
    )
    document = read(page, "page.xhtml")
    assert "root:" not in document.text
