"""The self-service catalogue: the solutions a counter hands out (QR codes, guidance sheets).

Shipped entries live in ``resources/catalog/*.toml``. A municipality names an overlay folder
(setting ``catalog_overlay``) whose TOML files add entries, replace shipped ones by id, hide
them (``hide = ["id", ...]``), and give the municipality's own contact lines
(``[municipality]``) for printed sheets. Every problem is reported with file, line and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skranke.errors import Problem
from skranke.municipalities import municipality
from skranke.resources import RESOURCES_DIR
from skranke.tomlfile import TomlFile, read_toml
from skranke.vocabulary import Vocabulary

CATALOG_DIR = RESOURCES_DIR / "catalog"
KINDS = ("self_service", "information")
MIN_STEPS, MAX_STEPS = 3, 8
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CONTACT_FIELDS = ("name", "phone", "opening_hours", "address", "email", "web")


@dataclass(frozen=True, slots=True)
class Solution:
    id: str
    title_da: str
    title_en: str
    provider: str
    url: str
    areas: tuple[str, ...]
    checked: date  # when the link was last checked
    steps_da: tuple[str, ...]
    steps_en: tuple[str, ...]
    kind: str = "self_service"  # or "information": there is nothing to fill in online
    mitid_required: bool = False
    keywords: tuple[str, ...] = ()
    have_ready_da: tuple[str, ...] = ()
    have_ready_en: tuple[str, ...] = ()
    url_note: str = ""  # why the link is not a deep link, when it is not

    def title(self, language: str = "da") -> str:
        return self.title_en if language == "en" else self.title_da

    def steps(self, language: str = "da") -> tuple[str, ...]:
        return self.steps_en if language == "en" else self.steps_da

    def have_ready(self, language: str = "da") -> tuple[str, ...]:
        return self.have_ready_en if language == "en" else self.have_ready_da

    @property
    def short_url(self) -> str:
        """The URL as a person reads it aloud: no scheme, no ``www.``, no trailing slash."""
        parts = urlsplit(self.url)
        host = parts.netloc.removeprefix("www.")
        path = parts.path.rstrip("/")
        return host + path + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    title_da: str
    title_en: str
    solutions: tuple[str, ...]

    def title(self, language: str = "da") -> str:
        return self.title_en if language == "en" else self.title_da


@dataclass(frozen=True, slots=True)
class MunicipalContact:
    """The municipality's own lines for printed sheets (from the overlay)."""

    name: str = ""
    phone: str = ""
    opening_hours: str = ""
    address: str = ""
    email: str = ""
    web: str = ""


@dataclass(frozen=True)
class Catalog:
    solutions: tuple[Solution, ...]
    packs: tuple[Pack, ...] = ()
    contact: MunicipalContact = field(default_factory=MunicipalContact)

    def get(self, solution_id: str) -> Solution | None:
        return next((s for s in self.solutions if s.id == solution_id), None)

    def pack(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def for_area(self, area_id: str) -> tuple[Solution, ...]:
        return tuple(s for s in self.solutions if area_id in s.areas)

    def issuer_name(self, municipality_code: str) -> str:
        """Who hands out sheets and reports: the overlay's name, else the municipality's
        official name, else plain "Borgerservice"."""
        if self.contact.name:
            return self.contact.name
        return (
            municipality(municipality_code).official_name if municipality_code else "Borgerservice"
        )


@dataclass
class CatalogResult:
    """A catalogue and what was wrong on the way. Problems in an overlay never cost the
    shipped catalogue: the overlay's broken file is left out and reported."""

    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)


