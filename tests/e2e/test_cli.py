"""The installed `skranke` program as a user (or municipal IT) runs it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from database.engine import open_database, sqlite_url
from database.schema import HEAD_REVISION
from tests.helpers import exclusive_lock

SKRANKE = Path(sys.executable).with_name("skranke")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [str(SKRANKE), *args],
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard: under load a PDF export took 62 s
        env=environment,
        check=False,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text('desk = "Skranke 1"\nmunicipality = "165"\nbusy_timeout_ms = 100\n')
    return path


def test_starts_shows_the_window_and_creates_the_database(config: Path, tmp_path: Path) -> None:
    db = tmp_path / "data" / "skranke.sqlite3"
    result = _run("--config", str(config), "--database", sqlite_url(db), "--quit-after-show")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision == HEAD_REVISION


def test_the_default_database_lives_in_the_users_data_folder(config: Path) -> None:
    result = _run("--config", str(config), "--print-paths")
    assert result.returncode == 0
    expected = Path(os.environ["XDG_DATA_HOME"]) / "skranke" / "skranke.sqlite3"
    assert f"database\tsqlite:///{expected}" in result.stdout.splitlines()
    result = _run("--config", str(config), "--quit-after-show")
    assert result.returncode == 0, result.stderr
    assert expected.exists()


def test_the_environment_variable_chooses_the_database(config: Path, tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    result = _run(
        "--config", str(config), "--print-paths", env={"SKRANKE_DATABASE_URL": sqlite_url(db)}
    )
    assert f"database\t{sqlite_url(db)}" in result.stdout


def test_desk_and_municipality_options_skip_the_set_up(tmp_path: Path) -> None:
    empty_config = tmp_path / "empty.toml"
    empty_config.write_text("")
    db = tmp_path / "db.sqlite3"
    result = _run(
        "--config", str(empty_config), "--database", sqlite_url(db),
        "--desk", "Telefon 2", "--municipality", "187", "--quit-after-show",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def _assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_unknown_municipality(tmp_path: Path) -> None:
    config = tmp_path / "empty.toml"
    config.write_text("")
    result = _run("--config", str(config), "--desk", "S", "--municipality", "999")
    _assert_refused(result, "Kommunekoden '999' findes ikke")


def test_broken_settings_file(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('desk = "Skranke 1"\nmunicipality = 165\n')
    _assert_refused(_run("--config", str(config)), str(config), "linje 2", "municipality")


def test_broken_vocabulary_file(config: Path, tmp_path: Path) -> None:
    areas = tmp_path / "omraader.toml"
    areas.write_text('[[areas]]\nid = "parking"\nkind = "transaction"\n\n[[areas]]\nid = \n')
    config.write_text(config.read_text() + f'vocabulary_file = "{areas}"\n')
    result = _run("--config", str(config), "--database", sqlite_url(tmp_path / "db.sqlite3"))
    _assert_refused(result, str(areas), "linje 6", "TOML")


def test_not_a_database(config: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "report.sqlite3"
    bogus.write_bytes(b"%PDF-1.7 not a database" * 100)
    before = hashlib.sha256(bogus.read_bytes()).hexdigest()
    result = _run("--config", str(config), "--database", sqlite_url(bogus))
    _assert_refused(result, str(bogus), "ikke en Skranke-database")
    assert hashlib.sha256(bogus.read_bytes()).hexdigest() == before


def test_database_from_a_newer_skranke(config: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    open_database(sqlite_url(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    result = _run("--config", str(config), "--database", sqlite_url(db))
    _assert_refused(result, "nyere version", "0099")


def test_locked_database(config: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    open_database(sqlite_url(db)).close()
    with exclusive_lock(db):
        result = _run("--config", str(config), "--database", sqlite_url(db))
    _assert_refused(result, str(db), "låst af et andet program")


def test_read_only_database(config: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    open_database(sqlite_url(db)).close()
    result = _run("--config", str(config), "--database", f"sqlite:///file:{db}?mode=ro&uri=true")
    _assert_refused(result, str(db), "skrivebeskyttet")


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("Skranke ")


def test_catalog_check_passes_on_the_shipped_catalogue(config: Path) -> None:
    result = _run("--config", str(config), "catalog", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Kataloget er i orden" in result.stdout


def test_catalog_check_lists_every_problem_of_a_folder(config: Path, tmp_path: Path) -> None:
    folder = tmp_path / "overlay"
    folder.mkdir()
    (folder / "a.toml").write_text(
        '[[solutions]]\nid = "parking"\ntitle_da = "P"\nprovider = "kommunen"\n'
        'url = "http://x.dk"\nareas = ["moon"]\nsteps_da = ["a", "b", "c"]\nchecked = 2026-11-01\n'
    )
    (folder / "b.toml").write_text('hide = ["x"\n')
    result = _run("--config", str(config), "catalog", "check", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any("a.toml, linje 5, felt 'url': skal være et https-link" in line for line in lines)
    assert any("a.toml, linje 6, felt 'areas': henviser til 'moon'" in line for line in lines)
    assert any("b.toml, linje 1: er ikke gyldig TOML" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_catalog_list_is_one_tab_separated_line_per_solution(config: Path) -> None:
    result = _run("--config", str(config), "catalog", "list")
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) >= 30
    assert all(len(row) == 4 for row in rows)
    moving = next(row for row in rows if row[0] == "moving")
    assert "moving" in moving[1].split(",")
    assert moving[3].startswith("https://www.borger.dk/")


def test_a_broken_overlay_does_not_stop_the_counter(config: Path, tmp_path: Path) -> None:
    folder = tmp_path / "overlay"
    folder.mkdir()
    (folder / "broken.toml").write_text("[[solutions]\n")
    config.write_text(config.read_text() + f'catalog_overlay = "{folder}"\n')
    db = tmp_path / "db.sqlite3"
    result = _run("--config", str(config), "--database", sqlite_url(db), "--quit-after-show")
    assert result.returncode == 0, result.stderr


def test_sheet_writes_a_pdf(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "flytning.pdf"
    result = _run("--config", str(config), "sheet", "moving", "--out", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    text = reader.pages[0].extract_text()
    assert "Meld flytning (og vælg læge)" in text
    assert "Albertslund Kommune" in text


@pytest.mark.parametrize(
    "options",
    [
        ["--large-print"],
        ["--lang", "en"],
        ["--format", "slip"],
        ["--format", "slip", "--lang", "en"],
    ],
)
def test_sheet_variants(config: Path, tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "x.pdf"
    result = _run("--config", str(config), "sheet", "mitid_app", *options, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out).pages) >= 1


def test_sheet_pack(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    result = _run(
        "--config", str(config), "sheet", "--pack", "new_in_municipality", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out).pages) >= 4


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["sheet", "unicorn", "--out", "x.pdf"], ["'unicorn' findes ikke"]),
        (["sheet", "--pack", "nope", "--out", "x.pdf"], ["'nope' findes ikke"]),
        (
            ["sheet", "moving", "--out", "/nonexistent/dir/x.pdf"],
            ["kan ikke skrive", "/nonexistent"],
        ),
        (["sheet", "--out", "x.pdf"], ["angiv enten"]),
    ],
)
def test_sheet_bad_input(config: Path, tmp_path: Path, args: list[str], words: list[str]) -> None:
    result = _run("--config", str(config), *args)
    _assert_refused(result, *words)


def test_demo_data_then_export_every_format(config: Path, tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "demo.sqlite3")
    filled = _run("--config", str(config), "--database", db, "demo-data", "--contacts", "800",
                  "--days", "30", "--seed", "4")  # fmt: skip
    assert filled.returncode == 0, filled.stderr
    assert "800 demo-henvendelser gemt" in filled.stderr
    today = date.today()
    first = (today - timedelta(days=40)).isoformat()
    for fmt, name in (
        ("xlsx", "t.xlsx"), ("pdf", "r.pdf"), ("komhen", "k.csv"), ("csv", "h.csv"),
        ("csv-tables", "tabeller"),
    ):  # fmt: skip
        out = tmp_path / name
        result = _run("--config", str(config), "--database", db, "export", "--from", first,
                      "--to", today.isoformat(), "--format", fmt, "--out", str(out))  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert out.exists()
    assert (tmp_path / "h.csv").is_file()
    assert (tmp_path / "tabeller" / "kanal.csv").is_file()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "2026-11-30", "--to", "2026-11-01"], ["slutter før den begynder"]),
        (["--from", "30/11/2026", "--to", "2026-11-01"], ["ugyldig dato '30/11/2026'"]),
    ],
)
def test_export_bad_dates(config: Path, tmp_path: Path, args: list[str], words: list[str]) -> None:
    db = sqlite_url(tmp_path / "db.sqlite3")
    result = _run("--config", str(config), "--database", db, "export", *args,
                  "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"))  # fmt: skip
    _assert_refused(result, *words)


def test_export_to_an_unwritable_place(config: Path, tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "db.sqlite3")
    open_database(db).close()
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    result = _run("--config", str(config), "--database", db, "export", *period,
                  "--format", "pdf", "--out", "/nonexistent/r.pdf")  # fmt: skip
    _assert_refused(result, "Kan ikke skrive /nonexistent/r.pdf")
