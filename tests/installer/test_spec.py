"""installer/skranke.spec asks PyInstaller for the right program: every file Skranke reads at
run time where Skranke looks for it, the executables each platform needs, and no tools."""

from __future__ import annotations

from pathlib import Path

from database.schema import KNOWN_REVISIONS
from skranke.identity import APP_NAME, DISTRIBUTION
from tests.installer.helpers import ROOT, SpecRun


def test_the_spec_builds_main_py_into_one_folder_named_after_the_package(
    linux_spec: SpecRun,
) -> None:
    assert linux_spec.analysis["scripts"] == [str(ROOT / "main.py")]
    assert linux_spec.folder["name"] == DISTRIBUTION


def test_linux_gets_one_executable_named_like_the_command(linux_spec: SpecRun) -> None:
    (program,) = linux_spec.executables
    assert program["name"] == "skranke"
    assert program["icon"] is None  # PyInstaller ignores it on Linux; the desktop file has it


def test_windows_gets_a_windowed_program_and_a_console_one(windows_spec: SpecRun) -> None:
    programs = {exe["name"]: exe for exe in windows_spec.executables}
    assert set(programs) == {APP_NAME, f"{DISTRIBUTION}-cli"}
    assert programs[APP_NAME]["console"] is False  # no console window behind the counter
    assert programs[f"{DISTRIBUTION}-cli"]["console"] is True  # prints, returns exit codes
    for program in programs.values():
        assert Path(program["icon"]).is_file()
        assert program["icon"].endswith(".ico")
        assert program["contents_directory"] == "_internal"


def test_every_data_file_goes_where_skranke_looks_for_it(linux_spec: SpecRun) -> None:
    # skranke/resources.py looks in <package>/../resources; the bundle keeps that layout.
    for shipped in (ROOT / "resources").rglob("*"):
        if not shipped.is_file() or shipped.suffix == ".ts":
            continue
        folder = str(shipped.parent.relative_to(ROOT))
        assert shipped.name in linux_spec.bundled(folder), f"{shipped} is not bundled"
    assert "skranke_en.qm" in linux_spec.bundled("resources/i18n")
    assert "skranke_en.ts" not in linux_spec.bundled("resources/i18n")  # a source, not read


def test_every_migration_is_bundled_as_source_next_to_alembic_env(linux_spec: SpecRun) -> None:
    # database/engine.py points Alembic at <package>/migrations; Alembic reads the .py files.
    assert "env.py" in linux_spec.bundled("database/migrations")
    versions = linux_spec.bundled("database/migrations/versions")
    for revision in KNOWN_REVISIONS:
        assert any(name.startswith(f"{revision}_") for name in versions), revision
    assert "alembic.op" in linux_spec.analysis["hiddenimports"]  # the migrations import it
    assert "alembic.context" in linux_spec.analysis["hiddenimports"]  # env.py imports it


def test_the_version_comes_with_the_package_metadata(linux_spec: SpecRun) -> None:
    folders = {target for _, target in linux_spec.datas}
    assert any(f.startswith("skranke-") and f.endswith(".dist-info") for f in folders)


def test_tools_and_unused_qt_modules_stay_out(linux_spec: SpecRun) -> None:
    excluded = set(linux_spec.analysis["excludes"])
    for tool in ("pytest", "hypothesis", "mypy", "ruff", "tkinter", "PyInstaller"):
        assert tool in excluded
    for qt in ("QtWebEngineCore", "QtQuick", "QtQml", "Qt3DCore", "QtCharts", "QtMultimedia"):
        assert f"PySide6.{qt}" in excluded
    assert linux_spec.analysis["hooksconfig"]["matplotlib"]["backends"] == ["Agg"]


def test_matplotlib_keeps_its_font_list_between_starts(linux_spec: SpecRun) -> None:
    (program,) = linux_spec.executables
    assert "pyi_rth_mplconfig" not in program["scripts"]  # a new temporary folder every start
    (hook,) = linux_spec.analysis["runtime_hooks"]
    assert Path(hook).is_file()
    assert "user_cache_dir" in Path(hook).read_text(encoding="utf-8")


def test_the_gtk_theme_and_framebuffer_platforms_are_left_out(linux_spec: SpecRun) -> None:
    plugins = "PySide6/Qt/plugins"
    found = [
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/libqwayland.so",
        f"{plugins}/platforms/libqvnc.so",
        f"{plugins}/platformthemes/libqgtk3.so",
        "libcairo.so.2",
        "libfontconfig.so.1",
    ]
    wanted = linux_spec.namespace["wanted"]
    assert {name for name in found if wanted(name)} == {
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/libqwayland.so",
        "libfontconfig.so.1",
    }
