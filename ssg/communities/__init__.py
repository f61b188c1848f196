"""The curated directory of fan communities the hub points to and labels honestly.

- `platforms`: the `PLATFORMS` vocabulary and `platform_key` (any case).
- `load`: `load_communities` and the rest of the vocabulary (`RUN_BY`, `run_by_label`).
- `weburls`: `normalize_url` and `url_problem`, to find duplicates and bad links.
- `directory`: the directory's pages (`plan_pages`, `home_context`, `template_globals`).
- `exports`: `communities_json` and `communities_opml`.
"""
