"""Markdown rendering and the content link rewriter."""

from __future__ import annotations

import threading

import pytest

from ssg.content.markup import render_markdown, render_tracked

LINKS = {
    "content/posts/2025-12-30-launch.md": "posts/launch/",
    "content/posts/2026-11-20-hello.md": "posts/hello/",
    "content/pages/about.md": "about/",
    "content/communities/acme-forum.md": "communities/acme-forum/",
}
UNPUBLISHED = {
    "content/posts/2026-12-24-later.md": "scheduled for 2026-12-24",
    "content/posts/d.md": "a draft",
}


def render(
    body: str,
    source: str = "content/posts/2026-11-20-hello.md",
    page_url: str = "posts/hello/",
    body_line: int = 7,
):
    return render_markdown(
        body,
        source=source,
        body_line=body_line,
        page_url=page_url,
        links=LINKS,
        unpublished=UNPUBLISHED,
    )


@pytest.mark.parametrize(
    ("source", "page_url", "link", "href"),
    [
        ("content/posts/2026-11-20-hello.md", "posts/hello/", "2025-12-30-launch.md", "../launch/"),
        (
            "content/posts/2026-11-20-hello.md",
            "posts/hello/",
            "./2025-12-30-launch.md#plans",
            "../launch/#plans",
        ),
        ("content/posts/2026-11-20-hello.md", "posts/hello/", "../pages/about.md", "../../about/"),
        (
            "content/posts/2026-11-20-hello.md",
            "posts/hello/",
            "../communities/acme-forum.md",
            "../../communities/acme-forum/",
        ),
        ("content/pages/about.md", "about/", "../posts/2026-11-20-hello.md", "../posts/hello/"),
        (
            "content/posts/2026-11-20-hello.md",
            "posts/hello/",
            "/communities/",
            "../../communities/",
        ),
        ("content/posts/2026-11-20-hello.md", "posts/hello/", "/", "../../"),
        ("content/pages/about.md", "about/", "/feed.xml", "../feed.xml"),
        ("content/pages/about.md", "about/", "/tags/?x=1#top", "../tags/?x=1#top"),
        (
            "content/pages/about.md",
            "about/",
            "https://example.com/a.md",
            "https://example.com/a.md",
        ),
        ("content/pages/about.md", "about/", "mailto:hi@example.org", "mailto:hi@example.org"),
        ("content/pages/about.md", "about/", "#section", "#section"),
        ("content/pages/about.md", "about/", "//cdn.example/x.png", "//cdn.example/x.png"),
        ("content/pages/about.md", "about/", "image.png", "image.png"),
    ],
)
def test_links_become_relative_urls(source: str, page_url: str, link: str, href: str) -> None:
    html, diags = render(f"See [it]({link}).\n", source=source, page_url=page_url)
    assert diags == []
    assert f'href="{href}"' in html


def test_image_src_is_rewritten_too() -> None:
    html, diags = render("![logo](/static/logo.png)\n")
    assert diags == []
    assert 'src="../../static/logo.png"' in html


def test_reference_style_links() -> None:
    html, diags = render("See [the launch][l].\n\n[l]: 2025-12-30-launch.md\n")
    assert diags == []
    assert 'href="../launch/"' in html


MISSING = (
    "link to content/posts/2020-01-01-missing.md, which does not exist; "
    "expected a path to a file under content/"
)


def test_missing_link_target_is_an_error_at_its_line() -> None:
    body = "Intro.\n\nMore text.\nSee [gone](2020-01-01-missing.md) here.\n"
    _, diags = render(body, body_line=7)
    assert [d.text() for d in diags] == [f"content/posts/2026-11-20-hello.md:10: {MISSING}"]


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        # Each of two links to one missing file is reported at its own line.
        ("[a](2020-01-01-missing.md)\n\nAgain [b](2020-01-01-missing.md).\n", [7, 9]),
        ("\n\nAfter blank lines [a](2020-01-01-missing.md).\n", [9]),
        # One reference definition used twice: both uses point at the definition.
        ("[a][r] and [b][r]\n\n[r]: 2020-01-01-missing.md\n", [9, 9]),
        ("[a][r] and [b][r]\n\n[r]:2020-01-01-missing.md\n", [9, 9]),
        ("Plain 2020-01-01-missing.md, then\n[a](<2020-01-01-missing.md>)\n", [8]),
        ("Plain 2020-01-01-missing.md, then\n[a][r]\n\n[r]: <2020-01-01-missing.md>\n", [10]),
        ('Plain 2020-01-01-missing.md\n[a](2020-01-01-missing.md "A title")\n', [8]),
    ],
)
def test_every_broken_link_is_reported_at_its_own_line(body: str, lines: list[int]) -> None:
    _, diags = render(body, body_line=7)
    assert [(d.line, d.message) for d in diags] == [(line, MISSING) for line in lines]


