"""The team view's key figures in one line, and the what-if sum: "moving X % of area Y's
in-person transactions to self-service saves Z kr. a year"."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from skranke.costs import CostEstimate, PriceTable, what_if_moving
from skranke.errors import SkrankeError
from skranke.formatting import (
    format_duration,
    format_money,
    format_number,
    format_percent,
    percent_suffix,
)
from skranke.report import Tally
from skranke.vocabulary import Vocabulary
from ui.messages import error_text

MIN_TIMED = 10  # fewer contacts with a handling time than this give no average or median


class KeyFigures(QLabel):
    """Contacts, the outcome shares, referrals, handling time and channel cost."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.setObjectName("keyFigures")
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Nøgletal"))

    def show_figures(self, tally: Tally, cost: CostEstimate) -> None:
        self.setText(self.figures_text(tally, cost))

    def figures_text(self, tally: Tally, cost: CostEstimate) -> str:
        lang = self.language
        parts = [
            self.tr("<b>{n}</b> henvendelser").format(n=format_number(tally.total, 0, lang)),
            self.tr("hjælp til selvbetjening <b>{s}</b>").format(
                s=format_percent(tally.assisted_share, 1, lang)
            ),
            self.tr("ekspederet af medarbejder <b>{s}</b>").format(
                s=format_percent(tally.handled_by_staff_share, 1, lang)
            ),
            self.tr("henvist videre <b>{n}</b>").format(n=format_number(tally.referrals, 0, lang)),
            self.handling_time_text(tally),
            self.tr("anslået kanalomkostning <b>{amount}</b>").format(
                amount=format_money(cost.total, 0, lang)
            ),
        ]
        return " · ".join(parts)

    def handling_time_text(self, tally: Tally) -> str:
        """Average and median handling time, saying how many contacts they rest on; none
        when fewer than :data:`MIN_TIMED` contacts were timed."""
        timed = format_number(tally.timed, 0, self.language)
        if tally.timed < MIN_TIMED:
            return self.tr("ekspeditionstid: for få med tid ({timed} af {n})").format(
                timed=timed, n=format_number(tally.total, 0, self.language)
            )
        return self.tr(
            "ekspeditionstid gns. <b>{average}</b>, median <b>{median}</b> (af {timed} med tid)"
        ).format(
            average=format_duration(tally.average_seconds),
            median=format_duration(tally.median_seconds),
            timed=timed,
        )


class WhatIf(QWidget):
    """The choices on one line, the answer on the next (it is a sentence of its own)."""

    def __init__(self, vocabulary: Vocabulary, price_table: PriceTable, language: str) -> None:
        super().__init__()
        self.vocabulary, self.price_table, self.language = vocabulary, price_table, language
        self.tally: Tally | None = None
        row = QHBoxLayout()
        self.share = QSpinBox()
        self.share.setObjectName("whatIfShare")
        self.share.setAccessibleName(self.tr("Andel der flyttes til selvbetjening"))
        self.share.setRange(0, 100)
        self.share.setSuffix(percent_suffix(language))
        self.share.setValue(25)
        self.area = QComboBox()
        self.area.setObjectName("whatIfArea")
        self.area.setAccessibleName(self.tr("Sagsområde for beregningen"))
        for area in vocabulary.visible_areas:
            self.area.addItem(area.label(language), area.id)
        self.result = QLabel()
        self.result.setObjectName("whatIfResult")
        self.result.setWordWrap(True)
        self.share.valueChanged.connect(self.update_sum)
        self.area.currentIndexChanged.connect(self.update_sum)
        row.addWidget(QLabel(self.tr("Hvis")))
        row.addWidget(self.share)
        row.addWidget(QLabel(self.tr("af de personlige sagsbehandlinger om")))
        row.addWidget(self.area)
        row.addWidget(QLabel(self.tr("flyttes til selvbetjening:")))
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.result)

    def show_tally(self, tally: Tally) -> None:
        self.tally = tally
        self.update_sum()

    @Slot()
    def update_sum(self) -> None:
        if self.tally is None:
            return
        try:
            estimate = what_if_moving(
                self.tally,
                self.area.currentData(),
                Decimal(self.share.value()),
                self.price_table,
                self.vocabulary,
            )
        except SkrankeError as error:
            self.result.setText(error_text(error))
            return
        lang = self.language
        self.result.setText(
            self.tr(
                "<b>ca. {amount} om året</b> ({moved} af {yearly} om året, "
                "{saved} sparet pr. henvendelse; kanalpriser {year})"
            ).format(
                amount=format_money(estimate.saving_per_year, 0, lang),
                moved=format_number(estimate.moved_per_year, 0, lang),
                yearly=format_number(estimate.yearly_transactions, 0, lang),
                saved=format_money(estimate.in_person_price - estimate.self_service_price, 0, lang),
                year=self.price_table.year,
            )
        )
