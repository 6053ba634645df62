"""Danish wording of the typed errors the core and the database raise.

Used by the window and by the command line, so a user reads the same sentence in both.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from database.errors import (
    ContactNotFoundError,
    DatabaseConstraintError,
    DatabaseError,
    DatabaseFullError,
    DatabaseIOError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    DatabaseUrlError,
    NotADatabaseError,
    SchemaTooNewError,
)
from skranke.contact import DESK_MAX_LENGTH
from skranke.errors import (
    CprLikeNoteError,
    DataFileError,
    InvalidContactError,
    NoteTooLongError,
    PrintError,
    Problem,
    SettingsError,
    SettingsWriteError,
    SkrankeError,
    UnknownMunicipalityError,
    VocabularyError,
)
from skranke.exporters import (
    EXPORTERS,
    CounterContactsInHotlineError,
    ExportPeriodTooLongError,
    ExportSuffixError,
)
from skranke.report import FIRST_DAY, LAST_DAY, InvalidPeriodError, PeriodOutOfRangeError


def _tr(text: object) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP (typed as object by PySide6)."""
    return QCoreApplication.translate("messages", str(text))


_PROBLEM_TEXT = {
    "syntax": QT_TRANSLATE_NOOP("messages", "er ikke gyldig TOML: {detail}"),
    "missing": QT_TRANSLATE_NOOP("messages", "mangler"),
    "wrong_type": QT_TRANSLATE_NOOP("messages", "har forkert type (skal være {detail})"),
    "empty": QT_TRANSLATE_NOOP("messages", "er tom"),
    "duplicate": QT_TRANSLATE_NOOP("messages", "gentager id'et '{detail}', som allerede er brugt"),
    "unknown_reference": QT_TRANSLATE_NOOP("messages", "henviser til '{detail}', som ikke findes"),
    "not_allowed": QT_TRANSLATE_NOOP("messages", "er ikke tilladt her"),
    "invalid": QT_TRANSLATE_NOOP("messages", "er ugyldig (tilladt: {detail})"),
    "not_found": QT_TRANSLATE_NOOP("messages", "filen findes ikke"),
    "unreadable": QT_TRANSLATE_NOOP("messages", "filen kan ikke læses ({detail})"),
    "encoding": QT_TRANSLATE_NOOP("messages", "filen er ikke gemt som UTF-8"),
    "not_https": QT_TRANSLATE_NOOP("messages", "skal være et https-link, ikke '{detail}'"),
    "invalid_date": QT_TRANSLATE_NOOP("messages", "er ikke en dato som 2026-11-22: '{detail}'"),
}

# The types a value should have had, in words (the core names them as Python does).
_TYPE_WORDS = {
    "int": QT_TRANSLATE_NOOP("messages", "et heltal, fx 5000"),
    "heltal": QT_TRANSLATE_NOOP("messages", "et heltal, fx 5000"),
    "str": QT_TRANSLATE_NOOP("messages", 'en tekst i anførselstegn, fx "Skranke 1"'),
    "text": QT_TRANSLATE_NOOP("messages", 'en tekst i anførselstegn, fx "Skranke 1"'),
    "bool": QT_TRANSLATE_NOOP("messages", "true eller false"),
    "true/false": QT_TRANSLATE_NOOP("messages", "true eller false"),
    "[str]": QT_TRANSLATE_NOOP("messages", 'en liste af tekster, fx ["pass", "mitid"]'),
    "list of texts": QT_TRANSLATE_NOOP("messages", 'en liste af tekster, fx ["pass", "mitid"]'),
    "list of ids": QT_TRANSLATE_NOOP("messages", 'en liste af id\'er, fx ["moving"]'),
}

