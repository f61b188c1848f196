"""The GitHub workflow a brand can use as it is: it parses and does what the README says."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "hub.yml"


def test_workflow_builds_on_pull_requests_pushes_and_every_day() -> None:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = data[True]  # YAML 1.1 reads the key `on` as a boolean
    assert {"pull_request", "push", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # daily
    steps = data["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("make build" in r and "--format github" in r for r in runs)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".ssg-cache"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "public" and "cancelled()" in upload["if"]


def test_workflow_publishes_main_so_scheduled_posts_go_live() -> None:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages")