class _Entries:
    """Reads the ``[[solutions]]`` and ``[[packs]]`` of one file, collecting problems."""

    def __init__(self, toml: TomlFile, vocabulary: Vocabulary, *, strict: bool) -> None:
        self.toml = toml
        self.areas = {area.id for area in vocabulary.areas}
        self.strict = strict  # shipped entries need the English texts too
        self.problems: list[Problem] = []

    def report(self, section: str, nth: int, key: str, code: str, detail: str = "") -> None:
        self.problems.append(self.toml.problem(section, nth, key, code, detail))

    def text(
        self, section: str, nth: int, entry: dict[str, Any], key: str, *, required: bool
    ) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                self.report(section, nth, key, "missing")
            return ""
        if not isinstance(value, str):
            self.report(section, nth, key, "wrong_type", "text")
            return ""
        if required and not value.strip():
            self.report(section, nth, key, "empty")
        return value.strip()

    def texts(
        self, section: str, nth: int, entry: dict[str, Any], key: str, *, required: bool
    ) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None:
            if required:
                self.report(section, nth, key, "missing")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.report(section, nth, key, "wrong_type", "list of texts")
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, nth: int, entry: dict[str, Any], key: str) -> bool:
        value = entry.get(key, False)
        if not isinstance(value, bool):
            self.report("solutions", nth, key, "wrong_type", "true/false")
            return False
        return value

    def entry_id(self, section: str, nth: int, entry: dict[str, Any]) -> str:
        value = self.text(section, nth, entry, "id", required=True)
        if value and not _ID.match(value):
            self.report(section, nth, "id", "invalid", "a-z, 0-9, _")
            return ""
        return value

    def url(self, nth: int, entry: dict[str, Any]) -> str:
        value = self.text("solutions", nth, entry, "url", required=True)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme != "https":
            self.report("solutions", nth, "url", "not_https", value)
        elif not parts.netloc or " " in value:
            self.report("solutions", nth, "url", "invalid", "https://…")
        return value

    def checked(self, nth: int, entry: dict[str, Any]) -> date:
        value = entry.get("checked")
        if isinstance(value, date):
            return value
        if value is None:
            self.report("solutions", nth, "checked", "missing")
        else:
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                self.report("solutions", nth, "checked", "invalid_date", str(value))
        return date.min

    def steps(
        self, nth: int, entry: dict[str, Any], key: str, *, required: bool
    ) -> tuple[str, ...]:
        steps = self.texts("solutions", nth, entry, key, required=required)
        if steps and not MIN_STEPS <= len(steps) <= MAX_STEPS:
            self.report("solutions", nth, key, "invalid", f"{MIN_STEPS}-{MAX_STEPS} trin")
        return steps

    def solution(self, nth: int, entry: dict[str, Any]) -> Solution | None:
        before = len(self.problems)
        allowed = {f for f in Solution.__dataclass_fields__}
        for key in entry:
            if key not in allowed:
                self.report("solutions", nth, key, "not_allowed")
        solution_id = self.entry_id("solutions", nth, entry)
        title_da = self.text("solutions", nth, entry, "title_da", required=True)
        title_en = self.text("solutions", nth, entry, "title_en", required=self.strict)
        steps_da = self.steps(nth, entry, "steps_da", required=True)
        steps_en = self.steps(nth, entry, "steps_en", required=self.strict)
        if steps_en and steps_da and len(steps_en) != len(steps_da):
            self.report(
                "solutions", nth, "steps_en", "invalid", f"{len(steps_da)} trin som steps_da"
            )
        areas = self.texts("solutions", nth, entry, "areas", required=True)
        for area in areas:
            if area not in self.areas:
                self.report("solutions", nth, "areas", "unknown_reference", area)
        if "areas" in entry and not areas and isinstance(entry["areas"], list):
            self.report("solutions", nth, "areas", "empty")
        kind = self.text("solutions", nth, entry, "kind", required=False) or "self_service"
        if kind not in KINDS:
            self.report("solutions", nth, "kind", "invalid", " / ".join(KINDS))
        solution = Solution(
            id=solution_id,
            title_da=title_da,
            title_en=title_en or title_da,
            provider=self.text("solutions", nth, entry, "provider", required=True),
            url=self.url(nth, entry),
            areas=areas,
            checked=self.checked(nth, entry),
            steps_da=steps_da,
            steps_en=steps_en or steps_da,
            kind=kind,
            mitid_required=self.flag(nth, entry, "mitid_required"),
            keywords=tuple(
                k.lower() for k in self.texts("solutions", nth, entry, "keywords", required=False)
            ),
            have_ready_da=self.texts("solutions", nth, entry, "have_ready_da", required=False),
            have_ready_en=self.texts("solutions", nth, entry, "have_ready_en", required=False),
            url_note=self.text("solutions", nth, entry, "url_note", required=False),
        )
        return solution if len(self.problems) == before else None

    def pack(self, nth: int, entry: dict[str, Any]) -> Pack | None:
        before = len(self.problems)
        pack = Pack(
            id=self.entry_id("packs", nth, entry),
            title_da=self.text("packs", nth, entry, "title_da", required=True),
            title_en=self.text("packs", nth, entry, "title_en", required=self.strict),
            solutions=self.texts("packs", nth, entry, "solutions", required=True),
        )
        return pack if len(self.problems) == before else None

    def hidden(self) -> list[str]:
        hidden = self.toml.data.get("hide", [])
        if isinstance(hidden, list) and all(isinstance(h, str) for h in hidden):
            return list(hidden)
        self.report("", 0, "hide", "wrong_type", "list of ids")
        return []

    def contact(self) -> MunicipalContact | None:
        raw = self.toml.data.get("municipality")
        if raw is None:
            return None
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            self.report("municipality", 0, "municipality", "wrong_type", "[municipality]")
            return None
        for key in raw:
            if key not in _CONTACT_FIELDS:
                self.report("municipality", 0, key, "not_allowed")
        return MunicipalContact(**{k: v.strip() for k, v in raw.items() if k in _CONTACT_FIELDS})

    def tables(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        raw = self.toml.data.get(section, [])
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report(section, 0, section, "wrong_type", f"[[{section}]]")
            return []
        return list(enumerate(raw))


@dataclass
class _FileContent:
    solutions: list[tuple[int, Solution]] = field(default_factory=list)
    packs: list[tuple[int, Pack]] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    contact: MunicipalContact | None = None
    toml: TomlFile | None = None


def _read_file(
    path: Path, vocabulary: Vocabulary, *, strict: bool, problems: list[Problem]
) -> _FileContent:
    toml = read_toml(path)
    if isinstance(toml, Problem):
        problems.append(toml)
        return _FileContent()
    reader = _Entries(toml, vocabulary, strict=strict)
    allowed = {"solutions", "packs"} if strict else {"solutions", "packs", "hide", "municipality"}
    for key in toml.data:
        if key not in allowed:
            reader.report(key, 0, key, "not_allowed")
    content = _FileContent(toml=toml)
    for nth, entry in reader.tables("solutions"):
        solution = reader.solution(nth, entry)
        if solution is not None:
            content.solutions.append((nth, solution))
    for nth, entry in reader.tables("packs"):
        pack = reader.pack(nth, entry)
        if pack is not None:
            content.packs.append((nth, pack))
    content.hidden = reader.hidden()
    content.contact = reader.contact()
    problems.extend(reader.problems)
    return content


def _toml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    if not folder.is_dir():
        problems.append(Problem(folder, None, "", "not_found"))
        return []
    return sorted(folder.glob("*.toml"))


def _merge(
    content: _FileContent,
    solutions: dict[str, Solution],
    packs: dict[str, Pack],
    problems: list[Problem],
    *,
    may_replace: bool,
) -> None:
    assert content.toml is not None
    seen: set[str] = set()
    for nth, solution in content.solutions:
        if solution.id in seen or (solution.id in solutions and not may_replace):
            problems.append(content.toml.problem("solutions", nth, "id", "duplicate", solution.id))
            continue
        seen.add(solution.id)
        solutions[solution.id] = solution
    for nth, pack in content.packs:
        if pack.id in packs and not may_replace:
            problems.append(content.toml.problem("packs", nth, "id", "duplicate", pack.id))
            continue
        packs[pack.id] = pack


def _check_packs(
    packs: dict[str, Pack], solutions: dict[str, Solution], origins: dict[str, _FileContent]
) -> list[Problem]:
    problems = []
    for pack in packs.values():
        content = origins[pack.id]
        assert content.toml is not None
        nth = next(n for n, p in content.packs if p.id == pack.id)
        for solution_id in pack.solutions:
            if solution_id not in solutions:
                problems.append(
                    content.toml.problem(
                        "packs", nth, "solutions", "unknown_reference", solution_id
                    )
                )
    return problems


def check_folder(folder: Path, vocabulary: Vocabulary, *, strict: bool) -> list[Problem]:
    """Every problem of the catalogue files in ``folder`` (for ``skranke catalog check``)."""
    problems: list[Problem] = []
    solutions: dict[str, Solution] = {}
    packs: dict[str, Pack] = {}
    origins: dict[str, _FileContent] = {}
    for path in _toml_files(folder, problems):
        content = _read_file(path, vocabulary, strict=strict, problems=problems)
        if content.toml is None:
            continue
        _merge(content, solutions, packs, problems, may_replace=False)
        origins.update({pack.id: content for _, pack in content.packs})
    if strict:
        problems += _check_packs(packs, solutions, origins)
    return problems


def load_catalog(
    vocabulary: Vocabulary, overlay: Path | None = None, shipped: Path = CATALOG_DIR
) -> CatalogResult:
    """The shipped catalogue with the overlay applied.

    A broken overlay file is left out (with its problems reported); the shipped catalogue
    and the overlay's good files still load, so the counter keeps working.
    """
    problems: list[Problem] = []
    solutions: dict[str, Solution] = {}
    packs: dict[str, Pack] = {}
    for path in _toml_files(shipped, problems):
        content = _read_file(path, vocabulary, strict=True, problems=problems)
        if content.toml is not None:
            _merge(content, solutions, packs, problems, may_replace=False)
    contact = MunicipalContact()
    hidden: set[str] = set()
    if overlay is not None:
        for path in _toml_files(overlay, problems):
            file_problems: list[Problem] = []
            content = _read_file(path, vocabulary, strict=False, problems=file_problems)
            if file_problems or content.toml is None:
                problems += file_problems
                continue  # a broken overlay file changes nothing
            _merge(content, solutions, packs, problems, may_replace=True)
            hidden.update(content.hidden)
            contact = content.contact or contact
    visible = tuple(s for s in solutions.values() if s.id not in hidden)
    visible_ids = {s.id for s in visible}
    kept_packs = tuple(
        Pack(p.id, p.title_da, p.title_en, tuple(i for i in p.solutions if i in visible_ids))
        for p in packs.values()
    )
    return CatalogResult(Catalog(visible, kept_packs, contact), problems)
