"""The one owner of project ids, project folders and the stub format (m2m/runtime/naming.py)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from m2m.release.regions import find_regions, render
from m2m.runtime import answers, engine, naming

M2M = Path(naming.__file__).parent
NEW = "P06 Task 3 · Linear.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3"
OLD = "P06 Task 3 · Linear.forward — see projects/p06_fraud_mlp/README.md#task-3"


def test_stub_text_names_owner_task_function_file_and_brief():
    text = naming.stub_text("p06", 3, "Linear.forward", "shared/nn.py", "p06_fraud_mlp")
    assert text == NEW


@pytest.mark.parametrize("message", [NEW, OLD])
def test_every_recogniser_accepts_the_file_form_and_the_older_one(message: str):
    assert naming.STUB_MESSAGE.match(message)
    assert engine.STUB_MESSAGE.match(message) and engine.STUB_MESSAGE.match(message)
    line = naming.stub_source("        ", message)
    m = answers.STUB_LINE.match(line)
    assert m, f"answers.STUB_LINE does not recognise {line!r}"
    assert m.group("qualname") == "Linear.forward" and m.group("indent") == " " * 8
    assert engine.stub_message(NotImplementedError(message)) == message


def test_a_message_that_is_not_a_stub_is_not_recognised():
    for text in ("not implemented", "P06 Task 3 · Linear.forward (shared/nn.py)", NEW + " extra"):
        assert engine.stub_message(NotImplementedError(text)) is None, text
    assert not answers.STUB_LINE.match(f"    raise NotImplementedError({NEW!r}) + 1")


def test_two_stubs_with_one_qualified_name_differ_by_file():
    src = textwrap.dedent("""\
        class Linear:
            def forward(self, x):
                ### BEGIN SOLUTION p06.t3
                return x
                ### END SOLUTION
        """)
    dirs = {"p06": "p06_fraud_mlp"}
    lines = set()
    for path in ("shared/functional.py", "shared/nn.py"):
        regions = find_regions(src, path, {"p06"})
        out = render(src, regions, keep=lambda r: False, project_dirs=dirs)
        (stub,) = [ln for ln in out.splitlines() if "NotImplementedError" in ln]
        assert f"({path})" in stub
        lines.add(stub)
    assert len(lines) == 2


def test_project_ids_and_folders():
    assert naming.project_number("p08") == 8
    for bad in ("p8", "P08", "p08_mnist", "08"):
        with pytest.raises(ValueError, match=r"expected a project id like 'p01', got"):
            naming.project_number(bad)
    assert naming.project_of_dir("p05_autograd") == "p05"
    assert naming.project_of_dir("p05-autograd") is None
    assert (
        naming.brief_anchor("p01_manual_neuron", 2) == "projects/p01_manual_neuron/README.md#task-2"
    )


def test_runtime_copy_runs_without_the_package(tmp_path: Path):
    """What `m2m nbgrader build` copies into an assignment (m2m/runtime/ as files): standard
    library only, importing nothing outside itself, also when the engine runs as a script."""
    import shutil

    runtime = M2M  # m2m/runtime/
    copy = tmp_path / "m2m_runtime"
    copy.mkdir()
    for path in runtime.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) m2m\b", text, re.M), f"{path.name} imports m2m"
        shutil.copy2(path, copy / path.name)
    probe = naming.stub_source("    ", NEW)
    code = (
        "import importlib.util, sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from m2m_runtime import answers, engine\n"
        f"assert engine.STUB_MESSAGE.match({NEW!r})\n"
        f"assert answers.STUB_LINE.match({probe!r})\n"
        # the grading child loads the engine from its file, outside any package
        f"spec = importlib.util.spec_from_file_location('child', {str(copy / 'engine.py')!r})\n"
        "m = importlib.util.module_from_spec(spec); sys.modules['child'] = m\n"
        "spec.loader.exec_module(m)\n"
        f"assert m.STUB_MESSAGE.match({NEW!r})\n"
        "assert 'm2m' not in sys.modules\n"
    )
    # -I -S: no site-packages, so the package cannot be found even by accident.
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("path", "name", "order"),
    [
        ("shared/losses.py", "mse_loss", ["y_pred", "y_true"]),
        ("shared/metrics.py", "mse", ["y_true", "y_pred"]),
    ],
)
def test_mse_orders_are_stated_and_both_take_keywords(path: str, name: str, order: list[str]):
    """The loss keeps the loss convention, the metric the metric one; the docstrings say so."""
    import ast

    root = M2M.parent.parent / "solutions"
    tree = ast.parse((root / path).read_text(encoding="utf-8"))
    (fn,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert not fn.args.posonlyargs, f"{name} must accept its arguments by keyword"
    assert [a.arg for a in fn.args.args] == order
    doc = ast.get_docstring(fn) or ""
    other = "shared.metrics.mse" if name == "mse_loss" else "shared.losses.mse_loss"
    assert "Argument order" in doc and other in doc and "keywords" in doc
