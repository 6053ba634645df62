"""Favourites F1-F8: one key logs a whole pinned combination."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QMenu, QWidget

from skranke.contact import ContactChoice, describe
from skranke.favourites import Favourites
from skranke.settings import FAVOURITE_KEYS
from skranke.vocabulary import Vocabulary
from ui.counter.form_panels import repolish
from ui.messages import error_text
from ui.widgets import TwoLineButton

FAVOURITE_COLUMNS = 4


class FavouritesPanel(QGroupBox):
    """Eight buttons, one per F-key; right-click one to pin the last contact or remove it.

    Signals:
        favouriteChosen(str): a favourite was clicked (its key, "F1" …).
        pinRequested(str): put the last contact on this key.
        removeRequested(str): free this key.
    """

    favouriteChosen = Signal(str)  # noqa: N815 - Qt naming
    pinRequested = Signal(str)  # noqa: N815
    removeRequested = Signal(str)  # noqa: N815

    def __init__(
        self, vocabulary: Vocabulary, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Favoritter – én tast registrerer hele kombinationen"), parent)
        self.setObjectName("favouritesBox")
        self._vocabulary = vocabulary
        self._language = language
        self._favourites = Favourites(())
        self.can_pin = False
        grid = QGridLayout(self)
        grid.setSpacing(6)
        self.buttons: dict[str, TwoLineButton] = {}
        for position, key in enumerate(FAVOURITE_KEYS):
            button = TwoLineButton("", key, max_points=11, min_points=9.5, bold=False)
            button.setObjectName(f"favourite_{key}")
            button.setProperty("favourite", True)
            button.setMinimumHeight(54)
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            button.customContextMenuRequested.connect(
                lambda pos, slot=key: self._show_menu(slot, pos)
            )
            button.clicked.connect(lambda _=False, slot=key: self.favouriteChosen.emit(slot))
            self.buttons[key] = button
            grid.addWidget(button, position // FAVOURITE_COLUMNS, position % FAVOURITE_COLUMNS)
        buttons = list(self.buttons.values())
        TwoLineButton.share_font(
            [
                buttons[start : start + FAVOURITE_COLUMNS]
                for start in range(0, len(buttons), FAVOURITE_COLUMNS)
            ]
        )

    def show_favourites(self, favourites: Favourites) -> None:
        self._favourites = favourites
        broken = favourites.problems(self._vocabulary)
        for key, button in self.buttons.items():
            favourite = favourites.get(key)
            if favourite is None:
                button.set_label(self.tr("ledig"))
                button.setAccessibleName(self.tr("Favorit {key}: ledig").format(key=key))
                button.setToolTip(self.tr("Gem seneste henvendelse her: højreklik"))
            elif key in broken:
                button.set_label(self.tr("ugyldig"))
                button.setAccessibleName(self.tr("Favorit {key}: ugyldig").format(key=key))
                button.setToolTip(error_text(broken[key]))
            else:
                label = describe(favourite.choice, self._vocabulary, self._language)
                button.set_label(self._label(favourite.choice))
                button.setAccessibleName(
                    self.tr("Favorit {key}: {label}").format(key=key, label=label)
                )
                button.setToolTip(self.tr("{label} ({key})").format(label=label, key=key))
            button.setProperty("empty", favourite is None or key in broken)
            button.setEnabled(key not in broken)
            repolish(button)

    def _label(self, choice: ContactChoice) -> str:
        vocabulary, language = self._vocabulary, self._language
        area = vocabulary.area(choice.area).label(language)
        channel = vocabulary.channel(choice.channel).short_label(language)
        outcome = vocabulary.outcome(choice.outcome).short_label(language)
        return f"{area}\n{channel} · {outcome}"

    @Slot(str, QPoint)
    def _show_menu(self, key: str, _pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("favouriteMenu")
        pin = menu.addAction(self.tr("Gem seneste henvendelse på {key}").format(key=key))
        pin.setEnabled(self.can_pin)
        pin.triggered.connect(lambda: self.pinRequested.emit(key))
        remove = menu.addAction(self.tr("Fjern favorit {key}").format(key=key))
        remove.setEnabled(self._favourites.get(key) is not None)
        remove.triggered.connect(lambda: self.removeRequested.emit(key))
        button = self.buttons[key]
        menu.popup(button.mapToGlobal(button.rect().center()))
