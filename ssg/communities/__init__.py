"""The curated directory of fan communities the hub points to and labels honestly.

- `load`: `load_communities` and the vocabulary (`PLATFORMS`, `RUN_BY`, `run_by_label`).
- `weburls`: `normalize_url` and `url_problem`, to find duplicates and bad links.
- `directory`: the directory's pages (`plan_pages`, `home_context`, `template_globals`).
- `exports`: `communities_json` and `communities_opml`.
"""
