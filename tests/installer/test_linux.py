"""The Linux package: its recipe (desktop entry, control file) always; the built folder and
.deb when installer/linux/build-deb.sh has made them (.ci/run does, before the tests).
installer/linux/smoke-test.sh installs the package and runs it as a fresh user."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from database.schema import KNOWN_REVISIONS
from skranke.identity import APP_ID, DISTRIBUTION, ICON_SIZES, version_line
from tests.installer.helpers import INSTALLER, SpecRun

LINUX = INSTALLER / "linux"

# What the bundle may take from the system: glibc, and what the control file's Depends bring.
# A library outside this list would be missing on a clean Debian 12: add its package to
# Depends (installer/linux/control) and its name here.
SYSTEM_LIBRARIES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libresolv.so.2": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libxcb.so.1": "libxcb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / "skranke.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def depends() -> set[str]:
    control = (LINUX / "control").read_text(encoding="utf-8")
    match = re.search(r"^Depends: (.*)$", control, re.MULTILINE)
    assert match is not None
    return {name.strip() for name in match.group(1).split(",")}


def test_the_desktop_entry_starts_the_installed_command_with_the_app_icon(
    linux_spec: SpecRun,
) -> None:
    entry = desktop_entry()
    (program,) = linux_spec.executables
    assert entry["Exec"] == program["name"] == DISTRIBUTION  # /usr/bin/skranke
    assert entry["Icon"] == "@APP_ID@"  # build-deb.sh writes APP_ID, the icons' file name
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert entry["Name"] == "Skranke"
    assert "Office;" in entry["Categories"]


def test_the_package_depends_on_what_qt_needs_on_a_clean_debian() -> None:
    needed = {"libegl1", "libgl1", "libglib2.0-0", "libfontconfig1", "libfreetype6"}
    needed |= {"libxkbcommon0", "libxkbcommon-x11-0", "libdbus-1-3", "libx11-6", "libx11-xcb1"}
    needed |= {"libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1"}
    needed |= {"libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1"}
    needed |= {"fonts-dejavu-core"}
    assert needed <= depends()
    assert set(SYSTEM_LIBRARIES.values()) - {"libc6", "libopengl0"} <= depends()


def test_the_scripts_are_executable_shell() -> None:
    for script in ("build-deb.sh", "smoke-test.sh"):
        path = LINUX / script
        assert os.access(path, os.X_OK), script
        if shutil.which("bash"):
            subprocess.run(["bash", "-n", str(path)], check=True)


def run_built(app: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The built program, as a user without the project's environment starts it."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    command = [str(app / DISTRIBUTION), *args]
    return subprocess.run(
        command, check=False, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_built_program_reports_its_version(built_app: Path, tmp_path: Path) -> None:
    result = run_built(built_app, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == version_line()


def test_the_built_program_finds_its_migrations_and_resources(
    built_app: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.sqlite3"
    result = run_built(
        built_app, tmp_path, "--database", str(database), "demo-data", "--contacts", "30"
    )
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(database)) as connection:  # migrated by the bundled Alembic
        (count,) = connection.execute("SELECT count(*) FROM contact").fetchone()
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert (count, revision) == (30, KNOWN_REVISIONS[-1])
    report = tmp_path / "rapport.pdf"  # charts: matplotlib, and reportlab with the fonts
    first, last = (date.today() - timedelta(days=366)).isoformat(), date.today().isoformat()
    result = run_built(built_app, tmp_path, "--database", str(database), "export", "--from",
                       first, "--to", last, "--format", "pdf", "--out", str(report))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert report.read_bytes().startswith(b"%PDF-")
    # matplotlib's font list stays in Skranke's cache for the next start, not in a temp folder
    assert list((tmp_path / ".cache" / "skranke" / "matplotlib").glob("fontlist-*.json"))
    sheet = tmp_path / "pas.pdf"
    result = run_built(built_app, tmp_path, "sheet", "moving", "--lang", "en", "--out", str(sheet))
    assert result.returncode == 0, result.stderr
    assert sheet.read_bytes().startswith(b"%PDF-")
    internal = built_app / "_internal"
    for revision in KNOWN_REVISIONS:
        assert list((internal / "database" / "migrations" / "versions").glob(f"{revision}_*.py"))
    assert (internal / "resources" / "i18n" / "skranke_en.qm").is_file()


def test_the_build_holds_no_development_tools(built_app: Path) -> None:
    internal = built_app / "_internal"
    names = {path.name for path in internal.iterdir()}
    for tool in ("pytest", "_pytest", "hypothesis", "mypy", "ruff", "tkinter", "PyInstaller"):
        assert tool not in names
    libraries = {path.name for path in (internal / "PySide6" / "Qt" / "lib").iterdir()}
    for qt in ("WebEngineCore", "Quick", "Qml", "3DCore", "Charts", "Multimedia"):
        assert f"libQt6{qt}.so.6" not in libraries
    assert not list(internal.rglob("_tkinter*"))


def test_the_build_leaves_out_what_skranke_never_uses(built_app: Path) -> None:
    """Issue 17: Qt's translations only in Danish and English, no unused image formats, no
    Qt network library, no matplotlib sample data, no dangling links; the folder's size."""
    internal = built_app / "_internal"
    qt_translations = {path.name for path in internal.rglob("translations/*.qm")}
    assert "qtbase_da.qm" in qt_translations
    assert {name for name in qt_translations if not name.endswith(("_da.qm", "_en.qm"))} == set()
    plugins = {path.name for path in internal.rglob("imageformats/*")}
    assert "libqsvg.so" in plugins
    for unused in ("tiff", "webp", "tga", "icns", "wbmp"):
        assert f"libq{unused}.so" not in plugins
    assert not list(internal.rglob("libQt6Network.so*"))
    assert not list(internal.rglob("sample_data"))
    dangling = [path for path in internal.rglob("*") if path.is_symlink() and not path.exists()]
    assert dangling == []
    files = [path for path in built_app.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    # Issue 17 asks for <= 200 MB; 238 MB is reached (289 before): ICU's data (31 MB, Qt links
    # it) and numpy's OpenBLAS (25 MB) are most of what is left. A guard against growing back.
    assert size <= 240 * 1024 * 1024, f"{size / 1024 / 1024:.0f} MB"


def needed_libraries(folder: Path) -> set[str]:
    """The sonames every ELF file under ``folder`` asks the dynamic loader for."""
    needed: set[str] = set()
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as file:
            if file.read(4) != b"\x7fELF":
                continue
        dynamic = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
        ).stdout
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
    return needed


