"""`ssg serve`: the hub served from memory, rebuilt on every save, reloaded in open tabs.

- `live`: `LiveServer`, which runs the rest: one rebuild thread, the HTTP server, the watcher.
- `engine`: `LiveBuild.rebuild()`, the steps of `ssg.build.build()` with memories between
  them, returning a `Snapshot` (every output file as bytes) or raising every error.
- `sources`: content and static files re-read only when they change.
- `pages`: Markdown and page HTML re-rendered only when their inputs change.
- `generated`: feeds and the sitemap, likewise.
- `watch`: watchdog events, filtered and gathered into settled batches.
- `channel`: the reload events (server-sent events) every open tab listens to.
- `inject`: the reload script, error overlay, lint banner and draft badge added to HTML.
- `server`: HTTP, from memory (`make_live_server`) or from a built folder (`make_server`).
"""
