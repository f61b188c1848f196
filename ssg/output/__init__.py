"""From the checked model to files: the page plan, rendering, feeds, sitemap, the atomic write.

- `plan`: `plan(site, ...) -> list[Job]` for home, posts, tags, archive, pages, 404.
- `render`: `render_jobs` through Jinja2 (autoescape, StrictUndefined, theme chain).
- `feeds`: `feed_files` (Atom, RSS, JSON Feed; site-wide and per tag).
- `sitemap`: `sitemap` and `robots`.
- `write`: `write_site`, which swaps the new output into place or leaves the old one whole.
"""