def test_everything_the_build_links_is_bundled_or_in_depends(built_app: Path) -> None:
    if shutil.which("readelf") is None:
        missing = "readelf is not installed (binutils; build-deb.sh installs it with dpkg-dev)"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    bundled = {path.name for path in built_app.rglob("*")}
    from_system = needed_libraries(built_app) - bundled
    assert from_system <= set(SYSTEM_LIBRARIES), sorted(from_system - set(SYSTEM_LIBRARIES))


def deb_field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_deb_installs_under_opt_with_a_command_menu_entry_and_icons(built_deb: Path) -> None:
    assert deb_field(built_deb, "Package") == DISTRIBUTION
    assert f"{DISTRIBUTION} {deb_field(built_deb, 'Version')}" == version_line().lower()
    assert {name.strip() for name in deb_field(built_deb, "Depends").split(",")} == depends()
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(built_deb)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^-rwxr-xr-x root/root .* \./opt/skranke/skranke$", listing, re.M)
    assert "./usr/bin/skranke -> /opt/skranke/skranke" in listing
    assert f"./usr/share/applications/{APP_ID}.desktop" in listing
    for size in ICON_SIZES:
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in listing
    assert f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in listing
    owners = set(re.findall(r"^\S+ (\S+/\S+) ", listing, re.M))
    assert owners == {"root/root"}
