"""The form above the tiles: channel row and outcome box (the details box is in
``ui.counter.details_box``: it is built after the window's first paint).

Each panel shows a ``skranke.form.ContactForm`` and writes what staff choose into it; the
rules (the outcome pre-sets the flags, the reset after each contact) live in the form.
``refresh()`` shows the form as it is without emitting anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from skranke.form import ContactForm
from skranke.stopwatch import format_duration
from ui.reflow import FlowLayout


@contextmanager
def quiet(*objects: QObject) -> Iterator[None]:
    """Show the form's values without the widgets reporting them as staff's choices."""
    before = [item.blockSignals(True) for item in objects]
    try:
        yield
    finally:
        for item, was in zip(objects, before, strict=True):
            item.blockSignals(was)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ChannelRow(QWidget):
    """The channel switch (it stays as staff left it), the timer and "Ny borger".

    Built before the window's first paint, without ``Qt`` (the enum namespace: its first use
    costs ~40 ms); the widgets after the paint may use it.

    Signals:
        edited(): staff chose a channel.
        newCitizen(): "Ny borger" was clicked.
    """

    edited = Signal()
    newCitizen = Signal()  # noqa: N815 - Qt naming

    def __init__(self, form: ContactForm, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = form
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        # The channels wrap onto a second row when the window is narrow (200 % scaling);
        # the timer and "Ny borger" keep their place at the right.
        channels = QWidget()
        flow = FlowLayout(channels)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for number, channel in enumerate(form.vocabulary.channels, start=1):
            label = channel.label(language)
            button = QPushButton(label)
            button.setCheckable(True)
            button.setObjectName(f"channel_{channel.id}")
            button.setProperty("primary", channel.primary)
            button.setAccessibleName(self.tr("Kanal: {channel}").format(channel=label))
            if number <= 9:
                button.setToolTip(self.tr("Ctrl+{n}").format(n=number))
            button.setMinimumHeight(48 if channel.primary else 36)
            button.setMinimumWidth(120 if channel.primary else 64)
            self.group.addButton(button)
            self.buttons[channel.id] = button
            flow.addWidget(button)
        row.addWidget(channels, 1)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("timerLabel")
        self.timer_label.setProperty("running", False)  # styled from the first paint on
        self.timer_label.setAccessibleName(self.tr("Ekspeditionstid"))
        self.timer_label.setToolTip(
            self.tr("Tiden for den igangværende henvendelse. Starter ved 'Ny borger' (Ctrl+N)")
        )
        row.addWidget(self.timer_label)
        self.new_citizen_button = QPushButton(self.tr("Ny borger"))
        self.new_citizen_button.setObjectName("newCitizenButton")
        self.new_citizen_button.setAccessibleName(self.tr("Ny borger: start tiden forfra"))
        self.new_citizen_button.setToolTip(self.tr("Start tiden forfra (Ctrl+N)"))
        self.new_citizen_button.setMinimumHeight(40)
        self.new_citizen_button.clicked.connect(self.newCitizen)
        row.addWidget(self.new_citizen_button)
        self.group.buttonToggled.connect(self._on_toggled)
        self.refresh()

    @Slot(QAbstractButton, bool)
    def _on_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._form.choose_channel(self._id_of(button))
            self.edited.emit()

    def _id_of(self, button: QAbstractButton) -> str:
        return next(cid for cid, candidate in self.buttons.items() if candidate is button)

    def refresh(self) -> None:
        with quiet(self.group):
            self.buttons[self._form.channel].setChecked(True)

    def show_time(self, elapsed_seconds: int | None) -> None:
        self.timer_label.setText(
            self.tr("Tid {time}").format(time=format_duration(elapsed_seconds))
        )
        running = elapsed_seconds is not None
        if self.timer_label.property("running") != running:
            self.timer_label.setProperty("running", running)
            repolish(self.timer_label)


class OutcomeBox(QGroupBox):
    """The outcome of the contact, one button each (Alt+letter).

    Signals:
        edited(): staff chose an outcome (the form has pre-set the flags).
    """

    edited = Signal()

    def __init__(self, form: ContactForm, language: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Udfald"), parent)
        self._form = form
        self.setObjectName("outcomeBox")
        row = FlowLayout(self, justify=True)  # more rows when the window is narrow
        row.setContentsMargins(9, 9, 9, 9)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        mnemonics = {
            "handled_by_staff": self.tr("&Ekspederet"),
            "assisted_self_service": self.tr("&Hjælp til selvbetjening"),
            "referred_to_self_service": self.tr("Henvist til &selvbetjening"),
            "referred_elsewhere": self.tr("Henvist &videre"),
            "exempted": self.tr("F&ritaget"),
        }
        for outcome in form.vocabulary.outcomes:
            text = outcome.label(language)
            button = QPushButton(mnemonics.get(outcome.id, text))  # translated, with Alt letter
            button.setCheckable(True)
            button.setObjectName(f"outcome_{outcome.id}")
            button.setAccessibleName(self.tr("Udfald: {outcome}").format(outcome=text))
            button.setToolTip(text)
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            self.group.addButton(button)
            self.buttons[outcome.id] = button
            row.addWidget(button)
        self.group.buttonToggled.connect(self._on_toggled)
        self.refresh()

    @Slot(QAbstractButton, bool)
    def _on_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            outcome = next(oid for oid, candidate in self.buttons.items() if candidate is button)
            self._form.choose_outcome(outcome)
            self.edited.emit()

    def refresh(self) -> None:
        with quiet(self.group):
            self.buttons[self._form.outcome].setChecked(True)
