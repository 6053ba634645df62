"""The program's start-up (issue 10): the window paints with the tiles first and builds the
panels around them on the next turns of the event loop; once built it looks exactly as a
window built in one go, and nothing typed during start-up is lost or logged by surprise."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from database.counter import CounterDesk
from skranke.contact import ContactChoice
from skranke.settings import Settings
from tests.gui.counter_page import CounterPage
from tests.helpers import run_python
from ui.counter.desk_start import read_start
from ui.counter_window import CounterWindow
from ui.settings_store import QtSettingsStore

LATER = ("detailsBox", "favouritesBox", "recentBox", "solutionPanel")  # built after the paint


def _window(qtbot: QtBot, desk: CounterDesk, *, staged: bool) -> CounterWindow:
    QSettings().remove("counterWindow/geometry")
    window = CounterWindow(
        desk.vocabulary,
        QtSettingsStore.in_memory(Settings(desk=desk.desk, municipality=desk.municipality_code)),
        desk_name=desk.desk,
        municipality_code=desk.municipality_code,
        staged=staged,
    )
    qtbot.addWidget(window)
    window.resize(1366, 860)
    return window


def _named(window: CounterWindow, name: str) -> QWidget | None:
    return window.findChild(QWidget, name)


def _places(window: CounterWindow) -> dict[str, tuple[int, int, int, int]]:
    """Where every visible named widget is, relative to the window."""
    places = {}
    for child in window.findChildren(QWidget):
        if child.objectName() and child.isVisible():
            at = child.mapTo(window, child.rect().topLeft())
            places[child.objectName()] = (at.x(), at.y(), child.width(), child.height())
    return places


def test_the_first_paint_has_the_tiles_and_the_panels_follow(
    qtbot: QtBot, desk: CounterDesk
) -> None:
    window = _window(qtbot, desk, staged=True)
    window.show()
    # Nothing but the form's top rows, the tile grid and the tally strip before the paint.
    assert _named(window, "tilesBox") is not None
    assert _named(window, "outcomeBox") is not None
    assert all(_named(window, name) is None for name in LATER)
    with qtbot.waitSignal(window.firstPainted, timeout=5000):
        pass
    qtbot.waitUntil(lambda: all(_named(window, name) is not None for name in LATER))


def test_once_built_the_staged_window_looks_like_one_built_at_once(
    qtbot: QtBot, desk: CounterDesk
) -> None:
    at_once = _window(qtbot, desk, staged=False)
    at_once.show()
    at_once.attach(desk)
    qtbot.waitExposed(at_once)
    staged = _window(qtbot, desk, staged=True)
    staged.show()
    with qtbot.waitSignal(staged.firstPainted, timeout=5000):
        pass
    staged.attach(desk)
    qtbot.waitUntil(lambda: _places(staged) == _places(at_once), timeout=5000)
    assert staged.side_tabs.count() == at_once.side_tabs.count() == 2
    assert [staged.side_tabs.tabText(i) for i in range(2)] == [
        at_once.side_tabs.tabText(i) for i in range(2)
    ]
    assert staged.statusBar().currentMessage() == at_once.statusBar().currentMessage()


def test_keys_typed_during_start_up_are_searched_or_logged_once_the_database_is_open(
    qtbot: QtBot, desk: CounterDesk
) -> None:
    window = _window(qtbot, desk, staged=True)
    page = CounterPage(window, qtbot)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # Typed before the panels are built and before the database is open.
    qtbot.keyClicks(QApplication.focusWidget() or window, "flyt")
    assert window.solution_panel.search_edit.text() == "flyt"  # the search has every letter
    window.solution_panel.search_edit.clear()
    window.keyboard.focus_counter()
    for number in (1, 0, 1):  # tile keys: the first, the tenth, the first
        page.press_tile(number)
    assert "Databasen åbnes: 3 venter" in page.status_text()
    assert desk.today_contacts() == []
    window.attach(desk)  # ready: the keys are stored in the order typed
    page.wait_saved()
    first, tenth = page.tiles[0][0].id, page.tiles[9][0].id
    assert [c.area for c in page.logged_contacts()] == [first, tenth, first]
    assert len(desk.today_contacts()) == 3
    assert "3 henvendelser" in page.tally_label.text()


def test_attaching_what_the_worker_read_makes_no_database_call_on_the_gui_thread(
    qtbot: QtBot, desk: CounterDesk
) -> None:
    """The tile order by use, today's list and figures are read with the database, off the
    GUI thread (~200 ms for a busy desk's 100,000 contacts; a locked database would freeze the
    window for the busy timeout)."""
    desk.log(ContactChoice(channel="in_person", area="passport", outcome="handled_by_staff"))
    start = read_start(desk)  # on the worker in the program
    window = _window(qtbot, desk, staged=True)
    page = CounterPage(window, qtbot)
    window.show()
    with qtbot.waitSignal(window.firstPainted, timeout=5000):
        pass
    statements: list[str] = []
    engine = desk.repository.database.engine

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        window.attach(desk, start)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements == []
    assert len(page.tiles) == len(desk.vocabulary.visible_areas)
    assert page.recent_model.rowCount() == 1
    assert "1 henvendelse" in page.tally_label.text()


def test_the_program_shows_the_window_then_opens_the_database(tmp_path: Path) -> None:
    """The real program: the window is painted ('shown') before the database is open
    ('ready'), and Fusion is the style whatever the desktop asks for."""
    settings = tmp_path / "settings.toml"
    settings.write_text('desk = "Skranke 1"\nmunicipality = "165"\n', encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_STYLE_OVERRIDE": "windows",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    database = f"sqlite:///{tmp_path / 'skranke.sqlite3'}"
    args = ["--config", str(settings), "--database", database]
    program = "import sys; from main import main; sys.exit(main())"
    result = run_python(program, *args, "--quit-after-show", "--report-startup", env=env)
    stages = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert float(stages["shown"]) <= float(stages["ready"])
    style = run_python(
        "from ui.app import create_application; app = create_application(['skranke']); "
        "app.setStyleSheet(''); print(app.style().name())",
        env=env,
    )
    assert style.stdout.strip() == "fusion"


# What the first paint must not wait for: each costs 3-40 ms of the start (docs/performance.md,
# section a). A ``Qt.<enum>`` or an import added to the path before the paint shows up here.
_NOT_BEFORE_THE_PAINT = """
import gc, json, sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from ui.counter_window import CounterWindow
import main

