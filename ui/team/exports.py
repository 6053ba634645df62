"""The team view's exports: one menu, a file or folder asked for, the export run off the GUI
thread with a progress dialog that can cancel it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QPushButton, QWidget

from database.exporting import EXPORTERS, ExportRequest, ExportResult, run_export
from database.repository import ContactRepository
from skranke.catalog import Catalog
from skranke.costs import PriceTable
from skranke.formatting import format_number
from skranke.vocabulary import Vocabulary
from ui.tasks import run_task


class _ProgressReporter(QObject):
    """Carries progress from the worker to the dialog on the GUI thread (a queued signal)."""

    progressed = Signal(int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.progressed.connect(self._show)
        self._dialog = dialog

    def report(self, done: int, total: int) -> None:  # on the worker thread
        self.progressed.emit(done, total)

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))


class ExportMenu(QPushButton):
    """ "Eksportér …" with one entry per format.

    Signals:
        chosen(str): an export format was chosen.
    """

    chosen = Signal(str)

    def __init__(self, language: str) -> None:
        super().__init__(self.tr("&Eksportér …"))
        self.setObjectName("exportMenu")
        menu = QMenu(self)
        self.actions_by_format: dict[str, QAction] = {}
        for export_format, exporter in EXPORTERS.items():  # labels in both languages there
            action = menu.addAction(exporter.label(language) + " …")
            action.setObjectName(f"export_{export_format}")
            action.triggered.connect(lambda _=False, f=export_format: self.chosen.emit(f))
            self.actions_by_format[export_format] = action
        self.setMenu(menu)

    def ask_where(self, export_format: str) -> Path | None:
        exporter = EXPORTERS[export_format]
        if exporter.folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Vælg mappe til CSV-filerne"))
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Gem eksport"), f"skranke{exporter.suffix}", f"*{exporter.suffix}"
            )
        return Path(path) if path else None

    def run(
        self,
        request: ExportRequest,
        sources: tuple[ContactRepository, Vocabulary, Catalog, PriceTable],
        language: str,
        *,
        parent: QWidget,
        said: Callable[[str], None],
        failed: Callable[[BaseException], None],
    ) -> QProgressDialog:
        """Run an export off the GUI thread with a cancellable progress dialog; ``said``
        hears where it went, ``failed`` why it did not."""
        dialog = QProgressDialog(self.tr("Eksporterer …"), self.tr("Annullér"), 0, 0, parent)
        reporter = _ProgressReporter(dialog)
        dialog.setObjectName("exportProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        state = {"cancelled": False}
        dialog.canceled.connect(lambda: state.update(cancelled=True))
        repository, vocabulary, catalog, prices = sources

        def work() -> ExportResult:
            return run_export(
                request, repository, vocabulary, catalog, prices,
                progress=reporter.report, cancelled=lambda: state["cancelled"],
            )  # fmt: skip

        def done(result: ExportResult) -> None:
            dialog.reset()
            said(
                self.tr("Eksporteret {n} henvendelser til {path}").format(
                    n=format_number(result.contacts, 0, language), path=result.paths[0]
                )
            )

        def not_done(error: BaseException) -> None:
            dialog.reset()
            failed(error)

        run_task(work, done, not_done)
        return dialog
