"""Find a solution by typing, show its QR to the citizen, and record it on the contact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from database.counter import CounterDesk
from skranke.catalog import load_catalog
from skranke.contact import Handout
from skranke.vocabulary import Vocabulary
from tests.gui.counter_page import CounterPage
from tests.helpers import decode_qr
from ui.citizen_screen import CitizenScreen
from ui.counter_window import CounterWindow

MOVING_URL = "https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte"


def _search(qtbot: QtBot, window: CounterWindow, text: str) -> None:
    """Type as staff do: the first letter anywhere in the window moves to the search field,
    the rest lands there."""
    qtbot.keyClicks(window, text[0])
    assert window.solution_panel.search_edit.hasFocus()
    qtbot.keyClicks(window.solution_panel.search_edit, text[1:])


def test_typing_finds_and_enter_shows_the_qr(qtbot: QtBot, window: CounterWindow) -> None:
    page = CounterPage(window, qtbot)
    _search(qtbot, window, "flyt")
    panel = window.solution_panel
    assert window.side_tabs.currentWidget() is panel
    assert panel.search_edit.text() == "flyt"
    assert panel.result_titles()[0] == "Meld flytning (og vælg læge)"
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert panel.shown is not None
    assert panel.shown.url == MOVING_URL
    assert decode_qr(panel.qr) == [MOVING_URL]
    screen = window.solutions.citizen_screen
    assert screen.isVisible()
    assert decode_qr(screen.qr) == [MOVING_URL]  # the citizen sees the same code
    assert (
        screen.url_label.text().replace("\u200b", "")
        == "borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte"
    )
    assert screen.scan_label.text() == "Scan med kameraet på din telefon"
    assert page.selected_outcome() == "referred_to_self_service"  # pre-set, changeable
    assert page.handouts_label.text() == "Udleveret til borgeren: Meld flytning (og vælg læge)"


def test_the_contact_records_what_was_shown(
    qtbot: QtBot, window: CounterWindow, desk: CounterDesk
) -> None:
    page = CounterPage(window, qtbot)
    _search(qtbot, window, "mitid app")
    qtbot.keyClick(window.solution_panel.search_edit, Qt.Key.Key_Return)
    shown = window.solution_panel.shown
    assert shown is not None
    page.outcome_buttons["assisted_self_service"].click()  # staff may change the outcome
    qtbot.mouseClick(
        next(tile for area, tile in page.tiles if area.id == "mitid"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not window.worker.busy)  # stored on the desk's worker thread
    (contact,) = [c for c in desk.today_contacts() if not c.voided]
    assert contact.handouts == (Handout(shown.id, "qr"),)
    assert contact.outcome == "assisted_self_service"
    # The next contact starts clean: the citizen screen clears itself.
    assert window.solutions.citizen_screen.solution is None
    assert not page.handouts_label.isVisible()
    window.activateWindow()  # offscreen, the citizen screen took the activation
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: not window.worker.busy)
    assert desk.today_contacts()[0].handouts == ()


def test_an_assisted_outcome_is_not_overridden(qtbot: QtBot, window: CounterWindow) -> None:
    page = CounterPage(window, qtbot)
    page.outcome_buttons["assisted_self_service"].click()
    _search(qtbot, window, "boligstotte")
    qtbot.keyClick(window.solution_panel.search_edit, Qt.Key.Key_Return)
    assert page.selected_outcome() == "assisted_self_service"


def test_arrow_keys_choose_among_results(qtbot: QtBot, window: CounterWindow) -> None:
    _search(qtbot, window, "digital post")
    panel = window.solution_panel
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert panel.shown is not None
    assert panel.shown.title_da == panel.result_titles()[1]


def test_copy_link(qtbot: QtBot, window: CounterWindow) -> None:
    _search(qtbot, window, "flyt")
    qtbot.keyClick(window.solution_panel.search_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(window.solution_panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == MOVING_URL


def test_escape_clears_the_citizen_screen(qtbot: QtBot, window: CounterWindow) -> None:
    _search(qtbot, window, "flyt")
    qtbot.keyClick(window.solution_panel.search_edit, Qt.Key.Key_Return)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.solutions.citizen_screen.solution is None
    assert window.solutions.citizen_screen.idle_label.isVisibleTo(window.solutions.citizen_screen)


def test_the_citizen_screen_clears_itself(qtbot: QtBot, vocabulary: Vocabulary) -> None:
    screen = CitizenScreen(clear_after_seconds=1)
    qtbot.addWidget(screen)
    moving = load_catalog(vocabulary).catalog.get("moving")
    assert moving is not None
    screen.show_solution(moving)
    assert not screen.full_screen  # one monitor: a normal window
    assert screen.solution is moving
    qtbot.waitUntil(lambda: screen.solution is None, timeout=3000)
    assert screen.idle_label.isVisible()


def test_showing_a_qr_moves_nothing_and_the_link_is_shown_whole(
    qtbot: QtBot, window: CounterWindow
) -> None:
    page = CounterPage(window, qtbot)
    # The result list used to collapse to two rows and the tiles jumped when a QR showed;
    # the link under the code was cut off because a URL has no spaces to wrap at.
    _search(qtbot, window, "flyt")
    panel = window.solution_panel
    qtbot.wait(50)
    tiles_before = [tile.geometry() for _, tile in page.tiles]
    list_before = panel.results.geometry()
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert panel.shown is not None
    assert [tile.geometry() for _, tile in page.tiles] == tiles_before
    assert panel.results.geometry() == list_before
    row_height = panel.results.sizeHintForRow(0)
    assert panel.results.viewport().height() >= 4 * row_height  # several results stay in view
    url = panel.url_label
    assert url.text().replace("\u200b", "") == panel.shown.short_url
    assert url.heightForWidth(url.width()) <= url.height()  # every line fits: nothing is cut


def test_the_citizen_screen_fits_on_a_single_small_screen(
    qtbot: QtBot, window: CounterWindow
) -> None:
    _search(qtbot, window, "flyt")
    qtbot.keyClick(window.solution_panel.search_edit, Qt.Key.Key_Return)
    screen = window.solutions.citizen_screen
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.width() <= available.width() // 2  # the counter stays in view beside it
    assert screen.height() <= available.height()
    assert decode_qr(screen.qr) == [MOVING_URL]
