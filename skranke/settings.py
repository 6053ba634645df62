"""Typed settings: each declared once, with its type, default and description.

Settings live in TOML. Municipal IT may place a machine-wide file (``site_settings_path``)
on many PCs beforehand; a user's own file (``user_settings_path``) overrides it key by key.
Only the user's file is ever written by Skranke.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from skranke.contact import ContactChoice, resolve_choice
from skranke.errors import (
    Problem,
    SettingsError,
    SettingsWriteError,
    SkrankeError,
    UnknownMunicipalityError,
)
from skranke.formatting import Language
from skranke.hotline_checks import (
    COST_KEYS,
    PER_CALL,
    WEEKDAY_IDS,
    check_clock,
    check_codes,
    check_cost,
    check_days,
    check_shares,
    cross_problems,
    parse_amount,
)
from skranke.municipalities import municipality
from skranke.tomlfile import TomlFile, read_toml
from skranke.vocabulary import OutcomeId, Vocabulary

if TYPE_CHECKING:
    # Imported where they are needed: neither is needed to show the window.
    import uuid
    from decimal import Decimal

APP_NAME = "skranke"
TABLES = "hotline_shares"  # a [table] of its own, read apart from the plain values
FAVOURITE_KEYS = tuple(f"F{n}" for n in range(1, 9))
_FAVOURITE_FIELDS = {
    "key": str,
    "channel": str,
    "area": str,
    "outcome": str,
    "kind": str,
    "assisted": bool,
    "exemption": bool,
    "readiness": str,
    "requester": str,
    "on_behalf": bool,
}


@dataclass(frozen=True, slots=True)
class Favourite:
    """A full contact combination pinned to a function key (F1-F8)."""

    key: str
    choice: ContactChoice


def _doc(
    text: str,
    *,
    choices: tuple[str, ...] = (),
    bounds: tuple[int, int] | None = None,
    check: Callable[[Any], tuple[str, str] | None] | None = None,
) -> dict[str, object]:
    """A setting's description and the values it accepts (checked when a file is read);
    ``check`` says why a value of the right type is still wrong (code, detail)."""
    return {"doc": text, "choices": choices, "bounds": bounds, "check": check}


def _check_municipality(value: str) -> tuple[str, str] | None:
    """One of the 98 codes (or empty: the first start asks)."""
    if not value.strip():
        return None
    try:
        municipality(value)
    except UnknownMunicipalityError:
        return "invalid", f"en af de 98 kommunekoder, fx 165 for Albertslund, ikke '{value}'"
    return None


@dataclass(frozen=True)
class Settings:
    desk: str = field(default="", metadata=_doc("The desk's name, e.g. 'Skranke 3'."))
    municipality: str = field(
        default="",
        metadata=_doc(
            "Three-digit municipality code (kommunekode), e.g. '165'.", check=_check_municipality
        ),
    )
    centre: str = field(
        default="",
        metadata=_doc(
            "The centre (afdeling) the desk belongs to, e.g. 'Rådhuset'; the team view on the "
            "central database groups and filters desks by it. Empty means none."
        ),
    )
    language: Language = field(
        default=Language.DANISH,
        metadata=_doc("Interface language: 'da' or 'en'.", choices=tuple(Language)),
    )
    database_url: str = field(
        default="",
        metadata=_doc("SQLAlchemy URL; empty means a SQLite file in the user's data folder."),
    )
    central_url: str = field(
        default="",
        metadata=_doc(
            "The central PostgreSQL this desk pushes its contacts to "
            "(postgresql+psycopg://user@host/db, no password); empty means none."
        ),
    )
    desk_id: str = field(
        default="",
        metadata=_doc("This installation's desk id (a UUID), made once on the first start."),
    )
    vocabulary_file: str = field(
        default="", metadata=_doc("A municipality's TOML file that adds, relabels or hides areas.")
    )
    catalog_overlay: str = field(
        default="",
        metadata=_doc("A folder of the municipality's catalogue files (add, replace, hide)."),
    )
    citizen_screen_clear_seconds: int = field(
        default=120,
        metadata=_doc("Seconds before the citizen screen clears itself.", bounds=(5, 3600)),
    )
    a4_printer: str = field(
        default="", metadata=_doc("The printer for A4 sheets, remembered from the print dialog.")
    )
    slip_printer: str = field(
        default="", metadata=_doc("The 80 mm receipt printer for slips, remembered likewise.")
    )
    busy_timeout_ms: int = field(
        default=5000,
        metadata=_doc(
            "Milliseconds to wait for a database locked by another program.",
            bounds=(0, 600_000),
        ),
    )
    tile_order: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            "Area ids in the order of the tiles (keys 1-9, 0). Fixed from use on the first "
            "start and kept until staff choose 'Sortér efter brug'; empty means not fixed yet."
        ),
    )
    hotline: bool = field(
        default=False,
        metadata=_doc(
            "This desk answers the shared hotline: each call records the caller's municipality."
        ),
    )
    hotline_name: str = field(
        default="", metadata=_doc("The hotline's name on its reports, e.g. 'Vestegnens ...'.")
    )
    hotline_desk: str = field(
        default="",
        metadata=_doc(
            "The hotline desk whose contacts are the hotline's calls in its report; empty: "
            "this desk on the hotline desk, elsewhere the desks the export is filtered to."
        ),
    )
    hotline_municipalities: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            "Codes of the municipalities taking part, in the order of their keys (Alt+1-9).",
            check=check_codes,
        ),
    )
    hotline_days: tuple[str, ...] = field(
        default=("mon", "tue", "wed", "thu"),
        metadata=_doc("The hotline's opening days.", choices=WEEKDAY_IDS, check=check_days),
    )
    hotline_opens: str = field(
        default="19:00", metadata=_doc("Opening time (HH:MM, local).", check=check_clock)
    )
    hotline_closes: str = field(
        default="22:00", metadata=_doc("Closing time (HH:MM, local).", check=check_clock)
    )
    hotline_cost_key: str = field(
        default=PER_CALL,
        metadata=_doc("How the municipalities split the cost.", choices=COST_KEYS),
    )
    hotline_cost_per_evening: str = field(
        default="",
        metadata=_doc(
            "The hotline's running cost per opening evening in kroner ('2450.00'); empty: the "
            "calls at the phone channel price.",
            check=check_cost,
        ),
    )
    hotline_shares: tuple[tuple[str, Decimal], ...] = field(
        default=(),
        metadata=_doc("The agreed key: a share per municipality code (e.g. its population)."),
    )
    favourites: tuple[Favourite, ...] | None = field(
        default=None, metadata=_doc("Pinned combinations; absent means the shipped defaults.")
    )

    def favourite(self, key: str) -> Favourite | None:
        for favourite in self.favourites or DEFAULT_FAVOURITES:
            if favourite.key == key:
                return favourite
        return None


SCALAR_SETTINGS = tuple(f for f in fields(Settings) if f.name not in ("favourites", TABLES))
SETTING_NAMES = frozenset(f.name for f in fields(Settings))

DEFAULT_FAVOURITES: tuple[Favourite, ...] = (
    Favourite("F1", ContactChoice("in_person", "passport", OutcomeId.HANDLED_BY_STAFF)),
    Favourite("F2", ContactChoice("in_person", "mitid", OutcomeId.ASSISTED_SELF_SERVICE)),
    Favourite("F3", ContactChoice("in_person", "health_card", OutcomeId.HANDLED_BY_STAFF)),
    Favourite("F4", ContactChoice("in_person", "moving", OutcomeId.ASSISTED_SELF_SERVICE)),
    Favourite("F5", ContactChoice("phone", "digital_post", OutcomeId.ASSISTED_SELF_SERVICE)),
    Favourite("F6", ContactChoice("in_person", "driving_licence", OutcomeId.HANDLED_BY_STAFF)),
)


def user_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def site_settings_path() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "skranke.sqlite3"


def _check_scalar(spec: Field[Any], value: Any) -> tuple[str, str] | None:
    """Why ``value`` is not acceptable for the setting ``spec`` (code, detail), or None."""
    choices: tuple[str, ...] = spec.metadata["choices"]
    bounds: tuple[int, int] | None = spec.metadata["bounds"]
    check: Callable[[Any], tuple[str, str] | None] | None = spec.metadata["check"]
    if isinstance(spec.default, tuple):  # a list of ids, e.g. tile_order
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return "wrong_type", "[str]"
        return None if check is None else check(value)
    expected: type[Any] = str if isinstance(spec.default, StrEnum) else type(spec.default)
    if not isinstance(value, expected) or isinstance(value, bool) is not (expected is bool):
        return "wrong_type", expected.__name__
    if choices and value not in choices:
        return "invalid", " / ".join(choices)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return "invalid", "{}-{}".format(*bounds)
    return None if check is None else check(value)


def _clean(spec: Field[Any], value: Any) -> Any:
    if isinstance(spec.default, StrEnum):
        return type(spec.default)(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return tuple(item.strip() for item in value)
    return value


def _read_scalars(toml: TomlFile, problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in toml.data:
        if key not in SETTING_NAMES:
            problems.append(toml.problem("", 0, key, "not_allowed"))
    for spec in SCALAR_SETTINGS:
        if spec.name not in toml.data:
            continue
        value: Any = toml.data[spec.name]
        wrong = _check_scalar(spec, value)
        if wrong is not None:
            problems.append(toml.problem("", 0, spec.name, *wrong))
        else:
            values[spec.name] = _clean(spec, value)
    return values


def _read_favourites(toml: TomlFile, problems: list[Problem]) -> tuple[Favourite, ...] | None:
    raw = toml.data.get("favourites")
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(toml.problem("", 0, "favourites", "wrong_type", "[[favourites]]"))
        return None
    favourites: list[Favourite] = []
    used: set[str] = set()
    for nth, entry in enumerate(raw):
        ok = True
        for key, value in entry.items():
            expected = _FAVOURITE_FIELDS.get(key)
            if expected is None:
                problems.append(toml.problem("favourites", nth, key, "not_allowed"))
                ok = False
            elif type(value) is not expected:
                problems.append(
                    toml.problem("favourites", nth, key, "wrong_type", expected.__name__)
                )
                ok = False
        for key in ("key", "channel", "area", "outcome"):
            if key not in entry:
                problems.append(toml.problem("favourites", nth, key, "missing"))
                ok = False
        slot = entry.get("key")
        if isinstance(slot, str) and slot not in FAVOURITE_KEYS:
            problems.append(toml.problem("favourites", nth, "key", "invalid", "F1-F8"))
            ok = False
        elif slot in used:
            problems.append(toml.problem("favourites", nth, "key", "duplicate", str(slot)))
            ok = False
        if ok:
            used.add(entry["key"])
            choice = ContactChoice(**{k: v for k, v in entry.items() if k != "key"})
            favourites.append(Favourite(entry["key"], choice))
    return tuple(sorted(favourites, key=lambda f: FAVOURITE_KEYS.index(f.key)))


def _read_shares(toml: TomlFile, problems: list[Problem]) -> tuple[tuple[str, Decimal], ...] | None:
    """``[hotline_shares]``: a positive share per known municipality code."""
    raw = toml.data.get(TABLES)
    if raw is None:
        return None
    wrong = check_shares(raw)
    for key, code, detail in wrong:
        section = "" if key == TABLES else TABLES
        problems.append(toml.problem(section, 0, key, code, detail))
    if wrong:
        return None
    from decimal import Decimal  # noqa: PLC0415 - see the imports

    return tuple(
        (str(code).strip().zfill(3), parse_amount(share) or Decimal(0))
        for code, share in raw.items()
    )


def read_settings_file(path: Path, base: Settings | None = None) -> Settings:
    """Read one settings file over ``base``; a missing file changes nothing."""
    base = base or Settings()
    if not path.exists():
        return base
    toml = read_toml(path)
    if isinstance(toml, Problem):
        raise SettingsError(path, [toml])
    problems: list[Problem] = []
    values = _read_scalars(toml, problems)
    favourites = _read_favourites(toml, problems)
    shares = _read_shares(toml, problems)
    if problems:
        raise SettingsError(path, problems)
    if favourites is not None:
        values["favourites"] = favourites
    if shares is not None:
        values[TABLES] = shares
    merged = replace(base, **values)
    if any(key.startswith("hotline") for key in toml.data):  # what does not fit together
        for key, code, detail in cross_problems(
            hotline=merged.hotline,
            municipalities=merged.hotline_municipalities,
            opens=merged.hotline_opens,
            closes=merged.hotline_closes,
            cost_key=merged.hotline_cost_key,
            share_codes=[code for code, _ in merged.hotline_shares],
        ):
            section = TABLES if key == TABLES else ""  # a share: its line, or the table's
            field_name = detail if section else key
            problems.append(toml.problem(section, 0, field_name, code, detail))
        if problems:
            raise SettingsError(path, problems)
    return merged


def load_settings(user_path: Path | None = None, site_path: Path | None = None) -> Settings:
    """The machine-wide file, then the user's file over it."""
    settings = read_settings_file(site_path or site_settings_path())
    return read_settings_file(user_path or user_settings_path(), settings)


