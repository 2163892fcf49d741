# Sourced by scripts/start and scripts/test: makes this machine ready, idempotently.
#   1. Debian packages that Qt needs to draw (fonts, EGL, xkb, xcb), when missing (and,
#      for scripts/test, pcmt_test_system_packages);
#   2. a virtual environment in .venv with the pinned Python packages.
# shellcheck shell=bash

PCMT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PCMT_VENV="$PCMT_ROOT/.venv"

pcmt_system_packages=(
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
    libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
    # Without any font Qt draws boxes; DejaVu has every Vietnamese letter, and Liberation
    # Serif stands in for Times New Roman when documents are rendered here.
    fonts-dejavu-core fonts-liberation
)

# Only the tests need these (scripts/test passes them): the level above's store is tested
# against a real PostgreSQL server, started by the tests themselves on loopback; binutils'
# objdump is what PyInstaller reads the libraries with when scripts/test builds the bundle.
pcmt_test_system_packages=(postgresql binutils)

pcmt_ensure_system_packages() {
    # Arguments: further packages wanted besides pcmt_system_packages.
    command -v dpkg >/dev/null 2>&1 || return 0
    local missing=()
    for package in "${pcmt_system_packages[@]}" "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Cài các gói hệ thống còn thiếu: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

pcmt_ensure_venv() {
    local extras="$1"  # "" for the program alone, "dev" for the tests too
    local python="${PYTHON:-python3}"
    if [ ! -x "$PCMT_VENV/bin/python" ]; then
        "$python" -m venv "$PCMT_VENV"
    fi
    local target="$PCMT_ROOT"
    [ -n "$extras" ] && target="$PCMT_ROOT[$extras]"
    "$PCMT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -c "$PCMT_ROOT/requirements/constraints.txt" -e "$target"
}