_CONTACT_FIELDS = {
    "channel": QT_TRANSLATE_NOOP("messages", "kanal"),
    "area": QT_TRANSLATE_NOOP("messages", "sagsområde"),
    "kind": QT_TRANSLATE_NOOP("messages", "henvendelsestype"),
    "outcome": QT_TRANSLATE_NOOP("messages", "udfald"),
    "readiness": QT_TRANSLATE_NOOP("messages", "parathed"),
    "requester": QT_TRANSLATE_NOOP("messages", "henvendertype"),
    "count": QT_TRANSLATE_NOOP("messages", "antal"),
    "duration_seconds": QT_TRANSLATE_NOOP("messages", "ekspeditionstid"),
    "desk": QT_TRANSLATE_NOOP("messages", "skrankens navn"),
    "logged_at": QT_TRANSLATE_NOOP("messages", "tidspunkt"),
}


def problem_text(problem: Problem) -> str:
    """One line: ``fil.toml, linje 12, felt 'da': mangler``."""
    where = [str(problem.path)]
    if problem.line is not None:
        where.append(
            QCoreApplication.translate("messages", "linje {line}").format(line=problem.line)
        )
    if problem.field:
        where.append(
            QCoreApplication.translate("messages", "felt '{field}'").format(field=problem.field)
        )
    fallback = QT_TRANSLATE_NOOP("messages", "er ugyldig ({detail})")
    what = _tr(_PROBLEM_TEXT.get(problem.code, fallback))
    detail = problem.detail
    if problem.code == "wrong_type" and detail in _TYPE_WORDS:
        detail = _tr(_TYPE_WORDS[detail])
    return ", ".join(where) + ": " + what.format(detail=detail)


def _data_file_text(error: DataFileError) -> str:
    if isinstance(error, VocabularyError):
        head = QCoreApplication.translate(
            "messages", "Ordlisten (sagsområder, kanaler, udfald) i {path} har fejl:"
        )
    elif isinstance(error, SettingsError):
        head = QCoreApplication.translate("messages", "Indstillingsfilen {path} har fejl:")
    else:
        head = QCoreApplication.translate("messages", "Datafilen {path} har fejl:")
    lines = [head.format(path=error.path)]
    lines += ["  • " + problem_text(problem) for problem in error.problems]
    return "\n".join(lines)


def _database_url_text(error: DatabaseUrlError) -> str:
    if error.reason == "postgres":
        text = QCoreApplication.translate(
            "messages",
            "Databaseadressen {where} begynder med 'postgres://'. Skriv 'postgresql://' i "
            "stedet (fx postgresql://bruger@server/skranke).",
        )
    elif error.reason == "unknown_type":
        text = QCoreApplication.translate(
            "messages",
            "Databaseadressen {where} bruger databasetypen '{detail}', som Skranke ikke kender. "
            "Brug en sti til en SQLite-fil eller postgresql://…",
        )
    elif error.reason == "missing_driver":
        text = QCoreApplication.translate(
            "messages",
            "Databaseadressen {where} kræver databasedriveren '{detail}', som ikke er "
            "installeret på denne pc. Bed IT installere den (fx pip install {detail}).",
        )
    else:
        text = QCoreApplication.translate(
            "messages",
            "Databaseadressen {where} kan ikke læses. Skriv en sti til en SQLite-fil "
            "eller en adresse som postgresql://bruger@server/skranke.",
        )
    return text.format(where=error.location, detail=error.detail)


