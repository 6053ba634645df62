"""Small helpers for the on-demand benchmarks (never run as tests)."""

from __future__ import annotations

import os
import platform
import statistics
import sys


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def describe_machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, Qt platform {os.environ.get('QT_QPA_PLATFORM', '-')}"
    )


def summary(name: str, values_ms: list[float]) -> str:
    return (
        f"{name}: median {statistics.median(values_ms):.2f} ms, "
        f"p99 {percentile(values_ms, 0.99):.2f} ms, "
        f"min {min(values_ms):.2f} ms, max {max(values_ms):.2f} ms (n={len(values_ms)})"
    )
