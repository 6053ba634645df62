"""Fixtures for the sync tests: a real PostgreSQL server (see tests/postgres.py)."""

from __future__ import annotations

from tests.postgres import postgres

__all__ = ["postgres"]
