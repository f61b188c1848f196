"""Valid output: every HTML page passes the Nu HTML Checker; the XML and JSON files parse.

The checker runs once for all pages (one JVM start), with the machine's Java.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ROOTS = {"feed.xml": f"{ATOM}feed", "rss.xml": "rss", "sitemap.xml": f"{SITEMAP}urlset"}


def nu_messages(vnu_jar: Path, files: list[Path]) -> list[dict[str, Any]]:
    """The checker's messages for all files; its JSON report is written to stderr."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "java is missing; run `make test` or `bash tests/browser/install-deps.sh`",
            pytrace=False,
        )
    command = [java, "-jar", str(vnu_jar), "--errors-only", "--format", "json", *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    for stream in (done.stderr, done.stdout):
        start = stream.find("{")
        if start >= 0:
            return json.loads(stream[start:])["messages"]
    pytest.fail(
        f"the Nu HTML Checker gave no report (exit {done.returncode}): {done.stderr[-2000:]}"
    )


def test_every_page_passes_the_nu_html_checker(built: Any, vnu_jar: Path) -> None:
    files = built.html_files()
    assert len(files) > 20, f"expected the whole demo hub, found {len(files)} pages"
    messages = nu_messages(vnu_jar, files)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    lines = []
    for m in errors:
        where = Path(urllib.parse.unquote(urllib.parse.urlsplit(m.get("url", "")).path))
        shown = where.relative_to(built.out) if where.is_relative_to(built.out) else where
        extract = m.get("extract", "").strip().replace("\n", " ")[:120]
        lines.append(f"{shown}:{m.get('lastLine', '?')}: {m.get('message')} [{extract}]")
    assert not lines, f"{len(lines)} Nu HTML Checker errors:\n  " + "\n  ".join(lines)


def test_xml_files_parse(built: Any) -> None:
    files = [*sorted(built.out.rglob("*.xml")), built.out / "communities.opml"]
    names = {f.name for f in files}
    assert {"sitemap.xml", "feed.xml", "rss.xml", "communities.opml"} <= names, names
    problems = []
    for file in files:
        shown = file.relative_to(built.out)
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as exc:
            problems.append(f"{shown}: {exc}")
            continue
        expected = ROOTS.get(file.name, "opml" if file.suffix == ".opml" else None)
        if expected and root.tag != expected:
            problems.append(f"{shown}: root element is {root.tag}, expected {expected}")
    assert not problems, "XML files that do not parse:\n  " + "\n  ".join(problems)


def test_json_files_parse(built: Any) -> None:
    files = [*sorted(built.out.rglob("feed.json")), built.out / "communities.json"]
    assert built.out / "feed.json" in files and (built.out / "communities.json").is_file()
    problems = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:
            problems.append(f"{file.relative_to(built.out)}: {exc}")
            continue
        if file.name == "feed.json" and not str(data.get("version", "")).startswith(
            "https://jsonfeed.org/"
        ):
            problems.append(f"{file.relative_to(built.out)}: no JSON Feed version")
    assert not problems, "JSON files that do not parse:\n  " + "\n  ".join(problems)
