#!/usr/bin/env bash
# Checks that the C++ sources are formatted as the checked-in .clang-format
# says, with the pinned clang-format 16 (scripts/install-deps.sh installs
# clang-format-16): every tracked *.h and *.cpp under server/, signing/,
# tests/ and bench/. Prints each file that differs and exits 1; exits 0 when
# all are formatted. scripts/format.sh (this script with --fix) rewrites them.
#
#   scripts/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=clang-format-16
if ! command -v "$formatter" >/dev/null; then
    echo "check-format: $formatter is missing (scripts/install-deps.sh installs it)" >&2
    exit 2
fi
mapfile -t files < <(git ls-files -- 'server/*.h' 'server/*.cpp' 'signing/*.h' 'signing/*.cpp' \
                                     'tests/*.h' 'tests/*.cpp' 'bench/*.h' 'bench/*.cpp')
if [ "${#files[@]}" -eq 0 ]; then
    echo "check-format: no sources found (run it in a git checkout)" >&2
    exit 2
fi
if [ "${1:-}" = "--fix" ]; then
    "$formatter" -i "${files[@]}"
    echo "format: ${#files[@]} files formatted with $("$formatter" --version | grep -o 'version [0-9.]*')"
    exit 0
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
if "$formatter" --dry-run --Werror "${files[@]}" 2>"$report"; then
    echo "check-format: ${#files[@]} files formatted as .clang-format says"
    exit 0
fi
offending=$(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' "$report" | sort -u)
if [ -z "$offending" ]; then
    cat "$report" >&2
    exit 2
fi
echo "check-format: not formatted as .clang-format says (fix with scripts/format.sh):"
echo "$offending" | sed 's/^/  /'
exit 1
