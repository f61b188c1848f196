"""`{{ site.NAME }}` in pages: values from site.yaml, so a fork changes them in one place."""

from __future__ import annotations

from pathlib import Path

from ssg.content.sitevalues import fill, site_values
from ssg.core.model import Config

CONFIG = Config(
    title="Paddle Hub",
    base_url="https://x.example/",
    brand="Riverline <Kayaks>",
    extra={"conduct_email": "conduct@riverline.example", "year": 2026, "flag": True, "nested": {}},
)
VALUES = site_values(CONFIG)


def test_known_names_and_plain_extra_values() -> None:
    assert VALUES["brand"] == "Riverline <Kayaks>" and VALUES["extra.year"] == "2026"
    assert "extra.flag" not in VALUES and "extra.nested" not in VALUES


def test_values_are_filled_and_escaped_in_markdown() -> None:
    body = "Run by {{ site.brand }}.\nWrite to {{site.extra.conduct_email}}.\n"
    text, diags = fill(body, 5, "content/pages/coc.md", VALUES)
    assert diags == []
    assert text == "Run by Riverline &lt;Kayaks&gt;.\nWrite to conduct@riverline.example.\n"
    title, _ = fill("About {{ site.brand }}", 2, "content/pages/coc.md", VALUES, markdown=False)
    assert title == "About Riverline <Kayaks>"  # the template escapes titles


def test_code_fences_are_left_alone() -> None:
    body = "Use it like this:\n\n```md\n{{ site.brand }}\n```\n{{ site.title }}\n"
    text, diags = fill(body, 1, "p.md", VALUES)
    assert diags == [] and text == "Use it like this:\n\n```md\n{{ site.brand }}\n```\nPaddle Hub\n"


def test_an_unknown_name_is_an_error_at_its_line_with_the_closest() -> None:
    body = "First line.\nMail {{ site.extra.conduct_mail }} now.\n"
    text, [diag] = fill(body, 5, "content/pages/coc.md", VALUES)
    assert (diag.path, diag.line) == ("content/pages/coc.md", 6)
    assert diag.message == (
        "unknown site value 'site.extra.conduct_mail'; did you mean 'extra.conduct_email'? "
        "(set it in site.yaml)"
    )
    assert "{{ site.extra.conduct_mail }}" in text


def test_a_page_of_a_built_hub_shows_site_yaml_values(hub, build_in_place) -> None:
    page = "---\ntitle: Conduct at {{ site.brand }}\n---\nWrite to {{ site.extra.mail }}.\n"
    basic = Path(__file__).parents[1] / "sites/basic/site.yaml"
    site_yaml = basic.read_text(encoding="utf-8") + "extra: {mail: a@b.example}\n"
    root = hub("basic", {"content/pages/coc.md": page, "site.yaml": site_yaml})
    html = build_in_place(root).read("coc/index.html")
    assert "<title>Conduct at Acme · Basic Hub</title>" in html
    assert "Write to a@b.example." in html and "{{" not in html