_DATABASE_TEXT = {
    DatabaseLockedError: QT_TRANSLATE_NOOP(
        "messages",
        "Databasen {where} er låst af et andet program. Luk det andet program "
        "(eller en anden Skranke på samme fil) og prøv igen.",
    ),
    DatabaseReadOnlyError: QT_TRANSLATE_NOOP(
        "messages",
        "Databasen {where} er skrivebeskyttet, så Skranke kan ikke gemme i den. "
        "Bed IT om skriveadgang til filen og dens mappe.",
    ),
    NotADatabaseError: QT_TRANSLATE_NOOP(
        "messages",
        "Filen {where} er ikke en Skranke-database (eller den er beskadiget). "
        "Skranke har ikke ændret den. Vælg en anden fil med --database.",
    ),
    DatabaseFullError: QT_TRANSLATE_NOOP(
        "messages",
        "Disken med databasen {where} er fuld, så ændringen er ikke gemt. Frigør plads på "
        "disken (eller bed IT om det) og prøv igen.",
    ),
    DatabaseIOError: QT_TRANSLATE_NOOP(
        "messages",
        "Databasen {where} kunne ikke læses eller skrives: disken eller netværksdrevet svigtede. "
        "Prøv igen; sker det igen, så bed IT se på disken.",
    ),
    DatabaseConstraintError: QT_TRANSLATE_NOOP(
        "messages",
        "Databasen {where} afviste ændringen, fordi den bryder en af databasens regler "
        "(fx en henvendelse, der allerede er gemt). Intet er ændret.",
    ),
    DatabaseUnavailableError: QT_TRANSLATE_NOOP(
        "messages",
        "Databasen {where} kan ikke åbnes. Tjek at filen og dens mappe findes, og at du må "
        "læse i dem.",
    ),
}


def _database_text(error: DatabaseError) -> str:
    """A Danish sentence first; the driver's or the system's own words, if any, after it
    in parentheses."""
    where = error.location
    if isinstance(error, DatabaseUrlError):
        return _database_url_text(error)
    if isinstance(error, SchemaTooNewError):
        text = QCoreApplication.translate(
            "messages",
            "Databasen {where} er skrevet af en nyere version af Skranke (skema {revision}). "
            "Skranke har ikke ændret den. Opdater Skranke på denne pc.",
        )
        return text.format(where=where, revision=error.revision)
    if isinstance(error, ContactNotFoundError):
        text = QCoreApplication.translate(
            "messages", "Henvendelsen {detail} findes ikke i databasen {where}."
        )
        return text.format(where=where, detail=error.detail)
    template = next(
        (text for kind, text in _DATABASE_TEXT.items() if isinstance(error, kind)),
        _DATABASE_TEXT[DatabaseUnavailableError],
    )
    sentence = _tr(template).format(where=where)
    return f"{sentence} ({error.detail})" if error.detail else sentence


def _export_text(error: ExportSuffixError | ExportPeriodTooLongError) -> str:
    label = EXPORTERS[error.export_id].label(_language())
    if isinstance(error, ExportPeriodTooLongError):
        return QCoreApplication.translate(
            "messages",
            "Perioden er {days} dage; {label} skriver højst {maximum} dage (en fane pr. uge). "
            "Vælg en kortere periode.",
        ).format(days=error.days, label=label, maximum=error.maximum_days)
    suffixes = " / ".join(error.suffixes)
    if error.folder:
        text = QCoreApplication.translate(
            "messages",
            "{name} ender ikke på {suffixes}: {label} skrives i en mappe (et navn uden "
            "endelse) eller i en {suffixes}-fil. Intet er skrevet.",
        )
    else:
        text = QCoreApplication.translate(
            "messages",
            "{name} ender ikke på {suffixes}, men {label} skriver en {suffixes}-fil. Giv filen "
            "den endelse (fx {example}). Intet er skrevet.",
        )
    example = error.out.with_suffix(error.suffixes[0]).name
    return text.format(name=error.out, suffixes=suffixes, label=label, example=example)


_REPORT_ERRORS = (
    ExportSuffixError,
    ExportPeriodTooLongError,
    CounterContactsInHotlineError,
    InvalidPeriodError,
)


