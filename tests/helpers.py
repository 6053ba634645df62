"""Helpers shared by several test folders."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[1]


def run_python(
    code: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter from the repository, as the program starts
    (offscreen unless ``env`` says otherwise); fails the test with its stderr if it fails."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env or {**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@contextmanager
def exclusive_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the whole database locked: nobody may even read."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a long write transaction: nobody else may write."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def decode_qr(widget: object) -> list[str]:
    """What an independent decoder (zxing-cpp) reads from a widget as it is drawn."""
    assert isinstance(widget, QWidget)
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, stride)[:, :width]
    return [result.text for result in zxingcpp.read_barcodes(np.ascontiguousarray(pixels))]


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """``folder`` write-protected for the test's own process, also when it runs as root
    (where ``chmod`` stops nothing): then the folder is made immutable (``chattr +i``, which
    stops root too). Skips the test where neither works (no chattr, a file system without
    the flag). Checked, not assumed: a file made in the folder must fail."""
    as_root = os.geteuid() == 0
    if as_root:
        if shutil.which("chattr") is None:
            pytest.skip("cannot write-protect a folder as root: no chattr")
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"cannot write-protect a folder as root: {made.stderr!r}")
    else:
        folder.chmod(0o555)
    try:
        try:
            (folder / "probe").touch()
        except OSError:
            pass
        else:
            pytest.fail(f"{folder} is still writable")
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)
