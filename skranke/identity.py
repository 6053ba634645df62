"""Who Skranke is to the operating system: its name, organisation, version, ids and icon.

One place for what the window title, ``QSettings`` (through the application's organisation
and name), ``--version``, the desktop file and the installers call the program.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from skranke import __version__
from skranke.resources import RESOURCES_DIR

APP_NAME = "Skranke"
"""The program's name as people see it (window, Start menu, ``--version``)."""

ORGANIZATION = "Skranke"
"""QSettings keeps window state under ``<organisation>/<application>``
(``~/.config/Skranke/Skranke.conf``, ``HKCU\\Software\\Skranke\\Skranke`` on Windows)."""

DISTRIBUTION = "skranke"
"""The Python distribution (pyproject's ``[project] name``) and the executable's name."""

APP_ID = "dk.skranke.Skranke"
"""Reverse-DNS id: the desktop file's name (``dk.skranke.Skranke.desktop``) and Wayland's app id."""

WINDOWS_APP_ID = "{6F1C2B9E-5D84-4C1A-9E3B-2A7D4F0C8B61}"
"""Inno Setup's AppId: the same GUID in every release, so a new version upgrades the old one."""

ICONS_DIR = RESOURCES_DIR / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

VERSION = __version__
"""The version this code says it is. Reading the installed metadata costs ~75 ms of start-up
(``importlib.metadata`` and ``email``), so the window and ``--version`` use this constant;
tests/installer checks that it equals pyproject's version and the installed metadata."""


def icon_png(size: int) -> Path:
    """The square PNG icon of ``size`` pixels (one of :data:`ICON_SIZES`)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes: {ICON_SIZES}")
    return ICONS_DIR / f"skranke-{size}.png"


ICON_SVG = ICONS_DIR / "skranke.svg"
ICON_ICO = ICONS_DIR / "skranke.ico"


@cache
def package_version() -> str:
    """The installed distribution's version (its metadata), or :data:`VERSION` when Skranke
    runs from a source tree that was never installed. For builds and installers."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - slow import

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return VERSION


def version_line() -> str:
    """What ``skranke --version`` prints, e.g. ``Skranke 0.1.0``."""
    return f"{APP_NAME} {VERSION}"