seen = {}
paint = CounterWindow._after_first_paint

def after_first_paint(window):
    if not seen:
        types = {"Qt": PySide6.QtCore, "QKeySequence": PySide6.QtGui, "QStyle": PySide6.QtWidgets}
        seen["qt"] = sorted(name for name, module in types.items() if name in vars(module))
        modules = ("skranke.hotline", "skranke.catalog", "skranke.exporters", "ui.cli.central",
                   "uuid", "zoneinfo", "decimal", "calendar")
        seen["modules"] = [name for name in modules if name in sys.modules]
        seen["collector"] = gc.isenabled()
    paint(window)
    seen.setdefault("collector after", gc.isenabled())

CounterWindow._after_first_paint = after_first_paint
sys.argv = ["skranke", *sys.argv[1:]]
try:
    main.main()  # as the installed program starts (the collector goes off there)
except SystemExit as end:
    assert end.code == 0, end.code
print(json.dumps(seen))
"""


def test_the_first_paint_waits_for_no_enum_namespace_or_later_module(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('desk = "Skranke 1"\nmunicipality = "165"\n', encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    database = f"sqlite:///{tmp_path / 'skranke.sqlite3'}"
    args = ["--config", str(settings), "--database", database, "--quit-after-show"]
    result = run_python(_NOT_BEFORE_THE_PAINT, *args, env=env)
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["qt"] == []
    assert seen["modules"] == []
    # The collector is off while the window is built and on again once it has painted.
    assert seen["collector"] is False
    assert seen["collector after"] is True
