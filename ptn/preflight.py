"""What a machine needs beyond Python before `make run` and `make test`.

`python -m ptn.preflight` exits with code 3 and names the Debian packages to install
when a shared library the application loads is missing, rather than letting the first
PDF end in a traceback. Optional tools only get a note: without them, the tests that
need them are skipped with their reason.

Only the standard library is used here, so that the check itself cannot fail to import.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

MISSING_EXIT_CODE = 3


@dataclass(frozen=True)
class Requirement:
    package: str  # Debian/Ubuntu package that provides it
    library: str  # shared object the application loads (through WeasyPrint)
    purpose: str


# WeasyPrint dlopens these five (weasyprint/text/ffi.py); installing the two Pango
# packages brings the others as their dependencies.
REQUIRED = (
    Requirement("libpango-1.0-0", "libpango-1.0.so.0", "mise en page des rapports PDF"),
    Requirement("libpangoft2-1.0-0", "libpangoft2-1.0.so.0", "polices des rapports PDF"),
    Requirement("libharfbuzz0b", "libharfbuzz.so.0", "mise en forme du texte des PDF"),
    Requirement("libfontconfig1", "libfontconfig.so.1", "recherche des polices des PDF"),
    Requirement("libglib2.0-0", "libgobject-2.0.so.0", "bibliothèque de base de Pango"),
)

OPTIONAL_PROGRAMS = (
    ("chromium", "chromium", "tests du navigateur, ignorés sans lui"),
    ("msgfmt", "gettext", "`make messages` et le test de compilation des traductions"),
)


def library_loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_requirements(loads: Callable[[str], bool] | None = None) -> list[Requirement]:
    loads = loads or library_loads
    return [requirement for requirement in REQUIRED if not loads(requirement.library)]


def chromium_path() -> str:
    return os.environ.get("PTN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def missing_optional_programs() -> list[tuple[str, str]]:
    chromium = chromium_path()
    found = {
        "chromium": os.path.isfile(chromium) and os.access(chromium, os.X_OK),
        "msgfmt": bool(shutil.which("msgfmt")),
    }
    return [(pkg, purpose) for program, pkg, purpose in OPTIONAL_PROGRAMS if not found[program]]


def missing_message(missing: list[Requirement]) -> str:
    lines = ["Bibliothèques système manquantes :"]
    lines += [f"  - {r.library} (paquet {r.package}) : {r.purpose}" for r in missing]
    packages = " ".join(r.package for r in missing)
    lines.append(f"Installez-les, par exemple : sudo apt-get install {packages}")
    return "\n".join(lines)


def main() -> int:
    missing = missing_requirements()
    if missing:
        print(missing_message(missing), file=sys.stderr)
        return MISSING_EXIT_CODE
    for package, purpose in missing_optional_programs():
        print(f"Facultatif, absent : paquet {package} ({purpose})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
