"""Print the exact packages (``name==version``, one a line) the Windows build needs, from
uv.lock, with each marker decided for 64-bit Windows and the given CPython.

    uv export --frozen --no-hashes --no-emit-project --no-header --no-annotate \
        | python installer/windows/windows_requirements.py 3.13

``pip download --platform win_amd64`` picks Windows wheels but decides markers
(``sys_platform == 'win32'``, ``python_full_version >= '3.12'``) for the Python it runs in,
so it would fetch Linux's choices (no ``pefile``, the numpy for 3.11). Here the markers are
decided for the target instead. Kept: what Skranke runs with (the lock's ``[project]``
dependencies) and PyInstaller with what it needs on Windows; not the other development tools.
"""

from __future__ import annotations

import sys

from packaging.markers import Marker
from packaging.requirements import Requirement

# The dev group's packages the build itself needs; the rest of the group (pytest, mypy, ...)
# stays out of the Windows Python.
BUILD_TOOLS = {
    "pyinstaller", "pyinstaller-hooks-contrib", "altgraph", "pefile", "pywin32-ctypes",
    "setuptools", "packaging",
}  # fmt: skip


def windows_environment(python: str) -> dict[str, str]:
    """PEP 508 marker values of CPython ``python`` (e.g. ``3.13``) on 64-bit Windows."""
    full = python if python.count(".") == 2 else f"{python}.0"
    return {
        "sys_platform": "win32",
        "platform_system": "Windows",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "python_version": ".".join(full.split(".")[:2]),
        "python_full_version": full,
    }


def wanted(lines: list[str], runtime: set[str], python: str) -> list[str]:
    """``name==version`` for each exported line whose marker holds on Windows and whose name is
    a runtime dependency or a build tool."""
    environment = windows_environment(python)
    chosen = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if not text or text.startswith("-"):
            continue
        requirement = Requirement(text)
        if requirement.marker is not None and not Marker(str(requirement.marker)).evaluate(
            environment
        ):
            continue
        if requirement.name in runtime or requirement.name in BUILD_TOOLS:
            chosen.append(f"{requirement.name}=={next(iter(requirement.specifier)).version}")
    return chosen


def main() -> None:
    python = sys.argv[1]
    runtime_file = sys.argv[2] if len(sys.argv) > 2 else None
    lines = sys.stdin.read().splitlines()
    if runtime_file is None:
        runtime = {Requirement(line.split("#")[0]).name for line in lines if line.strip()}
    else:
        with open(runtime_file, encoding="utf-8") as file:
            runtime = {
                Requirement(line.split("#")[0].strip()).name
                for line in file
                if line.split("#")[0].strip()
            }
    print("\n".join(wanted(lines, runtime, python)))


if __name__ == "__main__":
    main()
