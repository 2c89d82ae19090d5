"""The body of a story is cleaned on save (nh3 allow-list): what a news story needs
survives, everything that could run code or restyle the page does not."""

from html.parser import HTMLParser

import pytest

from articles.models import Article
from newsroom.html import ALLOWED_ATTRIBUTES, ALLOWED_CLASSES, ALLOWED_TAGS, sanitize
from tests import factories
from tests.factories import change_url, form_data

HOSTILE = {
    "script": "<p>Tin</p><script>alert(1)</script>",
    "script-uppercase": "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>Tin</p>",
    "script-in-svg": "<svg><script>alert(1)</script></svg><p>Tin</p>",
    "onclick": '<p onclick="alert(1)">Tin</p>',
    "onerror": '<img src="/media/a.jpg" alt="Ảnh" onerror="alert(1)">',
    "onload-svg": "<svg onload=alert(1)><p>Tin</p></svg>",
    "onmouseover-unquoted": "<a href=https://a.vn onmouseover=alert(1)>Tin</a>",
    "javascript-link": '<a href="javascript:alert(1)">Bấm</a>',
    "javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">Bấm</a>',
    "javascript-entity": '<a href="&#106;avascript:alert(1)">Bấm</a>',
    "javascript-tab": '<a href="java\tscript:alert(1)">Bấm</a>',
    "javascript-leading-space": '<a href="  javascript:alert(1)">Bấm</a>',
    "vbscript-link": '<a href="vbscript:msgbox(1)">Bấm</a>',
    "data-link": '<a href="data:text/html,<script>alert(1)</script>">Bấm</a>',
    "data-img": '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Ảnh">',
    "data-svg-img": '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="Ảnh">',
    "javascript-img": '<img src="javascript:alert(1)" alt="Ảnh">',
    "style-attribute": '<p style="position:fixed;top:0;background:url(x)">Tin</p>',
    "style-tag": "<style>body{display:none}</style><p>Tin</p>",
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css"><p>Tin</p>',
    "iframe": '<iframe src="https://evil.example"></iframe><p>Tin</p>',
    "object-embed": '<object data="x.swf"></object><embed src="x.swf"><p>Tin</p>',
    "form": '<form action="https://evil.example"><input name="p"><button>OK</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/"><a href="x">Tin</a>',
    "class-and-id": '<p class="ck-hidden" id="header">Tin</p>',
    "figure-foreign-class": '<figure class="image evil"><img src="/media/a.jpg" alt="A"></figure>',
    "target-blank": '<a href="https://a.vn" target="_blank">Tin</a>',
    "split-script": "<scr<script>ipt>alert(1)</script>",
    "double-bracket": "<<script>script>alert(1)<</script>/script>",
    "comment-hidden": "<!--<script>alert(1)</script>--><p>Tin</p>",
    "conditional-comment": "<!--[if IE]><script>alert(1)</script><![endif]--><p>Tin</p>",
    "unclosed-attribute": '<p title="x><script>alert(1)</script>">Tin</p>',
    "nested-anchors": '<a href="https://a.vn"><a href="javascript:alert(1)">Tin</a></a>',
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "template": "<template><script>alert(1)</script></template><p>Tin</p>",
    "srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "h1-and-div": "<h1>Tít</h1><div><p>Tin</p></div>",
}

# Words that must not survive anywhere in the output of a hostile input.
FORBIDDEN = [
    "<script",
    "javascript:",
    "vbscript:",
    "data:",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "style",
    "<iframe",
    "<svg",
    "<object",
    "<embed",
    "<form",
    "<input",
    "<meta",
    "<base",
    "<link",
    "srcdoc",
    'class="ck-hidden',
    'id="header"',
    "evil",
]


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(html):
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.found


def assert_only_allowed(html):
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            if name == "class":
                assert set(value.split()) <= ALLOWED_CLASSES.get(tag, set()), (tag, value)
            elif name == "rel" and tag == "a":
                assert value == "noopener noreferrer"
            else:
                # nh3 keeps ``title`` and ``lang`` on any element: escaped text, harmless.
                assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"title", "lang"}, (tag, name)
            if name in {"href", "src"}:
                assert value.split(":", 1)[0].lower() in {"http", "https", "mailto", "tel"} or (
                    ":" not in value.split("/", 1)[0]
                ), value


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_neutralised(html):
    clean = sanitize(html)
    assert_only_allowed(clean)
    lowered = clean.lower()
    for word in FORBIDDEN:
        assert word not in lowered, (word, clean)
    assert sanitize(clean) == clean  # stable: cleaning twice changes nothing


