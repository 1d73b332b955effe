"""m2m doctor: each problem it looks for, faked, is reported with its fix."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from m2m import doctor
from m2m import impl as _impl
from m2m.release import tree as release

from .conftest import REPO, write


def test_old_python_is_reported():
    (problem,) = doctor.check_python((3, 10, 4))
    assert "Python 3.10.4 is too old" in problem and "3.11" in problem
    assert doctor.check_python((3, 11, 0)) == []


def test_a_broken_matplotlib_backend_is_reported(clean_env):
    env = dict(clean_env, MPLBACKEND="no_such_backend")
    (problem,) = doctor.check_libraries(env, REPO)
    assert "MPLBACKEND" in problem
    assert doctor.check_libraries(dict(clean_env, MPLBACKEND="Agg"), REPO) == []


def test_a_module_that_does_not_import_is_reported(mini_course: Path, clean_env):
    release.release(mini_course)
    env = _impl.subprocess_env("learner", mini_course, base=clean_env)
    assert doctor.check_tree("learner", env, mini_course) == []
    write(mini_course / "projects" / "p01_first" / "ops.py", "def broken(:\n")
    (problem,) = doctor.check_tree("learner", env, mini_course)
    assert "cannot import projects.p01_first.ops: SyntaxError" in problem


def test_missing_and_corrupted_data_are_reported(tmp_path: Path, clean_env):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "iris" / "bezdekIris.data").write_text("5.1,3.5,1.4,0.2,Iris-setosa\n")
    (data / "names" / "names.txt").unlink()
    env = _impl.subprocess_env("solutions", REPO, base=dict(clean_env, M2M_DATA_DIR=str(data)))
    problems = doctor.check_tree("solutions", env, REPO)
    assert len(problems) == 2, problems
    assert any("bezdekIris.data" in p for p in problems)
    assert any("names.txt" in p for p in problems)


def test_drift_is_reported(mini_course: Path):
    release.release(mini_course)
    assert doctor.check_sync(mini_course) == []
    core = mini_course / "shared" / "core.py"
    core.write_text(core.read_text().replace('"""2x."""', '"""twice"""'))
    (problem,) = doctor.check_sync(mini_course)
    assert problem.startswith("shared/core.py")


def test_a_missing_test_extra_is_reported(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "hypothesis" else real(name, *a),
    )
    (problem,) = doctor.check_test_extra()
    assert "hypothesis" in problem and "pip install -e '.[test]'" in problem


def test_the_course_itself_is_healthy(clean_env, monkeypatch):
    for key in ("M2M_IMPL", "M2M_ROOT", "M2M_OUT_DIR", "PYTHONPATH", "MPLBACKEND"):
        monkeypatch.delenv(key, raising=False)
    lines: list[str] = []
    assert doctor.run("solutions", REPO, out=lines.append) == 0, "\n".join(lines)
    assert lines[-1] == "everything looks good"
