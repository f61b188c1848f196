#!/usr/bin/env bash
# Installs what the browser suite needs, only when missing (placeholder until the browser suite lands).
set -euo pipefail
exit 0
