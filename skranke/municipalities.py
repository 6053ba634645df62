"""The 98 Danish municipalities and their three-digit codes (kommunekoder)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from skranke.errors import DataFileError, Problem, UnknownMunicipalityError
from skranke.resources import MUNICIPALITIES_FILE
from skranke.tomlfile import read_toml


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # three digits, e.g. "165"
    name: str  # e.g. "Albertslund"
    region: str  # e.g. "Region Hovedstaden"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def official_name(self) -> str:
        """ "Albertslund Kommune"; the two that are not "<name> Kommune" spelled out."""
        return _OFFICIAL_NAMES.get(self.code, f"{self.name} Kommune")


_OFFICIAL_NAMES = {"101": "Københavns Kommune", "400": "Bornholms Regionskommune"}


def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> tuple[Municipality, ...]:
    toml = read_toml(path)
    if isinstance(toml, Problem):
        raise DataFileError(path, [toml])
    regions = toml.data.get("regions", {})
    result: list[Municipality] = []
    problems: list[Problem] = []
    for row in toml.data.get("municipalities", []):
        if not (isinstance(row, list) and len(row) == 3 and row[2] in regions):
            problems.append(toml.problem("", 0, "municipalities", "invalid", repr(row)))
            continue
        result.append(Municipality(str(row[0]), str(row[1]), str(regions[row[2]])))
    if problems:
        raise DataFileError(path, problems)
    return tuple(result)


@cache
def municipalities() -> tuple[Municipality, ...]:
    """The shipped list, read once."""
    return load_municipalities()


def municipality(code: str | int) -> Municipality:
    """Look up a municipality by code; ``"165"``, ``165`` and ``" 165 "`` are the same."""
    normalised = str(code).strip().zfill(3)
    for candidate in municipalities():
        if candidate.code == normalised:
            return candidate
    raise UnknownMunicipalityError(str(code).strip())


def find_municipality(text: str) -> Municipality:
    """What staff type: a code (``"165"``), a name (``"albertslund"``, ``"Albertslund
    Kommune"``), the list's ``"165 Albertslund"``, or the unambiguous start of a name."""
    typed = " ".join(text.split())
    head = typed.split(" ", 1)[0]
    if head.isdigit():
        return municipality(head)
    wanted = typed.casefold()
    for candidate in municipalities():
        names = {candidate.name.casefold(), candidate.official_name.casefold()}
        if wanted in names:
            return candidate
    starts = [m for m in municipalities() if wanted and m.name.casefold().startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    raise UnknownMunicipalityError(typed)
