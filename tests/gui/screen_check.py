"""Open every window of Skranke on one small screen and report what does not fit.

Run by ``tests/gui/test_screens.py`` in a process of its own: Qt's offscreen platform takes the
screen's size from a file (``QT_QPA_PLATFORM=offscreen:configfile=…``) when the application
starts, so each screen size needs a new process. Prints one JSON object: per window its size,
the screen's available room, and the problems found (empty when everything fits).

    python -m tests.gui.screen_check LANGUAGE FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from database.counter import CounterDesk
from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.catalog import load_catalog
from skranke.contact import ContactChoice
from skranke.costs import load_price_table
from skranke.settings import Settings, SettingsStore
from skranke.vocabulary import load_vocabulary
from ui.app import create_application
from ui.counter_window import CounterWindow
from ui.screen_fit import FRAME
from ui.settings_store import QtSettingsStore
from ui.setup_dialog import SetupDialog
from ui.sheet_dialog import SheetDialog
from ui.team_view import TeamView

MOVING = "flytning"  # a solution with a long title and address


def settle(app: QApplication, widget: QWidget) -> None:
    for _ in range(20):
        app.processEvents()
    widget.update()


def in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def problems(window: QWidget) -> list[str]:
    """Buttons narrower or lower than their text needs, or covering another; anything
    outside the window (a scrolled column may hold it below the fold: that is not cut)."""
    found = []
    room = room_of(window)
    if window.width() > room.width() or window.height() > room.height():
        found.append(
            f"window {window.width()}×{window.height()} > room {room.width()}×{room.height()}"
        )
    frame = QRect(QPoint(0, 0), window.size())
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    placed = []
    for button in buttons:
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        need = button.minimumSizeHint()
        if button.hasHeightForWidth():  # a tile: as high as its label needs at its width
            need.setHeight(button.heightForWidth(button.width()))
            need.setWidth(0)
        if button.width() < need.width() or button.height() < need.height():
            found.append(f"{_name(button)} {button.size().toTuple()} < {need.toTuple()}")
        if not in_scroll_area(button) and not frame.contains(rect):
            found.append(
                f"{button.objectName() or button.text()!r} outside the window at {rect.getRect()}"
            )
        placed.append((button, rect))
    for index, (a, rect) in enumerate(placed):
        for b, other in placed[index + 1 :]:
            if rect.intersects(other) and not (a.isAncestorOf(b) or b.isAncestorOf(a)):
                found.append(
                    f"{a.objectName() or a.text()!r} covers {b.objectName() or b.text()!r}"
                )
    for label in window.findChildren(QLabel):
        if (
            label.isVisible()
            and label.text()
            and not label.wordWrap()
            and not in_scroll_area(label)
        ) and label.width() < label.minimumSizeHint().width():
            found.append(
                f"label {label.text()!r} cut: {label.width()} < {label.minimumSizeHint().width()}"
            )
    return found


def _name(button: QAbstractButton) -> str:
    return repr(button.objectName() or button.text())


def room_of(window: QWidget) -> QRect:
    """The screen's available room less a window manager's frame."""
    available = window.screen().availableGeometry()
    return available.adjusted(0, 0, -FRAME.width(), -FRAME.height())


def main(language: str, folder: Path) -> dict[str, object]:
    app = create_application([], language)
    QSettings().clear()
    vocabulary = load_vocabulary()
    database = open_database(sqlite_url(folder / "screens.sqlite3"))
    repository = ContactRepository(database)
    desk = CounterDesk(repository, vocabulary, desk="Skranke 1", municipality_code="165")
    for area in vocabulary.visible_areas[:6]:
        desk.log(ContactChoice("in_person", area.id, "handled_by_staff"))
    catalog = load_catalog(vocabulary).catalog
    settings = Settings(desk="Skranke 1", municipality="165", language=language)
    store = QtSettingsStore(SettingsStore(settings, folder / f"{language}.toml"))
    report: dict[str, object] = {}

    def check(name: str, window: QWidget, **extra: object) -> None:
        settle(app, window)
        report[name] = {
            "size": [window.width(), window.height()],
            "room": room_of(window).size().toTuple(),
            "problems": problems(window),
            **extra,
        }

    counter = CounterWindow(
        vocabulary, store, desk_name="Skranke 1", municipality_code="165", desk=desk,
        catalog=catalog,
    )  # fmt: skip
    counter.show()
    check("counter", counter)
    solution = next(s for s in catalog.solutions if MOVING in s.url)
    counter.solutions.show_to_citizen(solution)
    citizen = counter.solutions.citizen_screen
    settle(app, citizen)
    qr = citizen.qr
    check(
        "citizen",
        citizen,
        qr=min(qr.width(), qr.height()),
        shorter=min(citizen.width(), citizen.height()),
    )
    sheet = SheetDialog(solution, counter.solutions.sheet_sender(), language=language, store=store)
    sheet.show()
    check("sheet", sheet)
    team = TeamView(
        repository, vocabulary, catalog, load_price_table(),
        municipality_name="Albertslund Kommune", language=language,
    )  # fmt: skip
    team.show()
    check("team", team)
    setup = SetupDialog()
    setup.show()
    check("setup", setup)
    screen = QGuiApplication.primaryScreen().geometry()
    report["screen"] = [screen.width(), screen.height()]
    counter.close()
    database.close()
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
