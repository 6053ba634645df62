"""Table model of today's contacts at this desk, newest first (a thin adapter)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from skranke.clock import to_local
from skranke.contact import Contact
from skranke.errors import UnknownMunicipalityError
from skranke.municipalities import municipality
from skranke.stopwatch import format_duration
from skranke.vocabulary import Vocabulary

_Index = QModelIndex | QPersistentModelIndex


class RecentContactsModel(QAbstractTableModel):
    COLUMNS = ("time", "area", "channel", "outcome", "assisted")

    def __init__(
        self,
        vocabulary: Vocabulary,
        language: str = "da",
        parent: QObject | None = None,
        *,
        callers: bool = False,
    ) -> None:
        """``callers``: the shared hotline's desk, where each call carries the caller's
        municipality: a column shows it, so a wrong one is seen (and undone) at once."""
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._language = language
        self._contacts: list[Contact] = []
        self.columns: tuple[str, ...] = self.COLUMNS + (("caller",) if callers else ())
        self._headers = (
            self.tr("Kl."),
            self.tr("Område"),
            self.tr("Kanal"),
            self.tr("Udfald"),
            self.tr("Medb."),
            self.tr("Kommune"),
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def contact(self, row: int) -> Contact:
        return self._contacts[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._contacts[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(contact, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:  # struck-through text is not read aloud
            text = self._display(contact, column)
            return self.tr("{text} (annulleret)").format(text=text) if contact.voided else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(contact)
        if role == Qt.ItemDataRole.ForegroundRole and contact.voided:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.FontRole and contact.voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return str(contact.id)
        return None

    def _tooltip(self, contact: Contact) -> str:
        vocabulary, language = self._vocabulary, self._language
        lines = [
            vocabulary.area(contact.area).label(language),
            vocabulary.channel(contact.channel).label(language),
            vocabulary.kind(contact.kind).label(language),
            vocabulary.outcome(contact.outcome).label(language),
        ]
        if contact.duration_seconds is not None:
            duration = format_duration(contact.duration_seconds)
            lines.append(self.tr("Ekspeditionstid {duration}").format(duration=duration))
        if contact.voided_at is not None:
            when = to_local(contact.voided_at).strftime("%H:%M")
            lines.append(self.tr("Annulleret kl. {time}").format(time=when))
        return "\n".join(lines)

    def _display(self, contact: Contact, column: str) -> str:
        vocabulary, language = self._vocabulary, self._language
        if column == "time":
            return to_local(contact.logged_at).strftime("%H:%M")
        if column == "channel":
            return vocabulary.channel(contact.channel).label(language)
        if column == "area":
            return vocabulary.area(contact.area).label(language)
        if column == "outcome":
            return vocabulary.outcome(contact.outcome).short_label(language)
        if column == "caller":
            return _municipality_name(contact.municipality)
        return "✓" if contact.assisted else ""

    def reset(self, contacts: Sequence[Contact]) -> None:
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def prepend(self, contacts: Sequence[Contact]) -> None:
        """New contacts go on top (newest first)."""
        if not contacts:
            return
        self.beginInsertRows(QModelIndex(), 0, len(contacts) - 1)
        self._contacts[0:0] = sorted(contacts, key=lambda c: c.logged_at, reverse=True)
        self.endInsertRows()

    def update(self, contacts: Sequence[Contact]) -> None:
        """Replace rows with changed versions (e.g. voided) of the same contacts."""
        changed = {contact.id: contact for contact in contacts}
        for row, old in enumerate(self._contacts):
            if old.id in changed:
                self._contacts[row] = changed[old.id]
                left = self.index(row, 0)
                right = self.index(row, len(self.columns) - 1)
                self.dataChanged.emit(left, right)

    def row_of(self, contact_id: uuid.UUID) -> int | None:
        for row, contact in enumerate(self._contacts):
            if contact.id == contact_id:
                return row
        return None


def _municipality_name(code: str) -> str:
    try:
        return municipality(code).name
    except UnknownMunicipalityError:
        return code
