"""An answer cannot reach into the grader unseen.

Each case starts from the untouched stub tree of P01 (which scores 0) and fills one answer,
``sigmoid``, with an honest formula plus code that tries to make the grader report passes
it did not see: by searching the live objects, by walking frames, by patching a grader
class, by writing forged lines into the test record, by monkeypatching pytest's
reporting, or by walking module globals to the engine's plugin. Written plainly, the
answer is refused before it runs (the static rule of :mod:`m2m.runtime.answers`); written to hide
from that rule, it is refused or detected while it runs (:mod:`m2m.runtime.guard` and the keyed
record of :mod:`m2m.runtime.engine`). Either way the submission is flagged for review and ends far
below a quarter of the points.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from m2m.grading.grade import GradeOptions, format_report, grade, to_json

from .conftest import REPO, learner_tree

STUB = "    raise NotImplementedError('P01 Task 2 · sigmoid (shared/activations.py)"
HONEST = "    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))\n"

# What each attack does once it holds the engine's plugin (any object with ``emit`` and
# ``records``): every later result is rewritten as passed.
FORGE = """
def _forge(obj):
    if type(obj).__name__ != "EnginePlugin" or getattr(obj, "_forged", False):
        return
    real = obj.emit
    def emit(event, real=real):
        if event.get("event") == "result":
            event["test"]["outcome"] = "passed"
        if event.get("event") != "alarm":
            real(event)
    obj.emit = emit
    obj._forged = True
