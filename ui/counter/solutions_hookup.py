"""Self-service solutions at the counter: the search, the citizen screen and the sheets.

A solution found in the search is shown to the citizen as a QR code (and recorded on the
contact); its guidance sheet can be previewed and printed (Ctrl+P). The catalogue arrives
with the database, after the window is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from ui.counter.window_part import WindowPart

if TYPE_CHECKING:
    from skranke.catalog import Catalog, Solution
    from skranke.errors import Problem
    from skranke.search import SolutionIndex
    from skranke.sheets import Sender
    from ui.citizen_screen import CitizenScreen
    from ui.counter_window import CounterWindow
    from ui.sheet_dialog import SheetDialog


class SolutionsHookup(WindowPart):
    """The window's search results, citizen screen and guidance sheets."""

    def __init__(self, window: CounterWindow, catalog: Catalog | None) -> None:
        super().__init__(window)
        self._catalog = catalog
        self._citizen_screen: CitizenScreen | None = None

    @property
    def catalog(self) -> Catalog:
        """The self-service catalogue (empty until it is read with the database)."""
        if self._catalog is None:
            from skranke.catalog import Catalog  # noqa: PLC0415

            self._catalog = Catalog(())
        return self._catalog

    @property
    def citizen_screen(self) -> CitizenScreen:
        if self._citizen_screen is None:
            from ui.citizen_screen import CitizenScreen  # noqa: PLC0415

            self._citizen_screen = CitizenScreen(
                self._window.store.current.citizen_screen_clear_seconds, self._window.language
            )
        return self._citizen_screen

    def clear_citizen_screen(self) -> None:
        if self._citizen_screen is not None:
            self._citizen_screen.clear()

    @Slot(object)
    def show_to_citizen(self, solution: Solution) -> None:
        """Show the QR on the citizen screen, record it on the contact, and give the keyboard
        back to the counter: the next key logs the contact."""
        window = self._window
        window.solution_panel.display(solution)
        self.citizen_screen.show_solution(solution)
        window.form.show_solution(solution.id)
        window.on_form_edited()
        window.keyboard.focus_counter()
        window.statusBar().showMessage(
            self.tr("QR-koden til {title} vises for borgeren.").format(
                title=solution.title(window.language)
            ),
            6000,
        )

    @Slot()
    def show_current(self) -> None:
        shown = self._window.solution_panel.shown
        if shown is not None:
            self.show_to_citizen(shown)
        else:
            self._window.keyboard.focus_search()

    def set_catalog(self, catalog: Catalog) -> None:
        """The catalogue arrives with the database, after the window is shown."""
        self._catalog = catalog
        panel = self._window.built_solution_panel
        if panel is not None:  # else the window's _build_rest indexes it
            panel.set_index(self.index())

    def index(self) -> SolutionIndex:
        from skranke.search import SolutionIndex  # noqa: PLC0415

        return SolutionIndex(self.catalog, self._window.vocabulary, self._window.language)

    def show_catalog_problems(self, problems: Sequence[Problem]) -> None:
        from ui.messages import problem_text  # noqa: PLC0415

        lines = [
            self.tr(
                "Kataloget over selvbetjeningsløsninger har fejl; de berørte filer er sprunget "
                "over, og Skranke bruger resten (kontrollér med 'skranke catalog check'):"
            )
        ]
        lines += [problem_text(problem) for problem in problems[:5]]
        if len(problems) > 5:
            lines.append(self.tr("… og {n} fejl mere.").format(n=len(problems) - 5))
        self._window.show_banner("\n".join(lines))

    def sheet_sender(self) -> Sender:
        from skranke.sheets import Sender  # noqa: PLC0415

        municipality_code = self._window.municipality_code
        return Sender(self.catalog.issuer_name(municipality_code), self.catalog.contact)

    @Slot()
    def open_sheet(self) -> SheetDialog | None:
        """Preview and print the guidance sheet of the solution on screen (Ctrl+P)."""
        from ui.sheet_dialog import SheetDialog, system_printer  # noqa: PLC0415

        window = self._window
        solution = window.solution_panel.shown
        if solution is None:
            window.statusBar().showMessage(
                self.tr(
                    "Find først en løsning (skriv fx 'flyt'); så kan dens vejledning udskrives."
                ),
                6000,
            )
            window.keyboard.focus_search()
            return None
        dialog = SheetDialog(
            solution,
            self.sheet_sender(),
            language=window.language,
            store=window.store,
            printer_factory=window.printer_factory or system_printer,
            parent=window,
        )
        dialog.printed.connect(self._sheet_printed)
        dialog.finished.connect(self._back_from_dialog)
        dialog.open()
        return dialog

    @Slot()
    def _back_from_dialog(self) -> None:
        """The sheet dialog closed: the counter window has the keyboard again."""
        self._window.activateWindow()
        self._window.keyboard.focus_counter()

    @Slot(object)
    def _sheet_printed(self, solution: Solution) -> None:
        window = self._window
        window.form.print_sheet(solution.id)
        self.update_handouts_label()
        window.statusBar().showMessage(
            self.tr("Vejledningen til {title} er udskrevet.").format(
                title=solution.title(window.language)
            ),
            6000,
        )

    def update_handouts_label(self) -> None:
        window = self._window
        titles = []
        for handout in window.form.handouts.items:
            solution = self.catalog.get(handout.solution)
            title = solution.title(window.language) if solution else handout.solution
            if handout.how == "sheet":
                title = self.tr("{title} (udskrevet)").format(title=title)
            titles.append(title)
        window.details_box.show_handouts(titles)
