"""Which datasets each project reads, and verified copies of them.

The manifest is the table at the top of ``data/README.md``: one row per dataset folder,
with a ``used in`` column naming the projects that read it (``P07, P08``). The table is
written for people and read here, so the two can never disagree; to give a new project
its data, add its id to the rows of the folders it loads (and register the files in
``shared/datasets.py``).

Two consumers:

- learner bundles and nbgrader assignments (:func:`bundle_files`) carry ``data/README.md``
  and the files of the project's folders, each registered file checked against its
  SHA-256 in ``REGISTRY`` (read from ``shared/datasets.py`` without importing it) before
  anything is written;
- grading sandboxes (:func:`copy_for_grading`) get a private copy of the folders the graded
  projects use, never a link to the repository's files, and :func:`changes_since` lists
  what a graded process changed in that copy, for the grade report.

Standard library only.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = "data"
README = "README.md"
DATA_DIR_ENV = "M2M_DATA_DIR"
REGISTRY_MODULES = ("solutions/shared/datasets.py", "shared/datasets.py")
# Files a dataset folder may hold besides its registered data: the licence that must travel
# with the files (fashion-mnist/LICENSE) and notes. They are copied but have no checksum.
NOTE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|README)(\.[A-Za-z0-9]+)?$")
PROJECT_ID = re.compile(r"\bP(\d\d)\b")


class DataManifestError(ValueError):
    """The manifest or the data it names is missing, malformed or differs from the registry."""


# ------------------------------------------------------------------------------ manifest


def data_source(root: Path) -> Path:
    """The folder the datasets are copied from: ``$M2M_DATA_DIR`` when set, else
    ``<root>/data`` (the same rule as ``shared.datasets.data_dir`` in the repository)."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).expanduser() if env else Path(root) / DATA_DIR


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_manifest(readme: Path) -> dict[str, tuple[str, ...]] | None:
    """Project id (``"p08"``) -> dataset folders it reads, from the table of ``readme``.

    The table is the first one whose header has a ``folder`` and a ``used in`` column.
    A folder cell holds the folder in backticks (`` `mnist/` ``); a ``used in`` cell names
    projects as ``P08`` (anything else in the cell, such as "extra practice" or
    "(stretch)", is commentary). Returns None when the file or the table is absent (a
    repository without a manifest); raises :class:`DataManifestError` on a malformed row.
    """
    if not readme.is_file():
        return None
    lines = readme.read_text(encoding="utf-8").splitlines()
    headers = [
        (i, [c.lower() for c in _cells(line)])
        for i, line in enumerate(lines)
        if line.lstrip().startswith("|")
    ]
    start, header = next(((i, h) for i, h in headers if "folder" in h and "used in" in h), (0, []))
    if not header:
        return None
    col_folder, col_used = header.index("folder"), header.index("used in")
    manifest: dict[str, list[str]] = {}
    for lineno, line in enumerate(lines[start + 2 :], start=start + 3):
        if not line.lstrip().startswith("|"):
            break
        cells = _cells(line)
        m = None
        if len(cells) == len(header):
            m = re.fullmatch(r"`([A-Za-z0-9_.\-]+)/?`", cells[col_folder])
        if m is None:
            raise DataManifestError(
                f"{readme}:{lineno}: expected a row of {len(header)} cells whose "
                f"'folder' cell is a folder in backticks (`mnist/`), got {line.strip()!r}"
            )
        for number in PROJECT_ID.findall(cells[col_used]):
            folders = manifest.setdefault(f"p{number}", [])
            if m.group(1) not in folders:
                folders.append(m.group(1))
    return {p: tuple(f) for p, f in sorted(manifest.items())}


def datasets_for(root: Path, projects: Iterable[str]) -> tuple[str, ...] | None:
    """The dataset folders the given projects (``"p08"`` or ``"p08_mnist"``) read, in
    manifest order without repeats; None when the repository has no manifest."""
    manifest = read_manifest(Path(root) / DATA_DIR / README)
    if manifest is None:
        return None
    folders: list[str] = []
    for project in projects:
        for folder in manifest.get(project[:3].lower(), ()):
            if folder not in folders:
                folders.append(folder)
    return tuple(folders)


def read_registry(root: Path) -> dict[str, tuple[str, int]]:
    """``REGISTRY`` of the repository's ``shared/datasets.py`` (reference tree first):
    registered name -> (SHA-256, size in bytes), parsed, never imported."""
    for rel in REGISTRY_MODULES:
        path = Path(root) / rel
        if path.is_file():
            break
    else:
        raise DataManifestError(
            f"no dataset registry in {root}: expected one of {', '.join(REGISTRY_MODULES)}"
        )
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "REGISTRY":
            value = node.value
            break
    else:
        raise DataManifestError(f"{path}: expected a module-level REGISTRY = {{...}}")
    registry: dict[str, tuple[str, int]] = {}
    try:
        for key, call in zip(value.keys, value.values, strict=True):
            sha, size = (ast.literal_eval(a) for a in call.args)
            registry[ast.literal_eval(key)] = (str(sha), int(size))
    except (AttributeError, TypeError, ValueError) as err:
        raise DataManifestError(
            f"{path}: expected REGISTRY entries of the form "
            f'"folder/file": FileInfo("<sha256>", <size>), could not read them ({err})'
        ) from None
    return registry


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------------------- bundles


