"""The team view on the central PostgreSQL (issue 9, Deliver 5), through a team leader's
read-only login: every desk, filters by centre and by desk (names repeat across
municipalities), when each desk was last heard from, and a schema it never changes."""

from __future__ import annotations

import dataclasses
import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from database import roles
from database.central import add_login, init_central
from database.engine import Database
from database.repository import ContactRepository
from database.team import (
    CountInterruptedError,
    Interrupter,
    TeamSchemaMismatchError,
    open_for_reading,
)
from skranke.catalog import load_catalog
from skranke.costs import load_price_table
from skranke.report import Period
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer, postgres  # noqa: F401 - the server fixture
from tests.sync.world import Desk, make_desk, wait_for
from ui.cli.parser import parse_arguments
from ui.cli.team import schema_text
from ui.team_view import PERIODS, SILENT, TeamView, is_silent

_names = itertools.count(1)
ALL_TIME = Period.custom(date(2000, 1, 1), date(2100, 1, 1))


def _unique(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{next(_names)}"


def _execute(url: str, sql: str, **values: object) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), values)
    finally:
        engine.dispose()


def reader_url(admin_url: str, *municipalities: str) -> str:
    """A team leader's login (``skranke central add-reader``), as the URL a PC would use."""
    login, password = _unique("leder"), roles.new_password()
    add_login(admin_url, roles.Login(login, "read", None, municipalities or None), password)
    return make_url(admin_url).set(username=login, password=password).render_as_string(False)


@pytest.fixture
def central(
    postgres: PostgresServer,  # noqa: F811 - pytest hands in the imported fixture
    tmp_path: Path,
    vocabulary: Vocabulary,
) -> Iterator[tuple[str, dict[str, Desk]]]:
    """A central database made by ``init`` with three desks pushed to it: two called
    "Skranke 1" (Albertslund and Glostrup, both at a "Rådhuset"), one at a library."""
    url = postgres.url(_unique("central"))
    init_central(url)
    desks = {
        "165/1": make_desk(tmp_path, "Skranke 1"),
        "165/2": make_desk(tmp_path, "Skranke 2"),
        "161/1": make_desk(tmp_path, "Skranke 1", municipality="161"),
    }
    centres = {"165/1": "Rådhuset", "165/2": "Biblioteket", "161/1": "Rådhuset"}
    for (key, desk), count in zip(desks.items(), (3, 5, 7), strict=True):
        desk.identity = dataclasses.replace(desk.identity, centre=centres[key])
        desk.log(vocabulary, count)
        pusher = desk.pusher(url)
        pusher.push_all()
        pusher.close()
    yield url, desks
    for desk in desks.values():
        desk.database.close()


@contextmanager
def _opened(qtbot: QtBot, url: str, vocabulary: Vocabulary) -> Iterator[TeamView]:
    """The team view on ``url``, counting all time, as ``skranke team URL`` opens it."""
    database = open_for_reading(url)
    try:
        view = TeamView(
            ContactRepository(database),
            vocabulary,
            load_catalog(vocabulary).catalog,
            load_price_table(),
            municipality_name="Vestegnen",
        )
        qtbot.addWidget(view)
        view.period_combo.setCurrentIndex(PERIODS.index("custom"))
        view.first_edit.setDate(QDate(2000, 1, 1))
        view.last_edit.setDate(QDate(2100, 1, 1))
        _settled(qtbot, view)
        yield view
    finally:
        database.close()


def _settled(qtbot: QtBot, view: TeamView) -> None:
    qtbot.waitUntil(
        lambda: (
            view.loaded is not None
            and view.loaded.tally.period == ALL_TIME
            and view.busy.isHidden()
        ),
        timeout=20_000,
    )


def _cell(view: TeamView, row: int, column: int) -> QTableWidgetItem:
    item = view.heard_table.item(row, column)
    assert item is not None
    return item


def _choose(qtbot: QtBot, view: TeamView, combo_name: str, text_shown: str) -> int:
    combo = getattr(view, combo_name)
    index = combo.findText(text_shown)
    assert index > 0, [combo.itemText(i) for i in range(combo.count())]
    generation = view._generation
    combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view._generation > generation and view.busy.isHidden(), timeout=20_000)
    assert view.loaded is not None
    return view.loaded.tally.total


def test_every_desk_and_the_filters_by_desk_and_centre(
    qtbot: QtBot, central: tuple[str, dict[str, Desk]], vocabulary: Vocabulary
) -> None:
    url, _ = central
    with _opened(qtbot, reader_url(url), vocabulary) as view:
        assert view.loaded is not None
        assert view.loaded.tally.total == 3 + 5 + 7
        assert view.tabs.isTabVisible(1)
        assert view.tabs.tabText(1) == "Skranker (3)"
        centres = [view.centre_combo.itemText(i) for i in range(view.centre_combo.count())]
        assert centres == ["Alle", "Biblioteket", "Rådhuset (Glostrup)", "Rådhuset (Albertslund)"]
        # The two "Skranke 1" are two desks: each counts its own municipality's contacts.
        assert _choose(qtbot, view, "desk_combo", "Skranke 1 (Glostrup)") == 7
        assert _choose(qtbot, view, "desk_combo", "Skranke 1 (Albertslund)") == 3
        view.desk_combo.setCurrentIndex(0)
        assert _choose(qtbot, view, "centre_combo", "Rådhuset (Glostrup)") == 7
        assert _choose(qtbot, view, "centre_combo", "Rådhuset (Albertslund)") == 3
        assert _choose(qtbot, view, "centre_combo", "Biblioteket") == 5
        rows = {
            (_cell(view, r, 0).text(), _cell(view, r, 2).text()): _cell(view, r, 3).text()
            for r in range(view.heard_table.rowCount())
        }
        assert set(rows) == {
            ("Skranke 1", "Albertslund"), ("Skranke 2", "Albertslund"),
            ("Skranke 1", "Glostrup"),
        }  # fmt: skip
        assert all("(lige nu)" in shown for shown in rows.values())


