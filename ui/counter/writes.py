"""The counter window's logging, undo and void: every key is taken, and every result shown.

A logging key takes the form as it is (choice, count, note, handouts, time, the hotline's
caller), puts one ``Log`` in the ``WriteQueue`` and resets the form at once, so the next key
starts from the common case while the desk's worker stores the first. The status bar says
how many are on their way ("Gemmer 3 …"). A write the database refuses (locked, full disk)
holds the queue: the banner says how many contacts are not saved yet, and they are tried
again every few seconds or at once with "Prøv igen". Nothing vanishes silently.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Slot

from skranke.contact import Contact, ContactChoice, clean_note, describe
from skranke.errors import CprLikeNoteError, NoteTooLongError, SkrankeError
from ui.counter.desk_worker import DeskWorker
from ui.counter.window_part import WindowPart
from ui.counter.write_queue import Done, Log, Undo, Void, Write, WriteQueue

if TYPE_CHECKING:
    from database.counter import CounterDesk
    from skranke.tally import DayTally
    from ui.counter_window import CounterWindow

RETRY_MS = 5000  # a held queue is tried again this often
RETRY_LINK = "retry"


def retryable(error: BaseException) -> bool:
    """The database's fault (locked, full, gone): worth another try. An impossible value or
    an unknown contact is not."""
    from database.errors import ContactNotFoundError, DatabaseError  # noqa: PLC0415

    return isinstance(error, DatabaseError) and not isinstance(error, ContactNotFoundError)


class CounterWrites(WindowPart):
    """The window's side of the ``WriteQueue``: what a key captures, and what staff see."""

    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)
        self.worker = DeskWorker(self)
        self.queue = WriteQueue(self.worker.submit, self, retryable)
        self.last_choice: ContactChoice | None = None  # what Ctrl+D pins
        self._warned_at_close = False
        self.retry_timer = QTimer(self)  # a held queue tries again by itself
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry)
        window.error_banner.linkActivated.connect(self._on_link)

    def attach(self, desk: CounterDesk) -> None:
        """The database is open: tile keys typed meanwhile get their area, and the queued
        writes start."""
        window = self._window
        unknown = self.queue.open(desk, lambda position: _area_id(window, position))
        if unknown:
            window.statusBar().showMessage(
                self.tr("{n} taster under opstarten havde intet sagsområde og er ikke "
                        "registreret.").format(n=len(unknown)),
                8000,
            )  # fmt: skip

    # ---- at the key ----------------------------------------------------------------------

    def log_tile(self, position: int) -> None:
        """A number key: the tile at ``position``; typed while the database opens, the
        tile is looked up once it is open."""
        window = self._window
        if not self.queue.is_open:
            self.log(window.form.choice(""), tile=position)
            return
        area = window.tiles_panel.area_at(position)
        if area is not None:
            self.log_area(area.id)

    @Slot(str)
    def log_area(self, area_id: str) -> None:
        """Log a contact about ``area_id`` with what the form shows."""
        self.log(self._window.form.choice(area_id))

    @Slot(str)
    def log_favourite(self, key: str) -> None:
        favourite = self._window.favourites.favourites().get(key)
        if favourite is None:
            self._window.statusBar().showMessage(
                self.tr("{key} er ledig. Gem en favorit med Ctrl+D efter en registrering.").format(
                    key=key
                ),
                5000,
            )
            return
        self.log(favourite.choice)

    def log(self, choice: ContactChoice, tile: int | None = None) -> None:
        """Take the form as it is now for one contact (or a batch) and start the next one."""
        window = self._window
        hotline = window.hotline_panel
        caller = None if hotline is None else hotline.require()
        if hotline is not None and caller is None:  # never the last caller's
            window.statusBar().showMessage(
                self.tr("Vælg først den opringendes kommune, så registreres opkaldet."), 6000
            )
            return
        form = window.form
        try:
            note = clean_note(form.note)  # refused here, with the note kept to edit
        except (CprLikeNoteError, NoteTooLongError) as error:
            self._note_refused(error)
            return
        count = form.count
        duration = window.stopwatch.elapsed_seconds() if count == 1 else None
        from datetime import UTC, datetime  # noqa: PLC0415 - after the first paint

        at = datetime.now(UTC)
        write = Log(choice, count, note, form.handouts.as_tuple(), duration, caller, tile, at)
        window.recent_panel.view.forget_selection()  # Delete now voids nothing chosen before
        window.reset_form()
        window.side_tabs.setCurrentWidget(window.recent_panel)  # the QR is gone; see the list
        self.queue.add(write)
        self._say_pending()

    @Slot()
    def undo(self) -> None:
        """Ctrl+Z: undoes, at its turn, the last contact logged before it."""
        self.queue.add(Undo())
        self._say_pending()

    @Slot(list)
    def void(self, targets: list[Contact]) -> None:
        """Void contacts staff chose in today's list (Delete)."""
        if not targets:
            self._window.statusBar().showMessage(
                self.tr("Vælg en eller flere henvendelser i listen for at annullere dem."), 5000
            )
            return
        self.queue.add(Void(tuple(contact.id for contact in targets)))
        self._say_pending()

    @Slot()
    def retry(self) -> None:
        self.retry_timer.stop()
        self.queue.retry()
        self._say_pending()

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if link == RETRY_LINK:
            self.retry()

    def _say_pending(self) -> None:
        queue, status = self.queue, self._window.statusBar()
        if queue.stalled is not None or not queue.pending:
            return
        if not queue.is_open:
            status.showMessage(
                self.tr("Databasen åbnes: {n} venter og gemmes, når den er åbnet.").format(
                    n=queue.pending
                )
            )
        elif queue.pending == 1:
            status.showMessage(self.tr("Gemmer …"))
        else:
            status.showMessage(self.tr("Gemmer {n} …").format(n=queue.pending))

    def _note_refused(self, error: SkrankeError) -> None:
        window = self._window
        window.show_banner(error_text(error))
        window.statusBar().showMessage(self.tr("Ikke gemt – se meddelelsen øverst."), 8000)
        note = window.details_box.note_edit
        note.setFocus()
        if isinstance(error, CprLikeNoteError):
            note.setSelection(error.start, error.end - error.start)

    # ---- the queue's listener: what the worker stored ---------------------------------------

    def written(self, done: Done) -> None:
        if isinstance(done.write, Log):
            self._logged(done.write.choice, done.contacts, done.tally)
        else:
            self._voided(done.write, done.contacts, done.tally)

    def _logged(
        self, choice: ContactChoice, contacts: list[Contact], tally: DayTally | None
    ) -> None:
        window = self._window
        window.error_banner.hide()
        first = contacts[0]
        if window.hotline_panel is not None:
            window.hotline_panel.show_logged(first.municipality, len(contacts))
        from skranke.favourites import as_logged  # noqa: PLC0415 - loaded with the panels

        self.last_choice = as_logged(choice, first)
        window.favourites_panel.can_pin = True
        window.recent_panel.model.prepend(contacts)
        window.recent_panel.view.scrollToTop()
        window.show_tally(tally)
        label = describe(first, window.vocabulary, window.language)
        if len(contacts) == 1:
            message = self.tr("✓ Registreret: {label}. Ctrl+Z fortryder.").format(label=label)
        else:
            message = self.tr("✓ Registreret {count} × {label}. Ctrl+Z fortryder.").format(
                count=len(contacts), label=label
            )
        self._said(message)

    def _voided(self, write: Write, voided: list[Contact], tally: DayTally | None) -> None:
        window = self._window
        if not voided:
            self._said(self.tr("Der er intet at fortryde."))
            return
        window.recent_panel.model.update(voided)
        window.show_tally(tally)
        verb = self.tr("Fortrudt") if isinstance(write, Undo) else self.tr("Annulleret")
        label = describe(voided[0], window.vocabulary, window.language)
        suffix = f" × {len(voided)}" if len(voided) > 1 else ""
        self._said(f"{verb}: {label}{suffix}")

    def _said(self, message: str) -> None:
        """A result, and how many writes still follow it."""
        waiting = self.queue.pending
        if waiting > 0:
            message += " " + self.tr("Gemmer {n} mere …").format(n=waiting)
        self._window.statusBar().showMessage(message, 8000)

    def refused(self, write: Write, error: BaseException) -> None:
        """A write that can never be stored (an impossible value): dropped, and said so."""
        window = self._window
        if not isinstance(error, SkrankeError):
            window.unexpected(error)
            return
        if isinstance(write, Log):
            text = self.tr("Henvendelsen er IKKE gemt. {reason}").format(reason=error_text(error))
            window.show_banner(text)
            window.statusBar().showMessage(self.tr("Ikke gemt – se meddelelsen øverst."), 8000)
        else:
            window.show_banner(error_text(error))
            window.statusBar().showMessage(
                self.tr("Intet er annulleret – se meddelelsen øverst."), 8000
            )

    def stalled(self, error: BaseException) -> None:
        """The database refused a write: it and those after it wait for a retry."""
        self._show_stalled()
        self.retry_timer.start()

    def changed(self) -> None:
        if self.queue.stalled is not None:
            self._show_stalled()  # more keys: the count of what is not saved grows

    def _show_stalled(self) -> None:
        import html  # noqa: PLC0415 - only when a write fails

        queue, window = self.queue, self._window
        error = queue.stalled
        reason = error_text(error) if isinstance(error, SkrankeError) else str(error)
        contacts, voids = queue.unsaved_contacts, queue.unsaved_voids
        if contacts == 1:
            text = self.tr("1 henvendelse er IKKE gemt endnu.")
        elif contacts:
            text = self.tr("{n} henvendelser er IKKE gemt endnu.").format(n=contacts)
        else:
            text = self.tr("Intet er annulleret endnu.")
        if contacts and voids:
            text += " " + self.tr("{n} annulleringer venter også.").format(n=voids)
        label = html.escape(self.tr("Prøv igen"))
        retry = self.tr("Skranke prøver igen om lidt, eller klik: {link}").format(
            link=f'<a href="{RETRY_LINK}">{label}</a>'
        )
        window.show_banner(f"{html.escape(text)} {html.escape(reason)}<br>{retry}")
        if contacts:
            message = self.tr("Ikke gemt – se meddelelsen øverst.")
        else:
            message = self.tr("Intet er annulleret – se meddelelsen øverst.")
        window.statusBar().showMessage(message)

    # ---- at close ------------------------------------------------------------------------

    def may_close(self, msecs: int) -> bool:
        """At close: store what is queued. If something cannot be stored, the window stays
        open once and the banner says what would be lost; closing again closes."""
        if self.flush(msecs) or self._warned_at_close:
            return True
        self._warned_at_close = True
        queue = self.queue
        text = self.tr(
            "{n} henvendelser og {m} annulleringer er IKKE gemt. Skranke prøver igen; lukker "
            "du vinduet en gang til, går de tabt."
        ).format(n=queue.unsaved_contacts, m=queue.unsaved_voids)
        self._window.show_banner(text)
        return False

    def flush(self, msecs: int) -> bool:
        """Store what is queued before the window closes (a held queue is tried once more).
        False: something could not be stored within ``msecs``."""
        deadline = time.monotonic() + msecs / 1000
        retried = False
        queue = self.queue
        while queue.pending and queue.is_open:
            if queue.stalled is not None:
                if retried:
                    break
                retried = True
                queue.retry()
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.worker.wait(int(left * 1000))
            QCoreApplication.processEvents()  # the result comes back; the next write starts
        return not queue.pending


def _area_id(window: CounterWindow, position: int) -> str | None:
    area = window.tiles_panel.area_at(position)
    return None if area is None else area.id


def error_text(error: SkrankeError) -> str:
    """The Danish words for ``error`` (``ui.messages``, loaded when first needed)."""
    from ui.messages import error_text as words  # noqa: PLC0415

    return words(error)
