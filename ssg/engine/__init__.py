"""The build engine: never do the same work twice, and use every core for the rest.

- `cache`: `MarkdownCache`, rendered Markdown kept in `.ssg-cache/` between builds,
  keyed by everything that affects it.
- `parallel`: `render_items`, Markdown for cache misses on a pool of processes,
  in the same order and with the same bytes as one process.
- `progress`: pages rendered of total on a terminal, one summary line elsewhere.
"""
