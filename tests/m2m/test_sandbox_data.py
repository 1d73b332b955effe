"""The datasets in a grading sandbox: a private copy of what the graded projects read, so
that a submission writing to a dataset changes nothing outside the sandbox, and the
grade report says that it tried."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from m2m.grading import sandbox
from m2m.grading.grade import format_report, grade
from m2m.projects import select
from m2m.release import data_manifest

from .conftest import REPO, learner_tree, write

TOY_README = """\
# Toy data

| folder | dataset | used in | licence |
|---|---|---|---|
| `toy/` | seven, written down | P01 | public domain |
| `other/` | a file P01 never reads | P02 | public domain |
| `spare/` | read by nobody yet | extra practice | public domain |
"""

# The learner's double() is correct, and on the side it rewrites a dataset, plants a file
# beside it and deletes another: all three must stay inside the sandbox.
HOSTILE_CORE = '''
def double(x):
    """2x."""
    import os
    from pathlib import Path

    folder = Path(os.environ["M2M_DATA_DIR"]) / "toy"
    target = folder / "numbers.txt"
    os.chmod(target, 0o644)  # the copy is read-only; its owner can undo that, so can root
    with open(target, "w") as fh:
        fh.write("70\\n")
    (folder / "planted.txt").write_text("mine\\n")
    (folder / "LICENSE").unlink(missing_ok=True)
    return 2 * x


def triple(x):
    """3x."""
    return 3 * x
'''


def _digests(folder: Path) -> dict[str, tuple[str, int]]:
    """Relative path -> (SHA-256, mode) of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mode,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def toy_data(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini course with a data folder and its manifest; the sandbox copies from it."""
    monkeypatch.delenv("M2M_DATA_DIR", raising=False)
    write(mini_course / "data" / "README.md", TOY_README)
    write(mini_course / "data" / "toy" / "numbers.txt", "7\n")
    write(mini_course / "data" / "toy" / "LICENSE", "public domain\n")
    write(mini_course / "data" / "other" / "big.txt", "x" * 1000)
    write(mini_course / "data" / "spare" / "unused.txt", "y\n")
    return mini_course


def test_a_write_to_a_dataset_stays_in_the_sandbox_and_the_report_names_it(
    toy_data: Path, tmp_path: Path
):
    clone = learner_tree(toy_data, tmp_path / "clone", keep=lambda r: True)
    (clone / "data").symlink_to(toy_data / "data")  # the learner's checkout of the data
    write(clone / "shared" / "core.py", HOSTILE_CORE)
    before = _digests(toy_data / "data")

    scores, data = grade(clone, ["p01"], impl="learner")

    assert _digests(toy_data / "data") == before, "the repository's data must be unchanged"
    (p01,) = scores
    assert p01.earned == p01.possible, "the write itself costs nothing; the code is right"
    notes = data["notes"]
    assert any(n.startswith("a graded process wrote to data/toy/numbers.txt") for n in notes)
    assert any(n.startswith("a graded process created data/toy/planted.txt") for n in notes)
    assert any(n.startswith("a graded process deleted data/toy/LICENSE") for n in notes)
    report = format_report(scores, "learner", notes=notes)
    assert "note: a graded process wrote to data/toy/numbers.txt: the change was discarded" in (
        report
    )


def test_grading_untouched_data_adds_no_note(toy_data: Path, tmp_path: Path):
    clone = learner_tree(toy_data, tmp_path / "clone", keep=lambda r: True)
    (clone / "data").symlink_to(toy_data / "data")
    scores, data = grade(clone, ["p01"], impl="learner")
    assert scores[0].earned == scores[0].possible
    assert not [n for n in data["notes"] if "data/" in n], data["notes"]


def test_the_sandbox_copies_only_the_graded_projects_folders_and_links_nothing(
    toy_data: Path, tmp_path: Path
):
    (p01,) = select(toy_data, ["p01"])
    box = sandbox.build(toy_data, "solutions", tmp_path / "box", [p01])
    copied = _digests(box.root / "data")
    assert set(copied) == {"README.md", "toy/numbers.txt", "toy/LICENSE"}
    for rel in copied:
        original, copy = (toy_data / "data" / rel).stat(), (box.root / "data" / rel).stat()
        assert copy.st_ino != original.st_ino and copy.st_nlink == 1, f"{rel} is a link"
        assert not copy.st_mode & 0o222, f"the copy of {rel} should be read-only"
    assert sandbox.data_notes(box) == []

    both = sandbox.build(toy_data, "solutions", tmp_path / "box2", select(toy_data, None))
    assert set(_digests(both.root / "data")) == {
        "README.md",
        "toy/numbers.txt",
        "toy/LICENSE",
        "other/big.txt",
    }


def test_without_a_manifest_the_whole_data_folder_is_copied(toy_data: Path, tmp_path: Path):
    (toy_data / "data" / "README.md").write_text("# Toy data, no table\n")
    box = sandbox.build(toy_data, "solutions", tmp_path / "box", select(toy_data, ["p01"]))
    assert set(_digests(box.root / "data")) == set(_digests(toy_data / "data"))


def test_the_data_comes_from_m2m_data_dir_when_it_is_set(
    toy_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    elsewhere = tmp_path / "cache"
    write(elsewhere / "toy" / "numbers.txt", "8\n")
    monkeypatch.setenv("M2M_DATA_DIR", str(elsewhere))
    box = sandbox.build(toy_data, "solutions", tmp_path / "box", select(toy_data, ["p01"]))
    assert (box.root / "data" / "toy" / "numbers.txt").read_text() == "8\n"
    assert not (box.root / "data" / "other").exists()


def test_a_malformed_manifest_row_is_named(toy_data: Path):
    readme = toy_data / "data" / "README.md"
    readme.write_text(TOY_README.replace("| `toy/` |", "| toy |"))
    with pytest.raises(data_manifest.DataManifestError, match=r"README.md:5: .*'folder' cell"):
        data_manifest.read_manifest(readme)


def test_the_real_sandbox_gets_only_mnist_for_p08_quickly(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("M2M_DATA_DIR", raising=False)
    projects = select(REPO, ["p08"])
    start = time.perf_counter()
    box = sandbox.build(REPO, "solutions", tmp_path / "box", projects)
    seconds = time.perf_counter() - start
    names = set(_digests(box.root / "data"))
    assert names == {"README.md"} | {
        f"mnist/{split}-{kind}-idx{d}-ubyte.gz"
        for split in ("train", "t10k")
        for kind, d in (("images", 3), ("labels", 1))
    }
    assert seconds < 10, f"building the P08 sandbox took {seconds:.1f} s"
    # The copy's checksums are the registered ones: the loaders will accept it.
    registry = data_manifest.read_registry(REPO)
    for name, digest in box.data.sha256.items():
        if name in registry:
            assert digest == registry[name][0], name
    assert os.stat(box.root / "data" / "mnist").st_ino != os.stat(REPO / "data" / "mnist").st_ino
