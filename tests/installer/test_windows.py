"""The Windows installer, checked on Linux: Inno Setup's script takes only files the spec's
Windows build makes, puts IT's settings where Skranke reads them on Windows, and never
uninstalls a database. (Building and running it needs Windows: .github/workflows/windows.yml.)"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

from skranke import settings
from skranke.identity import APP_NAME, ICON_ICO, WINDOWS_APP_ID
from tests.installer.helpers import INSTALLER, ROOT, SpecRun

ISS = INSTALLER / "windows" / "skranke.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"

# Inno Setup's constants on a Windows PC, and the folders platformdirs asks Windows for.
PROGRAM_DATA = r"C:\ProgramData"
LOCAL_APP_DATA = r"C:\Users\borgerservice\AppData\Local"
INNO_CONSTANTS = {
    "{commonappdata}": PROGRAM_DATA,
    "{localappdata}": LOCAL_APP_DATA,
    "{userappdata}": r"C:\Users\borgerservice\AppData\Roaming",
    "{commonpf}": r"C:\Program Files",
    "{app}": r"C:\Program Files\Skranke",
}
WINDOWS_FOLDERS = {
    "CSIDL_COMMON_APPDATA": PROGRAM_DATA,
    "CSIDL_LOCAL_APPDATA": LOCAL_APP_DATA,
    "CSIDL_APPDATA": INNO_CONSTANTS["{userappdata}"],
}


def iss_text() -> str:
    """The script with its ``#define``s substituted, as Inno Setup's preprocessor would."""
    text = ISS.read_text(encoding="utf-8")
    # Defaults inside #ifndef are indented; the build may override them with /D.
    defines = dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', text, flags=re.MULTILINE))
    for name, value in defines.items():
        text = text.replace("{#" + name + "}", value)
    return text


def section(name: str) -> list[dict[str, str]]:
    """The entries of an ``[Files]``-style section: ``Key: value; Key: value`` per line."""
    body = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", iss_text(), re.MULTILINE | re.DOTALL)
    assert body is not None, f"no [{name}] in {ISS.name}"
    entries = []
    for line in body.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        pairs = re.findall(r'(\w+): ("[^"]*"|[^;]*)', line)
        entries.append({key: value.strip().strip('"') for key, value in pairs})
    return entries


