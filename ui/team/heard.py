"""The desks heard from: on the central database, when each desk last pushed, and which
have been silent for more than a working day (a weekend does not count)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from database.team import HeardDesk
from skranke.clock import to_local, utc_now
from skranke.formatting import format_numeric_date
from ui.team.choices import municipality_name

SILENT = QColor("#b3261e")  # a desk not heard from for more than a working day


def previous_working_moment(now: datetime) -> datetime:
    """The same local time on the working day (Monday-Friday) before ``now``."""
    moment = to_local(now) - timedelta(days=1)
    while moment.weekday() >= 5:
        moment -= timedelta(days=1)
    return moment


def is_silent(last_push: datetime, now: datetime) -> bool:
    """Whether a desk last heard from at ``last_push`` has been silent for more than a
    working day at ``now`` (a weekend does not count)."""
    return to_local(last_push) < previous_working_moment(now)


class HeardTable(QTableWidget):
    """One row per desk that has pushed to this database: when it was last heard from."""

    def __init__(self, language: str) -> None:
        headers = [
            self.tr("Skranke"), self.tr("Afdeling"), self.tr("Kommune"),
            self.tr("Sidst hørt fra"), self.tr("Sidste sekvens"), self.tr("Version"),
        ]  # fmt: skip
        super().__init__(0, len(headers))
        self.language = language
        self.setObjectName("heardTable")
        self.setAccessibleName(self.tr("Sidst hørt fra"))
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # "for 3 min. siden"

    def fill(self, heard: list[HeardDesk]) -> str:
        """Show ``heard``; returns the tab's title ("Skranker (3, 1 stille)")."""
        now = utc_now()
        self.setRowCount(len(heard))
        silent = 0
        for row, desk in enumerate(heard):
            quiet = is_silent(desk.last_push_at, now)
            silent += quiet
            local = to_local(desk.last_push_at)
            when = self.tr("{day} kl. {time} ({ago})").format(
                day=format_numeric_date(local.date(), self.language),
                time=local.strftime("%H:%M"),
                ago=self.ago_text(desk.last_push_at, now),
            )
            if quiet:
                when = self.tr("{when} – stille").format(when=when)
            cells = [
                desk.desk, desk.centre or "", municipality_name(desk.municipality), when,
                str(desk.last_sequence), desk.app_version,
            ]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if quiet:
                    item.setForeground(QBrush(SILENT))
                    item.setToolTip(self.tr("Ikke hørt fra i over en arbejdsdag"))
                self.setItem(row, column, item)
        if silent:
            return self.tr("Skranker ({n}, {silent} stille)").format(n=len(heard), silent=silent)
        return self.tr("Skranker ({n})").format(n=len(heard))

    def ago_text(self, then: datetime, now: datetime) -> str:
        """How long ago, in the words of the counter: "for 3 min. siden"."""
        seconds = (now - then).total_seconds()
        if seconds < 60:
            return self.tr("lige nu")
        if seconds < 3600:
            return self.tr("for {n} min. siden").format(n=int(seconds // 60))
        if seconds < 86400:
            return self.tr("for {n} t. siden").format(n=int(seconds // 3600))
        days = int(seconds // 86400)
        if days == 1:
            return self.tr("for 1 dag siden")
        return self.tr("for {n} dage siden").format(n=days)