def test_text_that_looks_like_markup_stays_text():
    clean = sanitize("<p>Cú pháp &lt;script&gt; và 5 &lt; 7 &amp; 8 &gt; 3</p>")
    assert clean == "<p>Cú pháp &lt;script&gt; và 5 &lt; 7 &amp; 8 &gt; 3</p>"
    assert elements(clean) == [("p", [])]


def test_disallowed_wrappers_keep_their_text():
    assert sanitize("<h1>Tít</h1><div><p>Tin</p></div>") == "Tít<p>Tin</p>"


ALLOWED_STRUCTURES = [
    "<h2>Diễn biến</h2>",
    "<h3>Phản ứng của người dân</h3>",
    "<p>Một <strong>đậm</strong>, <em>nghiêng</em>, <u>gạch</u>, <s>xóa</s>, H<sub>2</sub>O, "
    "m<sup>2</sup>.</p>",
    "<ul><li>Một</li><li>Hai</li></ul>",
    '<ol start="3"><li>Ba</li></ol>',
    "<blockquote><p>“Chúng tôi sẽ khắc phục ngay,” ông nói.</p></blockquote>",
    '<figure class="image"><img src="/media/images/2026/05/a.jpg" alt="Cầu Long Biên" '
    'width="800" height="533"><figcaption>Cầu Long Biên. Ảnh: Minh Anh</figcaption></figure>',
    '<figure class="table"><table><caption>Kết quả</caption><thead><tr><th scope="col">Tỉnh</th>'
    '<th scope="col">Số ca</th></tr></thead><tbody><tr><td>Hà Nội</td><td colspan="1">5</td>'
    "</tr></tbody></table></figure>",
    '<p><a href="https://baochinhphu.vn/tin" rel="noopener noreferrer">Nguồn</a></p>',
    '<p><a href="mailto:toasoan@example.vn" rel="noopener noreferrer">Thư</a></p>',
    '<p><a href="tel:02437281575" rel="noopener noreferrer">Gọi</a></p>',
    '<p><a href="/the-thao/" rel="noopener noreferrer">Thể thao</a></p>',
    "<p>Dòng một<br>dòng hai</p><hr>",
]


@pytest.mark.parametrize("html", ALLOWED_STRUCTURES)
def test_what_a_news_story_needs_survives(html):
    assert sanitize(html) == html


def test_links_get_noopener():
    assert sanitize('<a href="https://a.vn">x</a>') == (
        '<a href="https://a.vn" rel="noopener noreferrer">x</a>'
    )


# Where it happens: on save, whatever the way in.


def test_article_save_stores_the_clean_body(reporter):
    article = factories.story(reporter, body=HOSTILE["script"] + HOSTILE["javascript-link"])
    article.refresh_from_db()
    assert article.body == '<p>Tin</p><a rel="noopener noreferrer">Bấm</a>'


def test_queryset_update_is_not_the_way_in_but_save_is(reporter):
    article = factories.story(reporter)
    article.body = '<p onclick="x()">Tin</p>'
    article.save(update_fields=["body"])
    assert Article.objects.get(pk=article.pk).body == "<p>Tin</p>"


def test_the_admin_stores_the_clean_body_and_the_public_page_shows_it(
    editor_client, reporter, client
):
    article = factories.story(reporter, published=True)
    page = editor_client.get(change_url(article))
    body = "".join(HOSTILE[k] for k in ("script", "onerror", "style-tag", "iframe", "data-img"))
    # Long enough for a published story's checks: the hostile parts are what is tested.
    body += factories.STORY_BODY
    response = editor_client.post(change_url(article), form_data(page, body=body))
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk).body
    assert_only_allowed(stored)
    public = client.get(article.get_absolute_url()).content.decode()
    assert "alert(1)" not in public
    assert "<iframe" not in public
    assert "display:none" not in public
