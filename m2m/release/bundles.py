"""One assignment's learner bundle (``m2m release --project pNN --out DIR``): what a learner of
that project receives, and what an nbgrader assignment is built from."""

from __future__ import annotations

from pathlib import Path

from m2m.release import data_manifest
from m2m.release.hidden import TEST_NAME, hidden_tests, mentions, shipped_test_files
from m2m.release.tree import MIRRORED, Source, write_tree
from m2m.runtime import naming
from m2m.runtime.naming import project_number


def bundle(root: Path, project: str, out: Path) -> list[str]:
    """Write the learner bundle of one assignment to ``out``.

    Regions owned by projects before ``project`` are filled with the reference; those of
    ``project`` and later are stubbed. Only the packages of ``project`` and earlier are
    included, and only the public tests of ``project``, with the datasets the project
    reads under ``data/`` (see :mod:`m2m.release.data_manifest`).
    """
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
