"""The details box below the outcome: the flags, lists, count and note that return to the
common case after each contact. Built after the window's first paint, with its widget classes
(``ui.counter.form_panels`` holds the rows the first paint shows)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from skranke.contact import MAX_BATCH, NOTE_MAX_LENGTH
from skranke.cpr import find_cpr_like
from skranke.form import ContactForm
from ui.counter.form_panels import quiet, repolish
from ui.reflow import columns_that_fit, flow_grid


class DetailsBox(QGroupBox):
    """The details that return to the common case after each contact.

    Signals:
        edited(): staff changed a flag, a list, the count or the note.
    """

    edited = Signal()

    def __init__(self, form: ContactForm, language: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Detaljer (nulstilles efter hver registrering)"), parent)
        self._form = form
        vocabulary = form.vocabulary
        self.setObjectName("detailsBox")
        self.assisted_box = self._check(
            self.tr("&Medbetjening"),
            "assistedBox",
            self.tr("Hjælp til selvbetjening (medbetjening)"),
            self.tr("Borgeren gjorde det selv på sin egen telefon eller pc, med hjælp"),
        )
        self.on_behalf_box = self._check(
            self.tr("F&uldmagt / pårørende"),
            "onBehalfBox",
            self.tr("På vegne af en anden (fuldmagt/pårørende)"),
        )
        self.exemption_box = self._check(
            self.tr("Fr&itagelse"),
            "exemptionBox",
            self.tr("Fritagelse"),
            self.tr("Borgeren blev fritaget for Digital Post eller digital selvbetjening"),
        )
        self.kind_combo = self._combo(
            "kindCombo",
            [(self.tr("Som området plejer"), None)]
            + [(kind.label(language), kind.id) for kind in vocabulary.kinds],
        )
        self.readiness_combo = self._combo(
            "readinessCombo",
            [(self.tr("Ikke vurderet"), None)]
            + [(term.label(language), term.id) for term in vocabulary.readiness],
        )
        self.requester_combo = self._combo(
            "requesterCombo",
            [(term.label(language), term.id) for term in vocabulary.requesters],
        )
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setAccessibleName(self.tr("Antal henvendelser, der registreres"))
        self.count_spin.setRange(1, MAX_BATCH)
        self.count_spin.setToolTip(self.tr("Flere ens henvendelser på én gang: tast + og −"))
        self.count_spin.setMinimumWidth(70)
        self.count_spin.valueChanged.connect(self._on_count)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(self.tr("Note (valgfri, aldrig CPR-nummer)"))
        self.note_edit.setPlaceholderText(self.tr("Valgfri kort note – aldrig navn eller CPR-nr."))
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH + 20)  # over-long notes get a clear message
        self.note_edit.textEdited.connect(self._on_note)
        # Room for the thicker red border of a refused note, so nothing below it moves.
        self.note_edit.ensurePolished()
        self.note_edit.setMinimumHeight(self.note_edit.sizeHint().height() + 4)
        # The hand-outs line keeps its room when empty, so the tiles below never move when a
        # QR code is shown.
        self.handouts_label = QLabel()
        self.handouts_label.setObjectName("handoutsLabel")
        self.handouts_label.setAccessibleName(self.tr("Udleveret ved denne henvendelse"))
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.handouts_label.setSizePolicy(policy)
        self.handouts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.handouts_label.ensurePolished()  # its own line even while empty (200 %: no spare)
        self.handouts_label.setMinimumHeight(self.handouts_label.fontMetrics().lineSpacing())
        self.handouts_label.hide()

        self._build_grid()
        self.refresh()

    def _build_grid(self) -> None:
        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            # A screen reader names the field by its label, not by the value it shows.
            buddy.setAccessibleName(text.replace("&", "").rstrip(":"))
            return widget

        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(10)
        self._pairs = [
            (label(self.tr("&Type:"), self.kind_combo), self.kind_combo),
            (label(self.tr("&Parathed:"), self.readiness_combo), self.readiness_combo),
            (label(self.tr("Henven&der:"), self.requester_combo), self.requester_combo),
        ]
        self._count_pair = (label(self.tr("&Antal:"), self.count_spin), self.count_spin)
        self._note_pair = (label(self.tr("&Note:"), self.note_edit), self.note_edit)
        self._columns = 0
        self._arrange(3)

    def _arrange(self, columns: int) -> None:
        """The flags and the lists ``columns`` to a row (three on a wide window, fewer when
        it is narrow, e.g. at 200 % scaling), then the count and the note, then hand-outs."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        checks = (self.assisted_box, self.on_behalf_box, self.exemption_box)
        for index, check in enumerate(checks):
            grid.addWidget(check, index // columns, (index % columns) * 2, 1, 2)
        row = flow_grid(grid, self._pairs, columns, (len(checks) + columns - 1) // columns)
        grid.addWidget(self._count_pair[0], row, 0)
        grid.addWidget(self._count_pair[1], row, 1)
        if columns == 1:
            row += 1
        grid.addWidget(self._note_pair[0], row, 0 if columns == 1 else 2)
        grid.addWidget(
            self._note_pair[1], row, 1 if columns == 1 else 3, 1, max(1, 2 * columns - 3)
        )
        grid.addWidget(self.handouts_label, row + 1, 0, 1, 2 * columns)
        self.updateGeometry()  # a new height: the column around makes room for it

    def minimumSizeHint(self) -> QSize:
        """As narrow as one flag or one list a row: the box reflows to the width it gets."""
        pairs = [*self._pairs, self._count_pair, self._note_pair]
        width = max(p[0].minimumSizeHint().width() for p in pairs) + 10
        width += max(p[1].minimumSizeHint().width() for p in pairs)
        checks = (self.assisted_box, self.on_behalf_box, self.exemption_box)
        width = max(width, *(check.minimumSizeHint().width() for check in checks))
        margins = self.contentsMargins()
        hint = super().minimumSizeHint()
        return QSize(width + margins.left() + margins.right() + 12, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width() - 12
        self._arrange(columns_that_fit(self._pairs, room, 3))

    def _check(self, text: str, name: str, accessible: str, tip: str = "") -> QCheckBox:
        check = QCheckBox(text)
        check.setObjectName(name)
        check.setAccessibleName(accessible)
        check.setToolTip(tip)
        check.toggled.connect(self._on_flags)
        return check

    def _combo(self, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)  # named by its label (``_build_grid``)
        # Narrower than its longest entry on a small screen (the open list shows it whole).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._on_lists)
        return combo

    def _widgets(self) -> tuple[QObject, ...]:
        return (
            self.assisted_box,
            self.on_behalf_box,
            self.exemption_box,
            self.kind_combo,
            self.readiness_combo,
            self.requester_combo,
            self.count_spin,
            self.note_edit,
        )

    @Slot()
    def _on_flags(self) -> None:
        self._form.assisted = self.assisted_box.isChecked()
        self._form.on_behalf = self.on_behalf_box.isChecked()
        self._form.exemption = self.exemption_box.isChecked()
        self.edited.emit()

    @Slot()
    def _on_lists(self) -> None:
        self._form.kind = self.kind_combo.currentData()
        self._form.readiness = self.readiness_combo.currentData()
        requester = self.requester_combo.currentData()
        if isinstance(requester, str):
            self._form.requester = requester
        self.edited.emit()

    @Slot(int)
    def _on_count(self, count: int) -> None:
        self._form.set_count(count)
        self.edited.emit()

    @Slot(str)
    def _on_note(self, text: str) -> None:
        self._form.note = text
        self._flag_note()
        self.edited.emit()

    def _flag_note(self) -> None:
        text = self.note_edit.text()
        flagged = find_cpr_like(text) is not None or len(text) > NOTE_MAX_LENGTH
        if self.note_edit.property("invalid") != flagged:
            self.note_edit.setProperty("invalid", flagged)
            repolish(self.note_edit)

    def refresh(self) -> None:
        form = self._form
        with quiet(*self._widgets()):
            self.assisted_box.setChecked(form.assisted)
            self.on_behalf_box.setChecked(form.on_behalf)
            self.exemption_box.setChecked(form.exemption)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(form.kind)))
            self.readiness_combo.setCurrentIndex(
                max(0, self.readiness_combo.findData(form.readiness))
            )
            self.requester_combo.setCurrentIndex(
                max(0, self.requester_combo.findData(form.requester))
            )
            self.count_spin.setValue(form.count)
            if self.note_edit.text() != form.note:
                self.note_edit.setText(form.note)
        self._flag_note()

    def show_handouts(self, titles: list[str]) -> None:
        text = self.tr("Udleveret til borgeren: {titles}").format(titles=", ".join(titles))
        self.handouts_label.setText(text)
        self.handouts_label.setToolTip(text)
        self.handouts_label.setVisible(bool(titles))
