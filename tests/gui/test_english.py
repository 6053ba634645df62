"""The English interface: what an English-speaking member of staff sees, and the .ts behind it.

The translator is installed for each test and removed again, so the other tests stay Danish.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.errors import NoteTooLongError, UnknownMunicipalityError
from skranke.resources import RESOURCES_DIR
from skranke.settings import Settings
from tests.gui.counter_page import CounterPage
from ui.counter_window import CounterWindow
from ui.messages import error_text

TS_FILE = RESOURCES_DIR / "i18n" / "skranke_en.ts"
QM_FILE = RESOURCES_DIR / "i18n" / "skranke_en.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Words that give away a Danish text an English user should never see.
DANISH_WORDS = (
    "henvendelse",
    "fortryd",
    "udfald",
    "ny borger",
    "i dag",
    "registrér",
    "registreret",
    "favorit",
    "ledig",
    "medbetjening",
    "sagsområde",
    "annullér",
    "detaljer",
)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("CounterWindow", "Fortryd seneste") == "Fortryd seneste"


@pytest.fixture
def english_window(english: QTranslator, make_window) -> CounterWindow:  # type: ignore[no-untyped-def]
    return make_window(Settings(desk="Skranke 1", municipality="165", language="en"))


def _visible_texts(window: CounterWindow) -> list[str]:
    page = CounterPage(window)
    texts = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.title() for w in window.findChildren(QGroupBox) if w.isVisible()]
    texts += [window.side_tabs.tabText(i) for i in range(window.side_tabs.count())]
    model = page.recent_model
    texts += [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    texts += [window.windowTitle(), window.statusBar().currentMessage()]
    return texts


def _tile(window: CounterWindow, area_id: str) -> QAbstractButton:
    page = CounterPage(window)
    return next(tile for area, tile in page.tiles if area.id == area_id)


def test_the_counter_window_speaks_english(
    qtbot: QtBot, english_window: CounterWindow, desk: CounterDesk
) -> None:
    window = english_window
    page = CounterPage(window, qtbot)
    assert page.tally_label.text().startswith("Today:")
    assert page.undo_button.text() == "Undo last"
    assert page.new_citizen_button.text() == "New citizen"
    passport = _tile(window, "passport")
    assert passport.accessibleName().startswith("Log Passport (key ")
    for text in _visible_texts(window):
        for word in DANISH_WORDS:
            assert word not in text.lower(), (word, text)

    qtbot.mouseClick(passport, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.worker.busy)  # stored on the desk's worker thread
    assert len(desk.today_contacts()) == 1
    message = window.statusBar().currentMessage()
    assert message.startswith("✓ Logged: Passport · In person · Handled by staff."), message
    assert page.tally_label.text().startswith("Today: 1 contact ")
    assert "Assisted self-service 0 %" in page.tally_label.text()

    window.writes.undo()
    qtbot.waitUntil(lambda: not window.worker.busy)
    assert window.statusBar().currentMessage().startswith("Undone: Passport")


def test_the_outcomes_are_in_english(english_window: CounterWindow) -> None:
    window = english_window
    page = CounterPage(window)
    shown = {
        outcome_id: button.text().replace("&", "")
        for outcome_id, button in page.outcome_buttons.items()
    }
    expected = {outcome.id: outcome.label("en") for outcome in window.vocabulary.outcomes}
    expected["handled_by_staff"] = "Handled"  # the short form, like Danish "Ekspederet"
    assert shown == expected
    assert page.outcome_buttons["assisted_self_service"].text() == "&Assisted self-service"
    assert page.outcome_buttons["exempted"].accessibleName() == "Outcome: Exempted"
    assert window.findChild(QGroupBox, "outcomeBox").title() == "Outcome"


def test_english_mnemonics_stay_unique_in_the_counter_window(
    english_window: CounterWindow,
) -> None:
    window = english_window
    # The Danish texts with an Alt+letter in the counter window, all sharing one window.
    danish = (
        "&Ekspederet", "&Hjælp til selvbetjening", "Henvist til &selvbetjening",
        "Henvist &videre", "F&ritaget", "&Medbetjening", "F&uldmagt / pårørende",
        "Fr&itagelse", "&Type:", "&Parathed:", "Henven&der:", "&Antal:", "&Note:",
    )  # fmt: skip
    # The outcome box holds the first five, the details box the rest (their own contexts).
    english = [window.outcome_box.tr(text) for text in danish[:5]]
    english += [window.details_box.tr(text) for text in danish[5:]]
    assert english[:2] == ["&Handled", "&Assisted self-service"]
    keys = [QKeySequence.mnemonic(text).toString() for text in english]
    assert all(keys), english
    assert len(keys) == len(set(keys)), keys
    # What the window really shows (buttons, check boxes, buddy labels): no clashes either.
    texts = [b.text() for b in window.findChildren(QAbstractButton)]
    texts += [label.text() for label in window.findChildren(QLabel) if label.buddy()]
    shown = [QKeySequence.mnemonic(t).toString() for t in texts if "&" in t]
    assert "Alt+Y" in shown  # T&ype:
    assert len(shown) == len(set(shown)), shown


def test_error_messages_are_in_english(english: QTranslator) -> None:
    assert error_text(UnknownMunicipalityError("999")).startswith(
        "The municipality code '999' does not exist."
    )
    assert error_text(NoteTooLongError(250, 200)) == (
        "The note is 250 characters long; it may be at most 200 characters."
    )


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()  # noqa: S314 - our own file, not untrusted input
    return [
        (context.findtext("name", ""), message.findtext("source", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_message_is_translated_with_its_placeholders() -> None:
    messages = _messages(TS_FILE)
    assert len(messages) > 200
    assert {"CounterWindow", "messages"} <= {context for context, _, _ in messages}
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None, (context, source)
        kind = translation.get("type")
        if kind in ("vanished", "obsolete"):
            continue  # no longer in the code; lrelease leaves it out
        assert kind is None, (context, source, kind)
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            context,
            source,
            text,
        )
        assert source.count("&") == text.count("&"), (context, source, text)


def test_the_compiled_translation_loads() -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.translate("CounterWindow", "Fortryd seneste") == "Undo last"
    assert translator.translate("messages", "mangler") == "is missing"
