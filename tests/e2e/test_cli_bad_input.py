"""Bad input at the command line, run in-process through main's entry point (issue 16, §6):
each case gets a Danish message that names the thing, exit 2, and nothing written."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

import main
from database.counter import CounterDesk
from database.demo import generate_demo_contacts
from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.clock import local_today
from skranke.contact import ContactChoice
from skranke.vocabulary import Vocabulary
from tests.helpers import read_only_folder

TODAY = local_today().isoformat()
PASSPORT = ContactChoice("in_person", "passport", "handled_by_staff")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text('desk = "Skranke 1"\nmunicipality = "165"\nbusy_timeout_ms = 100\n')
    return path


@pytest.fixture
def db(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    """A desk's database: three passports today at 'Skranke 1', one at 'Skranke 2'."""
    path = tmp_path / "data" / "skranke.sqlite3"
    database = open_database(sqlite_url(path))
    repository = ContactRepository(database)
    CounterDesk(repository, vocabulary, desk="Skranke 1", municipality_code="165").log(
        PASSPORT, count=3
    )
    CounterDesk(repository, vocabulary, desk="Skranke 2", municipality_code="165").log(PASSPORT)
    database.close()
    return path


class Skranke:
    """``skranke ARGS`` in this process: the exit code and what stderr said."""

    def __init__(self, capsys: pytest.CaptureFixture[str], config: Path) -> None:
        self.capsys = capsys
        self.config = config

    def __call__(self, *args: str | Path) -> tuple[int, str]:
        self.capsys.readouterr()
        try:
            code = main.run(["--config", str(self.config), *map(str, args)])
        except SystemExit as stopped:  # argparse's refusals
            code = int(stopped.code or 0)
        return code, self.capsys.readouterr().err

    def refused(self, *args: str | Path) -> str:
        code, said = self(*args)
        assert code == main.EXIT_BAD_INPUT, said
        assert "Traceback" not in said
        assert "uventet fejl" not in said
        return said


@pytest.fixture
def skranke(capsys: pytest.CaptureFixture[str], config: Path) -> Skranke:
    return Skranke(capsys, config)


def _export(db: Path, *args: str | Path) -> list[str | Path]:
    return ["--database", db, "export", "--from", TODAY, "--to", TODAY, *args]


# --- numbers and dates out of range --------------------------------------------------------


