"""Discovery of the course's projects: ids, folders, titles, test folders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from m2m.runtime.naming import PROJECT_DIR, project_number


@dataclass(frozen=True)
class Project:
    id: str  # "p01"
    name: str  # "p01_manual_neuron"
    title: str  # "The Manual Neuron"

    @property
    def number(self) -> int:
        return project_number(self.id)

    @property
    def module(self) -> str:
        return f"projects.{self.name}"


def _title(readme: Path, fallback: str) -> str:
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                # "# P01 · The Manual Neuron" -> "The Manual Neuron"
                return re.sub(r"^#\s*P\d\d\s*[·:\-—]\s*", "", line).strip()
    return fallback


def discover(root: Path) -> list[Project]:
    """Projects that have a graded suite under ``tests/``, in curriculum order.

    The brief is read from the reference tree when present (instructor checkout),
    else from the learner tree (a bundle).
    """
    found: list[Project] = []
    tests = Path(root) / "tests"
    for d in sorted(tests.iterdir()) if tests.is_dir() else []:
        m = PROJECT_DIR.match(d.name)
        if not (d.is_dir() and m):
            continue
        readme = Path(root) / "solutions" / "projects" / d.name / "README.md"
        if not readme.is_file():
            readme = Path(root) / "projects" / d.name / "README.md"
        found.append(Project(m.group(1), d.name, _title(readme, d.name)))
    return found


def select(root: Path, wanted: list[str] | None) -> list[Project]:
    """The projects named in ``wanted`` (``p01`` or ``p01_manual_neuron``), or all."""
    projects = discover(root)
    if not wanted:
        return projects
    by_key = {p.id: p for p in projects} | {p.name: p for p in projects}
    chosen: list[Project] = []
    for w in wanted:
        key = w.lower()
        if key not in by_key:
            known = ", ".join(p.id for p in projects) or "none"
            raise ValueError(f"unknown project {w!r}; known: {known}")
        chosen.append(by_key[key])
    return chosen
