"""Rendering on several processes gives the same bytes, in the same order, as one."""

from __future__ import annotations

from ssg.engine import parallel
from ssg.engine.cache import Item, MarkdownCache
from ssg.engine.parallel import default_jobs, render_items


def _items(count: int) -> list[Item]:
    body = "# Title {n}\n\nSee [next](p{m}.md) and [gone](nope.md).\n\n```python\nx = {n}\n```\n"
    return [
        Item(body.format(n=n, m=n + 1), f"content/posts/p{n}.md", 4 + n % 3, f"posts/p{n}/")
        for n in range(count)
    ]


def test_two_processes_match_one(monkeypatch) -> None:
    items = _items(40)
    links = {f"content/posts/p{n}.md": f"posts/p{n}/" for n in range(40)}
    one, _ = render_items(items, links, {}, MarkdownCache.open(None), jobs=1)
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)
    started = []
    real_pool = parallel.ProcessPoolExecutor
    monkeypatch.setattr(
        parallel,
        "ProcessPoolExecutor",
        lambda *a, **k: started.append(a[0]) or real_pool(*a, **k),
    )
    counted = []
    two, hits = render_items(items, links, {}, MarkdownCache.open(None), 2, counted.append)
    assert started == [2]  # the pool really ran
    assert two == one and hits == 0 and sum(counted) == 40
    assert [r.problems for r in two][:2] == [((6, MISSING),), ((7, MISSING),)]


MISSING = (
    "link to content/posts/nope.md, which does not exist; expected a path to a file under content/"
)


def test_few_misses_stay_in_process(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # would fail if used
    done, _ = render_items(_items(3), {}, {}, MarkdownCache.open(None), jobs=8)
    assert len(done) == 3


def test_default_jobs_is_at_least_one() -> None:
    assert default_jobs() >= 1


def test_spawned_workers_match_too(monkeypatch) -> None:
    """With other threads running (`ssg serve`), workers are spawned instead of forked."""
    import threading

    items = _items(8)
    one, _ = render_items(items, {}, {}, MarkdownCache.open(None), jobs=1)
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, args=(30,))
    waiter.start()
    try:
        assert parallel._context().get_start_method() == "spawn"
        two, _ = render_items(items, {}, {}, MarkdownCache.open(None), jobs=2)
    finally:
        stop.set()
        waiter.join()
    assert two == one
