from markupsafe import Markup

from testimonium.web.highlight import Span, highlight, safe_snippet


def test_text_is_escaped_and_spans_become_links_with_their_classes():
    html = highlight("<b>Ana</b> said", [Span(3, 6, "entity person", href="/entities/1", label="person: Ana")])
    assert html == Markup('&lt;b&gt;<a class="hl hl-entity hl-person" href="/entities/1" '
                          'title="person: Ana">Ana</a>&lt;/b&gt; said')


def test_overlapping_spans_never_cross_and_link_to_the_narrowest():
    text = "Kazakhstan denied asylum on October 5"
    spans = [Span(0, 37, "claim", href="/claims#c1", anchor="claim-1"), Span(0, 10, "entity", href="/entities/1"),
             Span(28, 37, "date"), Span(11, 24, "event", href="#ev-1")]
    html = str(highlight(text, spans))
    assert html.count("<a ") == html.count("</a>") and html.count("<span") == html.count("</span>")
    assert '<span class="anchor" id="claim-1"></span><a class="hl hl-claim hl-entity" href="/entities/1">Kazakhstan</a>' in html
    assert '<a class="hl hl-claim hl-event" href="#ev-1">denied asylum</a>' in html
    assert '<a class="hl hl-claim hl-date" href="/claims#c1">October 5</a>' in html


def test_partly_overlapping_spans_and_bad_offsets():
    html = str(highlight("abcdef", [Span(0, 4, "a", href="/a"), Span(2, 6, "b"), Span(5, 99, "c"), Span(4, 2, "d")]))
    assert html == ('<a class="hl hl-a" href="/a">ab</a><a class="hl hl-a hl-b" href="/a">cd</a>'
                    '<span class="hl hl-b">e</span><span class="hl hl-b hl-c">f</span>')


def test_attribute_values_are_escaped():
    html = str(highlight("x", [Span(0, 1, "e", href='/e?a="1"', label='"><script>')]))
    assert "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html


def test_snippets_keep_only_balanced_marks():
    assert safe_snippet("an <mark>asylum</mark> bid") == Markup("an <mark>asylum</mark> bid")
    assert safe_snippet("<script>x</script> <mark>a") == Markup("&lt;script&gt;x&lt;/script&gt; <mark>a</mark>")
    assert safe_snippet("&lt;img src=x onerror=1&gt; </mark>") == Markup("&lt;img src=x onerror=1&gt; ")
    assert safe_snippet("AT&amp;T") == Markup("AT&amp;T")
