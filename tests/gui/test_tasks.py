"""Background work reports back on the GUI thread, results and errors alike."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from skranke.errors import UnknownMunicipalityError
from ui.tasks import run_task


def test_the_work_runs_elsewhere_and_the_result_comes_home(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker"] = threading.current_thread()
        return "opened"

    def done(result: object) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QCoreApplication.instance().thread()

    run_task(work, done, lambda error: None)
    qtbot.waitUntil(lambda: "result" in seen, timeout=3000)
    assert seen["result"] == "opened"
    assert seen["worker"] is not threading.main_thread()
    assert seen["gui"] is True


def test_an_error_is_handed_to_the_gui_thread(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise UnknownMunicipalityError("999")

    run_task(work, lambda result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], UnknownMunicipalityError)
