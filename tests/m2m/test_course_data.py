"""nbgrader assignments carry their data: the source and the released folder hold the
datasets the project reads, the loaders find them with no variable set, and autograde
gives each submission its own copy (a submission that writes to it harms nobody else)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from m2m.nbgrader import course as nbg
from m2m.release import data_manifest
from m2m.release import tree as release
from m2m.release.tree import Source, project_number
from m2m.runtime import answers

pytest.importorskip("nbgrader", reason="needs the instructor extra: pip install -e '.[instructor]'")
pytest.importorskip("nbformat", reason="needs the instructor extra: pip install -e '.[instructor]'")

pytestmark = pytest.mark.nbgrader

REPO = Path(__file__).resolve().parents[2]

# Appended to a submission's package: at import time (in every test process autograde
# starts) it rewrites the Iris file of the data folder beside the assignment.
TAMPER = """

import os as _os
from pathlib import Path as _Path

_iris = _Path(__file__).resolve().parents[2] / "data" / "iris" / "bezdekIris.data"
if _iris.is_file():
    _os.chmod(_iris, 0o644)
    _iris.write_text("5.1,3.5,1.4,0.2,Iris-setosa\\n")
"""


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _plain_env() -> dict[str, str]:
    """An instructor's or learner's environment: none of the course variables."""
    env = dict(os.environ)
    for key in ("M2M_IMPL", "M2M_ROOT", "M2M_OUT_DIR", "M2M_DATA_DIR", "PYTHONPATH"):
        env.pop(key, None)
    env["MPLBACKEND"] = "Agg"
    return env


def _expected_data(project: str) -> dict[str, str]:
    """What an assignment's data/ must hold: the bundle's data files and their digests."""
    files = data_manifest.bundle_files(REPO, project)
    return {
        rel.removeprefix("data/"): hashlib.sha256(data).hexdigest() for rel, data in files.items()
    }


def _submit(course: Path, name: str, student: str, n: int, extra: str = "") -> Path:
    """The released folder with every region up to project ``n`` filled from the reference,
    plus ``extra`` in the helpers block of the project's ``perceptron.py`` (learner code
    that runs when the module is imported: the one place outside the answers that is
    graded)."""
    target = course / "submitted" / student / name
    shutil.copytree(course / "release" / name, target)
    for rel, data in Source(REPO).generate(lambda r: project_number(r.project) <= n).items():
        if (target / rel).is_file():
            (target / rel).write_bytes(data)
    if extra:
        module = target / "projects" / name / "perceptron.py"
        text = module.read_text(encoding="utf-8")
        if answers.HELPERS_HINT not in text:
            text = answers.add_helpers_block(text)
        text = text.replace(answers.HELPERS_HINT, answers.HELPERS_HINT + extra.lstrip("\n"))
        module.write_text(text, encoding="utf-8")
    return target


def _public_tests_pass_alone(folder: Path, tmp: Path, n: int) -> None:
    """A learner's copy of the released folder, solved, passes its public tests with no
    course variable set and the folder as working directory."""
    work = tmp / "learner" / folder.name
    shutil.copytree(folder, work)
    for rel, data in Source(REPO).generate(lambda r: project_number(r.project) <= n).items():
        if (work / rel).is_file():
            (work / rel).write_bytes(data)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
        cwd=work,
        env=_plain_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]


def _scores(course: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-m", "m2m", "nbgrader", "export", "-C", str(course)],
        cwd=course,
        env=_plain_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    import csv

    with open(course / "grades.csv", newline="", encoding="utf-8") as fh:
        return {row["student_id"]: float(row["score"]) for row in csv.DictReader(fh)}


def test_p01_assignment_carries_its_data_and_autograde_gives_each_submission_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("M2M_DATA_DIR", raising=False)
    name = Source(REPO).project_dirs["p01"]
    course = tmp_path / "course"
    (built,) = nbg.build(REPO, course, ["p01"])
    meta = json.loads((course / nbg.COURSE_FILE).read_text(encoding="utf-8"))
    assert meta["data_dir"] is None, "with the data carried, no test may read the repository's"
    expected = _expected_data("p01")
    assert set(expected) == {
        "README.md",
        "iris/bezdekIris.data",
        "iris/iris.data",
        "iris/iris.names",
    }
    assert _digests(course / "source" / name / "data") == expected

    nbg.release(course, ["p01"])
    assert _digests(course / "release" / name / "data") == expected
    _public_tests_pass_alone(course / "release" / name, tmp_path, 1)

    # "attacker" is graded first; its write must reach neither source/ nor "reference".
    _submit(course, name, "attacker", 1, TAMPER)
    _submit(course, name, "reference", 1)
    assert "M2M_DATA_DIR" not in nbg.course_env(course)
    assert nbg.autograde(course, "p01") == 0
    scores = _scores(course)
    assert scores["reference"] == built.points
    assert scores["attacker"] < built.points, "the tampered Iris file must fail its checksum"
    assert _digests(course / "source" / name / "data") == expected
    assert _digests(REPO / "data" / "iris") == {
        k.removeprefix("iris/"): v for k, v in expected.items() if k.startswith("iris/")
    }
    tampered = course / "autograded" / "attacker" / name / "data" / "iris" / "bezdekIris.data"
    assert tampered.read_text() == "5.1,3.5,1.4,0.2,Iris-setosa\n", "the write went to its copy"


@pytest.mark.slow
def test_p08_release_carries_mnist_and_its_public_tests_pass_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The largest data an assignment carries (MNIST, 11.6 MB) survives nbgrader's
    generate_assignment (file size limit, ignore patterns) byte for byte."""
    monkeypatch.delenv("M2M_DATA_DIR", raising=False)
    name = Source(REPO).project_dirs["p08"]
    course = tmp_path / "course"
    nbg.build(REPO, course, ["p08"])
    nbg.release(course, ["p08"])
    expected = _expected_data("p08")
    assert {k.split("/")[0] for k in expected} == {"README.md", "mnist"}
    assert _digests(course / "source" / name / "data") == expected
    assert _digests(course / "release" / name / "data") == expected
    _public_tests_pass_alone(course / "release" / name, tmp_path, release.project_number("p08"))
