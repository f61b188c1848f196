"""The local server behind `ssg serve`.

- `server`: `make_server`, a static host on loopback with pretty URLs, the site's
  404 page and the `base_url` sub-path.
"""
