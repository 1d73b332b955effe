"""What is graded is the learner's answers put back into the pristine file.

Unit tests of ``m2m.runtime.answers`` (finding answers, the helpers block, edits outside the answers
named and ignored), then the tamperings on the real course: an edit outside a region
cannot rescue a wrong op, a gradient checker made to always pass changes nothing, and
test oracles are not in the learner's files at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from m2m.grading.grade import GradeOptions, grade
from m2m.release import tree as release
from m2m.runtime import answers

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


def test_helpers_block_and_a_new_function_anywhere_are_kept():
    learner = fill(PRISTINE, STUB_F, "    return _twice(y)\n").replace(
        answers.HELPERS_HINT, answers.HELPERS_HINT + "def _twice(v):\n    return 2 * v\n"
    )
    learner += "\n\ndef mine():\n    return 'kept'\n"
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert "def _twice(v):" in graded, "the helpers block is the learner's"
    assert "def mine():" in graded, "a new function of the learner's own is kept"
    assert note and "kept: mine" in note and "ignored" not in note
    compile(graded, "m.py", "exec")


def test_a_helper_method_next_to_its_use_is_kept():
    # A learner adds a method right after the answer that calls it, and a module-level
    # helper and an import right before the function that uses them.
    learner = fill(
        PRISTINE,
        STUB_G,
        "        return self._check(x)\n\n    def _check(self, x):\n        return 3 * x\n",
    )
    learner = learner.replace(
        "def f(x):", "import math\n\n\ndef _half(v):\n    return v / 2\n\n\ndef f(x):"
    )
    learner = fill(learner, STUB_F, "    return _half(math.floor(y))\n")
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    space: dict = {}
    exec(compile(graded, "m.py", "exec"), space)
    assert space["C"]().g(2) == 6 and space["f"](5) == 3
    assert note and "C._check" in note and "_half" in note and "math" in note
    assert "ignored" not in note


@pytest.mark.parametrize(
    ("edit", "name"),
    [
        ("\n\ndef given(x):\n    return 'mine'\n", "given"),  # a given name, defined again
        ("\n\ndef len(x):\n    return 0\n", None),  # shadows a builtin given code calls
        ("\n\nnp = None\n", "np"),  # rebinds a given import
    ],
)
def test_what_shadows_given_code_is_ignored(edit, name):
    learner = fill(PRISTINE, STUB_F, "    return y\n") + edit
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert edit.strip() not in graded and "    return x + 1\n" in graded
    assert note and "ignored" in note
    if name:
        assert f"{name} is given code" in note


def test_a_new_dunder_method_in_a_class_is_not_kept():
    learner = fill(
        PRISTINE,
        STUB_G,
        "        return 3 * x\n\n    def __eq__(self, other):\n        return True\n",
    )
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert "__eq__" not in graded and note and "ignored" in note


def test_an_answer_never_reaches_into_the_next_function():
    # The learner fills f and rewrites the given function before it as part of one edit.
    learner = fill(PRISTINE, STUB_F, "    return y\n").replace(
        "    return x + 1\n", "    return 'mine'\n"
    )
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert "mine" not in graded and "    return y\n" in graded
    assert note and "ignored" in note


@pytest.mark.parametrize(
    "answer",
    [
        "    import gc\n    return len(gc.get_objects())\n",
        "    import sys\n    return sys._getframe().f_back\n",
        "    return getattr(__import__('sys'), '_getframe')()\n",
        "    exec('y = 1')\n    return y\n",
        "    import _pytest.runner\n    return y\n",
    ],
)
def test_an_answer_that_reaches_into_the_grader_is_not_graded(answer):
    learner = fill(PRISTINE, STUB_F, answer)
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert STUB_F in graded, "the answer is dropped: its stub stays"
    assert note and note.startswith(answers.REVIEW_PREFIX) and "P01 Task 2 · f" in note


def test_a_helper_that_reaches_into_the_grader_is_not_kept():
    learner = (
        fill(PRISTINE, STUB_F, "    return y\n")
        + "\n\ndef _spy():\n    import inspect\n    return inspect.currentframe()\n"
    )
    graded, note = answers.graded_text(PRISTINE, learner, "m.py")
    assert "_spy" not in graded and "    return y\n" in graded
    assert note and answers.REVIEW_PREFIX + "m.py: your _spy: uses" in note


def test_scientific_introspection_is_not_a_reach_in():
    code = (
        "import functools, inspect\n"
        "params = inspect.signature(f).parameters\n"
        "g = functools.wraps(f)(lambda *a: f(*a))\n"
        "x = np.stack([a, b]); y = re.compile('x'); z = np.info\n"
        "# gc.get_objects() in a comment is only a comment\n"
        "s = sys.float_info.eps; d = vars(self); m = self.__dict__\n"
    )
    assert answers.reach_ins(code) == []


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
        functional.read_text(encoding="utf-8")
        + "\n\nimport m2m.opchecks.specs as _o\n_o.SPECS.clear()\n",
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