def test_a_desk_silent_for_more_than_a_working_day_is_marked(
    qtbot: QtBot, central: tuple[str, dict[str, Desk]], vocabulary: Vocabulary
) -> None:
    url, desks = central
    silent_id = desks["165/2"].identity.desk_id
    _execute(
        url,
        "UPDATE desk_sync SET last_push_at = now() - interval '4 days' WHERE desk_id = :desk",
        desk=silent_id,
    )
    with _opened(qtbot, reader_url(url), vocabulary) as view:
        rows = range(view.heard_table.rowCount())
        (row,) = [r for r in rows if _cell(view, r, 0).text() == "Skranke 2"]
        shown = _cell(view, row, 3).text()
        assert shown.endswith("(for 4 dage siden) – stille")
        assert _cell(view, row, 3).toolTip() == "Ikke hørt fra i over en arbejdsdag"
        assert _cell(view, row, 0).foreground().color() == SILENT
        assert view.tabs.tabText(1) == "Skranker (3, 1 stille)"


def test_a_reader_of_one_municipality_sees_only_its_desks(
    qtbot: QtBot, central: tuple[str, dict[str, Desk]], vocabulary: Vocabulary
) -> None:
    url, _ = central
    with _opened(qtbot, reader_url(url, "161"), vocabulary) as view:
        assert view.loaded is not None
        assert view.loaded.tally.total == 7
        assert view.heard_table.rowCount() == 1
        assert _cell(view, 0, 2).text() == "Glostrup"


def test_an_older_central_schema_is_named_and_left_alone(
    postgres: PostgresServer,  # noqa: F811 - pytest hands in the imported fixture
) -> None:
    url = postgres.url(_unique("central"))
    init_central(url)
    _execute(url, "UPDATE alembic_version SET version_num = '0004'")
    with pytest.raises(TeamSchemaMismatchError) as raised:
        open_for_reading(reader_url(url))
    assert raised.value.older
    assert raised.value.revision == "0004"
    assert "'skranke central upgrade'" in schema_text(raised.value)
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
    finally:
        engine.dispose()


def test_the_command_line_names_the_central_database() -> None:
    assert parse_arguments(["team", "--central"]).central
    args = parse_arguments(["team", "postgresql+psycopg://leder@db/skranke"])
    assert (args.command, args.url) == ("team", "postgresql+psycopg://leder@db/skranke")


def test_silent_means_no_push_since_the_same_time_the_working_day_before() -> None:
    monday_morning = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert not is_silent(monday_morning - timedelta(days=3) + timedelta(minutes=1), monday_morning)
    assert is_silent(monday_morning - timedelta(days=3, minutes=1), monday_morning)
    wednesday = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert not is_silent(wednesday - timedelta(hours=23), wednesday)
    assert is_silent(wednesday - timedelta(hours=25), wednesday)


def _sleeping(database: Database) -> bool:
    """Is a ``pg_sleep`` running on the server (seen from another session)?"""
    with database.engine.connect() as conn:
        query = text(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
            "AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()"
        )
        return bool(conn.execute(query).scalar_one())


def test_a_superseded_count_on_postgresql_is_cancelled(
    postgres: PostgresServer,  # noqa: F811 - pytest hands in the imported fixture
) -> None:
    """The team view's interrupter stops a statement running on the central database (a
    cancel request), and every further one of that work."""
    url = postgres.url(_unique("central"))
    init_central(url)
    database = open_for_reading(reader_url(url))
    interrupter = Interrupter.of(database.engine)
    failures: list[BaseException] = []
    started = threading.Event()

    def count() -> None:
        interrupter.begin()
        with database.engine.connect() as conn:
            started.set()
            try:
                conn.execute(text("SELECT pg_sleep(60)"))
            except Exception as error:
                failures.append(error)
            try:
                conn.execute(text("SELECT 1"))
            except Exception as error:
                failures.append(error)

    worker = threading.Thread(target=count)
    begun = time.monotonic()
    worker.start()
    try:
        assert started.wait(10)
        wait_for(lambda: _sleeping(database), "the count to be inside pg_sleep", 10)
        assert worker.ident is not None
        interrupter.interrupt(worker.ident)
        worker.join(10)
        assert not worker.is_alive()
        assert time.monotonic() - begun < 10
        assert "canceling statement" in str(failures[0])
        assert isinstance(failures[1], CountInterruptedError)
    finally:
        database.close()


def test_an_empty_central_url_is_said_in_a_dialog_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    """`skranke team --central` from a desktop icon: nobody reads stderr, so the missing
    address is also said in a dialog (and the view does not open)."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    from skranke.settings import Settings  # noqa: PLC0415
    from ui.cli import team  # noqa: PLC0415
    from ui.cli.common import StartupConfig  # noqa: PLC0415

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    config = StartupConfig(Settings(), tmp_path / "settings.toml", "", "Leder", "165")
    code = team.run(parse_arguments(["team", "--central"]), config, vocabulary)
    assert code == 2
    assert len(said) == 1
    assert "central_url er tom" in said[0]
