"""The real program reads the self-service catalogue after the desk is open (ready to log
sooner, docs/performance.md section a): the search still finds every solution, also for
letters typed before the catalogue arrived, and a broken overlay is still reported."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.sync.app import run_app
from ui.counter_window import CounterWindow


def test_the_catalogue_arrives_after_the_desk_searched_and_checked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-overlay"
    (tmp_path / "settings.toml").write_text(f'catalog_overlay = "{missing.as_posix()}"\n')
    seen: dict[str, object] = {}

    def script(window: CounterWindow) -> None:
        panel = window.solution_panel
        panel.focus_search("mitid")  # typed as soon as the tiles can be used
        qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=10_000)
        qtbot.waitUntil(window.error_banner.isVisible, timeout=10_000)
        seen["first result"] = panel.results.item(0).text()
        seen["banner"] = window.error_banner.text()

    run = run_app(qtbot, tmp_path, None, script)
    assert run.exit_code == 0
    assert "MitID" in str(seen["first result"])
    assert "Kataloget over selvbetjeningsløsninger har fejl" in str(seen["banner"])
    assert str(missing.name) in str(seen["banner"])
