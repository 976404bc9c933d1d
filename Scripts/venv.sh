# Sourced by the scripts in Scripts/: creates (once) and activates a throw-away virtual
# environment in Scripts/.venv and installs the packages named in $ZH_PIP_PACKAGES.
# The library itself never depends on Python; only data import and peer comparison do.
set -euo pipefail
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${ZHTEXT_VENV:-$SCRIPTS_DIR/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
if [ -n "${ZH_PIP_PACKAGES:-}" ]; then
  # shellcheck disable=SC2086
  pip install --quiet --disable-pip-version-check $ZH_PIP_PACKAGES
fi
