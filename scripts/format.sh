#!/usr/bin/env bash
# Formats every tracked C++ source in place with the pinned clang-format 16
# and the checked-in .clang-format (the files scripts/check-format.sh checks).
set -euo pipefail
exec "$(dirname "$0")/check-format.sh" --fix
