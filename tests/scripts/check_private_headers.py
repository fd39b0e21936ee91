#!/usr/bin/env python3
"""Private headers stay private: fail when a file includes another module's detail/ header.

A module's private headers live in a detail/ folder: server/M/detail/X.h (or
server/M/sub/detail/X.h, e.g. storage/sqlite/detail/), signing/detail/X.h.
They are included as "M/detail/X.h" ("M/sub/detail/X.h"). Only these files
may include them:

  - the module's own sources: server/M/... (signing/... for signing);
  - the tests mirroring the module: tests/M/...;
  - the fuzz targets, tests/fuzz/... (they drive a module's parsing code
    directly, wherever it lives);
  - the scale benchmark, bench/scale/... for storage (it bulk-loads its data
    set through the storage's SQL session).

Every other file under server/, signing/, tests/ and bench/ that includes
"M/.../detail/..." is reported as FILE:LINE with the include, and the exit
status is 1. Usage: check_private_headers.py SOURCE_DIR
"""

import pathlib
import re
import sys

SCANNED = ("server", "signing", "tests", "bench")
SUFFIXES = {".h", ".hpp", ".cpp", ".cc"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
PRIVATE = re.compile(r"^(([A-Za-z0-9_]+)(?:/[A-Za-z0-9_]+)*)/detail/")


def allowed(relative: str, module: str) -> bool:
    owners = [f"server/{module}/", f"tests/{module}/", "tests/fuzz/"]
    if module == "signing":
        owners.append("signing/")
    if module == "storage":
        owners.append("bench/scale/")
    return any(relative.startswith(owner) for owner in owners)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    checked = 0
    violations = []
    for top in SCANNED:
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            checked += 1
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), start=1):
                include = INCLUDE.match(line)
                if not include:
                    continue
                private = PRIVATE.match(include.group(1))
                if private and not allowed(relative, private.group(2)):
                    owner = private.group(1)
                    folder = owner if private.group(2) == "signing" else "server/" + owner
                    violations.append(
                        f'{relative}:{number}: includes "{include.group(1)}", private to {folder}')
    for violation in violations:
        print(violation)
    if violations:
        print(f"{len(violations)} include(s) of another module's detail/ header "
              f"in {checked} files")
        return 1
    print(f"private headers: {checked} files checked, no include of another module's detail/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
