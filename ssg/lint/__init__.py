"""The hub lint: cadence, stale reviews and privacy, after the build or on its own.

- `run`: `run_lint(root, config, today, site=None) -> LintReport`.
- `privacy`: `check_privacy`, no request from a reader's browser to another origin.
"""
