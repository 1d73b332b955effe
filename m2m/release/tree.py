"""Generate the learner tree and assignment bundles from ``solutions/``.

``solutions/shared`` -> ``shared`` and ``solutions/projects`` -> ``projects``: every
solution region becomes a one-line stub, every other file is copied byte for byte,
and learner files whose source is gone are removed. ``--check`` reports drift
without writing; ``--project pNN --out DIR`` writes a one-assignment bundle.

What of a project's test folder ships with a bundle (and an nbgrader release) is decided in
one place, :func:`is_hidden_test_path`: the public tests (``test_public*.py``) and their
support (``conftest.py``, data files) ship; every other test file and every file or folder
named ``hidden_*`` (hidden support: the hidden tests' oracles) stays behind. The timings
file ships with the public tests' entries only. ``--check`` also runs
:mod:`m2m.release.oracles`: no shipped support may compute what a graded region computes.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from m2m.release.regions import Region, RegionError, find_regions, render
from m2m.runtime import answers, naming
from m2m.runtime.naming import project_number  # also imported from here by callers
from m2m.testing import HIDDEN_PREFIX

MIRRORED = ("shared", "projects")
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis"}
IGNORED_SUFFIXES = {".pyc", ".pyo"}


def _ignored(rel: Path) -> bool:
    return any(p in IGNORED_PARTS for p in rel.parts) or rel.suffix in IGNORED_SUFFIXES


def is_hidden_test_path(rel: str | Path) -> bool:
    """True for a file of a project's test folder (``rel`` relative to that folder) that
    travels only with the hidden tests: a test file other than ``test_public*``, or hidden
    support, a file or folder whose name starts with ``hidden_`` (the hidden tests'
    oracles). Bundles and nbgrader releases leave these out; ``m2m grade`` and the
    nbgrader course's ``tests_hidden/`` keep them beside the hidden tests."""
    parts = Path(rel).parts
    if any(part.startswith(HIDDEN_PREFIX) for part in parts):
        return True
    name = parts[-1] if parts else ""
    return name.startswith("test_") and not name.startswith("test_public")


def shipped_test_files(root: Path, project_dir: str) -> dict[str, bytes]:
    """``tests/...`` path -> bytes of what a learner receives of one project's tests: the
    root ``tests/conftest.py``, the public tests and their support, and the timings of the
    public tests only (a hidden test's node id names what it checks)."""
    from m2m import timings as _timings

    root = Path(root)
    tests_dir = root / "tests" / project_dir
    files: dict[str, bytes] = {}
    for path in sorted(tests_dir.rglob("*")):
        rel = path.relative_to(tests_dir)
        if not path.is_file() or _ignored(rel) or is_hidden_test_path(rel):
            continue
        data = path.read_bytes()
        if rel.as_posix() == _timings.TIMINGS_FILE:
            public = _timings.only(
                _timings.read(path),
                lambda nodeid: not is_hidden_test_path(_in_folder(nodeid, project_dir)),
            )
            data = _timings.dumps(public, _timings.PUBLIC_ABOUT).encode("utf-8")
        files[f"tests/{project_dir}/{rel.as_posix()}"] = data
    if (root / "tests" / "conftest.py").is_file():
        files["tests/conftest.py"] = (root / "tests" / "conftest.py").read_bytes()
    return files


TEST_NAME = re.compile(r"\btest_\w+")
NODE_FILE = re.compile(r"\b(test_\w+\.py)::")  # the file part of a node id


