"""The dark strip at the bottom: today's figures and the way to the team leader's view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from skranke.vocabulary import Vocabulary

if TYPE_CHECKING:
    from skranke.tally import DayTally


class TallyStrip(QFrame):
    """Today's total, per channel, and the share of assisted self-service.

    Signals:
        teamViewRequested(): "Ledelsesinformation" was clicked.
    """

    teamViewRequested = Signal()  # noqa: N815 - Qt naming

    def __init__(
        self, vocabulary: Vocabulary, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._language = language
        self.setObjectName("tallyStrip")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel(self.tr("I dag: …"))
        self.label.setObjectName("tallyLabel")
        self.label.setAccessibleName(self.tr("Dagens optælling"))
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.team_button = QPushButton(self.tr("Ledelsesinformation"))
        self.team_button.setObjectName("teamButton")
        self.team_button.setAccessibleName(self.tr("Åbn ledelsesinformation"))
        self.team_button.setToolTip(self.tr("Tal, grafer og eksport (Ctrl+L)"))
        self.team_button.clicked.connect(self.teamViewRequested)
        row.addWidget(self.team_button)

    def show_tally(self, tally: DayTally) -> None:
        self.label.setText(self.text(tally))

    def text(self, tally: DayTally) -> str:
        if tally.total == 1:
            parts = [self.tr("I dag: 1 henvendelse")]
        else:
            parts = [self.tr("I dag: {total} henvendelser").format(total=tally.total)]
        for channel in self._vocabulary.channels:
            count = tally.by_channel.get(channel.id, 0)
            if channel.primary or count:
                parts.append(f"{channel.label(self._language)} {count}")
        share = tally.assisted_share
        shown = "–" if share is None else f"{round(share * 100)} %"
        parts.append(self.tr("Hjælp til selvbetjening {share}").format(share=shown))
        return "   ·   ".join(parts)
