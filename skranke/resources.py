"""Where the shipped data files live."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
VOCABULARY_FILE = RESOURCES_DIR / "vocabulary.toml"
MUNICIPALITIES_FILE = RESOURCES_DIR / "municipalities.toml"