def favourite_problems(settings: Settings, vocabulary: Vocabulary) -> dict[str, SkrankeError]:
    """Favourites that refer to ids the vocabulary does not know (or hides), by key."""
    broken: dict[str, SkrankeError] = {}
    for favourite in settings.favourites or DEFAULT_FAVOURITES:
        try:
            resolve_choice(favourite.choice, vocabulary)
        except SkrankeError as exc:
            broken[favourite.key] = exc
    return broken


def _favourite_table(favourite: Favourite) -> dict[str, Any]:
    table: dict[str, Any] = {"key": favourite.key}
    for name in _FAVOURITE_FIELDS:
        if name == "key":
            continue
        value = getattr(favourite.choice, name)
        if value is not None and not (name == "on_behalf" and value is False):
            table[name] = value
    return table


def _check_favourites(value: Any) -> tuple[str, str] | None:
    if not isinstance(value, list | tuple) or not all(isinstance(f, Favourite) for f in value):
        return "wrong_type", "[Favourite]"
    keys = [favourite.key for favourite in value]
    unknown = next((key for key in keys if key not in FAVOURITE_KEYS), None)
    if unknown is not None:
        return "invalid", "F1-F8"
    duplicate = next((key for key in keys if keys.count(key) > 1), None)
    if duplicate is not None:
        return "duplicate", duplicate
    return None


