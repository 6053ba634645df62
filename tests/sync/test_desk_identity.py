"""Each installation gets one desk id, made once and kept in the user's settings file."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from skranke.errors import SettingsError
from skranke.settings import Settings, SettingsStore, ensure_desk_id, load_settings


def test_the_desk_id_is_made_once_and_survives_a_restart(tmp_path: Path) -> None:
    user = tmp_path / "settings.toml"
    site = tmp_path / "site.toml"
    first = ensure_desk_id(SettingsStore(load_settings(user, site), user))
    assert first.version == 4
    assert f'desk_id = "{first}"' in user.read_text(encoding="utf-8")
    again = ensure_desk_id(SettingsStore(load_settings(user, site), user))
    assert again == first
    other_pc = tmp_path / "other.toml"
    assert ensure_desk_id(SettingsStore(load_settings(other_pc, site), other_pc)) != first


def test_a_desk_id_that_is_not_a_uuid_is_refused_not_replaced(tmp_path: Path) -> None:
    user = tmp_path / "settings.toml"
    user.write_text('desk_id = "skranke-3"\n', encoding="utf-8")
    store = SettingsStore(load_settings(user, tmp_path / "site.toml"), user)
    with pytest.raises(SettingsError) as raised:
        ensure_desk_id(store)
    assert [(p.field, p.code) for p in raised.value.problems] == [("desk_id", "invalid")]
    assert user.read_text(encoding="utf-8") == 'desk_id = "skranke-3"\n'


def test_without_a_file_the_id_lasts_for_the_run() -> None:
    store = SettingsStore(Settings(), None)
    made = ensure_desk_id(store)
    assert store.current.desk_id == str(made)
    assert ensure_desk_id(store) == made
    assert isinstance(made, uuid.UUID)