def setup_value(key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", iss_text(), re.MULTILINE)
    assert match is not None, key
    return match.group(1).strip()


def on_windows(path: str) -> PureWindowsPath:
    """An Inno Setup path with its constants resolved."""
    for constant, folder in INNO_CONSTANTS.items():
        path = path.replace(constant, folder)
    return PureWindowsPath(path)


@pytest.fixture
def windows_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs answers as on Windows (Skranke's settings module calls it by name)."""
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", WINDOWS_FOLDERS.__getitem__)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)


def test_every_file_it_installs_is_one_the_windows_build_makes(windows_spec: SpecRun) -> None:
    folder = windows_spec.folder["name"]
    made = {f"{exe['name']}.exe" for exe in windows_spec.executables}
    made |= {exe["contents_directory"] for exe in windows_spec.executables}
    build = (ISS.parent / ".." / ".." / "dist" / folder).resolve()
    sources = [entry["Source"] for entry in section("Files") if "external" not in entry["Flags"]]
    assert len(sources) == len(made)
    for source in sources:
        path = (ISS.parent / PureWindowsPath(source).as_posix()).resolve()
        assert path.parent == build or build in path.parents, source
        assert path.relative_to(build).parts[0] in made, f"{source}: the build makes {made}"
    assert {(ISS.parent / PureWindowsPath(s).as_posix()).resolve().name for s in sources} >= {
        f"{APP_NAME}.exe",
        "skranke-cli.exe",
    }


def test_the_start_menu_entry_starts_the_windowed_program() -> None:
    (entry,) = section("Icons")
    assert on_windows(entry["Name"]).name == APP_NAME
    assert on_windows(entry["Filename"]) == on_windows(r"{app}") / f"{APP_NAME}.exe"


def test_it_installs_for_the_whole_machine_as_the_same_app_in_every_release() -> None:
    assert setup_value("PrivilegesRequired") == "admin"
    assert on_windows(setup_value("DefaultDirName")) == PureWindowsPath(r"C:\Program Files\Skranke")
    assert setup_value("AppId") == "{" + WINDOWS_APP_ID  # "{{" is Inno's escaped brace
    icon = ISS.parent / PureWindowsPath(setup_value("SetupIconFile")).as_posix()
    assert icon.resolve() == ICON_ICO


@pytest.mark.usefixtures("windows_paths")
def test_it_places_it_settings_where_skranke_reads_them_on_windows() -> None:
    (placed,) = [entry for entry in section("Files") if "external" in entry["Flags"]]
    target = on_windows(placed["DestDir"]) / placed["DestName"]
    assert target == PureWindowsPath(str(settings.site_settings_path()))
    assert target == PureWindowsPath(r"C:\ProgramData\skranke\settings.toml")
    assert "uninsneveruninstall" in placed["Flags"]


@pytest.mark.usefixtures("windows_paths")
def test_uninstalling_never_touches_a_database_or_settings() -> None:
    database = PureWindowsPath(str(settings.default_database_path()))
    assert database == PureWindowsPath(LOCAL_APP_DATA) / "skranke" / "skranke.sqlite3"
    kept = [
        database,
        PureWindowsPath(str(settings.user_settings_path())),
        PureWindowsPath(str(settings.site_settings_path())),
    ]
    for name in ("InstallDelete", "UninstallDelete"):
        for entry in section(name):
            deleted = on_windows(entry["Name"])
            assert deleted.is_relative_to(on_windows("{app}")), entry
            for path in kept:
                assert not path.is_relative_to(deleted), f"[{name}] deletes {path}"


@pytest.mark.usefixtures("windows_paths")
def test_docs_name_the_windows_folders_skranke_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    folders = {"CSIDL_COMMON_APPDATA": "%PROGRAMDATA%", "CSIDL_LOCAL_APPDATA": "%LOCALAPPDATA%"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    docs = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    for path in (
        settings.site_settings_path(),
        settings.user_settings_path(),
        settings.default_database_path(),
    ):
        assert str(PureWindowsPath(str(path))) in docs


def test_the_windows_workflow_builds_with_this_spec_and_script_and_runs_the_commands() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow
    assert r"installer\skranke.spec" in workflow
    assert r"installer\windows\skranke.iss" in workflow
    commands = ("--version", "sheet moving", "demo-data", "export", "/VERYSILENT", "/SETTINGS=")
    for command in commands:
        assert command in workflow


def test_the_windows_build_takes_the_locks_versions_with_windows_markers() -> None:
    """build-under-wine.sh downloads what windows_requirements.py picks from `uv export`:
    markers decided for Windows and the Windows Python, not for the Linux machine building."""
    spec = importlib.util.spec_from_file_location(
        "windows_requirements", INSTALLER / "windows" / "windows_requirements.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exported = [
        "numpy==2.4.6 ; python_full_version < '3.12'",
        "numpy==2.5.5 ; python_full_version >= '3.12'",
        "pefile==2024.8.26 ; sys_platform == 'win32'",
        "macholib==1.16.4 ; sys_platform == 'darwin'",
        "pyinstaller==6.22.3",
        "pytest==9.2.0",
        "reportlab==5.1.0",
    ]
    runtime = {"numpy", "reportlab"}
    assert module.wanted(exported, runtime, "3.13") == [
        "numpy==2.5.5", "pefile==2024.8.26", "pyinstaller==6.22.3", "reportlab==5.1.0",
    ]  # fmt: skip
    assert "numpy==2.4.6" in module.wanted(exported, runtime, "3.11")


def test_the_wine_scripts_are_executable_shell() -> None:
    """.ci/run calls these two; the stand-ins' build script is called by them."""
    windows = INSTALLER / "windows"
    for script in (
        windows / "build-under-wine.sh",
        windows / "smoke-test-under-wine.sh",
        windows / "wine-standins" / "build.sh",
    ):
        assert os.access(script, os.X_OK), script
        subprocess.run(["bash", "-n", str(script)], check=True)
    subprocess.run(["bash", "-n", str(windows / "wine-common.sh")], check=True)
