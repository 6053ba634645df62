"""One identity for the window, QSettings, --version and the installers: the same name and
version everywhere, and an icon in every size the installers ship."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from skranke import identity
from tests.installer.helpers import ROOT

NAVY = (0x14, 0x32, 0x4F)


def pyproject_project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project: dict[str, object] = tomllib.load(file)["project"]
        return project


def test_the_version_is_written_in_one_place() -> None:
    """A .deb built as 0.1.1 once said "Skranke 0.1.0": pyproject held a second copy. Now the
    build reads skranke/__init__.py's __version__ (hatch's version source)."""
    assert "version" not in pyproject_project()
    assert "version" in pyproject_project()["dynamic"]  # type: ignore[operator]
    with (ROOT / "pyproject.toml").open("rb") as file:
        assert tomllib.load(file)["tool"]["hatch"]["version"]["path"] == "skranke/__init__.py"


def test_a_built_package_carries_the_codes_version(tmp_path: Path) -> None:
    """What the installers are named after (the package metadata) is the code's version."""
    subprocess.run(
        ["uv", "build", "--wheel", "--quiet", "--out-dir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("skranke-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"skranke-{identity.VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {identity.VERSION}\n" in metadata
    assert identity.package_version() == identity.VERSION


def test_version_prints_name_and_version() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"Skranke {identity.VERSION}"


@pytest.mark.parametrize("size", identity.ICON_SIZES)
def test_each_icon_size_is_a_navy_tile_with_transparent_corners(size: int) -> None:
    with Image.open(identity.icon_png(size)) as image:
        assert image.size == (size, size)
        rgba = image.convert("RGBA")
        corner = rgba.getpixel((0, 0))
        assert isinstance(corner, tuple)
        assert corner[3] < 8  # the rounded corner shows the desktop (at most a faint edge)
        counted = rgba.getcolors(maxcolors=size * size) or []
        colours = {
            pixel[:3] for _, pixel in counted if isinstance(pixel, tuple) and pixel[3] == 255
        }
        assert NAVY in colours
        assert (255, 255, 255) in colours  # the code and the counter


def test_the_windows_icon_holds_every_size() -> None:
    with Image.open(identity.ICON_ICO) as icon:
        assert icon.info["sizes"] == {(size, size) for size in identity.ICON_SIZES}


def test_the_scalable_icon_is_square_svg() -> None:
    root = ET.parse(identity.ICON_SVG).getroot()  # noqa: S314 - our own file
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.attrib["viewBox"] == "0 0 256 256"
    assert f'fill="#{"".join(f"{c:02x}" for c in NAVY)}"' in identity.ICON_SVG.read_text()


def test_an_unknown_icon_size_is_refused() -> None:
    with pytest.raises(ValueError, match="no 20 px icon"):
        identity.icon_png(20)


@pytest.mark.gui
def test_the_application_carries_the_identity_to_qsettings_and_the_window() -> None:
    from PySide6.QtCore import QSettings  # noqa: PLC0415 - Qt only for this test

    from ui.app import create_application  # noqa: PLC0415

    app = create_application(["skranke"])
    assert app.applicationName() == identity.APP_NAME
    assert app.organizationName() == identity.ORGANIZATION
    assert app.applicationVersion() == identity.VERSION
    assert app.desktopFileName() == identity.APP_ID
    sizes = {(size.width(), size.height()) for size in app.windowIcon().availableSizes()}
    assert sizes == {(size, size) for size in identity.ICON_SIZES}
    # Window state goes to <organisation>/<application>.conf (the registry on Windows).
    path = QSettings().fileName().replace("\\", "/")
    assert path.endswith(f"{identity.ORGANIZATION}/{identity.APP_NAME}.conf")
