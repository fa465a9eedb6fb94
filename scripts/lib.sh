# Shared by scripts/demo and scripts/test: find or install uv, then install the Python packages.
# Sourced, not run. Works on a fresh machine with nothing but python3 (and pip) installed.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '==> %s\n' "$*" >&2; }

# This machine kind sets PYTHONDONTWRITEBYTECODE=1, so each Python process compiled every module
# it imported from source: about 5 s of CPU for Django and Wagtail in every process (django.setup
# 7.3 s → 2.4 s measured here), and a test run starts hundreds of them. Python keeps its cache.
unset PYTHONDONTWRITEBYTECODE

# The uv command as an array: `uv` itself, or `python3 -m uv`, or a uv binary outside PATH.
# pyenv puts a `uv` shim on PATH that fails when the Python that .python-version selects has no
# uv installed, so every candidate is tried by running it, not by looking it up.
UV=()
uv_find() {
    local candidate
    for candidate in "uv" "python3 -m uv" "$HOME/.local/bin/uv" "$HOME/.cargo/bin/uv"; do
        # shellcheck disable=SC2086  # the candidate is split into its words on purpose
        if $candidate --version >/dev/null 2>&1; then
            read -r -a UV <<<"$candidate"
            return 0
        fi
    done
    return 1
}

uv_ensure() {
    uv_find && return 0
    say "installing uv (python3 -m pip install uv)"
    python3 -m pip install --quiet uv \
        || python3 -m pip install --quiet --user --break-system-packages uv
    uv_find || { echo "uv could not be installed; see https://docs.astral.sh/uv/" >&2; exit 1; }
}

# Installs the project and its dev group into .venv (a no-op when nothing changed).
packages_ensure() {
    uv_ensure
    say "installing Python packages (${UV[*]} sync)"
    "${UV[@]}" sync --quiet
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's Chromium drives the browser tests (Playwright's own browser download cannot be used).
chromium_ensure() {
    if [ -n "${MASTHEAD_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
        return 0
    fi
    say "installing Debian's chromium (apt-get)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

# nginx for the front-cache test (docs/nginx.conf in front of the site) and scripts/cluster.
nginx_ensure() {
    if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
        return 0
    fi
    say "installing Debian's nginx (apt-get)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
}

# The conformance tests' validators from npm (the Nu Html Checker, pinned by package-lock.json)
# and the Java runtime it needs (Debian's).
validators_ensure() {
    if ! command -v npm >/dev/null 2>&1; then
        say "installing Debian's npm (apt-get)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    fi
    if ! command -v java >/dev/null 2>&1; then
        say "installing Debian's Java runtime for the Nu Html Checker (apt-get)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    fi
    if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
        say "installing the conformance validators (npm ci)"
        npm ci --no-audit --no-fund --silent
    fi
}
