"""The privacy lint: every trick in the fixture hub is caught at its exact line, nothing else is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ssg.config.load import load_config
from ssg.core.diagnostics import Severity
from ssg.lint.privacy import HINT, check_privacy, origin_of, strip_markdown_code

SITES = Path(__file__).parents[1] / "sites"
TRICKS = SITES / "privacy-tricks"
REPO = Path(__file__).resolve().parents[2]

EMBEDS = "content/posts/2026-11-01-embeds.md"
SNIPPETS = "content/posts/2026-11-02-snippets.md"
ABOUT = "content/pages/about.md"
FORUM = "content/communities/tricky-forum.md"
CSS = "static/css/extra.css"
BASE = "templates/base.html"
POST = "templates/post.html"

# (path, line, words the message must contain): every finding the fixture hub must produce.
EXPECTED = [
    (EMBEDS, 6, "a script (<script src>) loads https://cdn.tracker.example/t.js"),
    (EMBEDS, 7, "a script (<script src>) loads //cdn.tracker.example/protocol-relative.js"),
    (EMBEDS, 8, "an embedded frame (<iframe>) loads https://video.example.org/embed/42"),
    (EMBEDS, 9, "an image (<img>) loads https://images.example.net/photo.jpg"),
    (EMBEDS, 10, "a tracking pixel (a 1×1 or hidden <img>) loads https://pixel.example.com/p.gif"),
    (EMBEDS, 11, "a tracking pixel (a 1×1 or hidden <img>) loads https://pixel.example.com/hidden"),
    (EMBEDS, 12, "an image (<img>) loads https://images.example.net/big.jpg"),
    (EMBEDS, 13, "a video (<video>) loads https://media.example.net/clip.mp4"),
    (EMBEDS, 14, "a video (<video>) loads https://media.example.net/poster.jpg"),
    (EMBEDS, 15, "an audio file (<audio>) loads https://media.example.net/talk.mp3"),
    (EMBEDS, 16, "a media source (<source>) loads https://images.example.net/a.webp"),
    (EMBEDS, 17, "a subtitle track (<track>) loads https://media.example.net/subs.vtt"),
    (EMBEDS, 18, "an embed (<embed>) loads https://media.example.net/movie.swf"),
    (EMBEDS, 19, "an embedded object (<object data>) loads https://media.example.net/doc.pdf"),
    (EMBEDS, 20, "an embedded frame (<frame>) loads https://frames.example.net/"),
    (EMBEDS, 21, "an image button (<input type=image>) loads https://images.example.net/button"),
    (EMBEDS, 22, "an image (Markdown ![...](...)) loads https://images.example.net/inline.png"),
    (EMBEDS, 24, "a link's ping attribute (<a ping>) reports clicks to https://ping.example.com/"),
    (EMBEDS, 25, "an SVG image (<image>) loads https://images.example.net/svg.png"),
    (EMBEDS, 26, "an SVG reference (<use>) loads https://sprites.example.net/icons.svg#lamp"),
    (EMBEDS, 27, "a CSS url() (background image or other resource) loads https://images.example"),
    (EMBEDS, 28, "a background image (<table background>) loads https://images.example.net/table"),
    (EMBEDS, 29, "a <base href> (the origin of every relative URL) loads https://cdn.example.net/"),
    (EMBEDS, 30, "a meta refresh redirects readers to https://redirect.example.net/"),
    (EMBEDS, 31, "a <link rel=stylesheet> loads https://fonts.example.net/css"),
    (EMBEDS, 32, "a stylesheet (@import in CSS) loads https://fonts.example.net/inline.css"),
    (EMBEDS, 34, "an image (Markdown reference ![...][...]) loads https://pixel.example.com/ref"),
    (SNIPPETS, 6, "a Google Analytics tracking snippet"),
    (SNIPPETS, 7, "a Google Analytics tracking snippet"),
    (SNIPPETS, 8, "a Google Analytics tracking snippet"),
    (SNIPPETS, 9, "a Meta Pixel tracking snippet"),
    (SNIPPETS, 10, "a Matomo tracking snippet"),
    (SNIPPETS, 11, "a Hotjar tracking snippet"),
    (SNIPPETS, 12, "a Segment tracking snippet"),
    (SNIPPETS, 13, "a Mixpanel tracking snippet"),
    (SNIPPETS, 14, "a Microsoft Clarity tracking snippet"),
    (SNIPPETS, 17, "image beacon (new Image().src) contacts https://beacon.example.com/hit.gif"),
    (SNIPPETS, 18, "navigator.sendBeacon() contacts https://beacon.example.com/collect"),
    (SNIPPETS, 19, "fetch() contacts https://api.tracker.example/collect"),
    (SNIPPETS, 20, "XMLHttpRequest contacts https://api.tracker.example/xhr"),
    (SNIPPETS, 21, "uses document.cookie, so it sets cookies"),
    (SNIPPETS, 23, "navigator.sendBeacon() contacts https://beacon.example.com/onload"),
    (ABOUT, 7, "an embedded frame (<iframe>) loads https://maps.example.com/embed?q=berlin"),
    (ABOUT, 8, "a <link rel=preconnect> loads https://fonts.example.net"),
    (ABOUT, 10, "a web font (@font-face url() in CSS) loads https://fonts.example.net/page.woff2"),
    (ABOUT, 15, "an image (<img>) loads https://images.example.net/in-list.png"),
    (FORUM, 11, "an image (<img>) loads https://forum.example.net/badge.svg"),
    (CSS, 2, "a stylesheet (@import in CSS) loads https://fonts.example.net/css2?family=Inter"),
    (CSS, 3, "a stylesheet (@import in CSS) loads https://cdn.styles.example/reset.css"),
    (CSS, 7, "a web font (@font-face url() in CSS) loads https://fonts.example.net/remote.woff2"),
    (CSS, 10, "a CSS url() (background image or other resource) loads //images.example.net/bg"),
    (BASE, 9, "a <link rel=stylesheet> loads https://cdn.styles.example/framework.css"),
    (BASE, 10, "a <link rel=dns-prefetch> loads //fonts.example.net"),
    (BASE, 11, "a <link rel=icon> loads https://icons.example.net/favicon.ico"),
    (BASE, 12, "a <link rel=preload> loads https://fonts.example.net/head.woff2"),
    (BASE, 15, "a script (<script src>) loads https://www.googletagmanager.com/gtag/js"),
    (BASE, 18, "a Google Analytics tracking snippet"),
    (BASE, 18, "a Google Tag Manager tracking snippet"),
    (BASE, 23, "a web font (@font-face url() in CSS) loads https://fonts.example.net/template"),
    (BASE, 30, "an image (<img>) loads https://images.example.net/logo.png"),
    (BASE, 32, "a tracking pixel (a 1×1 or hidden <img>) loads https://pixel.example.com/noscript"),
    (POST, 7, "a script (<script src>) loads https://comments.example.net/embed.js"),
]


def _places(expected):
    """The (path, line) of every expected finding, in the order the lint reports them."""
    return sorted((path, line) for path, line, _ in expected)


def _matches(findings, expected):
    """Pair each expected entry with one finding at its path:line whose message has the words."""
    left = list(findings)
    missing = []
    for path, line, words in expected:
        hit = next(
            (d for d in left if (d.path, d.line) == (path, line) and words in d.message), None
        )
        if hit is None:
            missing.append((path, line, words))
        else:
            left.remove(hit)
    return missing, left


def _copy_hub(tmp_path: Path, extra_yaml: str = "") -> Path:
    hub = tmp_path / "hub"
    shutil.copytree(TRICKS, hub)
    if extra_yaml:
        with (hub / "site.yaml").open("a", encoding="utf-8") as fh:
            fh.write(extra_yaml)
    return hub


def test_fixture_hub_every_trick_is_flagged_at_its_line():
    findings = check_privacy(TRICKS, load_config(TRICKS))
    missing, unexpected = _matches(findings, EXPECTED)
    assert missing == []
    assert unexpected == []
    assert [(d.path, d.line) for d in findings] == _places(EXPECTED)
    assert all(d.code == "privacy" and d.severity is Severity.ERROR for d in findings)
    assert findings == sorted(findings)


def test_messages_say_what_to_do():
    findings = check_privacy(TRICKS, load_config(TRICKS))
    iframe = next(d for d in findings if (d.path, d.line) == (EMBEDS, 8))
    assert iframe.text() == (
        f"{EMBEDS}:8: error: an embedded frame (<iframe>) loads https://video.example.org/embed/42"
        " from another origin (https://video.example.org); readers' browsers would contact it."
        " Host the file in the hub, or allow the origin under privacy.allow_origins in site.yaml"
        " [privacy]"
    )


def test_links_code_and_same_origin_files_are_not_flagged():
    findings = check_privacy(TRICKS, load_config(TRICKS))
    assert [d for d in findings if d.path == "content/posts/2026-11-03-fine.md"] == []
    # base.html lines with a Jinja comment, local URLs, alternate/canonical links, JSON-LD, links.
    assert {d.line for d in findings if d.path == BASE}.isdisjoint({2, 8, 13, 14, 25, 29})


def test_allow_origins_accepts_exactly_the_listed_origins(tmp_path):
    origins = (
        "privacy:\n  allow_origins: [https://video.example.org, https://www.googletagmanager.com]\n"
    )
    hub = _copy_hub(tmp_path, origins)
    findings = check_privacy(hub, load_config(hub))
    allowed = {
        (EMBEDS, 8, "https://video.example.org"),
        (BASE, 15, "https://www.googletagmanager.com"),
        (BASE, 18, "Google Tag Manager"),
    }
    expected = [e for e in EXPECTED if not any(e[:2] == a[:2] and a[2] in e[2] for a in allowed)]
    assert len(expected) == len(EXPECTED) - 3
    missing, unexpected = _matches(findings, expected)
    assert (missing, unexpected) == ([], [])
    assert [(d.path, d.line) for d in findings] == _places(expected)
    # Google Analytics (another origin) in the same inline script is still flagged.
    assert [
        d.message.split(" tracking")[0] for d in findings if (d.path, d.line) == (BASE, 18)
    ] == ["a Google Analytics"]


def test_demo_hub_has_no_findings():
    findings = check_privacy(REPO, load_config(REPO))
    assert [d.text() for d in findings] == []


@pytest.mark.parametrize(
    "url, origin",
    [
        ("https://Video.Example.org/embed/1", "https://video.example.org"),
        ("https://video.example.org:443/x", "https://video.example.org"),
        ("http://video.example.org:80/x", "http://video.example.org"),
        ("https://video.example.org:8443/x", "https://video.example.org:8443"),
        ("HTTPS://Video.Example.org:443/x", "https://video.example.org"),
        ("HTTP://video.example.org:8080/x", "http://video.example.org:8080"),
        ("WSS://live.example.org:443/socket", "wss://live.example.org"),
        ("//cdn.example.net/x.js", "https://cdn.example.net"),
        ("  https://cdn.example.net  ", "https://cdn.example.net"),
        ("/static/css/style.css", None),
        ("../img/lamp.png", None),
        ("{{ url('static/x.js') }}", None),
        ("data:image/png;base64,AAAA", None),
        ("mailto:team@example.org", None),
        ("#section", None),
        ("", None),
    ],
)
def test_origin_of(url, origin):
    assert origin_of(url) == origin


def _hub(tmp_path: Path, files: dict[str, str], yaml: str = "") -> Path:
    """A small hub on https://hub.example.org/hub/ holding the given files."""
    root = tmp_path / "small"
    site = "title: Small\nbase_url: https://hub.example.org/hub/\n" + yaml
    for name, text in {"site.yaml": site, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _post(body: str) -> dict[str, str]:
    front = "---\ntitle: T\ndate: 2026-11-01\nsummary: S\n---\n"
    return {"content/posts/2026-11-01-t.md": front + body}


CODE_SCRIPT = '<script src="https://x.example/a.js"></script>'
LATER_IMG = '<img src="https://x.example/b.png">'


@pytest.mark.parametrize(
    "body, lines",
    [
        ('<img src="https://hub.example.org/hub/a.png" alt="">', []),
        ('<img src="https://HUB.example.org:443/hub/a.png" alt="">', []),
        ('<img src="https://hub.example.org:8443/a.png" alt="">', [6]),
        ('<img src="http://hub.example.org/a.png" alt="">', [6]),
        ('<a href="https://other.example/">x</a> [y](https://other.example/y)', []),
        ('text\n\n```\n<script src="https://x.example/a.js"></script>\n```\n', []),
        ('text\n\n    <script src="https://x.example/a.js"></script>\n', []),
        ('text\n    <script src="https://x.example/a.js"></script>\n', [7]),
        ('`<script src="https://x.example/a.js"></script>`', []),
        ('text\n\n<script src="https://x.example/a.js"></script>', [8]),
        ("<div>\n\n    <img src='https://x.example/a.png'>\n</div>", [8]),
        ('![a](https://x.example/a.png "title")\n[b](https://x.example/b)', [6]),
        (
            "![a][pic]\n[link][ref]\n\n[pic]: <https://x.example/a.png>\n[ref]: https://x.example/r",
            [9],
        ),
        ('<img src="https://x.example/p.gif" width="0" height="0">', [6]),
        ('<script>let u = "https://x.example/"; console.log(u);</script>', []),
        ("<script>\n\nimport('https://x.example/mod.js');\n</script>", [8]),
        ('<iframe src="http://video.example.org/embed/1"></iframe>', [6]),
        ('<iframe src="https://video.example.org/embed/1"></iframe>', []),
        ('<img src="HTTPS://X.example/a.png" alt="">', [6]),
        ('<script src="Http://x.example/a.js"></script>', [6]),
        ('<img src="HTTPS://HUB.EXAMPLE.ORG/hub/a.png" alt="">', []),
        # A fence closes only with the same character, at least as long, and no info string.
        ("````\n```\n" + CODE_SCRIPT + "\n```\n````\n" + LATER_IMG, [11]),
        ("```\n~~~\n" + CODE_SCRIPT + "\n```\n" + LATER_IMG, [10]),
        ("```\n```js\n" + CODE_SCRIPT + "\n```\n" + LATER_IMG, [10]),
        # Reference images: labels match whatever their case and spacing, shortcut ones too.
        ("![a][My  Pic]\n\n[my pic]: https://x.example/a.png", [8]),
        ("![pic]\n\n[Pic]: https://x.example/a.png", [8]),
        ("\n![a][r]\n\n[r]: https://x.example/a.png", [9]),
        # Only an image button loads its src.
        ('<input type="text" src="https://x.example/a.png">', []),
        # Indented code: at the very start, after a tab, and over several lines.
        ("    " + CODE_SCRIPT + "\n\n" + LATER_IMG, [8]),
        ("text\n\n\t" + CODE_SCRIPT, []),
        ("text\n   \n    " + CODE_SCRIPT, []),  # the blank line holds spaces
        ("text\n\n    code\n    " + CODE_SCRIPT + "\n\n" + LATER_IMG, [11]),
        # Raw HTML indented by two spaces still makes the next indented line HTML, not code.
        ("  <div>\n\n    <img src='https://x.example/a.png'>\n  </div>", [8]),
    ],
)
def test_snippets_in_a_post(tmp_path, body, lines):
    root = _hub(tmp_path, _post(body), "privacy: {allow_origins: [https://video.example.org]}\n")
    assert [d.line for d in check_privacy(root, load_config(root))] == lines


def test_pixel_message_differs_from_image(tmp_path):
    body = '<img src="https://x.example/p.gif" width="1" height="1">\n<img src="https://x.example/a.png">'
    root = _hub(tmp_path, _post(body))
    pixel, image = check_privacy(root, load_config(root))
    assert "tracking pixel" in pixel.message and "Remove it" in pixel.message
    assert image.message.startswith("an image (<img>)") and "Host the file" in image.message


def test_theme_templates_and_static_files(tmp_path):
    files = {
        "site.yaml": "title: Small\nbase_url: https://hub.example.org/\ntheme: custom\n",
        # The hub's own base.html is clean and overrides the theme's, which is never rendered.
        "templates/base.html": "<link rel=stylesheet href=\"{{ url('static/css/site.css') }}\">\n",
        "themes/custom/templates/base.html": '<script src="https://x.example/unused.js"></script>\n',
        "themes/custom/templates/post.html": '{% extends "base.html" %}\n<script src="https://x.example/a.js"></script>\n',
        "themes/custom/templates/feed.xml": '<?xml-stylesheet href="https://x.example/feed.xsl"?>\n',
        "themes/custom/static/css/site.css": "a {}\n@import 'https://x.example/theme.css';\n",
        "static/js/app.js": "// the hub's own script\nfetch('https://x.example/api');\n",
        "static/css/ok.css": "a { background: url(/hub/img/a.png); }\n",
    }
    root = _hub(tmp_path, {})
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    found = [(d.path, d.line) for d in check_privacy(root, load_config(root))]
    assert found == [
        ("static/js/app.js", 2),
        ("themes/custom/static/css/site.css", 2),
        ("themes/custom/templates/feed.xml", 1),
        ("themes/custom/templates/post.html", 2),
    ]


def test_unreadable_files_are_left_to_the_content_stage(tmp_path):
    root = _hub(tmp_path, _post('<img src="https://x.example/a.png">'))
    (root / "content/posts/2026-11-02-bad.md").write_bytes(b"---\ntitle: \xff\n---\n")
    assert [d.path for d in check_privacy(root, load_config(root))] == [
        "content/posts/2026-11-01-t.md"
    ]


def test_strip_markdown_code_keeps_line_numbers():
    body = "a `x` b\n\n```\ncode\n```\n\n    indented\nafter"
    stripped = strip_markdown_code(body)
    assert stripped.count("\n") == body.count("\n")
    assert stripped.split("\n") == ["a     b", "", "", "", "", "", "", "after"]


def test_an_upper_case_scheme_is_flagged_with_its_origin(tmp_path):
    root = _hub(tmp_path, _post('<script src="HTTPS://CDN.Example.net/a.js"></script>'))
    assert [d.text() for d in check_privacy(root, load_config(root))] == [
        "content/posts/2026-11-01-t.md:6: error: a script (<script src>) loads "
        "HTTPS://CDN.Example.net/a.js from another origin (https://cdn.example.net); "
        f"readers' browsers would contact it. {HINT} [privacy]"
    ]


def test_messages_of_snippets_calls_pixels_and_stylesheets_exactly(tmp_path):
    body = (
        "<script>_paq.push(['trackPageView']); gtag('js');</script>\n"
        "<script>fetch('https://api.example/collect');</script>\n"
        '<img src="https://x.example/p.gif" width="0" height="0">\n'
    )
    root = _hub(tmp_path, _post(body))
    (root / "templates").mkdir()
    (root / "templates/feed.xml").write_text(
        '<?xml-stylesheet href="https://x.example/feed.xsl"?>\n', encoding="utf-8"
    )
    post = "content/posts/2026-11-01-t.md"
    assert [d.text() for d in check_privacy(root, load_config(root))] == [
        f"{post}:6: error: a Google Analytics tracking snippet that reports to "
        "https://www.google-analytics.com in a script follows readers. Remove it, or allow the "
        "origin under privacy.allow_origins in site.yaml [privacy]",
        f"{post}:6: error: a Matomo tracking snippet in a script follows readers. Remove it, or "
        "allow the origin under privacy.allow_origins in site.yaml [privacy]",
        f"{post}:7: error: a script's fetch() contacts https://api.example/collect from another "
        "origin (https://api.example); readers' browsers would contact it. Remove it, or allow "
        "the origin under privacy.allow_origins in site.yaml [privacy]",
        f"{post}:8: error: a tracking pixel (a 1×1 or hidden <img>) loads "
        "https://x.example/p.gif from another origin (https://x.example); readers' browsers "
        "would contact it. Remove it, or allow the origin under privacy.allow_origins in "
        "site.yaml [privacy]",
        "templates/feed.xml:1: error: an XML stylesheet (<?xml-stylesheet?>) loads "
        "https://x.example/feed.xsl from another origin (https://x.example); readers' browsers "
        f"would contact it. {HINT} [privacy]",
    ]


def test_css_comments_are_not_requests_and_keep_lines(tmp_path):
    css = "/* @import url(https://x.example/old.css);\n   still a comment */\n@import 'https://x.example/a.css';\n"
    root = _hub(tmp_path, {"static/css/site.css": css})
    assert [(d.path, d.line) for d in check_privacy(root, load_config(root))] == [
        ("static/css/site.css", 3)
    ]


def test_protocol_relative_urls_take_the_hubs_own_scheme(tmp_path):
    files = {"site.yaml": "title: Small\nbase_url: http://hub.example.org/\n"}
    files |= _post('<img src="//hub.example.org/a.png" alt="">\n<img src="//x.example/b.png">')
    root = _hub(tmp_path, {})
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    found = check_privacy(root, load_config(root))
    assert [(d.line, "(http://x.example)" in d.message) for d in found] == [(7, True)]


@pytest.mark.parametrize(
    ("attrs", "pixel"),
    [
        ('width="1px"', True),
        ('height="0"', True),
        ('width=" 1 "', True),
        ('style="Visibility: Hidden"', True),
        ('style="display : none"', True),
        ('width="10" height="10"', False),
        ('width="px1"', False),
    ],
)
def test_tracking_pixels(tmp_path, attrs, pixel):
    root = _hub(tmp_path, _post(f'<img src="https://x.example/p.gif" {attrs}>'))
    (finding,) = check_privacy(root, load_config(root))
    assert finding.message.startswith("a tracking pixel") is pixel


def test_front_matter_is_not_scanned_but_a_file_without_it_is(tmp_path):
    post = "---\ntitle: T\ndate: 2026-11-01\nsummary: \"<img src='https://x.example/s.png'>\"\n---\nHi\n"
    page = '<img src="https://x.example/p.png?a=1&amp;b=2">\n'
    root = _hub(tmp_path, {"content/posts/2026-11-01-t.md": post, "content/pages/bare.md": page})
    assert [d.text() for d in check_privacy(root, load_config(root))] == [
        "content/pages/bare.md:1: error: an image (<img>) loads https://x.example/p.png?a=1&b=2 "
        "from another origin (https://x.example); readers' browsers would contact it. "
        f"{HINT} [privacy]"
    ]
