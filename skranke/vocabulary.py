"""The vocabularies a contact is recorded in: channels, kinds, outcomes, readiness,
requester types and areas, with Danish and English labels, read from TOML.

The shipped file is ``resources/vocabulary.toml``. A municipality may name its own file
(setting ``vocabulary_file``) whose ``[[areas]]`` add new areas, relabel shipped ones, or hide
them (``hidden = true``), without any code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from skranke.errors import InvalidContactError, Problem, VocabularyError
from skranke.formatting import Language
from skranke.resources import VOCABULARY_FILE
from skranke.tomlfile import TomlFile, read_toml

LANGUAGES = tuple(Language)


class OutcomeId(StrEnum):
    """The outcomes. Tallies, exports and the counter rely on exactly these ids, so the
    vocabulary file may relabel them but not add or remove any."""

    HANDLED_BY_STAFF = "handled_by_staff"
    ASSISTED_SELF_SERVICE = "assisted_self_service"
    REFERRED_TO_SELF_SERVICE = "referred_to_self_service"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    EXEMPTED = "exempted"


KOMHEN_CLASSES = ("information", "transaction")
SECTIONS = ("channels", "kinds", "outcomes", "readiness", "requesters", "areas")
_T = TypeVar("_T", bound="Term")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_LABEL_MAX = 60


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a vocabulary: a stable id and its labels."""

    id: str
    da: str
    en: str
    da_short: str = ""  # for tight places (favourite keys, the recent list); else ``da``
    en_short: str = ""

    def label(self, language: str = "da") -> str:
        return self.en if language == "en" else self.da

    def short_label(self, language: str = "da") -> str:
        short = self.en_short if language == "en" else self.da_short
        return short or self.label(language)


@dataclass(frozen=True, slots=True)
class Channel(Term):
    primary: bool = False


@dataclass(frozen=True, slots=True)
class Kind(Term):
    komhen: str = "information"


@dataclass(frozen=True, slots=True)
class Outcome(Term):
    assisted: bool = False
    exemption: bool = False


@dataclass(frozen=True, slots=True)
class Area(Term):
    kind: str = "information"
    hidden: bool = False


_SHORT_FIELDS = ("da_short", "en_short")
# The optional fields of each section: name -> (type, default).
_EXTRA_FIELDS: dict[str, dict[str, tuple[type, object]]] = {
    "channels": {"primary": (bool, False)},
    "kinds": {"komhen": (str, None)},
    "outcomes": {"assisted": (bool, False), "exemption": (bool, False)},
    "readiness": {},
    "requesters": {},
    "areas": {"kind": (str, None), "hidden": (bool, False)},
}
_TERM_TYPES: dict[str, type[Term]] = {
    "channels": Channel,
    "kinds": Kind,
    "outcomes": Outcome,
    "readiness": Term,
    "requesters": Term,
    "areas": Area,
}


@dataclass(frozen=True)
class Vocabulary:
    channels: tuple[Channel, ...]
    kinds: tuple[Kind, ...]
    outcomes: tuple[Outcome, ...]
    readiness: tuple[Term, ...]
    requesters: tuple[Term, ...]
    areas: tuple[Area, ...]  # including hidden ones: old contacts still need their labels

    @property
    def visible_areas(self) -> tuple[Area, ...]:
        return tuple(area for area in self.areas if not area.hidden)

    @property
    def default_outcome(self) -> Outcome:
        return self.outcomes[0]

    @property
    def default_requester(self) -> Term:
        return self.requesters[0]

    def channel(self, channel_id: str) -> Channel:
        return _find(self.channels, channel_id, "channel")

    def kind(self, kind_id: str) -> Kind:
        return _find(self.kinds, kind_id, "kind")

    def outcome(self, outcome_id: str) -> Outcome:
        return _find(self.outcomes, outcome_id, "outcome")

    def readiness_term(self, readiness_id: str) -> Term:
        return _find(self.readiness, readiness_id, "readiness")

    def requester(self, requester_id: str) -> Term:
        return _find(self.requesters, requester_id, "requester")

    def area(self, area_id: str) -> Area:
        return _find(self.areas, area_id, "area")


