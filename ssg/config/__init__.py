"""The typed `site.yaml`: every key checked, every error at `site.yaml:LINE`.

- `load`: `load_config(root) -> Config`.
- `themes`: `theme_chain`, `template_dirs`, `check_theme` (a hub's `templates/`
  over its theme over `default`).
"""
