"""The team view's choices: a period (or two dates) and filters by centre, desk, channel,
area and outcome, reflowed into as many columns as the window's width has room for."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QSizePolicy, QWidget

from database.team import HeardDesk
from skranke.clock import local_today
from skranke.errors import SkrankeError
from skranke.municipalities import municipality
from skranke.report import Filters, Period
from skranke.vocabulary import Vocabulary
from ui.reflow import columns_that_fit, flow_grid

PERIODS = ("today", "week", "last_week", "month", "last_month", "year", "custom")
DEFAULT_PERIOD = "month"
KEY = "\x1f"  # between a municipality and a desk (or a centre) in a choice's data


def period_for(choice: str, today: date, first: date, last: date) -> Period:
    """The period a team leader means by each choice, in local calendar days."""
    if choice == "today":
        return Period.day(today)
    if choice == "week":
        return Period.week(today)
    if choice == "last_week":
        return Period.week(today - timedelta(days=7))
    if choice == "month":
        return Period.month(today)
    if choice == "last_month":
        return Period.month(today.replace(day=1) - timedelta(days=1))
    if choice == "year":
        return Period.year(today.year)
    return Period.custom(first, last)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def municipality_name(code: str) -> str:
    try:
        return municipality(code).name
    except SkrankeError:
        return code


class ChoicesBar(QWidget):
    """The period and the filters; its width never holds the window wider (the rows are
    reflowed to the width instead).

    Signals:
        changed(): a choice changed (count again).
    """

    changed = Signal()

    def __init__(
        self, vocabulary: Vocabulary, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.language = language
        labels = [
            self.tr("I dag"), self.tr("Denne uge"), self.tr("Sidste uge"),
            self.tr("Denne måned"), self.tr("Sidste måned"), self.tr("I år"),
            self.tr("Vælg datoer"),
        ]  # fmt: skip
        self.period_combo = self._combo("periodCombo", list(zip(labels, PERIODS, strict=True)))
        self.period_combo.setAccessibleName(self.tr("Periode"))
        self.period_combo.setCurrentIndex(PERIODS.index(DEFAULT_PERIOD))
        self.first_edit, self.last_edit = QDateEdit(), QDateEdit()
        locale = (
            QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
            if language == "en"
            else QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
        )
        for edit, name in ((self.first_edit, "firstDate"), (self.last_edit, "lastDate")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setLocale(locale)
            edit.calendarWidget().setLocale(locale)  # its month and weekday names
            edit.calendarWidget().setFirstDayOfWeek(locale.firstDayOfWeek())  # Monday
            edit.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
            edit.dateChanged.connect(self.changed)
        self.show_period(Period.month(local_today()))
        self.first_edit.setAccessibleName(self.tr("Fra dato"))
        self.last_edit.setAccessibleName(self.tr("Til dato"))
        every = self.tr("Alle")
        v, lang = vocabulary, language
        self.desk_combo = self._combo(
            "deskFilter", [(every, None)]
        )  # the desks arrive with the first count: reading them scans the contacts
        self.centre_combo = self._combo("centreFilter", [(every, None)])
        self.channel_combo = self._combo(
            "channelFilter", [(every, None)] + [(c.label(lang), c.id) for c in v.channels]
        )
        self.area_combo = self._combo(
            "areaFilter", [(every, None)] + [(a.label(lang), a.id) for a in v.visible_areas]
        )
        self.outcome_combo = self._combo(
            "outcomeFilter", [(every, None)] + [(o.label(lang), o.id) for o in v.outcomes]
        )
        pairs = [
            (self.tr("Periode:"), self.period_combo),
            (self.tr("Fra:"), self.first_edit),
            (self.tr("Til:"), self.last_edit),
            (self.tr("Afdeling:"), self.centre_combo),
            (self.tr("Skranke:"), self.desk_combo),
            (self.tr("Kanal:"), self.channel_combo),
            (self.tr("Område:"), self.area_combo),
            (self.tr("Udfald:"), self.outcome_combo),
        ]
        self._pairs: list[tuple[QWidget, ...]] = []
        for text, widget in pairs:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(widget.accessibleName() or text.rstrip(":"))
            self._pairs.append((label, widget))
        self.columns = self._pairs_shown = 0

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)  # long names are shown in the open list
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def flow(self, room: int) -> None:
        """As many label-and-field pairs side by side as ``room`` pixels have room for (at
        200 % a 1920-pixel screen is 960 wide); the centre filter only where desks have
        pushed."""
        centres = self.centre_combo.count() > 1
        shown = [pair for pair in self._pairs if pair[1] is not self.centre_combo or centres]
        columns = columns_that_fit(shown, room, 4)
        if (columns, len(shown)) == (self.columns, self._pairs_shown):
            return
        self.columns, self._pairs_shown = columns, len(shown)
        self.centre_combo.setVisible(centres)
        self._pairs[3][0].setVisible(centres)
        while self._grid.count():
            self._grid.takeAt(0)
        flow_grid(self._grid, shown, columns)

    @property
    def custom(self) -> bool:
        return bool(self.period_combo.currentData() == "custom")

    def period(self) -> Period:
        return period_for(
            self.period_combo.currentData(),
            local_today(),
            _day(self.first_edit),
            _day(self.last_edit),
        )

    def choose_period(self, choice: str) -> None:
        """Start with ``choice`` (the one remembered from the last time), if it is one."""
        if choice in PERIODS:
            self.period_combo.setCurrentIndex(PERIODS.index(choice))

    def filters(self, heard: list[HeardDesk]) -> Filters:
        def one(combo: QComboBox) -> frozenset[str] | None:
            value = combo.currentData()
            return None if value is None else frozenset({value})

        desks, municipalities = self._desk_filter(heard)
        return Filters(
            desks=desks,
            channels=one(self.channel_combo),
            areas=one(self.area_combo),
            outcomes=one(self.outcome_combo),
            municipalities=municipalities,
        )

    def _desk_filter(
        self, heard: list[HeardDesk]
    ) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        """The desk names and municipalities the desk and centre choices mean. Desks that
        pushed here are chosen by municipality and name (names repeat across
        municipalities), a centre per municipality, so the pair of sets is exact."""
        desk, centre = self.desk_combo.currentData(), self.centre_combo.currentData()
        if desk is None and centre is None:
            return None, None
        if centre is None:
            if KEY not in desk:  # a desk's own file: its names only
                return frozenset({desk}), None
            code, name = desk.split(KEY)
            return frozenset({name}), frozenset({code})
        centre_name, code = centre.split(KEY)
        names = {d.desk for d in heard if d.municipality == code and d.centre == centre_name}
        if desk is not None:
            names &= {desk.split(KEY)[1]} if desk.startswith(code + KEY) else set()
        return frozenset(names), frozenset({code})

    def show_period(self, period: Period) -> None:
        """The date fields show the period counted, whichever way it was chosen."""
        for edit, day in ((self.first_edit, period.first), (self.last_edit, period.last)):
            edit.blockSignals(True)  # showing a preset's dates is no choice of dates
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    @Slot()
    def enable_dates(self) -> None:
        self.first_edit.setEnabled(self.custom)
        self.last_edit.setEnabled(self.custom)

    def show_desks(self, desks: list[str], heard: list[HeardDesk]) -> None:
        """The desk (and centre) choices: the desks heard from, else the desk names."""
        if heard:
            every = [(f"{d.desk} ({municipality_name(d.municipality)})",
                      d.municipality + KEY + d.desk) for d in heard]  # fmt: skip
            centres = sorted(
                {(d.centre, d.municipality) for d in heard if d.centre},
                key=lambda c: (c[0] or "", c[1]),
            )
            named = {c for c, _ in centres}
            self._add_choices(
                self.centre_combo,
                [(c if sum(1 for n, _ in centres if n == c) == 1 and c in named
                  else f"{c} ({municipality_name(m)})", f"{c}{KEY}{m}")
                 for c, m in centres],
            )  # fmt: skip
            self._add_choices(self.desk_combo, every)
        else:
            self._add_choices(self.desk_combo, [(d, d) for d in desks])

    @staticmethod
    def _add_choices(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        known = {combo.itemData(i) for i in range(combo.count())}
        combo.blockSignals(True)  # a new desk in the list is no new choice
        for text, data in items:
            if data not in known:
                combo.addItem(text, data)
        combo.blockSignals(False)
