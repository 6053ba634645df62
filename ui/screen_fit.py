"""Windows open sized to the screen they are on.

At 200 % on a 1920×1080 screen Qt lays out 960×540 logical pixels; a window asked for its
usual 1366×860 would reach past the screen's edges, with buttons no one can click. Each window
asks for the size it likes (``fit_to_screen``) and gets at most the screen's available room
(less the task bar and a window manager's frame), placed inside it.

Loaded before the counter's first paint: QtCore and QtWidgets only, no ``Qt`` enum namespace.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget

# What a window manager adds around a window (title bar, borders): the window's own size is
# its contents, so this much of the available room is left for the frame.
FRAME = QSize(16, 40)


def fitted(preferred: QSize, available: QRect) -> QRect:
    """Where a window that would like ``preferred`` goes on a screen whose room (without the
    task bar) is ``available``: no larger than the room less the frame, centred in it."""
    room = QSize(
        max(1, available.width() - FRAME.width()), max(1, available.height() - FRAME.height())
    )
    size = preferred.boundedTo(room)
    left = available.x() + (available.width() - size.width() - FRAME.width()) // 2
    top = available.y() + (available.height() - size.height() - FRAME.height()) // 2
    return QRect(QPoint(max(available.x(), left), max(available.y(), top)), size)


def available_room(window: QWidget) -> QRect:
    """The available geometry of the screen ``window`` is on (or will open on)."""
    return window.screen().availableGeometry()


def fit_to_screen(window: QWidget, preferred: QSize, *, saved: str = "") -> None:
    """Size and place ``window`` for its screen: ``preferred`` when there is room, else the
    room there is. A minimum size larger than the screen is lowered to fit it.

    ``saved`` names the QSettings key (window state only) of a geometry saved at the last
    close: it is restored, but never beyond the screen the window opens on now (a laptop
    taken from a large monitor, or the scale changed from 100 % to 200 %)."""
    available = available_room(window)
    place = fitted(preferred, available)
    window.setMinimumSize(window.minimumSize().boundedTo(place.size()))
    window.resize(place.size())
    window.move(place.topLeft())
    geometry = QSettings().value(saved) if saved else None
    if geometry is None or not window.restoreGeometry(geometry):
        return
    if window.width() > place.width() or window.height() > place.height():
        window.resize(window.size().boundedTo(place.size()))
    if not available.contains(window.geometry()):
        window.move(place.topLeft())


class ColumnScroll(QScrollArea):
    """A column that scrolls up and down when the window is too low for it (200 % scaling on
    a 1080p screen) and never sideways: its contents reflow to its width, which is never less
    than theirs at their narrowest. Takes no focus itself (Tab goes to what is inside, and
    the area scrolls to it)."""

    def __init__(self, column: QLayout) -> None:
        super().__init__()
        inner = QWidget()
        inner.setObjectName("columnContents")
        inner.setLayout(column)
        column.setContentsMargins(0, 0, 0, 0)
        self.setObjectName("columnScroll")
        # By name: ``Qt`` (the enum namespace) costs ~40 ms before the first paint.
        self.setProperty("frameShape", "NoFrame")
        self.setProperty("focusPolicy", "NoFocus")
        self.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.setWidgetResizable(True)
        self.setWidget(inner)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 120)

    def sizeHint(self) -> QSize:
        inner = self.widget()
        hint = inner.sizeHint() if inner is not None else QSize()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())
