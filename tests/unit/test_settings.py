"""Settings: typed, declared once, a machine-wide file under the user's own."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from skranke.contact import ContactChoice
from skranke.errors import SettingsError, SettingsWriteError
from skranke.settings import (
    DEFAULT_FAVOURITES,
    Favourite,
    Settings,
    SettingsStore,
    favourite_problems,
    load_settings,
    read_settings_file,
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
    SettingsStore(Settings(), path).update(desk="Skranke 2", municipality="187")
    favourites = [
        Favourite("F1", ContactChoice("phone", "mitid", "assisted_self_service")),
        Favourite(
            "F3",
            ContactChoice("in_person", "passport", "handled_by_staff", kind="transaction",
                          assisted=False, on_behalf=True),
        ),
    ]  # fmt: skip
    SettingsStore(Settings(), path).update(favourites=favourites)
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


def test_saving_keeps_the_users_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        "# Skranke 3 ved indgangen, sat op af IT 2026-11-01\n"
        'desk = "Skranke 3"  # navnet står på skiltet\n'
        'municipality = "165"\n'
    )
    SettingsStore(Settings(), path).update(a4_printer="HP LaserJet 4. sal")
    text = path.read_text()
    assert text.startswith("# Skranke 3 ved indgangen, sat op af IT 2026-11-01\n")
    assert 'desk = "Skranke 3"  # navnet står på skiltet\n' in text
    assert read_settings_file(path).a4_printer == "HP LaserJet 4. sal"


def test_every_setting_name_can_be_saved_including_printers(tmp_path: Path) -> None:
    # `a4_printer` has a digit: an earlier key check refused it and choosing a printer crashed.
    path = tmp_path / "settings.toml"
    SettingsStore(Settings(), path).update(
        a4_printer="A4", slip_printer="Bon", tile_order=("mitid", "passport")
    )
    settings = read_settings_file(path)
    assert (settings.a4_printer, settings.slip_printer) == ("A4", "Bon")
    assert settings.tile_order == ("mitid", "passport")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"language": "fr"}, "language", "invalid"),
        ({"busy_timeout_ms": "5"}, "busy_timeout_ms", "wrong_type"),
        ({"colour": "blue"}, "colour", "not_allowed"),
        ({"tile_order": ("mitid", 5)}, "tile_order", "wrong_type"),
        (
            {"favourites": (Favourite("F9", ContactChoice("phone", "mitid", "exempted")),)},
            "favourites",
            "invalid",
        ),
    ],
)
def test_the_store_refuses_a_bad_value_and_changes_nothing(
    tmp_path: Path, changes: dict[str, object], field: str, code: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('desk = "Skranke 1"\n')
    store = SettingsStore(read_settings_file(path), path)
    before = path.read_bytes()
    with pytest.raises(SettingsError) as caught:
        store.update(**changes)
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == (field, code)
    assert store.current == read_settings_file(path)
    assert path.read_bytes() == before


def test_the_store_applies_and_saves_at_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    store = SettingsStore(Settings(desk="Skranke 1"), path)
    store.update(slip_printer="Bon 1")
    assert store.current.slip_printer == "Bon 1"
    assert store.current.desk == "Skranke 1"
    assert read_settings_file(path).slip_printer == "Bon 1"


def test_an_unwritable_settings_folder_is_reported_and_nothing_changes(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the settings folder should be")
    store = SettingsStore(Settings(), blocker / "settings.toml")
    with pytest.raises(SettingsWriteError) as caught:
        store.update(a4_printer="A4")
    assert caught.value.path == blocker / "settings.toml"
    assert store.current.a4_printer == ""
