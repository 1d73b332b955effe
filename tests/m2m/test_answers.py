"""What is graded is the learner's answers put back into the pristine file.

Unit tests of ``m2m.answers`` (finding answers, the helpers block, edits outside the answers
named and ignored), then the tamperings on the real course: an edit outside a region
cannot rescue a wrong op, a gradient checker made to always pass changes nothing, and
test oracles are not in the learner's files at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from m2m import answers, release
from m2m.grade import GradeOptions, grade

from .conftest import REPO, learner_tree

STUB_F = "    raise NotImplementedError('P01 Task 2 · f — see projects/p01_x/README.md#task-2')\n"
STUB_G = (
    "        raise NotImplementedError('P01 Task 3 · C.g — see projects/p01_x/README.md#task-3')\n"
)
PRISTINE = answers.add_helpers_block(
    '"""A module."""\n'
    "import numpy as np\n"
    "\n\n"
    "def given(x):\n"
    '    """Given: not the learner\'s."""\n'
    "    return x + 1\n"
    "\n\n"
    "def f(x):\n"
    '    """Doc of f."""\n'
    "    y = given(x)\n"
    f"{STUB_F}"
    "\n\n"
    "class C:\n"
    "    def g(self, x):\n"
    f"{STUB_G}"
)


def fill(text: str, stub: str, code: str) -> str:
    assert stub in text
    return text.replace(stub, code)


def test_the_learner_file_is_the_pristine_one_with_its_answers():
    learner = fill(PRISTINE, STUB_F, "    z = y * 2\n    return z\n")
    learner = fill(learner, STUB_G, "        return 3 * x\n")
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert graded == learner, "a file with answers only is graded exactly as written"
    assert note is None


def test_an_edit_outside_the_answers_is_ignored_and_named():
    learner = fill(PRISTINE, STUB_F, "    return y\n").replace("return x + 1", "return x + 100")
    graded, note = answers.graded_text(PRISTINE, learner, "shared/m.py")
    assert "return x + 1\n" in graded and "x + 100" not in graded
    assert "    return y\n" in graded, "the answer is kept"
    line = learner.splitlines().index("    return x + 100") + 1
    assert note is not None and "edits outside solution regions in shared/m.py" in note
    assert f"lines {line}" in note, note


def test_helpers_block_is_kept_and_a_stray_function_is_not():
    learner = fill(PRISTINE, STUB_F, "    return _twice(y)\n").replace(
        answers.HELPERS_HINT, answers.HELPERS_HINT + "def _twice(v):\n    return 2 * v\n"
    )
    learner += "\n\ndef sneaky():\n    return 'not graded'\n"
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert "def _twice(v):" in graded, "the helpers block is the learner's"
    assert "sneaky" not in graded, "a new top-level function outside the block is ignored"
    assert note and "your helpers" in note
    compile(graded, "m.py", "exec")


def test_an_answer_never_reaches_into_the_next_function():
    # The learner fills g and rewrites the given function after f as part of one edit.
    learner = fill(PRISTINE, STUB_F, "    return y\n\n\ndef given2():\n    return 'mine'\n")
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert "given2" not in graded and "    return y\n" in graded
    assert note and "ignored" in note


def test_a_renamed_function_loses_its_answer_with_a_clear_note():
    learner = fill(PRISTINE, STUB_F, "    return y\n").replace("def f(x):", "def f_renamed(x):")
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert STUB_F in graded
    assert note and "could not find your answer for P01 Task 2 · f" in note


def test_a_file_that_does_not_parse_is_graded_as_written():
    learner = fill(PRISTINE, STUB_F, "    return (\n")
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert graded == learner and note and "not valid Python" in note


def test_release_check_still_tells_local_work_from_drift():
    learner = fill(PRISTINE, STUB_F, "    return y\n")
    assert release.matches_outside_stubs(PRISTINE, learner)
    assert not release.matches_outside_stubs(PRISTINE, learner.replace("x + 1", "x + 2"))


# ------------------------------------------------------------------ the real course


def _replace_region(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def p05_solved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("M2M_DATA_DIR", str(REPO / "data"))
    return learner_tree(
        REPO,
        tmp_path / "clone",
        keep=lambda r: release.project_number(r.project) <= 5,
        projects=["p05"],
    )


def _exp_tests(score) -> dict[str, str]:
    return {
        t["nodeid"].split("::")[-1]: t["outcome"]
        for ts in score.tasks.values()
        for t in ts.tests
        if "[exp]" in t["nodeid"]
    }


def test_tampering_cannot_rescue_a_wrong_op(p05_solved: Path):
    """A wrong backward for exp, a gradient checker made to always pass, and a patch of the
    grader's oracle written outside the regions: the op still fails its generic checks,
    and the report names the ignored edits."""
    functional = p05_solved / "shared" / "functional" / "elementwise.py"
    _replace_region(functional, "        return (grad * ctx.out,)\n", "        return (grad,)\n")
    functional.write_text(
        functional.read_text(encoding="utf-8") + "\n\nimport m2m.opspecs as _o\n_o.SPECS.clear()\n",
        encoding="utf-8",
    )
    gradcheck = p05_solved / "shared" / "gradcheck.py"
    gradcheck.write_text(
        gradcheck.read_text(encoding="utf-8")
        + "\n\ndef gradcheck(*args, **kwargs):\n    return 0.0\n",
        encoding="utf-8",
    )
    (score,), data = grade(p05_solved, ["p05"], impl="learner", options=GradeOptions(task=3))
    outcomes = _exp_tests(score)
    assert outcomes, "the generic checks of exp ran"
    assert outcomes.get("test_elementwise_backward_gradcheck[exp]") == "failed", outcomes
    assert score.earned < score.possible
    notes = "\n".join(data["notes"])
    ignored = "edits outside solution regions in shared/functional/elementwise.py were ignored"
    assert ignored in notes
    assert "edits outside solution regions in shared/gradcheck.py were ignored" in notes


def test_the_solved_tree_with_notes_free_edits_keeps_full_task_marks(p05_solved: Path):
    """The control: the same solved tree, only a helper added in the helpers block and
    used in an answer, earns every point of task 3."""
    functional = p05_solved / "shared" / "functional" / "elementwise.py"
    text = functional.read_text(encoding="utf-8")
    if answers.HELPERS_HINT not in text:  # the fixture fills every region: add the block
        text = answers.add_helpers_block(text)
    text = text.replace(answers.HELPERS_HINT, answers.HELPERS_HINT + "_ONE = 1.0\n")
    functional.write_text(text, encoding="utf-8")
    _replace_region(
        functional,
        "        return (grad * ctx.out,)\n",
        "        return (grad * ctx.out * _ONE,)\n",
    )
    (score,), data = grade(p05_solved, ["p05"], impl="learner", options=GradeOptions(task=3))
    assert score.earned == score.possible, [
        (t["nodeid"], t["message"])
        for ts in score.tasks.values()
        for t in ts.tests
        if t["outcome"] != "passed"
    ][:5]
