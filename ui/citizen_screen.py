"""The citizen screen: a calm second window with the QR code the citizen scans.

Opens full screen on a second monitor when there is one, as a normal window otherwise.
It clears itself after a set time, or when the next contact starts.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from skranke.catalog import Solution
from skranke.formatting import breakable_url
from ui.qr_widget import QrWidget
from ui.screen_fit import FRAME, available_room, fit_to_screen


class CitizenScreen(QWidget):
    def __init__(self, clear_after_seconds: int = 120, language: str = "da") -> None:
        # The citizen looks at it; the staff's keyboard stays in the counter window.
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("citizenScreen")
        self.setWindowTitle(self.tr("Skranke – til borgeren"))
        self.setAccessibleName(self.tr("Borgerskærm"))
        self._language = language
        self.solution: Solution | None = None
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(24)
        self.title_label = QLabel()
        self.title_label.setObjectName("citizenTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrWidget()
        self.qr.setObjectName("citizenQr")
        self.scan_label = QLabel()
        self.scan_label.setObjectName("citizenScan")
        self.scan_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label = QLabel()
        self.url_label.setObjectName("citizenUrl")
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setWordWrap(True)
        self.idle_label = QLabel(self.tr("Velkommen til Borgerservice"))
        self.idle_label.setObjectName("citizenIdle")
        self.idle_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.scan_label, self.idle_label):
            label.setWordWrap(True)  # fits a narrow window beside the counter too
        layout.addWidget(self.title_label)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.scan_label)
        layout.addWidget(self.url_label)
        layout.addWidget(self.idle_label, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, clear_after_seconds) * 1000)
        self._timer.timeout.connect(self.clear)
        self.clear()

    def place(self) -> None:
        """Full screen on the second monitor if there is one, else a normal window."""
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        others = [screen for screen in screens if screen is not primary]
        if others:
            self.setScreen(others[0])
            self.move(others[0].geometry().topLeft())
            self.showFullScreen()
        else:  # beside the counter on the staff's own screen: never larger than it
            available = available_room(self)
            fit_to_screen(self, QSize(min(720, available.width() // 2), 820))
            self.move(available.right() - self.width() - FRAME.width(), self.y())
            self.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Text and margins in proportion to the window, so the QR code keeps the room: a
        window beside the counter at 200 % is only a few hundred pixels high."""
        super().resizeEvent(event)
        side = min(self.width(), self.height())
        margin = max(8, side // 16)
        self._layout.setContentsMargins(margin, margin * 2 // 3, margin, margin * 2 // 3)
        self._layout.setSpacing(max(4, side // 40))
        sizes = {"citizenTitle": 36, "citizenScan": 49, "citizenUrl": 60, "citizenIdle": 41}
        self.setStyleSheet(  # a widget's own style sheet wins over the application's
            " ".join(
                f"QLabel#{name} {{ font-size: {max(9, side // share)}pt; }}"
                for name, share in sizes.items()
            )
        )

    @property
    def full_screen(self) -> bool:
        return self.isFullScreen()

    def show_solution(self, solution: Solution) -> None:
        self.solution = solution
        self.title_label.setText(solution.title(self._language))
        self.qr.set_text(solution.url)
        self.scan_label.setText(self.tr("Scan med kameraet på din telefon"))
        self.url_label.setText(breakable_url(solution.short_url))
        for widget in (self.title_label, self.qr, self.scan_label, self.url_label):
            widget.show()
        self.idle_label.hide()
        if not self.isVisible():
            self.place()
        self._timer.start()

    @Slot()
    def clear(self) -> None:
        self.solution = None
        self.qr.set_text(None)
        for widget in (self.title_label, self.qr, self.scan_label, self.url_label):
            widget.hide()
        self.idle_label.show()
        self._timer.stop()
