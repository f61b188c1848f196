"""The model's one helper that makes values: a rendered copy of a content item."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError, replace

import pytest

from ssg.core.model import Page, Post, with_html

WHEN = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def test_with_html_is_replace_without_init() -> None:
    post = Post("content/posts/a.md", "A", WHEN, "Why.", "a", "posts/a/", "Body.\n", tags=("x",))
    done = with_html(post, "<p>Body.</p>")
    assert done == replace(post, html="<p>Body.</p>") and type(done) is Post
    assert post.html == ""  # the original stays as it was
    assert all(getattr(done, f) is getattr(post, f) for f in post.__dict__ if f != "html")
    with pytest.raises(FrozenInstanceError):
        done.html = "changed"  # type: ignore[misc]
    page = Page("content/pages/about.md", "About", "about", "about/", "Text.\n")
    assert with_html(page, "<p>x</p>") == replace(page, html="<p>x</p>")