def test_link_to_unpublished_post_is_an_error() -> None:
    _, diags = render("[a](2026-12-24-later.md) and\n[b](d.md)\n", body_line=5)
    assert [(d.line, d.message) for d in diags] == [
        (
            5,
            "link to content/posts/2026-12-24-later.md, which is scheduled for 2026-12-24; "
            "link to a published page",
        ),
        (6, "link to content/posts/d.md, which is a draft; link to a published page"),
    ]


def test_problems_do_not_leak_into_the_next_render() -> None:
    _, first = render("[x](nope.md)\n")
    _, second = render("[y](2025-12-30-launch.md)\n")
    assert len(first) == 1
    assert second == []


def test_markdown_features() -> None:
    body = (
        "## Plans\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('hi')\n```\n\n"
        "Note[^1].\n\n[^1]: The note.\n\nTerm\n: Definition\n\n{: .lead }\nStyled.\n"
    )
    html, diags = render(body)
    assert diags == []
    assert '<h2 id="plans">' in html
    assert 'class="headerlink"' in html
    assert '<table tabindex="0">' in html
    assert '<div class="highlight"><pre tabindex="0">' in html  # scrollable, so focusable
    assert 'class="footnote"' in html
    assert "<dl>" in html


def test_raw_html_and_escaping() -> None:
    html, _ = render("Fish & chips < 3\n")
    assert "Fish &amp; chips &lt; 3" in html


def test_rendering_is_repeatable() -> None:
    body = "Text[^a].\n\n[^a]: Note.\n\n## Head\n"
    assert render(body)[0] == render(body)[0]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("[x](javascript:alert(1))\n", "javascript: link runs code"),
        ("[x](JavaScript:alert(1))\n", "javascript: link runs code"),
        ("[x](data:text/html,hi)\n", "data: link runs code"),
        ("[x](http://[oops/)\n", "malformed link"),
    ],
)
def test_dangerous_or_malformed_links_are_errors(body: str, fragment: str) -> None:
    html, diags = render("Intro.\n\n" + body)
    assert [(d.line, fragment in d.message) for d in diags] == [(9, True)]
    assert "javascript:" not in html.lower()
    if "malformed" not in fragment:
        assert '<a href="#">x</a>' in html  # the link is kept, pointing nowhere


@pytest.mark.parametrize(
    ("body", "html", "messages"),
    [
        (
            "![x](javascript:alert(1))\n",
            '<p><img alt="x" src="#"></p>',
            ["a javascript: link runs code in readers' browsers; link to a page instead"],
        ),
        (
            "![x](VBScript:run)\n",
            '<p><img alt="x" src="#"></p>',
            ["a vbscript: link runs code in readers' browsers; link to a page instead"],
        ),
        (  # an image may be inline data; a link may not
            "![x](data:image/png;base64,AAAA)\n",
            '<p><img alt="x" src="data:image/png;base64,AAAA"></p>',
            [],
        ),
        ("![x](../pages/about.md)\n", '<p><img alt="x" src="../../about/"></p>', []),
    ],
)
def test_image_sources_are_checked_and_rewritten(body: str, html: str, messages: list) -> None:
    out, diags = render(body)
    assert (out, [d.message for d in diags]) == (html, messages)


@pytest.mark.parametrize(
    ("link", "href"),
    [
        ("2025-12-30-launch.md?ref=hub#plans", "../launch/?ref=hub#plans"),
        ("2025-12-30-launch.md?ref=hub", "../launch/?ref=hub"),
        ("mailto:hello@brand.md", "mailto:hello@brand.md"),  # .md is a country's domain
        ("/posts/old-notes.md", "../old-notes.md"),  # site-absolute: a file of the site
        ("//files.example/readme.md", "//files.example/readme.md"),
    ],
)
def test_links_that_are_not_content_files(link: str, href: str) -> None:
    html, diags = render(f"[x]({link})\n")
    assert (html, diags) == (f'<p><a href="{href}">x</a></p>', [])


