"""Every window on a small screen: 960×540 (200 % on a 1080p screen) and 1280×720 (150 %),
in Danish and English. Each window opens no larger than the screen's room, no button is
narrower or lower than its text, none covers another, and the citizen's QR code takes at
least 40 % of its window's shorter side.

The windows are opened by ``tests/gui/screen_check.py`` in a process of its own, on Qt's
offscreen platform given the screen's size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize

from ui.screen_fit import FRAME, fitted

ROOT = Path(__file__).resolve().parents[2]


def _screen_report(tmp_path: Path, width: int, height: int, language: str) -> dict[str, dict]:  # type: ignore[type-arg]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "small",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.screen_check", language, str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, dict] = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    assert report.pop("screen") == [width, height]
    return report


@pytest.mark.parametrize(("width", "height"), [(960, 540), (1280, 720)])
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_window_fits_a_small_screen_and_nothing_is_cut(
    tmp_path: Path, width: int, height: int, language: str
) -> None:
    report = _screen_report(tmp_path, width, height, language)
    assert set(report) == {"counter", "citizen", "sheet", "team", "setup"}
    for name, window in report.items():
        assert window["problems"] == [], name
        room_width, room_height = window["room"]
        assert window["size"][0] <= room_width, name
        assert window["size"][1] <= room_height, name
    citizen = report["citizen"]
    assert citizen["qr"] >= 0.4 * citizen["shorter"]
    # The counter takes the room there is: not a small window in a corner.
    assert report["counter"]["size"] == [width - FRAME.width(), height - FRAME.height()]


def test_a_window_gets_what_it_asks_for_when_there_is_room() -> None:
    place = fitted(QSize(1366, 860), QRect(0, 0, 1920, 1040))
    assert place.size() == QSize(1366, 860)
    assert QRect(0, 0, 1920, 1040).contains(place)


def test_a_window_never_reaches_past_the_room_nor_the_task_bar() -> None:
    room = QRect(1920, 40, 960, 500)  # a second screen, a task bar at its top
    place = fitted(QSize(1366, 860), room)
    assert place.width() <= room.width() - FRAME.width()
    assert place.height() <= room.height() - FRAME.height()
    assert place.left() >= room.left()
    assert place.top() >= room.top()
