import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from ssg.communities.exports import communities_json, communities_opml
from ssg.communities.load import load_communities
from ssg.core.model import Community, Config

TODAY = dt.date(2026, 3, 10)
CONFIG = Config(title="Makers Hub", base_url="https://hub.example.org/hub/", brand="Makers Co")


def community(slug: str, name: str, **extra) -> Community:
    fields = {
        "source": f"content/communities/{slug}.md",
        "slug": slug,
        "name": name,
        "url": f"https://{slug}.example/",
        "platform": "forum",
        "summary": f"What {slug} offers.",
        "run_by": "fans",
        "reviewed": dt.date(2026, 1, 2),
        "page_url": f"communities/{slug}/",
        "body": "\nLonger *description*.\n",
        **extra,
    }
    return Community(**fields)


FULL = community(
    "b-forum",
    "B Forum",
    platform="subreddit",
    run_by="partner",
    segments=("beginners", "repairs"),
    language="pt-BR",
    region="Brazil",
    feed="https://b-forum.example/feed.xml",
    status="archived",
)
PLAIN = community("a-wiki", "A Wiki", platform="wiki", run_by="brand")


def test_json_round_trips_every_field():
    data = json.loads(communities_json([FULL, PLAIN], CONFIG))
    assert data["version"] == 1
    assert data["title"] == "Makers Hub"
    assert data["home_page_url"] == "https://hub.example.org/hub/"
    assert [c["slug"] for c in data["communities"]] == ["a-wiki", "b-forum"]
    assert data["communities"][1] == {
        "slug": "b-forum",
        "name": "B Forum",
        "url": "https://b-forum.example/",
        "platform": "subreddit",
        "platform_label": "Subreddits",
        "summary": "What b-forum offers.",
        "run_by": "partner",
        "run_by_label": "Run by a partner of Makers Co",
        "reviewed": "2026-01-02",
        "segments": ["beginners", "repairs"],
        "language": "pt-BR",
        "region": "Brazil",
        "feed": "https://b-forum.example/feed.xml",
        "status": "archived",
        "page_url": "https://hub.example.org/hub/communities/b-forum/",
        "description_markdown": "Longer *description*.",
    }
    plain = data["communities"][0]
    assert plain["region"] is None and plain["feed"] is None and plain["segments"] == []
    assert plain["run_by_label"] == "Run by Makers Co"
    assert plain["platform_label"] == "Wikis"


def test_json_is_deterministic_and_sorted():
    one = communities_json([FULL, PLAIN], CONFIG)
    two = communities_json([PLAIN, FULL], CONFIG)
    assert one == two
    assert one.endswith("}\n")
    top = ['"communities"', '"home_page_url"', '"title"', '"version"']
    assert [one.index(key) for key in top] == sorted(one.index(key) for key in top)
    assert one.index('"description_markdown"') < one.index('"feed"') < one.index('"url"')


def test_json_keeps_non_ascii_and_empty_list():
    text = communities_json([community("cafe", "Café Fans")], CONFIG)
    assert '"name": "Café Fans"' in text
    assert json.loads(communities_json([], CONFIG))["communities"] == []


def test_json_brand_falls_back_to_title():
    config = Config(title="Makers Hub", base_url="https://hub.example.org/")
    data = json.loads(communities_json([community("x", "X")], config))
    assert data["communities"][0]["run_by_label"] == "Run by fans, independent of Makers Hub"


def opml(communities, **kwargs) -> ET.Element:
    text = communities_opml(communities, CONFIG, **kwargs)
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">')
    return ET.fromstring(text.encode("utf-8"))


def test_opml_lists_exactly_active_communities_with_feeds():
    with_feed = [
        community("z", "Zeta", feed="https://z.example/rss"),
        community("a", "alpha", feed="https://a.example/atom.xml", language="fr"),
    ]
    no_feed = community("n", "No Feed")
    archived = community("old", "Old", feed="https://old.example/rss", status="archived")
    root = opml([*with_feed, no_feed, archived])
    outlines = root.findall("./body/outline")
    assert [o.get("text") for o in outlines] == ["alpha", "Zeta"]
    first = outlines[0].attrib
    assert first == {
        "text": "alpha",
        "title": "alpha",
        "type": "rss",
        "xmlUrl": "https://a.example/atom.xml",
        "htmlUrl": "https://a.example/",
        "description": "What a offers.",
        "language": "fr",
    }
    assert root.findtext("./head/title") == "Makers Hub: communities"
    assert root.findtext("./head/ownerName") == "Makers Co"
    assert root.findtext("./head/docs") == "http://opml.org/spec2.opml"
    assert root.find("./head/dateCreated") is None


def test_opml_escapes_markup_and_quotes():
    name = "Evil <script>alert(\"x\")</script> & 'Co'"
    item = community("evil", name, feed='https://e.example/rss?a=1&b="2"', summary="<b>bold</b>")
    text = communities_opml([item], CONFIG)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text and "&quot;x&quot;" in text and "&amp; 'Co'" in text
    outline = ET.fromstring(text).find("./body/outline")
    assert outline.get("text") == name
    assert outline.get("xmlUrl") == 'https://e.example/rss?a=1&b="2"'
    assert outline.get("description") == "<b>bold</b>"


def test_opml_is_deterministic_and_date_only_when_given():
    items = [
        community("b", "B", feed="https://b.example/rss"),
        community("a", "A", feed="https://a.example/rss"),
    ]
    assert communities_opml(items, CONFIG) == communities_opml(list(reversed(items)), CONFIG)
    when = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
    root = opml(items, date_created=when)
    assert root.findtext("./head/dateCreated") == "Tue, 10 Mar 2026 09:30:00 +0000"


def test_empty_opml_is_valid():
    root = opml([])
    assert root.find("body") is not None and root.findall("./body/outline") == []


def test_exports_from_fixture_site():
    root = Path(__file__).parents[1] / "sites" / "communities-basic"
    communities, diags = load_communities(root, "en", TODAY)
    assert diags == []
    data = json.loads(communities_json(communities, CONFIG))
    by_slug = {c["slug"]: c for c in data["communities"]}
    assert sorted(by_slug) == ["makers-forum", "makers-wiki", "r-makers"]
    assert by_slug["r-makers"]["region"] == "Worldwide"
    assert by_slug["makers-forum"]["description_markdown"].startswith("The oldest independent")
    outlines = ET.fromstring(communities_opml(communities, CONFIG)).findall("./body/outline")
    # makers-wiki has a feed but is archived; r-makers has no feed
    assert [o.get("xmlUrl") for o in outlines] == ["https://forum.makers.example/latest.rss"]
