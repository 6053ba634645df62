"""The `skranke` program given what users really type: plain paths, wrong URLs, a second
demo run, out-of-range numbers, read-only files, a shadowing package. Each gets a Danish
message that names the thing, exit 2 (3 for a bug), and nothing written that should not be."""

from __future__ import annotations

import csv
import importlib.util
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main
from skranke.exporters import EXPORTERS
from tests.e2e.test_cli import SKRANKE, _assert_refused, _run

TODAY = date.today()
FIRST = (TODAY - timedelta(days=40)).isoformat()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text('desk = "Skranke 1"\nmunicipality = "165"\nbusy_timeout_ms = 100\n')
    return path


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with 1200 demo contacts over the last 30 days (filled once)."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.sqlite3"
    settings = folder / "settings.toml"
    settings.write_text('desk = "Skranke 1"\nmunicipality = "165"\n')
    result = _run("--config", str(settings), "--database", str(db), "demo-data",
                  "--contacts", "1200", "--days", "30", "--seed", "3")  # fmt: skip
    assert result.returncode == 0, result.stderr
    return db


def _export(config: Path, db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return _run("--config", str(config), "--database", db, "export", "--from", FIRST,
                "--to", TODAY.isoformat(), *args)  # fmt: skip


def _contacts_in_period(result: subprocess.CompletedProcess[str]) -> int:
    return int(result.stderr.split(" henvendelser i perioden")[0].split()[-1])


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


# --- export: a file when a file is asked for ----------------------------------------------


def test_csv_out_file_is_one_row_per_contact(config: Path, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = _export(config, str(demo_db), "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    rows = _csv_rows(out)
    assert rows[0][0] == "Id"
    assert len(rows) - 1 == _contacts_in_period(result) > 0


def test_the_database_and_settings_may_follow_the_command(
    config: Path, demo_db: Path, tmp_path: Path
) -> None:
    # "skranke export ... --database FILE" was refused as unknown arguments.
    out = tmp_path / "after.csv"
    period = ("--from", FIRST, "--to", TODAY.isoformat())
    where = ("--database", str(demo_db), "--config", str(config))
    result = _run("export", *period, "--format", "csv", "--out", str(out), *where)
    assert result.returncode == 0, result.stderr
    assert len(_csv_rows(out)) - 1 == _contacts_in_period(result) > 0


def test_csv_tables_only_when_asked_to_a_folder_or_a_zip(
    config: Path, demo_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "tabeller"
    result = _export(config, str(demo_db), "--format", "csv", "--tables", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "kanal.csv").is_file()
    archive = tmp_path / "tabeller.zip"
    result = _export(config, str(demo_db), "--format", "csv", "--tables", "--out", str(archive))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.read("kanal.csv") == (folder / "kanal.csv").read_bytes()


def test_tables_with_another_format_is_refused(config: Path, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = _export(config, str(demo_db), "--format", "xlsx", "--tables", "--out", str(out))
    _assert_refused(result, "--tables gælder kun --format csv")
    assert not out.exists()


def test_the_format_choices_are_the_registry(config: Path, tmp_path: Path) -> None:
    result = _export(config, str(tmp_path / "db.sqlite3"), "--format", "docx", "--out", "x")
    _assert_refused(result, "ugyldigt valg: 'docx'")
    for export_id in EXPORTERS:
        assert f"'{export_id}'" in result.stderr


def test_komhen_exports_every_week_of_the_range(
    config: Path, demo_db: Path, tmp_path: Path
) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday() + 21)
    sunday = monday + timedelta(days=20)  # three whole weeks
    out = tmp_path / "komhen.xlsx"
    result = _run("--config", str(config), "--database", str(demo_db), "export",
                  "--from", monday.isoformat(), "--to", sunday.isoformat(),
                  "--format", "komhen", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out, read_only=True)
    weeks = [monday + timedelta(days=7 * n) for n in range(3)]
    assert workbook.sheetnames == [
        f"KOMHEN uge {d.isocalendar()[1]}, {d.isocalendar()[0]}" for d in weeks
    ]
    totals = sum(list(sheet.iter_rows(values_only=True))[-1][-1] for sheet in workbook.worksheets)
    assert totals == _contacts_in_period(result) > 0


# --- the database address -----------------------------------------------------------------


def test_a_plain_relative_path_is_a_sqlite_file(config: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SKRANKE), "--config", str(config), "--database", "data/x.sqlite3", "demo-data",
         "--contacts", "50", "--days", "14"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,  # a hang guard only
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "data" / "x.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 50


def test_a_plain_absolute_path_is_a_sqlite_file(
    config: Path, demo_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    result = _export(config, str(demo_db), "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert _contacts_in_period(result) > 0


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgres://skranke@db.kommune.dk/skranke", ["postgres://", "Skriv 'postgresql://'"]),
        ("oracle+nope://x/y", ["'oracle+nope'", "ikke kender"]),
        ("sqlite+nope:///x.sqlite3", ["'sqlite+nope'"]),
    ],
)
def test_an_unusable_database_address(config: Path, url: str, words: list[str]) -> None:
    result = _run("--config", str(config), "--database", url, "demo-data", "--contacts", "5")
    _assert_refused(result, *words)


def test_a_missing_database_driver_is_named(config: Path) -> None:
    if importlib.util.find_spec("pg8000") is not None:
        pytest.skip("pg8000 is installed here")
    url = "postgresql+pg8000://skranke:hemmelig@db.kommune.dk/skranke"
    result = _run("--config", str(config), "--database", url, "demo-data", "--contacts", "5")
    _assert_refused(result, "databasedriveren 'pg8000'", "ikke er installeret")
    assert "hemmelig" not in result.stderr


# --- demo-data ------------------------------------------------------------------------------


def test_demo_data_twice_says_the_seed_is_used_and_another_seed_adds_more(
    config: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "d.sqlite3")
    fill = ("--config", str(config), "--database", db, "demo-data", "--contacts", "300")
    assert _run(*fill, "--days", "20").returncode == 0
    again = _run(*fill, "--days", "20")
    _assert_refused(again, "--seed 1 ligger allerede", db, "--seed 2")
    assert _run(*fill, "--days", "20", "--seed", "2").returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 600


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--contacts", "0"], ["--contacts", "større end 0, ikke 0"]),
        (["--contacts", "-5"], ["--contacts", "større end 0, ikke -5"]),
        (["--contacts", "10", "--days", "0"], ["--days", "større end 0, ikke 0"]),
        (["--contacts", "mange"], ["--contacts", "'mange' er ikke et helt tal"]),
    ],
)
def test_demo_data_refuses_numbers_out_of_range(
    config: Path, tmp_path: Path, args: list[str], words: list[str]
) -> None:
    db = tmp_path / "d.sqlite3"
    result = _run("--config", str(config), "--database", str(db), "demo-data", *args)
    _assert_refused(result, *words)
    assert not db.exists()


def test_demo_progress_in_a_log_is_a_line_per_tenth(config: Path, tmp_path: Path) -> None:
    result = _run("--config", str(config), "--database", str(tmp_path / "d.sqlite3"),
                  "demo-data", "--contacts", "20000", "--days", "60")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    lines = result.stderr.splitlines()
    progress = [line for line in lines if line.endswith(" af 20.000 henvendelser")]
    assert 8 <= len(progress) <= 11
    assert progress[-1] == "20.000 af 20.000 henvendelser"
    assert lines[-1] == f"20.000 demo-henvendelser gemt i {tmp_path / 'd.sqlite3'}"


def test_demo_progress_on_a_terminal_ends_its_line(config: Path, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [str(SKRANKE), "--config", str(config), "--database", str(tmp_path / "d.sqlite3"),
             "demo-data", "--contacts", "2000", "--days", "30"],
            stderr=follower, stdout=subprocess.DEVNULL, timeout=300, check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert process.returncode == 0
    text = shown.decode().replace("\r\n", "\n")  # the terminal turns \n into \r\n
    assert "\r2.000 af 2.000 henvendelser\n2.000 demo-henvendelser gemt" in text
    assert text.count("\r") >= 5


# --- sheet, config, catalog -----------------------------------------------------------------


def test_large_print_on_a_slip_is_refused_before_rendering(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = _run("--config", str(config), "sheet", "mitid_app", "--format", "slip",
                  "--large-print", "--out", str(out))  # fmt: skip
    _assert_refused(result, "stor skrift", "kun i A4")
    assert "Uventet" not in result.stderr
    assert not out.exists()


def test_a_missing_config_file_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "settigns.toml"
    result = _run("--config", str(missing), "catalog", "list")
    _assert_refused(result, f"indstillingsfilen {missing}", "findes ikke")
    assert result.stdout == ""


def test_catalog_check_of_a_file_says_it_takes_a_folder(config: Path, tmp_path: Path) -> None:
    file = tmp_path / "overlay" / "pas.toml"
    file.parent.mkdir()
    file.write_text("")
    result = _run("--config", str(config), "catalog", "check", str(file))
    _assert_refused(result, f"{file} er en fil", "mappe", f"catalog check {file.parent}")
    missing = _run("--config", str(config), "catalog", "check", str(tmp_path / "nix"))
    _assert_refused(missing, f"mappen {tmp_path / 'nix'} findes ikke")


# --- read-only databases --------------------------------------------------------------------


def test_export_reads_a_read_only_database(config: Path, demo_db: Path, tmp_path: Path) -> None:
    read_only = f"sqlite:///file:{demo_db}?mode=ro&uri=true"
    before = demo_db.read_bytes()
    out = tmp_path / "t.xlsx"
    result = _export(config, read_only, "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).sheetnames[0] == "Oversigt"
    assert demo_db.read_bytes() == before


@pytest.mark.parametrize("read_only_url", [False, True])
def test_export_from_a_missing_database_creates_nothing(
    config: Path, tmp_path: Path, read_only_url: bool
) -> None:
    db = tmp_path / "typo" / "skranke.sqlite3"
    url = f"sqlite:///file:{db}?mode=ro&uri=true" if read_only_url else str(db)
    out = tmp_path / "t.xlsx"
    result = _export(config, url, "--format", "xlsx", "--out", str(out))
    _assert_refused(result, f"Databasen {db} kan ikke åbnes", "(filen findes ikke)")
    assert not (tmp_path / "typo").exists()
    assert not out.exists()


def test_demo_data_refuses_a_read_only_database(config: Path, demo_db: Path) -> None:
    read_only = f"sqlite:///file:{demo_db}?mode=ro&uri=true"
    result = _run("--config", str(config), "--database", read_only, "demo-data",
                  "--contacts", "10", "--seed", "99")  # fmt: skip
    _assert_refused(result, str(demo_db), "skrivebeskyttet")


# --- argparse in Danish ---------------------------------------------------------------------


def test_missing_arguments_in_danish(config: Path) -> None:
    result = _run("--config", str(config), "export")
    _assert_refused(result, "brug: skranke export", "fejl: disse argumenter mangler: --from")
    assert "usage" not in result.stderr
    assert "required" not in result.stderr


def test_help_in_danish_and_readable() -> None:
    for args in ([], ["export"], ["catalog", "check"], ["demo-data"]):
        result = _run(*args, "--help")
        assert result.returncode == 0
        assert result.stdout.startswith("brug: skranke")
        assert "vis denne hjælp og afslut" in result.stdout
        assert "show this help" not in result.stdout
        assert "options" not in result.stdout


def test_unknown_command_in_danish() -> None:
    result = _run("exprot")
    _assert_refused(result, "ugyldigt valg: 'exprot'")
    assert "invalid choice" not in result.stderr


# --- a bug ----------------------------------------------------------------------------------


def test_a_bug_in_a_command_exits_3_with_the_traceback(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli import catalog  # noqa: PLC0415

    def broken(*_args: object) -> int:
        return {}["no such key"]  # type: ignore[no-any-return]

    monkeypatch.setattr(catalog, "run", broken)
    code = main.run(["--config", str(config), "catalog", "list"])
    assert code == main.EXIT_UNEXPECTED
    error = capsys.readouterr().err
    assert "skranke: uventet fejl: 'no such key'" in error
    assert "Traceback" in error
    assert "KeyError" in error


# --- the installed wheel's top-level names ---------------------------------------------------


def test_a_foreign_ui_package_on_the_path_is_named(config: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "other" / "ui"
    foreign.mkdir(parents=True)
    (foreign / "__init__.py").write_text('"""Someone else\'s ui package."""\n')
    path = os.pathsep.join(filter(None, [str(foreign.parent), os.environ.get("PYTHONPATH")]))
    result = _run("--config", str(config), "catalog", "list", env={"PYTHONPATH": path})
    _assert_refused(result, f"pakken 'ui' i {foreign}", "hører ikke til Skranke")
    assert result.stdout == ""


def test_a_package_overwritten_in_place_is_named(tmp_path: Path) -> None:
    home = Path(main.__file__).parent
    shutil.copy(home / "main.py", tmp_path / "main.py")
    for name in ("skranke", "database", "ui"):
        shutil.copytree(home / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "database" / "__init__.py").write_text('"""Another program\'s database."""\n')
    result = subprocess.run(
        [sys.executable, str(tmp_path / "main.py"), "--version"],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path,
    )  # fmt: skip
    _assert_refused(result, f"pakken 'database' i {tmp_path / 'database'} er overskrevet")
    assert result.stdout == ""


def test_skrankes_own_packages_pass_the_check() -> None:
    assert main.foreign_package() is None
