"""Markdown for every content item: from the cache when it can, on every core when it must.

Cache misses are rendered by a pool of worker processes (Python-Markdown holds
the GIL, so threads would not help). Each worker gets the link tables once,
results come back in the order of the items, and a render is a pure function
of its inputs, so the output is byte-identical to `--jobs 1`. Small batches
stay in this process: starting workers costs more than they would save.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from ssg.content import highlight
from ssg.content.markup import render_tracked
from ssg.engine.cache import Item, MarkdownCache, Rendered

MIN_PER_WORKER = 16  # below this many misses per worker, one process is faster
_tables: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {})


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(links: Mapping[str, str], unpublished: Mapping[str, str]) -> None:
    global _tables
    _tables = (links, unpublished)


def _render(item: Item, links: Mapping[str, str], unpublished: Mapping[str, str]) -> Rendered:
    html, problems, deps, site_links = render_tracked(
        item.body, item.source, item.body_line, item.url, links, unpublished, item.allow_html
    )
    return Rendered(html, tuple(problems), deps, tuple(site_links))


def _render_in_worker(item: Item) -> Rendered:
    rendered = _render(item, *_tables)
    return replace(rendered, code=highlight.drain())  # the parent keeps them for the next build


def _context() -> multiprocessing.context.BaseContext:
    """Fork is cheap and shares the tables, but is unsafe once other threads run (`ssg serve`)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def render_items(
    items: Sequence[Item],
    links: Mapping[str, str],
    unpublished: Mapping[str, str],
    cache: MarkdownCache,
    jobs: int,
    on_done: Callable[[int], None] = lambda count: None,
) -> tuple[list[Rendered], int]:
    """Every item rendered, in order, and how many came from the cache."""
    found = [cache.get(item, links, unpublished) for item in items]
    hits = sum(r is not None for r in found)
    on_done(hits)
    misses = [i for i, r in enumerate(found) if r is None]
    workers = min(jobs, len(misses) // MIN_PER_WORKER)
    if workers > 1:
        chunk = max(1, len(misses) // (workers * 8))
        with ProcessPoolExecutor(
            workers, _context(), initializer=_init_worker, initargs=(links, unpublished)
        ) as pool:
            done = pool.map(_render_in_worker, [items[i] for i in misses], chunksize=chunk)
            for index, rendered in zip(misses, done, strict=True):
                highlight.adopt(rendered.code)
                found[index] = replace(rendered, code={})
                on_done(1)
    else:
        for index in misses:
            found[index] = _render(items[index], links, unpublished)
            on_done(1)
    for index in misses:
        found[index] = cache.put(items[index], found[index])  # type: ignore[arg-type]
    return [r for r in found if r is not None], hits