def test_a_new_thread_renders_with_its_own_converter_alike() -> None:
    """Posts may be rendered in parallel: each thread builds its own Markdown instance."""
    body = "[a](2025-12-30-launch.md) [b](nope.md)\n"
    results = []
    thread = threading.Thread(target=lambda: results.append(render(body)))
    thread.start()
    thread.join(timeout=30)
    assert results == [render(body)]
    html, diags = results[0]
    assert 'href="../launch/"' in html and [d.line for d in diags] == [7]


def test_rooted_paths_in_raw_html_become_relative_but_code_is_left_as_written() -> None:
    html, _ = render(
        '<a href="/about/">a</a> <img src="/static/x.png" alt="">\n\n`<a href="/c/">`\n'
    )
    assert '<a href="../../about/">' in html and 'src="../../static/x.png"' in html
    assert '&lt;a href="/c/"&gt;' in html


def test_raw_html_can_be_shown_as_text() -> None:
    html, _ = render_markdown(
        "Hi <script>alert(1)</script>\n\n<div>block</div>\n",
        source="content/communities/c.md", body_line=1, page_url="communities/c/", links={},
        allow_html=False,
    )  # fmt: skip
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;div&gt;block&lt;/div&gt;" in html


@pytest.mark.parametrize(
    ("body", "html"),
    [
        (
            "<a href='/about/'>a</a> <img src='/static/x.png' alt=''>\n",
            "<p><a href='../../about/'>a</a> <img src='../../static/x.png' alt=''></p>",
        ),
        (
            "Inline <a href='/about/#team'>team</a> and [md](/feed.xml).\n",
            "<p>Inline <a href='../../about/#team'>team</a> and "
            '<a href="../../feed.xml">md</a>.</p>',
        ),
        (  # quotes must pair: a value opened with " and closed with ' is left as written
            "<p><a title=\"it's\" href='/about/'>x</a> <a href=\"/x/'>y</a></p>\n",
            "<p><a title=\"it's\" href='../../about/'>x</a> <a href=\"/x/'>y</a></p>",
        ),
    ],
)
def test_rooted_paths_in_single_quoted_raw_html_attributes(body: str, html: str) -> None:
    assert render(body) == (html, [])


def test_a_link_not_found_as_written_is_reported_at_the_first_body_line() -> None:
    # Backslash escapes change the target Markdown sees, so it cannot be found in the text.
    _, diags = render("Intro\n\n[x](no\\_pe.md) and [y](gon\\_e.md)\n", body_line=7)
    assert [d.line for d in diags] == [7, 7]


def test_shared_style_formatter_writes_what_pygments_writes() -> None:
    from pygments import highlight
    from pygments.formatters.html import HtmlFormatter
    from pygments.lexers import PythonLexer

    from ssg.content.markup import SharedStyleFormatter

    code = 'def f(x):\n    return {"a": x + 1}  # note\n'
    for options in ({"cssclass": "highlight"}, {"classprefix": "p-"}, {"style": "monokai"}):
        plain = highlight(code, PythonLexer(), HtmlFormatter(**options))
        first = highlight(code, PythonLexer(), SharedStyleFormatter(**options))
        again = highlight(code, PythonLexer(), SharedStyleFormatter(**options))
        assert plain == first == again
        css = SharedStyleFormatter(**options).get_style_defs(".x")
        assert css == HtmlFormatter(**options).get_style_defs(".x")


def test_site_absolute_links_are_collected_with_their_lines() -> None:
    body = (
        "See [history](/docs/history/).\n\n"
        '<p><img src="/img/logo.png" alt=""></p>\n\n'
        "[ref][t] and [feed](/feed.xml?a=1&b=2#top) and [space](/a%20b/)\n\n"
        "[t]: /team/\n"
    )
    html, problems, _, found = render_tracked(body, "content/pages/x.md", 5, "x/", {}, {}, True)
    assert problems == []
    assert sorted(found) == [
        ("a b/", 9),
        ("docs/history/", 5),
        ("feed.xml", 9),
        ("img/logo.png", 7),
        ("team/", 11),
    ]
    assert 'href="../docs/history/"' in html and 'src="../img/logo.png"' in html
