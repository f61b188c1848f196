"""The shared vocabulary every component speaks; it imports no other component.

- `model`: the frozen dataclasses of a hub (`Config`, `Post`, `Page`, `Community`,
  `Tag`, `Site`), free of I/O.
- `page`: a page to render as data (`Job`, `PageMeta`, `FeedLink`, `Pagination`,
  `feed_links`, `paginate`), shared by every component that adds pages.
- `diagnostics`: `Diagnostic`, `Severity`, `SsgError`, `error`, `raise_if_errors`,
  printed as text, JSON or GitHub annotations in one place.
- `yamlfile`: `read_text` and `load_yaml`, which keep the line of every value.
- `urls`: `slugify`, `output_file`, `relative_url` (and `linker`, one page's links), `absolute_url`.
- `clock`: `resolve_today` and `build_time` (`--today`, `SOURCE_DATE_EPOCH`).
- `versions`: `library_version`, the installed version of a library, read once per process
  from its `.dist-info` folder name.
"""
