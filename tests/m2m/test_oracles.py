"""m2m.release.oracles: no shipped test support computes what a graded region computes."""

from __future__ import annotations

from pathlib import Path

import pytest

from m2m.release import oracles
from m2m.release import tree as release

from .conftest import REPO, m2m, write

REGIONS = '''
import numpy as np


def roc_auc(y_true, scores):
    """P(a positive outscores a negative)."""
    ### BEGIN SOLUTION p01.t1
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos = int(np.sum(y_true))
    n_neg = len(y_true) - n_pos
    return (np.sum(ranks[y_true == 1]) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    ### END SOLUTION


def smooth(values, width):
    """Moving average over ``width`` samples."""
    ### BEGIN SOLUTION p02.t1
    out = np.zeros(len(values) - width + 1)
    for i in range(len(out)):
        total = 0.0
        for j in range(width):
            total += values[i + j]
        out[i] = total / width
    return out
    ### END SOLUTION


class Softmax:
    @staticmethod
    def forward(ctx, a, axis):
        ### BEGIN SOLUTION p02.t2
        e = np.exp(a - a.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
        ### END SOLUTION
'''

HARMLESS = '''
import numpy as np
import pytest


def _blobs(n, d, seed=0):
    """A toy dataset: data, not an answer."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.integers(0, 2, size=n)


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def pytest_generate_tests(metafunc):
    return None
'''


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """Two projects whose regions (P01: roc_auc; P02: smooth and Softmax.forward) live in
    one shared module, with harmless public support in both test folders."""
    root = tmp_path / "course"
    write(root / "pyproject.toml", (REPO / "pyproject.toml").read_text())
    write(root / "tests" / "conftest.py", (REPO / "tests" / "conftest.py").read_text())
    write(root / "solutions" / "shared" / "__init__.py", "")
    write(root / "solutions" / "shared" / "stats.py", REGIONS)
    write(root / "solutions" / "projects" / "__init__.py", "")
    for name in ("p01_first", "p02_second"):
        write(root / "solutions" / "projects" / name / "__init__.py", "")
        write(root / "tests" / name / "conftest.py", HARMLESS)
        write(root / "tests" / name / "test_public.py", "def test_nothing():\n    pass\n")
    return root


def plant(root: Path, rel: str, text: str) -> None:
    path = root / rel
    before = path.read_text() if path.is_file() else ""
    write(path, before + "\n\n" + text)


def found(root: Path) -> dict[str, str]:
    return {f.qualname: f.reason for f in oracles.find(root)}


def test_harmless_support_passes(course: Path):
    assert found(course) == {}


@pytest.mark.parametrize(
    ("planted", "name", "reason"),
    [
        # A name that says what it is.
        ("def lstm_ref(x, h):\n    return x + h\n", "lstm_ref", "named like a test reference"),
        ("def conv_reference(x):\n    return x\n", "conv_reference", "named like a test"),
        # The name of a region function, or of a region method's class, give or take an
        # underscore, a number and a verb.
        ("def _softmax64(z, axis=-1):\n    return z\n", "_softmax64", "Softmax.forward"),
        ("def build_smooth(v):\n    return v\n", "build_smooth", "named after shared/stats.py"),
        # Written differently under another name: it takes the region function's inputs.
        (
            "def pairs_won(y, scores):\n"
            "    pos, neg = scores[y == 1][:, None], scores[y == 0][None, :]\n"
            "    return float((pos > neg).mean())\n",
            "pairs_won",
            "takes the parameters of shared/stats.py roc_auc (P01 Task 1) (y, scores)",
        ),
        # A pasted solution under other names: the structure gives it away.
        (
            "def blur(signal, k):\n"
            "    res = np.zeros(len(signal) - k + 1)\n"
            "    for a in range(len(res)):\n"
            "        acc = 0.0\n"
            "        for b in range(k):\n"
            "            acc += signal[a + b]\n"
            "        res[a] = acc / k\n"
            "    return res\n",
            "blur",
            "has the structure of shared/stats.py smooth (P02 Task 1)",
        ),
        # A test is not an oracle itself, but what it nests is checked.
        (
            "def test_auc():\n    def auc_oracle(y, s):\n        return 0.5\n\n"
            "    assert auc_oracle(None, None) == 0.5\n",
            "test_auc.auc_oracle",
            "named like a test reference",
        ),
    ],
)
def test_a_planted_public_oracle_is_found(course: Path, planted, name, reason):
    plant(course, "tests/p01_first/conftest.py", planted)
    findings = oracles.find(course)
    assert [f.qualname for f in findings] == [name], findings
    assert reason in findings[0].reason, findings[0].reason
    assert findings[0].path == "tests/p01_first/conftest.py"


