"""Every typed error reads as a clear Danish sentence that names the thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from database.errors import (
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    NotADatabaseError,
    SchemaTooNewError,
)
from skranke.errors import (
    CprLikeNoteError,
    InvalidContactError,
    NoteTooLongError,
    Problem,
    SettingsError,
    SettingsWriteError,
    SkrankeError,
    UnknownMunicipalityError,
    VocabularyError,
)
from ui.messages import error_text

PATH = Path("/srv/skranke/db.sqlite3")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (DatabaseLockedError(str(PATH)), ["låst", str(PATH)]),
        (DatabaseReadOnlyError(str(PATH)), ["skrivebeskyttet", str(PATH)]),
        (NotADatabaseError(str(PATH)), ["ikke en Skranke-database", "ikke ændret"]),
        (SchemaTooNewError(str(PATH), "0099"), ["nyere version", "0099", "ikke ændret"]),
        (DatabaseUnavailableError(str(PATH), "no such dir"), ["kan ikke åbnes", "no such dir"]),
        (CprLikeNoteError(0, 11), ["CPR-nummer", "ikke gemt"]),
        (NoteTooLongError(130, 120), ["130", "120"]),
        (UnknownMunicipalityError("999"), ["999", "findes ikke"]),
        (InvalidContactError("area", "moon"), ["sagsområde", "moon"]),
        (InvalidContactError("desk", ""), ["Skrankens navn"]),
    ],
)
def test_errors_name_what_and_where(error: SkrankeError, words: list[str]) -> None:
    text = error_text(error)
    for word in words:
        assert word in text


def test_file_problems_list_file_line_and_field() -> None:
    path = Path("/etc/skranke/omraader.toml")
    error = VocabularyError(
        path,
        [
            Problem(path, 12, "da", "missing"),
            Problem(path, 20, "kind", "unknown_reference", "sightseeing"),
            Problem(path, 3, "", "syntax", "Expected '=' after a key"),
        ],
    )
    lines = error_text(error).splitlines()
    assert str(path) in lines[0]
    assert lines[1].endswith("linje 12, felt 'da': mangler")
    assert "linje 20, felt 'kind': henviser til 'sightseeing', som ikke findes" in lines[2]
    assert "linje 3: er ikke gyldig TOML" in lines[3]
    settings_text = error_text(
        SettingsError(path, [Problem(path, None, "desk", "wrong_type", "str")])
    )
    assert settings_text.startswith("Indstillingsfilen")


def test_a_settings_file_that_cannot_be_written_is_named() -> None:
    text = error_text(SettingsWriteError(Path("/etc/skranke/settings.toml"), "Permission denied"))
    assert "/etc/skranke/settings.toml" in text
    assert "Permission denied" in text
    assert "kunne ikke gemmes" in text
