"""The counter's quiet sync status: one label at the right of the status bar.

"Synkroniseret", "3 venter", "Offline siden 10:42", "Sat på pause: …". The push thread
(``database.sync.PushRunner``) never touches Qt: this label reads the pusher's Qt-free,
lock-guarded ``SyncStatus`` once a second on the GUI thread. It never opens a dialog, never
takes the focus and never makes a sound; a tooltip says more (the last push, the server
without its password, and why). It exists only when a central database is configured.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from database.central import (
    CentralLoginError,
    CentralNoDatabaseError,
    CentralPrivilegeError,
    NotPostgresError,
)
from database.sync import SyncState, SyncStatus
from skranke.clock import to_local
from skranke.errors import SkrankeError
from ui.messages import error_text

POLL_MS = 1000
MAX_WIDTH_EM = 56  # the status bar's messages on the left keep the rest of the width

_PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def hide_password(text: str) -> str:
    """``text`` with any password in a URL replaced by ``***``."""
    return _PASSWORD_IN_URL.sub(r"\1***@", text)


def _clock(moment: datetime | None) -> str:
    return "" if moment is None else to_local(moment).strftime("%H:%M")


class SyncStatusLabel(QLabel):
    """Shows whether this desk's contacts have reached the central database.

    ``follow(source)`` starts reading ``source()`` (the pusher's ``status``) every second;
    ``show_problem(error)`` says why nothing is sent at all (the address or the settings).
    """

    def __init__(self, server: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAccessibleName(self.tr("Synkronisering"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("m") * MAX_WIDTH_EM)
        self.message = ""  # the whole sentence; a long one is shortened with … on screen
        self.server = hide_password(server)
        self._source: Callable[[], SyncStatus] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        self._show(self.tr("Forbinder til den fælles database …"), "")

    def follow(self, source: Callable[[], SyncStatus]) -> None:
        self._source = source
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def show_problem(self, error: SkrankeError) -> None:
        """Nothing can be sent (a bad address, no driver, unsaved desk id): say why, once."""
        self.stop()
        if isinstance(error, NotPostgresError):
            reason = self.tr(
                "central_url skal være en PostgreSQL-adresse (postgresql+psycopg://…), ikke "
                "'{driver}'."
            ).format(driver=error.detail)
        else:
            reason = error_text(error)
        text = self.tr("Sendes ikke til den fælles database: {reason} Registreringer gemmes her.")
        self._show(text.format(reason=hide_password(reason)), "")

    @Slot()
    def refresh(self) -> None:
        if self._source is not None:
            status = self._source()
            self._show(self.status_text(status), self._details(status))

    def _show(self, text: str, details: str) -> None:
        self.message = text
        shown = self.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, self.maximumWidth()
        )
        if shown != self.text():
            self.setText(shown)
        tip = "\n".join(
            part
            for part in (
                text,
                self.tr("Den fælles database: {server}").format(server=self.server),
                details,
            )
            if part
        )
        self.setToolTip(tip)

    def status_text(self, status: SyncStatus) -> str:
        """One short line for the status bar."""
        waiting = self.tr("{n} venter").format(n=status.waiting)
        if status.state is SyncState.SYNCED:
            return self.tr("Synkroniseret")
        if status.state is SyncState.WAITING:
            if status.waiting == 0:
                return self.tr("Forbinder til den fælles database …")
            return waiting
        if status.state is SyncState.PAUSED:
            if status.central_is_older:
                why = self.tr("den fælles database skal opgraderes af IT")
            else:
                why = self.tr("denne pc skal have den nye version af Skranke")
            return self.tr("Sat på pause: {why} ({waiting}; gemt her).").format(
                why=why, waiting=waiting
            )
        return self.tr("Offline siden {time}: {why} ({waiting}; gemt her).").format(
            time=_clock(status.since), why=self._offline_why(status), waiting=waiting
        )

    def _offline_why(self, status: SyncStatus) -> str:
        error = status.error
        if isinstance(error, CentralLoginError):
            return self.tr("den fælles database afviser skrankens login – kontakt IT")
        if isinstance(error, CentralPrivilegeError):
            return self.tr(
                "skrankens login mangler en rettighed i den fælles database – kontakt IT"
            )
        if isinstance(error, CentralNoDatabaseError):
            return self.tr("den fælles database findes ikke på serveren – kontakt IT")
        return self.tr("den fælles database svarer ikke")

    def _details(self, status: SyncStatus) -> str:
        lines = []
        if status.last_push_at is not None:
            pushed = to_local(status.last_push_at).strftime("%H:%M:%S")
            lines.append(self.tr("Sidst sendt: {time}").format(time=pushed))
        else:
            lines.append(self.tr("Intet sendt siden Skranke startede."))
        if status.detail:
            lines.append(hide_password(status.detail))
        return "\n".join(lines)
