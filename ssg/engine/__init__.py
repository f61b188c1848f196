"""The build engine: never do the same work twice, and use every core for the rest.

- `inputs`: `fingerprint`, every input of a build from file metadata, in milliseconds.
- `state`: `OutputRecord`, what the last build wrote (every file's size, time and
  inode), from what (page keys) and what it printed; `open_record`, `scan`, `rescan`.
- `replay`: the last build's lint, shown again when nothing changed.
- `cache`: `MarkdownCache`, rendered Markdown kept in `.ssg-cache/` between builds,
  keyed by everything that affects it (and the highlighted code blocks it used).
- `parallel`: `render_items`, Markdown for cache misses on a pool of processes,
  in the same order and with the same bytes as one process.
- `digest`: `Digester`, content hashes of page data, each object hashed once.
- `pages`: `render_pages`, pages kept while their key and the `site` attributes
  their templates read are unchanged; the rest rendered on forked workers.
- `feeds`: `feed_files`, feed files kept while the posts they show (with their
  text), the settings and the writer are unchanged; the rest written again.
- `progress`: pages rendered of total on a terminal, one summary line elsewhere.
"""
