"""``m2m package``: the learner's BrainInABox as a wheel that installs and runs anywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from m2m import package

ROOT = Path(__file__).resolve().parents[2]


def test_imports_are_rewritten_only_in_import_statements():
    text = (
        "from shared.tensor import Tensor\n"
        "import shared.functional as F\n"
        "from shared import functional as _F\n"
        "    from projects.p11_braininabox.creation import tensor\n"
        'note = "from shared.tensor import Tensor"\n'
    )
    got = package.rewrite_imports(text).splitlines()
    assert got[0] == "from braininabox._core.tensor import Tensor"
    assert got[1] == "import braininabox._core.functional as F"
    assert got[2] == "from braininabox._core import functional as _F"
    assert got[3] == "    from braininabox.creation import tensor"
    assert got[4] == 'note = "from shared.tensor import Tensor"'


@pytest.mark.parametrize("impl", ["learner", "solutions"])
def test_wheel_holds_the_library_and_no_course_code(impl, tmp_path):
    wheel = package.build_wheel(ROOT, tmp_path, impl)
    names = zipfile.ZipFile(wheel).namelist()
    assert "braininabox/__init__.py" in names and "braininabox/_core/tensor.py" in names
    assert "braininabox/nn/functional.py" in names
    assert not any("datasets" in n or "plotting" in n or "examples" in n for n in names), names
    metadata = zipfile.ZipFile(wheel).read("braininabox-0.1.0.dist-info/METADATA").decode()
    assert "Requires-Dist: numpy" in metadata and "matplotlib" not in metadata
    for name in names:
        if name.endswith(".py"):
            text = zipfile.ZipFile(wheel).read(name).decode()
            assert not re.search(r"^\s*(from|import) (shared|projects)\b", text, re.M), name


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_an_example(tmp_path):
    wheel = package.build_wheel(ROOT, tmp_path / "dist", "solutions")
    venv = tmp_path / "venv"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    # NumPy from this environment (no network): its folder goes on the new venv's path.
    (Path(site) / "host_numpy.pth").write_text(str(Path(np.__file__).parent.parent) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
    )
    install_seconds = time.perf_counter() - start
    example = ROOT / "solutions/projects/p11_braininabox/examples/blobs_mlp.py"
    script = tmp_path / "outside" / "train.py"
    script.parent.mkdir()
    script.write_text(example.read_text())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("M2M_", "PYTHON"))}
    out = subprocess.run(
        [str(python), str(script)], cwd=script.parent, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-1500:]
    assert "training accuracy" in out.stdout, out.stdout
    where = subprocess.run(
        [str(python), "-c", "import braininabox; print(braininabox.__file__)"],
        cwd=script.parent, env=env, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert str(venv) in where, f"braininabox must come from the new venv, got {where}"
    print(f"wheel {wheel.stat().st_size / 1024:.0f} KiB, venv + install {install_seconds:.1f} s")
