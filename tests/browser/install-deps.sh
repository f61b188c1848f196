#!/usr/bin/env bash
# Installs what the browser suite needs, only when missing, without asking anything:
#   - Chromium from Debian (Playwright drives /usr/bin/chromium; its own browser download is not used),
#   - a Java runtime for the Nu HTML Checker,
#   - pinned npm packages axe-core and vnu-jar in <repo>/.tools/ (git-ignored).
# Playwright for Python itself comes with the test extra of pyproject.toml (`make` installs it).
# Fast when everything is present: a few file checks, no network.
set -euo pipefail

AXE_VERSION="4.14.1"
VNU_VERSION="26.9.27"

repo="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$repo/.tools"
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-deps: need root to install $* with apt-get (or install it yourself)" >&2
        exit 1
    fi
    if [ "$apt_updated" -eq 0 ]; then
        apt-get update -q
        apt_updated=1
    fi
    apt-get install -y -q "$@"
}

if [ ! -x /usr/bin/chromium ]; then
    echo "install-deps: installing chromium" >&2
    apt_install chromium
fi

if ! command -v java >/dev/null 2>&1; then
    echo "install-deps: installing a Java runtime" >&2
    apt_install default-jre-headless
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: installing npm" >&2
    apt_install npm
fi

# The version a package in .tools/node_modules has, or nothing when it is absent.
installed_version() {
    local manifest="$tools/node_modules/$1/package.json"
    [ -f "$manifest" ] || return 0
    node -p 'require(process.argv[1]).version' "$manifest"
}

wanted=()
[ "$(installed_version axe-core)" = "$AXE_VERSION" ] || wanted+=("axe-core@$AXE_VERSION")
[ "$(installed_version vnu-jar)" = "$VNU_VERSION" ] || wanted+=("vnu-jar@$VNU_VERSION")
if [ "${#wanted[@]}" -gt 0 ]; then
    echo "install-deps: npm install ${wanted[*]} into $tools" >&2
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || printf '{"private": true}\n' >"$tools/package.json"
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; the machine's is used.
    npm install --prefix "$tools" --no-audit --no-fund --save-exact --ignore-scripts "${wanted[@]}"
fi

for file in "$tools/node_modules/axe-core/axe.min.js" "$tools/node_modules/vnu-jar/build/dist/vnu.jar"; do
    if [ ! -f "$file" ]; then
        echo "install-deps: $file is missing after installing" >&2
        exit 1
    fi
done
