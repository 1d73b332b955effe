"""Generate the learner tree from ``solutions/`` (``m2m release``).

``solutions/shared`` -> ``shared`` and ``solutions/projects`` -> ``projects``: every
solution region becomes a one-line stub, every other file is copied byte for byte,
and learner files whose source is gone are removed. ``--check`` reports drift
without writing (and runs :mod:`m2m.release.oracles`). :func:`graded_file` is the text
graded for a learner's copy of a file: the stub file with the learner's answers put back.
One-assignment bundles are :mod:`m2m.release.bundles`'; which tests are hidden,
:mod:`m2m.release.hidden`'s.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from m2m.release.regions import Region, RegionError, find_regions, render
from m2m.runtime import answers, naming
from m2m.runtime.naming import project_number  # also imported from here by callers

MIRRORED = ("shared", "projects")
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis"}
IGNORED_SUFFIXES = {".pyc", ".pyo"}


def ignored(rel: Path) -> bool:
    """Caches and compiled files: never part of a tree or a bundle."""
    return any(p in IGNORED_PARTS for p in rel.parts) or rel.suffix in IGNORED_SUFFIXES


@dataclass
class SourceFile:
    relpath: str  # e.g. "shared/activations.py"
    data: bytes
    regions: list[Region] = field(default_factory=list)


class Source:
    """The reference tree under ``solutions/``, parsed once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.solutions = self.root / "solutions"
        if not self.solutions.is_dir():
            raise RegionError(f"{self.solutions} does not exist: nothing to release from")
        self.project_dirs = self._project_dirs()
        self.files = self._read()

    def _project_dirs(self) -> dict[str, str]:
        dirs: dict[str, str] = {}
        base = self.solutions / "projects"
        for d in sorted(base.iterdir()) if base.is_dir() else []:
            project = naming.project_of_dir(d.name)
            if d.is_dir() and project:
                if project in dirs:
                    raise RegionError(
                        f"two project folders for {project}: {dirs[project]} and {d.name}"
                    )
                dirs[project] = d.name
        return dirs

    def _read(self) -> dict[str, SourceFile]:
        files: dict[str, SourceFile] = {}
        known = set(self.project_dirs)
        for top in MIRRORED:
            base = self.solutions / top
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                rel = path.relative_to(self.solutions)
                if not path.is_file() or ignored(rel):
                    continue
                data = path.read_bytes()
                sf = SourceFile(rel.as_posix(), data)
                if path.suffix == ".py":
                    text = data.decode("utf-8")
                    sf.regions = find_regions(text, sf.relpath, known)
                files[sf.relpath] = sf
        return files

    @property
    def regions(self) -> list[Region]:
        return [r for f in self.files.values() for r in f.regions]

    def generate(
        self, keep: Callable[[Region], bool], include: Callable[[str], bool] = lambda rel: True
    ) -> dict[str, bytes]:
        """relpath -> bytes of the learner version, keeping the regions ``keep`` accepts."""
        out: dict[str, bytes] = {}
        for rel, sf in self.files.items():
            if not include(rel):
                continue
            if sf.regions or rel.endswith(".py"):
                text = sf.data.decode("utf-8")
                rendered = render(text, sf.regions, keep, self.project_dirs)
                if not all(keep(r) for r in sf.regions):
                    # A file the learner fills gets a block for their own imports and
                    # helpers, the one place outside the stubs that the grader keeps.
                    rendered = answers.add_helpers_block(rendered)
                out[rel] = rendered.encode("utf-8")
            else:
                out[rel] = sf.data
        return out

    def learner_files(self) -> dict[str, bytes]:
        return self.generate(keep=lambda r: False)


def write_tree(dest: Path, files: dict[str, bytes], prune: bool = True) -> list[str]:
    """Write ``files`` under ``dest``; remove mirrored files that have no source.

    Returns the relative paths that changed (written or removed).
    """
    changed: list[str] = []
    for rel, data in files.items():
        target = dest / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(rel)
    if prune:
        for top in MIRRORED:
            base = dest / top
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*"), reverse=True):
                rel = path.relative_to(dest)
                if ignored(rel):
                    continue
                if path.is_file() and rel.as_posix() not in files:
                    path.unlink()
                    changed.append(rel.as_posix())
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    return changed