def test_an_export_to_9999_is_refused_by_name(skranke: Skranke, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    said = skranke.refused("--database", db, "export", "--from", TODAY, "--to", "9999-12-31",
                           "--format", "csv", "--out", out)  # fmt: skip
    assert "--to: datoen 9999-12-31 ligger uden for" in said
    assert "2100-12-31" in said
    assert not out.exists()


def test_demo_data_days_and_contacts_are_bounded(skranke: Skranke, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    said = skranke.refused("--database", db, "demo-data", "--contacts", "10",
                           "--days", "1000000")  # fmt: skip
    assert "--days: højst 3.660, ikke 1000000" in said
    said = skranke.refused("--database", db, "demo-data", "--contacts", "1000000000000")
    assert "--contacts: højst 10.000.000, ikke 1000000000000" in said
    assert not db.exists()


def test_komhen_over_two_centuries_is_refused_at_once(skranke: Skranke, tmp_path: Path) -> None:
    db, out = tmp_path / "none.sqlite3", tmp_path / "k.xlsx"
    said = skranke.refused("--database", db, "export", "--from", "1900-01-01",
                           "--to", "2100-12-31", "--format", "komhen", "--out", out)  # fmt: skip
    assert "--from: datoen 1900-01-01 ligger uden for" in said
    started = time.monotonic()
    said = skranke.refused("--database", db, "export", "--from", "2000-01-01",
                           "--to", "2100-12-31", "--format", "komhen", "--out", out)  # fmt: skip
    assert time.monotonic() - started < 10
    assert "Perioden er 36890 dage; KOMHEN-tælleuger skriver højst 742 dage" in said
    assert not out.exists()
    assert not db.exists()  # refused before the database is opened


# --- settings -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["team", "--central"], ["central", "desks"]])
def test_a_central_url_that_is_not_an_address_names_the_setting(
    skranke: Skranke,
    config: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    dialogs: list[str] = []  # the team view also says it in a dialog (a desktop icon)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: dialogs.append(text))
    config.write_text('desk = "Skranke 1"\nmunicipality = "165"\ncentral_url = "not a url"\n')
    said = skranke.refused(*command)
    assert f"indstillingen central_url i {config} er 'not a url'" in said
    assert "ikke er en PostgreSQL-adresse" in said
    assert all("central_url" in text for text in dialogs)
    assert not (tmp_path / "not a url").exists()  # no SQLite file of that name


def test_a_wrong_municipality_and_a_wrong_type_name_file_line_and_field(
    skranke: Skranke, config: Path
) -> None:
    config.write_text('desk = "Skranke 1"\nmunicipality = "999"\nbusy_timeout_ms = "lang"\n')
    said = skranke.refused("--print-paths")
    assert f"{config}, linje 2, felt 'municipality'" in said
    assert "ikke '999'" in said
    assert (
        f"{config}, linje 3, felt 'busy_timeout_ms': har forkert type (skal være et heltal" in said
    )
    assert "int)" not in said


# --- export -------------------------------------------------------------------------------


def test_a_read_only_folder_is_exported_from(skranke: Skranke, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    before = sorted(p.name for p in db.parent.iterdir())
    assert before == ["skranke.sqlite3"]  # a WAL database, closed: no -wal or -shm left
    with read_only_folder(db.parent):
        code, said = skranke(*_export(db, "--format", "csv", "--out", out))
        after = sorted(p.name for p in db.parent.iterdir())
    assert code == 0, said
    assert "4 henvendelser i perioden" in said
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) == 1 + 4
    assert after == before


@pytest.mark.parametrize(
    ("export_format", "name_and_words"),
    [
        ("xlsx", ("x.csv", ["x.csv ender ikke på .xlsx", "(XLSX) skriver en .xlsx-fil", "x.xlsx"])),
        ("komhen", ("k.txt", ["k.txt ender ikke på .xlsx / .csv", "KOMHEN-tælleuger"])),
        ("csv", ("rows", ["rows ender ikke på .csv"])),
        ("csv-tables", ("t.csv", ["t.csv ender ikke på .zip", "i en mappe (et navn uden"])),
    ],
)
def test_a_name_that_says_another_format_is_refused(
    skranke: Skranke,
    db: Path,
    tmp_path: Path,
    export_format: str,
    name_and_words: tuple[str, list[str]],
) -> None:
    name, words = name_and_words
    out = tmp_path / name
    said = skranke.refused(*_export(db, "--format", export_format, "--out", out))
    for word in words:
        assert word in said
    assert not out.exists()


def test_a_sheet_not_named_pdf_is_refused(skranke: Skranke, tmp_path: Path) -> None:
    out = tmp_path / "flytning.txt"
    said = skranke.refused("sheet", "moving", "--out", out)
    assert "flytning.txt ender ikke på .pdf" in said
    assert "flytning.pdf" in said
    assert not out.exists()


def test_an_unknown_desk_names_the_known_ones(skranke: Skranke, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    said = skranke.refused(*_export(db, "--desk", "Skranke 9", "--format", "csv", "--out", out))
    assert f"--desk 'Skranke 9' findes ikke i databasen {db}" in said
    assert "'Skranke 1', 'Skranke 2'" in said
    assert not out.exists()


@pytest.mark.parametrize("export_format", ["hotline-csv", "hotline-xlsx", "hotline-pdf"])
def test_a_hotline_export_of_a_counters_database_is_refused(
    skranke: Skranke, db: Path, tmp_path: Path, export_format: str
) -> None:
    out = tmp_path / f"hotline.{export_format.split('-')[1]}"
    said = skranke.refused(*_export(db, "--format", export_format, "--out", out))
    assert "4 af de 4 henvendelser i perioden er fremmøde ved en skranke" in said
    assert "hotline_desk" in said
    assert not out.exists()


# --- demo data ----------------------------------------------------------------------------


def test_a_demo_seed_cut_off_half_way_is_named_and_finished(
    skranke: Skranke, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    db = tmp_path / "demo.sqlite3"
    # The second batch of the run (100 contacts) is there, the first is not: a clash
    # mid-run, which sqlite3 reports as its own IntegrityError.
    database = open_database(sqlite_url(db))
    batches = list(generate_demo_contacts(1200, 30, 5, end=local_today(), vocabulary=vocabulary,
                                          batch_size=100))  # fmt: skip
    ContactRepository(database).add_many(batches[1])
    database.close()
    demo = ("--database", db, "demo-data", "--contacts", "1200", "--days", "30", "--seed", "5")
    said = skranke.refused(*demo)
    assert f"demo-data med --seed 5 ligger allerede i databasen {db}" in said
    assert "(100 nye nåede at blive gemt)" in said
    assert "--finish" in said
    assert "UNIQUE" not in said
    code, said = skranke(*demo, "--finish")
    assert code == 0, said
    assert "1.000 manglende demo-henvendelser med --seed 5 gemt" in said
    database = open_database(sqlite_url(db))
    with database.reading() as executor:
        assert executor.rows("SELECT count(*) FROM contact") == [(1200,)]
    database.close()


# --- the catalogue overlay ----------------------------------------------------------------


@pytest.fixture
def broken_overlay(config: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "katalog"
    folder.mkdir()
    broken = folder / "egne.toml"
    broken.write_text('[[solutions]]\nid = "moving"\ntitle_da = 5\n', encoding="utf-8")
    config.write_text(f'desk = "Skranke 1"\nmunicipality = "165"\ncatalog_overlay = "{folder}"\n')
    return broken


@pytest.mark.parametrize("command", [["catalog", "list"], ["sheet", "moving", "--out", "s.pdf"]])
def test_a_broken_overlay_is_named_with_file_line_and_field(
    skranke: Skranke, broken_overlay: Path, config: Path, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "s.pdf"
    said = skranke.refused(*[str(out) if part == "s.pdf" else part for part in command])
    assert (
        f"katalogtillægget {broken_overlay.parent} (indstillingen catalog_overlay i {config})"
        in said
    )
    assert f"{broken_overlay}, linje 3, felt 'title_da'" in said
    assert not out.exists()


# --- no screen ----------------------------------------------------------------------------


@pytest.fixture
def no_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")


@pytest.mark.usefixtures("no_screen")
@pytest.mark.parametrize(
    ("command", "what"),
    [([], "Skrankevinduet"), (["team", "--central"], "Ledelsesinformationen")],
)
def test_no_screen_is_said_in_danish(
    skranke: Skranke, db: Path, command: list[str], what: str
) -> None:
    said = skranke.refused("--database", db, *command)
    assert f"{what} kan ikke vises: der er ingen skærm" in said
    assert "DISPLAY" in said
