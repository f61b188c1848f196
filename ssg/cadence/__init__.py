"""Publishing cadence: the rules, the check, the report, the page and the chart.

- `rules`: the `cadence:` schema of `site.yaml` parsed into `CadenceRules`.
- `check`: `check(...) -> CadenceReport`, pure: posts, rules, today and the timezone in.
- `report`: the report as text, GitHub annotations and a JSON document.
- `page`: the public `/cadence/` page and its SVG (`cadence_page`, `cadence_svg`).
- `chart`: the year heatmap as SVG (`heatmap_svg`, `stats`).
"""
