"""The number of user actions for the ten most common contacts, counted by doing them.

Each contact is logged in a real window (offscreen) by the fewest clicks or keys that
produce it, and the stored contact is checked. "Worst case" starts each contact with the
channel switch on the other channel (a desk taking both visits and calls); "same channel"
is the usual case at a desk that takes one kind. With favourites, each contact is pinned
once (Ctrl+D) and then logged with its F-key: eight keys, so eight of the ten.

The ten are the commonest counter errands in the domain brief (passport, MitID, health card,
moving, Digital Post, driving licence ...), with the outcomes they usually have.

    uv run python -m benchmarks.actions
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from database.counter import CounterDesk
from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from skranke.settings import Settings, SettingsStore
from skranke.vocabulary import load_vocabulary
from ui.app import create_application
from ui.counter_window import CounterWindow
from ui.settings_store import QtSettingsStore

TOP_TEN = [
    ("in_person", "passport", "handled_by_staff"),
    ("in_person", "mitid", "assisted_self_service"),
    ("in_person", "health_card", "handled_by_staff"),
    ("in_person", "moving", "assisted_self_service"),
    ("phone", "digital_post", "assisted_self_service"),
    ("in_person", "driving_licence", "handled_by_staff"),
    ("phone", "mitid", "referred_to_self_service"),
    ("in_person", "housing_benefit", "referred_to_self_service"),
    ("phone", "state_pension", "handled_by_staff"),
    ("phone", "tax", "referred_elsewhere"),
]


def _window(folder: Path) -> tuple[CounterWindow, CounterDesk]:
    create_application([])
    vocabulary = load_vocabulary()
    desk = CounterDesk(
        ContactRepository(open_database(sqlite_url(folder / "a.sqlite3"))),
        vocabulary,
        desk="Skranke 1",
        municipality_code="165",
    )
    settings = Settings(desk="Skranke 1", municipality="165", favourites=())
    window = CounterWindow(
        vocabulary,
        QtSettingsStore(SettingsStore(settings, folder / "settings.toml")),
        desk_name="Skranke 1",
        municipality_code="165",
        desk=desk,
    )
    window.show()
    return window, desk


def _plan(window: CounterWindow, target: tuple[str, str, str]) -> list[Callable[[], None]]:
    """The fewest actions from the window's current state to the logged contact."""
    channel, area, outcome = target
    actions: list[Callable[[], None]] = []
    if window.form.channel != channel:
        actions.append(window.channel_row.buttons[channel].click)
    if window.form.outcome != outcome:
        actions.append(window.outcome_box.buttons[outcome].click)
    tile = next(button for a, button in window.tiles_panel.tiles if a.id == area)
    actions.append(tile.click)
    return actions


def _check(window: CounterWindow, desk: CounterDesk, target: tuple[str, str, str]) -> None:
    while window.worker.busy:  # stored on the desk's worker thread
        QTest.qWait(1)
    latest = next(c for c in desk.today_contacts() if not c.voided)
    assert (latest.channel, latest.area, latest.outcome) == target, latest


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as name:
        window, desk = _window(Path(name))
        for number, target in enumerate(TOP_TEN):
            other = "phone" if target[0] == "in_person" else "in_person"
            window.channel_row.buttons[other].click()
            worst = _plan(window, target)
            for action in worst:
                action()
            _check(window, desk, target)
            same = _plan(window, target)  # the channel is now the right one
            for action in same:
                action()
            _check(window, desk, target)
            favourite = "-"
            if number < 8:
                QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
                window.channel_row.buttons[other].click()
                QTest.keyClick(window, getattr(Qt.Key, f"Key_F{number + 1}"))
                _check(window, desk, target)
                favourite = "1"
            rows.append((target, len(worst), len(same), favourite))
        vocabulary = desk.vocabulary
    print("| contact | worst case | same channel | with a favourite |")
    print("|---|---|---|---|")
    for (channel, area, outcome), worst_n, same_n, fav in rows:
        label = " · ".join(
            (
                vocabulary.area(area).da,
                vocabulary.channel(channel).da,
                vocabulary.outcome(outcome).da,
            )
        )
        print(f"| {label} | {worst_n} | {same_n} | {fav} |")
    print(f"\nmost actions without a favourite: {max(r[1] for r in rows)} (goal <= 3)")


if __name__ == "__main__":
    main()
