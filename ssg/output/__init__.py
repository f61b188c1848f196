"""From the checked model to files: the page plan, rendering, feeds, sitemap, the atomic write.

- `plan`: `plan(site, ...) -> list[Job]` for home, posts, tags, archive, pages, 404.
- `render`: `render_jobs` through Jinja2 (autoescape, StrictUndefined, theme chain);
  `KeptTemplates`, compiled templates kept between builds.
- `feeds`: `feed_files` (Atom, RSS, JSON Feed; site-wide and per tag).
- `sitemap`: `sitemap` and `robots`.
- `write`: `write_site`, which swaps a new folder into place or leaves the old one whole;
  `output_turn`, the lock builds into one folder take turns on; `KEPT` for unchanged files.
- `journal`: `apply_in_place`, a small change moved into the output through a journal
  that the next build completes if this one is killed (`recover`).
"""
