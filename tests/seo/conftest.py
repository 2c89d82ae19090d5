"""Fixtures for a story's own search and sharing texts: public stories, and a reader for
what a page's head says."""

import json
import re
from html.parser import HTMLParser

import pytest

from tests import factories

# Quotes, markup and a script's end, as an editor's paste or an attacker might send them.
NASTY = "Nói \"không\" với 'tin giả' </script><script>alert(1)</script> & <!-- -->"


@pytest.fixture
def story(db, section):
    """A public story in ``section``, published an hour ago."""

    def make(**kwargs):
        kwargs.setdefault("section", section)
        kwargs.setdefault("title", "Khánh thành cầu mới")
        kwargs.setdefault("lead", "Cây cầu nối hai bờ sông Hồng đã thông xe.")
        return factories.ArticleFactory(published=True, **kwargs)

    return make


class Head(HTMLParser):
    """The ``<title>``, canonical link, meta tags and JSON-LD of a page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.title, self.canonical, self.meta = "", [], []
        self._in_title = False
        self.feed(html)
        self.json_ld = [
            json.loads(block)
            for block in re.findall(
                r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
            )
        ]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        if tag == "meta" and "content" in attrs:
            self.meta.append((attrs.get("property") or attrs.get("name"), attrs["content"]))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def get(self, key):
        values = [content for name, content in self.meta if name == key]
        assert len(values) == 1, (key, values)
        return values[0]

    def has(self, key):
        return any(name == key for name, _content in self.meta)

    @property
    def story(self):
        (found,) = [data for data in self.json_ld if data.get("@type") == "NewsArticle"]
        return found


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, Head(html)