"""

PLAIN = {
    "live objects": """
        import gc
        for obj in gc.get_objects():
            _forge(obj)
    """,
    "frame walking": """
        import sys
        frame = sys._getframe()
        while frame is not None:
            for value in list(frame.f_locals.values()):
                _forge(value)
            frame = frame.f_back
    """,
    "grader class": """
        import _pytest.reports
        report = _pytest.reports.TestReport
        if not hasattr(report, "_real_init"):
            report._real_init = report.__init__
            def init(self, *args, **kwargs):
                report._real_init(self, *args, **kwargs)
                self.outcome = "passed"
            report.__init__ = init
    """,
}

# The same ideas spelled so that no forbidden name appears in the text.
HIDDEN = {
    "live objects": """
        import sys
        collector = getattr(sys, "mod" + "ules")["g" + "c"]
        for obj in getattr(collector, "get_" + "objects")():
            _forge(obj)
    """,
    "frame walking": """
        import sys
        frame = getattr(sys, "_get" + "frame")(0)
        while frame is not None:
            for value in list(getattr(frame, "f_" + "locals").values()):
                _forge(value)
            frame = getattr(frame, "f_" + "back")
    """,
    "traceback frames": """
        try:
            1 / 0
        except ZeroDivisionError as error:
            frame = getattr(error.__traceback__, "tb_" + "frame")
            while frame is not None:
                for value in list(getattr(frame, "f_" + "locals").values()):
                    _forge(value)
                frame = getattr(frame, "f_" + "back")
    """,
    "grader class": """
        import sys
        report = getattr(sys, "mod" + "ules")["_py" + "test.reports"].TestReport
        if not hasattr(report, "_real_init"):
            report._real_init = report.__init__
            def init(self, *args, **kwargs):
                report._real_init(self, *args, **kwargs)
                self.outcome = "passed"
            report.__init__ = init
    """,
    "forged record": """
        import json, os
        nodeid = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
        line = json.dumps({"event": "result", "test": {"nodeid": nodeid, "outcome": "passed"}})
        write = getattr(os, "wr" + "ite")
        for fd in range(3, 64):
            try:
                write(fd, (line + "\\n").encode())
            except OSError:
                pass
    """,
    "pytest reporting": """
        import sys
        runner = getattr(sys, "mod" + "ules")["_py" + "test.runner"]
        if not hasattr(runner, "_real"):
            runner._real = runner.call_and_report
            def call_and_report(item, when, log=True, **kwargs):
                report = runner._real(item, when, log, **kwargs)
                report.outcome = "passed"
                return report
            runner.call_and_report = call_and_report
    """,
    "module globals": """
        import sys
        util = getattr(sys, "mod" + "ules")["_py" + "test.assertion.util"]
        config = getattr(util, "_con" + "fig", None)
        if config is not None:
            for plugin in config.pluginmanager.get_plugins():
                _forge(plugin)
    """,
}


def _attacked_tree(tmp_path: Path, attack: str) -> Path:
    tree = learner_tree(REPO, tmp_path / "clone", projects=["p01"])
    path = tree / "shared" / "activations.py"
    text = path.read_text(encoding="utf-8")
    start = text.index(STUB)
    end = text.index("\n", start) + 1
    body = textwrap.indent(textwrap.dedent(attack), "    ") + HONEST
    forge = textwrap.indent(textwrap.dedent(FORGE), "    ")
    path.write_text(text[:start] + forge + body + text[end:], encoding="utf-8")
    return tree


def _grade(tree: Path, task: int | None = 2) -> tuple[float, float, list[str], str]:
    """P01's grade (of sigmoid's task alone by default: each case then takes seconds)."""
    (score,), data = grade(tree, ["p01"], impl="learner", options=GradeOptions(task=task))
    report = format_report([score], "learner", notes=data["notes"], review=data["review"])
    return score.earned, score.possible, data["review"], report


@pytest.fixture
def data_dir(monkeypatch):
    monkeypatch.setenv("M2M_DATA_DIR", str(REPO / "data"))


def test_an_honest_sigmoid_scores_its_tests_and_is_not_flagged(tmp_path, data_dir):
    earned, possible, review, report = _grade(_attacked_tree(tmp_path, ""))
    assert review == [] and "REVIEW" not in report
    assert 0 < earned < 0.25 * possible  # sigmoid's own tests, nothing else


def test_the_whole_project_stays_at_zero_under_a_hidden_reach_in(tmp_path, data_dir):
    """The attack that once reported 58/58 on this stub tree."""
    attack = HIDDEN["live objects"]
    earned, possible, review, report = _grade(_attacked_tree(tmp_path, attack), task=None)
    assert earned == 0 and possible == 58, report
    assert any("gc.get_objects" in r and "shared/activations.py" in r for r in review), review


# One case of each layer runs in `make test`; the rest with the slow tests.
FAST = {"live objects", "forged record", "module globals"}


def _cases(variants: dict[str, str]) -> list:
    return [
        pytest.param(name, marks=() if name in FAST else pytest.mark.slow)
        for name in sorted(variants)
    ]


@pytest.mark.parametrize("variant", _cases(PLAIN))
def test_a_plain_reach_in_is_not_graded_and_is_flagged(tmp_path, data_dir, variant):
    earned, possible, review, report = _grade(_attacked_tree(tmp_path, PLAIN[variant]))
    assert review, report
    assert any("sigmoid" in reason for reason in review), review
    assert earned < 0.25 * possible, report
    assert report.startswith("REVIEW NEEDED")


@pytest.mark.parametrize("variant", _cases(HIDDEN))
def test_a_hidden_reach_in_is_caught_while_it_runs_and_is_flagged(tmp_path, data_dir, variant):
    earned, possible, review, report = _grade(_attacked_tree(tmp_path, HIDDEN[variant]))
    assert review, report
    assert earned < 0.25 * possible, report
    assert report.startswith("REVIEW NEEDED")


def test_the_json_report_carries_the_flag(tmp_path, data_dir):
    tree = _attacked_tree(tmp_path, HIDDEN["live objects"])
    scores, data = grade(tree, ["p01"], impl="learner")
    report = json.loads(json.dumps(to_json(scores, "learner", data["review"])))
    assert report["needs_review"] is True and report["review"]
    assert any("gc.get_objects" in reason for reason in report["review"])
