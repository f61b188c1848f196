"""Which outside addresses a hub writes, and at which line."""

from __future__ import annotations

from ssg.communities.links import body_links


def test_links_in_prose_markdown_and_html_with_their_lines() -> None:
    body = (
        "Intro with https://a.example/x.\n"
        "A [link](https://b.example/page_(1)) and <https://c.example/>.\n"
        '<a href="https://d.example/?q=1&amp;r=2">raw</a>\n'
        "[ref]: https://e.example/ref\n"
    )
    assert body_links(body, 5) == [
        ("https://a.example/x", 5),
        ("https://b.example/page_(1)", 6),
        ("https://c.example/", 6),
        ("https://d.example/?q=1&r=2", 7),
        ("https://e.example/ref", 8),
    ]


def test_code_is_not_a_link() -> None:
    body = (
        "Run `curl https://inline.example/` first.\n"
        "```sh\n"
        "curl https://fenced.example/\n"
        "```\n"
        "~~~\n"
        "https://tilde.example/\n"
        "~~~\n"
        "Then https://after.example/ works.\n"
    )
    assert body_links(body, 1) == [("https://after.example/", 8)]