def test_names(path: Path) -> set[str]:
    """The names of the tests a test file defines: module-level ``test_*`` functions and
    the ``test_*`` methods of its ``Test*`` classes."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return set()
    names = set()
    for node in tree.body:
        scope = (
            node.body if isinstance(node, ast.ClassDef) and node.name.startswith("Test") else [node]
        )
        for fn in scope:
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.name.startswith(
                "test_"
            ):
                names.add(fn.name)
    return names


test_names.__test__ = False  # a function named test_*, not a test


def hidden_tests(root: Path, project_dir: str) -> tuple[set[str], set[str]]:
    """(names, files) of one project's hidden tests: the test names that only hidden test
    files define (a name a public test shares names the public one), and those files'
    names. Nothing a learner receives of the project may name them."""
    tests_dir = Path(root) / "tests" / project_dir
    hidden, public, files = set(), set(), set()
    for path in sorted(tests_dir.rglob("test_*.py")):
        rel = path.relative_to(tests_dir)
        if _ignored(rel):
            continue
        if is_hidden_test_path(rel):
            hidden |= test_names(path)
            files.add(path.name)
        else:
            public |= test_names(path)
    return hidden - public, files


def mentions(text: str, names: set[str], files: set[str]) -> list[str]:
    """The hidden tests ``text`` names: one of ``names``, or a node id of one of ``files``
    (``test_x.py::``, as a timings file or a report would write it)."""
    found = names & set(TEST_NAME.findall(text))
    found |= {f"{f}::" for f in files & set(NODE_FILE.findall(text))}
    return sorted(found)


def _in_folder(nodeid: str, project_dir: str) -> str:
    """The test file of ``nodeid`` relative to its project's test folder."""
    path = nodeid.partition("::")[0]
    prefix = f"tests/{project_dir}/"
    return path[len(prefix) :] if path.startswith(prefix) else path


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
                if not path.is_file() or _ignored(rel):
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
                if _ignored(rel):
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
            if path.is_file() and not _ignored(rel) and rel.as_posix() not in expected:
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


def bundle(root: Path, project: str, out: Path) -> list[str]:
    """Write the learner bundle of one assignment to ``out``.

    Regions owned by projects before ``project`` are filled with the reference; those of
    ``project`` and later are stubbed. Only the packages of ``project`` and earlier are
    included, and only the public tests of ``project``, with the datasets the project
    reads under ``data/`` (see :mod:`m2m.release.data_manifest`).
    """
    from m2m.release import data_manifest  # here: the rest of this module needs no data

    root, out = Path(root), Path(out)
    source = Source(root)
    if project not in source.project_dirs:
        raise ValueError(f"unknown project {project!r}; known: {', '.join(source.project_dirs)}")
    n = project_number(project)

    def include(rel: str) -> bool:
        parts = Path(rel).parts
        if parts[0] == "projects" and len(parts) > 2:
            owner = naming.project_of_dir(parts[1])
            return owner is not None and project_number(owner) <= n
        return True

    files = source.generate(keep=lambda r: project_number(r.project) < n, include=include)
    # Hidden tests and hidden support stay behind; public tests and their helpers
    # (conftest.py fixtures, small data files, the public tests' timings) travel.
    files.update(shipped_test_files(root, source.project_dirs[project]))
    named = _naming_hidden_tests(root, source.project_dirs[project], files)
    if named:
        raise ValueError(f"the {project} bundle would name hidden tests: " + "; ".join(named))
    files["pyproject.toml"] = (root / "pyproject.toml").read_bytes()
    # The datasets the project reads (data/README.md's manifest), each checked against its
    # registered SHA-256 here, so the bundle's tests and demo run where it is unpacked.
    files.update(data_manifest.bundle_files(root, project))
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new folder for the bundle")
    write_tree(out, files, prune=False)
    return sorted(files)


def _naming_hidden_tests(root: Path, project_dir: str, files: dict[str, bytes]) -> list[str]:
    """``path: names`` for each of ``files`` (a bundle) that names a hidden test. A name the
    course code itself uses (a variable ``test_split``) is not evidence."""
    names, test_files = hidden_tests(root, project_dir)
    texts = {}
    for rel, data in files.items():
        try:
            texts[rel] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    for rel, text in texts.items():
        if rel.split("/")[0] in MIRRORED and rel.endswith(".py"):
            names = names - set(TEST_NAME.findall(text))
    out = []
    for rel, text in sorted(texts.items()):
        found = mentions(text, names, test_files)
        if found:
            out.append(f"{rel}: {', '.join(found[:3])}" + (" ..." if len(found) > 3 else ""))
    return out


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