def bundle_files(root: Path, project: str) -> dict[str, bytes]:
    """``data/...`` path -> bytes of everything a bundle of ``project`` carries, verified.

    Empty when the repository has no manifest or the project reads no dataset; otherwise
    ``data/README.md`` (the licences, and the marker ``shared.datasets.data_dir`` looks
    for) and every registered file and licence note of the project's folders. Raises
    :class:`DataManifestError` naming the file, the expected SHA-256 and what was found
    when a registered file is missing or differs, and for a file the registry does not
    know (register it or remove it), so a bundle never ships unverified data.
    """
    root = Path(root)
    folders = datasets_for(root, [project])
    if not folders:
        return {}
    source = data_source(root)
    registry = read_registry(root)
    files = {f"{DATA_DIR}/{README}": (root / DATA_DIR / README).read_bytes()}
    for folder in folders:
        registered = sorted(n for n in registry if n.split("/", 1)[0] == folder)
        if not registered:
            raise DataManifestError(
                f"data/README.md says {project.upper()} uses {folder}/, but the registry "
                "(shared/datasets.py REGISTRY) has no file in that folder"
            )
        for name in registered:
            sha, size = registry[name]
            path = source / name
            if not path.is_file():
                raise DataManifestError(
                    f"{project.upper()} needs data/{name} (SHA-256 {sha}, {size} bytes), "
                    f"found no file at {path}; restore it (m2m doctor says how)"
                )
            data = path.read_bytes()
            if _sha256(data) != sha or len(data) != size:
                raise DataManifestError(
                    f"data/{name} at {path} differs from the registered file: expected "
                    f"SHA-256 {sha} ({size} bytes), found {_sha256(data)} ({len(data)} "
                    "bytes); restore it before writing a bundle"
                )
            files[f"{DATA_DIR}/{name}"] = data
        for path in sorted((source / folder).rglob("*")):
            name = path.relative_to(source).as_posix()
            if not path.is_file() or name in registry or path.name.startswith("."):
                continue
            if not NOTE_FILE.match(path.name):
                raise DataManifestError(
                    f"data/{name} is not in the registry (shared/datasets.py REGISTRY): "
                    "register it with its SHA-256 or remove it before writing a bundle"
                )
            files[f"{DATA_DIR}/{name}"] = path.read_bytes()
    return files


# ----------------------------------------------------------------------------- sandboxes


@dataclass
class DataCopy:
    """What :func:`copy_for_grading` copied: where from, and each copy's SHA-256."""

    source: Path
    dest: Path
    sha256: dict[str, str] = field(default_factory=dict)  # relative path -> digest


def copy_for_grading(root: Path, dest: Path, projects: Iterable[str]) -> DataCopy | None:
    """Copy the datasets of ``projects`` from :func:`data_source` into ``dest``.

    Graded code must never reach the repository's files: a hard link would let a
    submission that opens a dataset for writing change the original (and the grader may
    run as root, for whom permission bits stop nothing), so every file is copied. With a
    manifest only ``README.md`` and the projects' folders are copied (a few MB instead of
    the whole folder); without one, the whole folder. The copies are made read-only,
    which stops an accidental write when the grader is not root. Returns None when there
    is no data folder.
    """
    source, dest = data_source(root), Path(dest)
    if not source.is_dir():
        return None
    folders = datasets_for(root, projects)
    if folders is None:
        paths = [p for p in source.rglob("*") if p.is_file()]
    else:
        paths = [source / README] if (source / README).is_file() else []
        for folder in folders:
            paths += [p for p in sorted((source / folder).rglob("*")) if p.is_file()]
    copy = DataCopy(source, dest)
    dest.mkdir(parents=True, exist_ok=True)
    for path in paths:
        rel = path.relative_to(source).as_posix()
        if path.name.startswith(".") or "__pycache__" in rel:
            continue  # partial downloads, editor files
        data = path.read_bytes()
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o444)
        copy.sha256[rel] = _sha256(data)
    return copy


def changes_since(copy: DataCopy) -> list[str]:
    """One note per dataset file a graded process wrote, deleted or created in the copy.

    The copy is thrown away with the sandbox, so the repository's data is unchanged; the
    notes tell the learner (and the instructor) that the attempt was made and discarded.
    """
    notes: list[str] = []
    where = f"{DATA_DIR}/"
    for rel, digest in sorted(copy.sha256.items()):
        path = copy.dest / rel
        try:
            changed = _sha256(path.read_bytes()) != digest
        except FileNotFoundError:
            notes.append(
                f"a graded process deleted {where}{rel}: the deletion was discarded "
                "(graded code works on a copy of the datasets; the original is unchanged)"
            )
            continue
        except OSError:  # replaced by a folder, made unreadable: tampered with all the same
            changed = True
        if changed:
            notes.append(
                f"a graded process wrote to {where}{rel}: the change was discarded "
                "(graded code works on a copy of the datasets; the original is unchanged)"
            )
    if copy.dest.is_dir():
        for path in sorted(copy.dest.rglob("*")):
            rel = path.relative_to(copy.dest).as_posix()
            if path.is_file() and rel not in copy.sha256:
                notes.append(
                    f"a graded process created {where}{rel}: it was discarded "
                    "(graded code works on a copy of the datasets)"
                )
    return notes