def test_public_test_files_and_helpers_are_checked_too(course: Path):
    plant(course, "tests/p02_second/test_public.py", "def smooth_ref(v):\n    return v\n")
    plant(course, "tests/p02_second/helpers.py", "def _smooth2(v, w):\n    return v\n")
    got = {(f.path, f.qualname) for f in oracles.find(course)}
    assert got == {
        ("tests/p02_second/test_public.py", "smooth_ref"),
        ("tests/p02_second/helpers.py", "_smooth2"),
    }


def test_earlier_projects_and_hidden_files_are_not_checked(course: Path):
    # P01's roc_auc is filled from the reference in P02's bundle: no answer to hand out.
    plant(course, "tests/p02_second/conftest.py", "def pairs_won(y, scores):\n    return 0\n")
    # Hidden support and hidden tests never ship.
    plant(course, "tests/p01_first/hidden_oracles.py", "def conv_reference(x):\n    return x\n")
    plant(course, "tests/p01_first/test_hidden.py", "def lstm_ref(x):\n    return x\n")
    plant(course, "tests/p01_first/hidden_data/more.py", "def gru_ref(x):\n    return x\n")
    assert found(course) == {}


def test_release_check_fails_on_a_planted_oracle_and_names_it(course: Path):
    assert m2m("release", cwd=course).returncode == 0
    clean = m2m("release", "--check", cwd=course)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no test oracle in the public test support" in clean.stdout
    plant(course, "tests/p02_second/conftest.py", "def smooth_reference(v, w):\n    return v\n")
    leaky = m2m("release", "--check", cwd=course)
    assert leaky.returncode == 1, leaky.stdout + leaky.stderr
    assert "tests/p02_second/conftest.py:" in leaky.stdout and "smooth_reference" in leaky.stdout
    assert "hidden_*.py" in leaky.stdout


def test_the_course_ships_no_oracle():
    findings = oracles.find(REPO)
    assert not findings, "\n".join(map(str, findings))


def test_the_course_oracles_the_check_was_made_for_are_still_caught(tmp_path: Path):
    """The oracles that once sat in public conftest files, each planted back beside the
    public tests of its project (kept in hidden support now): every one is found."""
    root = tmp_path / "course"
    for top in ("solutions", "tests"):
        release.copy_tree(REPO / top, root / top)
    (root / "pyproject.toml").write_bytes((REPO / "pyproject.toml").read_bytes())
    moved = sorted((root / "tests").glob("p*/hidden_oracles.py"))
    assert len(moved) >= 7, moved
    for path in moved:
        path.rename(path.with_name("conftest_extra.py"))  # shipped under this name
    names = {f.qualname for f in oracles.find(root)}
    expected = {
        "_lstsq_reference",  # P03: the closed form
        "_pairwise_auc",  # P04: ROC-AUC
        "_counts",  # P04: the confusion counts
        "_brute_pr",  # P06: the PR curve
        "_ap_by_positives",  # P06: average precision
        "_weighted_bce",  # P06: the weighted BCE op
        "conv_reference",  # P07: the loop convolution
        "im2col_reference",  # P07
        "correlate_same",  # P07: "same" filtering
        "_log_softmax64",  # P08
        "_cross_entropy64",  # P08
        "_conv_loops",  # P09: the conv2d op
        "_lenet",  # P09: the network of Task 5
        "lstm_reference",  # P10
        "gru_reference",  # P10
    }
    assert expected <= names, sorted(expected - names)
