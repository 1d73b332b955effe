"""``m2m doctor``: check the learner's environment and say what to fix.

Each check returns a list of problems (empty when all is well), each a line that names
the problem and the fix. The checks that import course code or plotting libraries run in
a child process, so a broken tree or a bad backend cannot take the doctor down with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from m2m import impl as _impl

MIN_PYTHON = (3, 11)


def check_python(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> list[str]:
    if tuple(version[:2]) < MIN_PYTHON:
        have = ".".join(map(str, version))
        return [
            f"Python {have} is too old: the course needs Python "
            f"{'.'.join(map(str, MIN_PYTHON))} or newer; install it and recreate .venv "
            "(make clean && make demo)"
        ]
    return []


def _child(code: str, env: dict[str, str], cwd: Path, timeout: int = 120) -> tuple[int, str]:
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return 1, f"timed out after {timeout} s"
    return proc.returncode, (proc.stdout + proc.stderr).strip()


_LIBS = """
import io, json
import numpy
import matplotlib
import matplotlib.pyplot as plt
fig = plt.figure()
fig.savefig(io.BytesIO(), format="png")
print(json.dumps({"numpy": numpy.__version__, "matplotlib": matplotlib.__version__,
                  "backend": matplotlib.get_backend()}))
"""


def check_libraries(env: dict[str, str], cwd: Path) -> list[str]:
    rc, out = _child(_LIBS, env, cwd)
    if rc != 0:
        last = out.splitlines()[-1] if out else "no output"
        if "backend" in out.lower():
            return [
                f"matplotlib cannot draw with the selected backend ({last}); unset "
                "MPLBACKEND or set MPLBACKEND=Agg"
            ]
        return [
            f"numpy/matplotlib are not usable ({last}); reinstall with "
            "pip install -e . (or make clean && make demo)"
        ]
    return []


_TREE = """
import importlib, json, pkgutil, sys
from m2m import impl
impl.activate(IMPL)
problems = []
import shared, projects
def failed(name):
    exc = sys.exc_info()[1]
    first = str(exc).splitlines()[0] if str(exc) else ""
    problems.append(f"{name}: {type(exc).__name__}: {first}")
for pkg in (shared, projects):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".", onerror=failed):
        if info.name.rsplit(".", 1)[-1] in ("__main__", "conftest"):
            continue
        try:
            importlib.import_module(info.name)
        except BaseException:
            failed(info.name)
try:
    from shared import datasets
except ImportError:
    data = []
else:
    data = datasets.check_all()
print(json.dumps({"imports": problems, "data": data}))
"""


def check_tree(impl: str, env: dict[str, str], root: Path) -> list[str]:
    """The selected tree imports cleanly and the datasets it would load are intact."""
    code = _TREE.replace("IMPL", repr(impl))
    rc, out = _child(code, env, root)
    try:
        report = json.loads(out.splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return [f"the {impl} tree could not be imported at all: {out[-300:]}"]
    problems = [
        f"cannot import {p}: fix that module (a stub is fine, a syntax or import error is not)"
        for p in report["imports"]
    ]
    problems += [f"data: {p}" for p in report["data"]]
    return problems


def check_sync(root: Path) -> list[str]:
    from m2m.release import tree as release

    if not (root / "solutions").is_dir():
        return []  # nothing to compare with; run() says so instead of "in step"
    result = release.check(root)
    return [
        f"{rel} is out of step with solutions/: restore it from git "
        "(git checkout -- FILE) or, as a maintainer, run m2m release"
        for rel in result.drifted
    ]


def check_test_extra() -> list[str]:
    import importlib.util

    missing = [
        m for m in ("pytest", "hypothesis", "pytest_timeout") if importlib.util.find_spec(m) is None
    ]
    if missing:
        return [
            f"the test extra is missing ({', '.join(missing)}): "
            "pip install -e '.[test]' (or make test / make grade)"
        ]
    return []


def run(
    impl: str | None = None, root: Path | None = None, out: Callable[[str], None] = print
) -> int:
    """Run every check, print one line per check, return 0 when nothing needs fixing."""
    root = root or _impl.repo_root()
    choice = _impl.resolve(impl)
    env = _impl.subprocess_env(choice, root)
    checks: list[tuple[str, Callable[[], list[str]]]] = [
        ("Python version", check_python),
        ("NumPy and matplotlib (headless drawing)", lambda: check_libraries(env, root)),
        (
            f"{choice} tree importable, datasets present with the right checksums",
            lambda: check_tree(choice, env, root),
        ),
        (
            "learner tree in step with solutions/"
            if (root / "solutions").is_dir()
            else "no solutions/ in this checkout (a learner's copy): the learner tree is not "
            "compared with a reference",
            lambda: check_sync(root),
        ),
        ("test extra installed (pytest, hypothesis, pytest-timeout)", check_test_extra),
    ]
    total = 0
    for label, check in checks:
        problems = check()
        total += len(problems)
        out(f"{'ok ' if not problems else 'FIX'} {label}")
        for p in problems:
            out(f"      - {p}")
    out("everything looks good" if not total else f"{total} problem(s) to fix")
    return 1 if total else 0