def matches_outside_stubs(expected: str, actual: str) -> bool:
    """True when ``actual`` equals ``expected`` except for the learner's answers: stub
    lines replaced by any lines, and the helpers block filled in."""
    if expected == actual:
        return True
    if not answers.stub_lines(expected.splitlines(keepends=True)):
        return False
    ext = answers.extract(expected, actual)
    return ext.parsed and not ext.ignored and not ext.missing


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


@dataclass
class CheckResult:
    drifted: list[str] = field(default_factory=list)
    local_work: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.drifted


def check(root: Path) -> CheckResult:
    """Compare the learner tree with what ``release`` would write.

    A file that differs only inside stub regions is a learner's work, not drift. A file
    that differs elsewhere but whose committed version is in sync is reported as local
    work; everything else is drift.
    """
    root = Path(root)
    expected = Source(root).learner_files()
    result = CheckResult()
    in_git = _git(root, "rev-parse", "--is-inside-work-tree").returncode == 0

    def committed(rel: str) -> bytes | None:
        if not in_git:
            return None
        proc = _git(root, "show", f"HEAD:{rel}")
        return proc.stdout if proc.returncode == 0 else None

    for rel, data in sorted(expected.items()):
        path = root / rel
        actual = path.read_bytes() if path.is_file() else None
        if actual is not None and _same(data, actual):
            continue
        head = committed(rel)
        if actual is not None and head is not None and head == data:
            result.local_work.append(rel)
        else:
            result.drifted.append(f"{rel} ({'missing' if actual is None else 'differs'})")
    for top in MIRRORED:
        base = root / top
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            rel = path.relative_to(root)
            if path.is_file() and not ignored(rel) and rel.as_posix() not in expected:
                tracked = (
                    in_git
                    and _git(root, "ls-files", "--error-unmatch", rel.as_posix()).returncode == 0
                )
                if tracked or not in_git:
                    result.drifted.append(f"{rel.as_posix()} (no source in solutions/)")
                else:
                    result.local_work.append(rel.as_posix())
    return result


def _same(expected: bytes, actual: bytes) -> bool:
    if expected == actual:
        return True
    try:
        return matches_outside_stubs(expected.decode("utf-8"), actual.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def graded_file(
    source: Source,
    rel: str,
    learner_text: str | None,
    before: int | None = None,
    mine: list[tuple[int, int]] | None = None,
) -> tuple[str, str | None]:
    """(the text graded for the learner's copy of ``rel``, a report note or None).

    The graded text is the generated stub file with the learner's answers (and helpers
    block) put back in; edits elsewhere are ignored and named in the note. With
    ``before=N``, every region owned by a project numbered below N gets the reference
    instead of the learner's answer (isolated grading). ``mine`` receives the spans of
    the graded text that are the learner's (see :func:`m2m.runtime.answers.graded_text`).
    """
    sf = source.files[rel]
    text = sf.data.decode("utf-8")
    pristine = source.generate(lambda r: False, include=lambda r: r == rel)[rel].decode("utf-8")
    if learner_text is None:
        learner_text, missing = pristine, f"{rel} is missing; graded as the stub file"
    else:
        missing = None
    ref_lines = text.splitlines(keepends=True)
    replace: dict[int, list[str]] = {}
    if before is not None:
        for index, region in zip(answers.stub_indices(pristine), sf.regions, strict=True):
            if project_number(region.project) < before:
                replace[index] = ref_lines[region.begin : region.end - 1]
    graded, note = answers.graded_text(pristine, learner_text, rel, replace, mine)
    return graded, missing or note


def release(root: Path) -> list[str]:
    """Regenerate the learner tree at ``root``; returns the paths that changed."""
    root = Path(root)
    return write_tree(root, Source(root).learner_files())


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*IGNORED_PARTS, "*.pyc"))