def _find(terms: tuple[_T, ...], term_id: str, field: str) -> _T:
    for term in terms:
        if term.id == term_id:
            return term
    raise InvalidContactError(field, term_id)


class _Reader:
    """Collects every problem of one file instead of stopping at the first."""

    def __init__(self, toml: TomlFile) -> None:
        self.toml = toml
        self.problems: list[Problem] = []

    def report(self, section: str, nth: int, field: str, code: str, detail: str = "") -> None:
        self.problems.append(self.toml.problem(section, nth, field, code, detail))

    def entries(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        raw = self.toml.data.get(section, [])
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report(section, 0, section, "wrong_type", "[[" + section + "]]")
            return []
        return list(enumerate(raw))

    def text(
        self, section: str, nth: int, entry: dict[str, Any], field: str, required: bool
    ) -> str | None:
        value = entry.get(field)
        if value is None:
            if required:
                self.report(section, nth, field, "missing")
            return None
        if not isinstance(value, str):
            self.report(section, nth, field, "wrong_type", "text")
            return None
        value = value.strip()
        if not value:
            self.report(section, nth, field, "empty")
            return None
        if len(value) > _LABEL_MAX and field in (*LANGUAGES, *_SHORT_FIELDS):
            self.report(section, nth, field, "invalid", f"max {_LABEL_MAX}")
        return value

    def extras(self, section: str, nth: int, entry: dict[str, Any]) -> dict[str, object]:
        values: dict[str, object] = {}
        allowed = {"id", *LANGUAGES, *_SHORT_FIELDS, *_EXTRA_FIELDS[section]}
        for key in entry:
            if key not in allowed:
                self.report(section, nth, key, "not_allowed")
        for key in _SHORT_FIELDS:
            if key in entry:
                values[key] = self.text(section, nth, entry, key, required=False)
        for key, (kind, _default) in _EXTRA_FIELDS[section].items():
            if key not in entry:
                continue
            value = entry[key]
            if kind is str:
                values[key] = self.text(section, nth, entry, key, required=False)
            elif not isinstance(value, kind):
                self.report(section, nth, key, "wrong_type", "true/false")
            else:
                values[key] = value
        return values

    def entry_id(self, section: str, nth: int, entry: dict[str, Any]) -> str | None:
        term_id = self.text(section, nth, entry, "id", required=True)
        if term_id is not None and not _ID.match(term_id):
            self.report(section, nth, "id", "invalid", "a-z, 0-9, _")
            return None
        return term_id


def _build(section: str, fields: dict[str, Any]) -> Term:
    term_type = _TERM_TYPES[section]
    return term_type(**{k: v for k, v in fields.items() if v is not None})


def _read_base(reader: _Reader) -> dict[str, list[Term]]:
    sections: dict[str, list[Term]] = {}
    for key in reader.toml.data:
        if key not in SECTIONS:
            reader.report(key, 0, key, "not_allowed")
    for section in SECTIONS:
        terms: list[Term] = []
        seen: set[str] = set()
        for nth, entry in reader.entries(section):
            term_id = reader.entry_id(section, nth, entry)
            da = reader.text(section, nth, entry, "da", required=True)
            en = reader.text(section, nth, entry, "en", required=True)
            extras = reader.extras(section, nth, entry)
            for key, (_kind, default) in _EXTRA_FIELDS[section].items():
                if default is None and key not in entry:
                    reader.report(section, nth, key, "missing")
            if term_id is not None and term_id in seen:
                reader.report(section, nth, "id", "duplicate", term_id)
                continue
            if term_id is None or da is None or en is None:
                continue
            seen.add(term_id)
            terms.append(_build(section, {"id": term_id, "da": da, "en": en, **extras}))
        if not terms and section != "areas":
            reader.report(section, 0, section, "missing")
        sections[section] = terms
    return sections


def _apply_extension(reader: _Reader, areas: list[Term]) -> list[Term]:
    for key in reader.toml.data:
        if key != "areas":
            reader.report(key, 0, key, "not_allowed", "[[areas]]")
    by_id = {area.id: area for area in areas}
    order = [area.id for area in areas]
    seen: set[str] = set()
    for nth, entry in reader.entries("areas"):
        term_id = reader.entry_id("areas", nth, entry)
        da = reader.text("areas", nth, entry, "da", required=False)
        en = reader.text("areas", nth, entry, "en", required=False)
        extras = reader.extras("areas", nth, entry)
        if term_id is None:
            continue
        if term_id in seen:
            reader.report("areas", nth, "id", "duplicate", term_id)
            continue
        seen.add(term_id)
        changes = {k: v for k, v in {"da": da, "en": en, **extras}.items() if v is not None}
        if term_id in by_id:
            old = by_id[term_id]
            assert isinstance(old, Area)
            by_id[term_id] = replace(old, **changes)  # type: ignore[arg-type]
            continue
        if da is None:
            reader.report("areas", nth, "da", "missing")
            continue
        if "kind" not in changes:
            reader.report("areas", nth, "kind", "missing")
            continue
        changes.setdefault("en", da)
        by_id[term_id] = _build("areas", {"id": term_id, **changes})
        order.append(term_id)
    return [by_id[term_id] for term_id in order]


def _check_references(reader: _Reader, sections: dict[str, list[Term]]) -> None:
    outcomes = [term.id for term in sections["outcomes"]]
    if outcomes and set(outcomes) != set(OutcomeId):
        for nth, outcome_id in enumerate(outcomes):
            if outcome_id not in set(OutcomeId):
                reader.report("outcomes", nth, "id", "invalid", " / ".join(OutcomeId))
        for missing in sorted(set(OutcomeId) - set(outcomes)):
            reader.report("outcomes", 0, missing, "missing")  # names the outcome that is gone
    kinds = {term.id for term in sections["kinds"]}
    for nth, kind in enumerate(sections["kinds"]):
        if isinstance(kind, Kind) and kind.komhen not in KOMHEN_CLASSES:
            reader.report("kinds", nth, "komhen", "invalid", " / ".join(KOMHEN_CLASSES))
    for area in sections["areas"]:
        if isinstance(area, Area) and area.kind not in kinds:
            nth = _nth_with_id(reader.toml.data, "areas", area.id)
            reader.report("areas", nth, "kind", "unknown_reference", area.kind)


def _nth_with_id(data: dict[str, Any], section: str, term_id: str) -> int:
    entries = data.get(section, [])
    for nth, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and entry.get("id") == term_id:
            return nth
    return 0


def _open(path: Path) -> _Reader:
    toml = read_toml(path)
    if isinstance(toml, Problem):
        raise VocabularyError(path, [toml])
    return _Reader(toml)


def load_vocabulary(path: Path = VOCABULARY_FILE, extension: Path | None = None) -> Vocabulary:
    """Read the shipped vocabulary and, if given, a municipality's extension of its areas.

    Raises :class:`VocabularyError` listing every problem of the first broken file.
    """
    base = _open(path)
    sections = _read_base(base)
    _check_references(base, sections)
    if base.problems:
        raise VocabularyError(path, base.problems)
    if extension is not None:
        ext = _open(extension)
        sections["areas"] = _apply_extension(ext, sections["areas"])
        _check_references(ext, sections)
        if ext.problems:
            raise VocabularyError(extension, ext.problems)
    if not any(isinstance(a, Area) and not a.hidden for a in sections["areas"]):
        raise VocabularyError(path, [base.toml.problem("areas", 0, "areas", "missing")])
    return Vocabulary(
        channels=tuple(t for t in sections["channels"] if isinstance(t, Channel)),
        kinds=tuple(t for t in sections["kinds"] if isinstance(t, Kind)),
        outcomes=tuple(t for t in sections["outcomes"] if isinstance(t, Outcome)),
        readiness=tuple(sections["readiness"]),
        requesters=tuple(sections["requesters"]),
        areas=tuple(t for t in sections["areas"] if isinstance(t, Area)),
    )