def _report_text(
    error: ExportSuffixError
    | ExportPeriodTooLongError
    | CounterContactsInHotlineError
    | InvalidPeriodError,
) -> str:
    """What is wrong with an export or its period."""
    if isinstance(error, ExportSuffixError | ExportPeriodTooLongError):
        return _export_text(error)
    if isinstance(error, CounterContactsInHotlineError):
        return QCoreApplication.translate(
            "messages",
            "{at_counter} af de {contacts} henvendelser i perioden er fremmøde ved en skranke, "
            "ikke opkald til hotlinen: hotline-eksporten ville fakturere dem som opkald. "
            "Eksportér fra hotline-skrankens database, eller sæt hotline_desk i "
            "indstillingerne til hotline-skrankens navn.",
        ).format(at_counter=error.at_counter, contacts=error.contacts)
    if isinstance(error, PeriodOutOfRangeError):
        return QCoreApplication.translate(
            "messages",
            "Perioden {first} – {last} ligger uden for de dage, Skranke tæller: "
            "fra {earliest} til {latest}.",
        ).format(first=error.first, last=error.last, earliest=FIRST_DAY, latest=LAST_DAY)
    return QCoreApplication.translate(
        "messages", "Perioden slutter før den begynder: {first} – {last}."
    ).format(first=error.first, last=error.last)


def _language() -> str:
    """The interface's language (ui/app.py sets it on the application; none: Danish)."""
    app = QCoreApplication.instance()
    language = app.property("skrankeLanguage") if app is not None else None
    return language if isinstance(language, str) else "da"


def error_text(error: SkrankeError) -> str:
    """A clear Danish sentence that names the thing and what is wrong with it."""
    if isinstance(error, DataFileError):
        return _data_file_text(error)
    if isinstance(error, DatabaseError):
        return _database_text(error)
    if isinstance(error, CprLikeNoteError):
        return QCoreApplication.translate(
            "messages",
            "Noten ligner et CPR-nummer og er ikke gemt. Skranke må aldrig gemme "
            "personnumre, navne eller adresser. Ret noten, eller slet den.",
        )
    if isinstance(error, NoteTooLongError):
        return QCoreApplication.translate(
            "messages", "Noten er {length} tegn lang; den må højst være {maximum} tegn."
        ).format(length=error.length, maximum=error.maximum)
    exports = sys.modules.get("skranke.exports")  # loaded if it raised: openpyxl is slow to load
    if exports is not None and isinstance(error, exports.ExportWriteError):
        return QCoreApplication.translate(
            "messages", "Kan ikke skrive {path}: {detail}. Vælg en mappe, du må skrive i."
        ).format(path=error.path, detail=error.detail)
    if exports is not None and isinstance(error, exports.ExportCancelled):
        return QCoreApplication.translate(
            "messages", "Eksporten blev annulleret; der er ikke gemt noget."
        )
    if isinstance(error, _REPORT_ERRORS):
        return _report_text(error)
    if isinstance(error, PrintError):
        return QCoreApplication.translate(
            "messages",
            "Printeren '{printer}' kunne ikke startes. Tjek at den er tændt og har papir, "
            "eller vælg en anden printer.",
        ).format(printer=error.printer)
    if isinstance(error, SettingsWriteError):
        return QCoreApplication.translate(
            "messages",
            "Indstillingerne kunne ikke gemmes i {path}: {detail}. Ændringen gælder ikke; "
            "bed IT om skriveadgang til mappen.",
        ).format(path=error.path, detail=error.detail)
    if isinstance(error, UnknownMunicipalityError):
        return QCoreApplication.translate(
            "messages",
            "Kommunekoden '{code}' findes ikke. Brug en af de 98 kommuners tre-cifrede "
            "koder, fx 165 for Albertslund.",
        ).format(code=error.code)
    if isinstance(error, InvalidContactError):
        if error.field == "desk":
            return QCoreApplication.translate(
                "messages", "Skrankens navn skal være 1-{maximum} tegn (og ikke et CPR-nummer)."
            ).format(maximum=DESK_MAX_LENGTH)
        field = _tr(_CONTACT_FIELDS.get(error.field, error.field))
        return QCoreApplication.translate(
            "messages", "Ukendt eller ugyldig {field}: '{value}'."
        ).format(field=field, value=error.value)
    return QCoreApplication.translate("messages", "Uventet fejl: {error}").format(error=error)
