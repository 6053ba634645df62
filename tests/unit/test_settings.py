"""Settings: typed, declared once, a machine-wide file under the user's own."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from skranke.contact import ContactChoice
from skranke.errors import SettingsError
from skranke.settings import (
    DEFAULT_FAVOURITES,
    Favourite,
    Settings,
    favourite_problems,
    load_settings,
    read_settings_file,
    save_user_settings,
)
from skranke.vocabulary import Vocabulary


def test_every_setting_has_a_type_default_and_description() -> None:
    for spec in fields(Settings):
        assert spec.metadata["doc"], spec.name
        assert spec.type, spec.name


def test_defaults_without_files(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "user.toml", tmp_path / "site.toml")
    assert settings == Settings()
    assert settings.favourite("F1") == DEFAULT_FAVOURITES[0]


def test_the_users_file_overrides_the_machine_wide_one(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text('municipality = "165"\ndesk = "Skranke"\nbusy_timeout_ms = 2000\n')
    user = tmp_path / "user.toml"
    user.write_text('desk = "Skranke 3"\n')
    settings = load_settings(user, site)
    assert (settings.desk, settings.municipality, settings.busy_timeout_ms) == (
        "Skranke 3",
        "165",
        2000,
    )


@pytest.mark.parametrize(
    ("text", "field", "code", "line"),
    [
        ('desk = "S"\nbusy_timeout_ms = "fast"\n', "busy_timeout_ms", "wrong_type", 2),
        ('language = "fr"\n', "language", "invalid", 1),
        ("busy_timeout_ms = -5\n", "busy_timeout_ms", "invalid", 1),
        ('desk = "S"\ncolour = "blue"\n', "colour", "not_allowed", 2),
        ('desk = "S\n', "", "syntax", 1),
        ('[[favourites]]\nkey = "F9"\nchannel = "phone"\narea = "mitid"\noutcome = "x"\n',
         "key", "invalid", 2),
        ('[[favourites]]\nkey = "F1"\narea = "mitid"\noutcome = "x"\n', "channel", "missing", 1),
    ],
)  # fmt: skip
def test_a_broken_settings_file_names_line_and_field(
    tmp_path: Path, text: str, field: str, code: str, line: int
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as caught:
        read_settings_file(path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.field, problem.code, problem.line) == (path, field, code, line)


def test_favourites_round_trip_and_other_keys_survive(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.toml"
    save_user_settings(path, desk="Skranke 2", municipality="187")
    favourites = [
        Favourite("F1", ContactChoice("phone", "mitid", "assisted_self_service")),
        Favourite(
            "F3",
            ContactChoice("in_person", "passport", "handled_by_staff", kind="transaction",
                          assisted=False, on_behalf=True),
        ),
    ]  # fmt: skip
    save_user_settings(path, favourites=favourites)
    settings = read_settings_file(path)
    assert settings.desk == "Skranke 2"
    assert settings.municipality == "187"
    assert settings.favourites == tuple(favourites)
    assert settings.favourite("F2") is None
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]  # no temp files left


def test_favourites_that_the_vocabulary_does_not_know_are_reported(
    vocabulary: Vocabulary,
) -> None:
    settings = Settings(
        favourites=(
            Favourite("F1", ContactChoice("phone", "mitid", "handled_by_staff")),
            Favourite("F2", ContactChoice("phone", "unicorns", "handled_by_staff")),
        )
    )
    assert set(favourite_problems(settings, vocabulary)) == {"F2"}
    assert favourite_problems(Settings(), vocabulary) == {}


def test_every_setting_is_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    for spec in fields(Settings):
        assert f"`{spec.name}`" in text, spec.name