def _checked(path: Path, changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` validated like a file's values, cleaned; raises SettingsError."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    specs = {spec.name: spec for spec in SCALAR_SETTINGS}
    for name, value in changes.items():
        if name == "favourites":
            wrong = None if value is None else _check_favourites(value)
        elif name in specs:
            wrong = _check_scalar(specs[name], value)
        else:
            wrong = ("not_allowed", "")
        if wrong is not None:
            problems.append(Problem(path, None, name, *wrong))
        elif name == "favourites" and value is not None:
            values[name] = tuple(sorted(value, key=lambda f: FAVOURITE_KEYS.index(f.key)))
        else:
            values[name] = _clean(specs[name], value)
    if problems:
        raise SettingsError(path, problems)
    return values


def _write_document(path: Path, values: dict[str, Any]) -> None:
    """Put ``values`` into the TOML file at ``path``, keeping its comments and layout.

    The file is replaced atomically, so a crash never leaves half a file.
    """
    import tempfile  # noqa: PLC0415 - only needed when saving; keeps start-up short

    import tomlkit  # noqa: PLC0415

    document = tomlkit.document()
    if path.exists():
        toml = read_toml(path)  # names the line of a syntax error
        if isinstance(toml, Problem):
            raise SettingsError(path, [toml])
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    else:
        document.add(tomlkit.comment("Skranke settings. See docs/settings.md."))
    for name, value in values.items():
        if name == "favourites":
            document.pop(name, None)
            if value == ():
                document[name] = tomlkit.array()  # none pinned, not the shipped defaults
            elif value is not None:
                tables = tomlkit.aot()
                for favourite in value:
                    tables.append(tomlkit.item(_favourite_table(favourite)))
                document[name] = tables
        else:
            document[name] = list(value) if isinstance(value, tuple) else value
    text = tomlkit.dumps(document)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".toml")
    except OSError as exc:
        raise SettingsWriteError(path, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise SettingsWriteError(path, exc.strerror or str(exc)) from exc


def ensure_desk_id(store: SettingsStore) -> uuid.UUID:
    """This installation's desk id: the one in the settings, or a new one made and saved once.

    Raises SettingsError when the settings hold something that is not a UUID (nothing is
    guessed: the id names this desk in the central database), and SettingsWriteError when a
    new id cannot be saved.
    """
    import uuid  # noqa: PLC0415 - see the imports

    text = store.current.desk_id
    if not text:
        made = uuid.uuid4()
        store.update(desk_id=str(made))
        return made
    try:
        return uuid.UUID(text)
    except ValueError:
        path = store.path or Path("settings.toml")
        raise SettingsError(path, [Problem(path, None, "desk_id", "invalid", "UUID")]) from None


class SettingsStore:
    """The settings in force while Skranke runs, and the user's file they are saved to.

    Every part of the program reads ``current`` when it needs a value (never a copy taken at
    start) and changes settings through ``update``, so a change is seen everywhere at once.
    """

    def __init__(self, settings: Settings, path: Path | None) -> None:
        self._current = settings
        self.path = path

    @property
    def current(self) -> Settings:
        return self._current

    def update(self, **changes: Any) -> Settings:
        """Validate, save and apply ``changes``; on any error nothing changes.

        Raises SettingsError for a value the setting does not accept, and SettingsWriteError
        when the user's file cannot be written. Without a path (tests, ``--config`` absent),
        changes apply for this run only.
        """
        path = self.path or Path("settings.toml")
        values = _checked(path, changes)
        if self.path is not None:
            _write_document(self.path, values)
        self._current = replace(self._current, **values)
        return self._current
