"""The P07 demo."""

from __future__ import annotations

from pathlib import Path


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Runs the demo and returns its metrics."""
    return {}
