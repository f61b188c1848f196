"""What `ssg serve` adds to HTML responses, and only to them: never to `ssg build` output.

- the reload script: listens to the event stream of this server, reloads the tab
  after a rebuild and swaps a changed stylesheet in place; no third-party code,
  no storage, no cookie, nothing fetched from another origin (the privacy lint
  passes it);
- the error overlay: every `path:line: message` of a failed rebuild, over the
  last good page (or as the whole page when there is none yet);
- the lint banner: cadence and privacy findings, dismissible;
- the draft badge: with `--drafts`, on posts a public build leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

EVENTS_PATH = "/__ssg/events"
DISMISS_PATH = "/__ssg/dismiss"
BODY_END = re.compile(rb"</body\s*>", re.I)
FONT = "font:15px/1.5 system-ui,sans-serif"
PANEL = "position:fixed;z-index:2147483647;box-sizing:border-box;" + FONT

SCRIPT = """<script>
(() => {
  const panel = document.getElementById("ssg-live");
  let epoch = Number(panel.dataset.epoch);
  const source = new EventSource("/__ssg/events");
  const read = (event) => JSON.parse(event.data);
  source.addEventListener("hello", (event) => {
    if (read(event).epoch !== epoch) location.reload();
  });
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("css", (event) => {
    const change = read(event);
    epoch = change.epoch;
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin) continue;
      if (!change.paths.some((path) => url.pathname.endsWith("/" + path))) continue;
      url.searchParams.set("ssg-epoch", String(change.epoch));
      const fresh = link.cloneNode();
      fresh.href = url.pathname + url.search;
      fresh.addEventListener("load", () => link.remove(), { once: true });
      link.after(fresh);
    }
  });
  panel.addEventListener("click", (event) => {
    const button = event.target.closest("[data-ssg-dismiss]");
    if (!button) return;
    button.closest("aside").remove();
    fetch("/__ssg/dismiss", { method: "POST" });
  });
  addEventListener("pagehide", () => source.close());
})();
</script>
"""


@dataclass(frozen=True)
class Marks:
    """What to add to one HTML response."""

    epoch: int
    reload: bool = True
    errors: Sequence[str] = ()  # "path:line: message" of the failed rebuild
    findings: Sequence[str] = ()  # lint findings not dismissed
    badge: str = ""


def _errors(lines: Sequence[str]) -> str:
    count = f"{len(lines)} error{'s' if len(lines) != 1 else ''}"
    return (
        f'<section role="alert" aria-labelledby="ssg-error-title" style="{PANEL};inset:0;'
        'overflow:auto;padding:2rem;background:#fff;color:#111;border:6px solid #b00020">'
        '<h2 id="ssg-error-title" style="margin-top:0">'
        f"The site could not be rebuilt ({count})</h2>"
        "<p>Underneath is the last good version of this page. Fix the file and save: "
        "this page reloads by itself. The terminal shows the same list.</p>"
        '<pre style="white-space:pre-wrap;background:#f4f4f4;padding:1rem">'
        + "\n".join(escape(line) for line in lines)
        + "</pre></section>"
    )


def _banner(lines: Sequence[str], dismissible: bool) -> str:
    button = (
        '<button type="button" data-ssg-dismiss style="float:right">Dismiss</button>'
        if dismissible
        else ""
    )
    return (
        f'<aside aria-label="Lint findings" style="{PANEL};left:0;right:0;bottom:0;'
        "max-height:40vh;overflow:auto;padding:.5rem 1rem;background:#fff8c5;color:#111;"
        'border-top:2px solid #9a6700">'
        f"{button}<strong>Lint findings (the site still builds)</strong>"
        '<pre style="white-space:pre-wrap;margin:.25rem 0">'
        + "\n".join(escape(line) for line in lines)
        + "</pre></aside>"
    )


def _badge(text: str) -> str:
    return (
        f'<p style="{PANEL};top:0;right:0;margin:0;padding:.25rem .75rem;background:#6f42c1;'
        f'color:#fff;font-weight:bold">{escape(text)}</p>'
    )


def panel(marks: Marks) -> str:
    parts = [_badge(marks.badge)] if marks.badge else []
    if marks.findings:
        parts.append(_banner(marks.findings, marks.reload))
    if marks.errors:
        parts.append(_errors(marks.errors))
    if not parts and not marks.reload:
        return ""
    inner = "".join(parts)
    return f'<div id="ssg-live" data-epoch="{marks.epoch}">{inner}</div>' + (
        SCRIPT if marks.reload else ""
    )


def inject(html: bytes, marks: Marks) -> bytes:
    """The page with the panel and script added before its last `</body>`."""
    extra = panel(marks).encode("utf-8")
    if not extra:
        return html
    ends = list(BODY_END.finditer(html))
    if not ends:
        return html + extra
    at = ends[-1].start()
    return html[:at] + extra + html[at:]


def error_page(marks: Marks) -> bytes:
    """The whole page when no build has succeeded yet."""
    head = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
    page = head + "<title>ssg: the site could not be built</title></head>\n<body></body></html>\n"
    return inject(page.encode("utf-8"), marks)
