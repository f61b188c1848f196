"""The brand's own writing: posts and pages, from front matter to HTML.

- `frontmatter`: `split_front_matter` (fast path for flat front matter in `fastyaml`).
- `load`: `load_posts`, `load_pages`, `select_posts` (published, scheduled,
  drafts, expired), `collect_tags`, `source_files`, `local_day`.
- `parsed`: `ParsedPosts`, posts as parsed by the last run, reused for the same text.
- `markup`: `render_markdown`, a pure function of the source and the link table
  (Python-Markdown, Pygments classes, content links checked and made relative).
- `highlight`: code blocks highlighted once per language, text and settings.
- `summary`: `render_summary`, a summary's inline Markdown as card HTML and plain text.
- `inline`: Python-Markdown's inline pass, skipping each pattern a text cannot
  match (read from the pattern's expression); the same bytes as the stock pass.
- `toc`: Python-Markdown's `toc` pass, building the table only for a `[TOC]` marker.
"""
