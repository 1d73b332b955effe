"""Maintainers' tests of ``shared.plotting`` (given code, never stubbed, not graded)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

import shared
from shared import plotting

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _figure():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [1, 0, 1])
    return fig


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_save_figure_writes_png_and_closes(tmp_path):
    import matplotlib.pyplot as plt

    fig = _figure()
    path = plotting.save_figure(fig, "p02", "curve.png", out_dir=tmp_path / "figs")
    assert path == tmp_path / "figs" / "curve.png"
    width, height = _png_size(path)
    # 3 x 2 inches at 120 dpi, trimmed by the tight bounding box: a bit under 360 x 240.
    assert 200 < width <= 400 and 120 < height <= 260
    assert not plt.fignum_exists(fig.number), "save_figure must close the figure"


def test_out_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(plotting.OUT_DIR_ENV, str(tmp_path / "env"))
    folder = plotting.out_dir("p07")
    assert folder == tmp_path / "env" / "p07" and folder.is_dir()
    path = plotting.save_figure(_figure(), "p07", "kernels.png")
    assert path == tmp_path / "env" / "p07" / "kernels.png" and path.is_file()


def test_out_dir_default_is_out_under_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv(plotting.OUT_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    folder = plotting.out_dir("p01")
    assert folder.resolve() == (tmp_path / "out" / "p01").resolve() and folder.is_dir()


def test_explicit_out_dir_wins_over_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(plotting.OUT_DIR_ENV, str(tmp_path / "env"))
    assert plotting.out_dir("p03", tmp_path / "mine") == tmp_path / "mine"


@pytest.mark.parametrize("project", ["p1", "P01", "p001", "01", "", None])
def test_bad_project_id(project, tmp_path):
    with pytest.raises(ValueError, match="expected an id like 'p01'"):
        plotting.out_dir(project, tmp_path)


@pytest.mark.parametrize("name", ["plot.jpg", "plot", "../plot.png", "sub/plot.png", ".png"])
def test_bad_file_name(name, tmp_path):
    import matplotlib.pyplot as plt

    fig = _figure()
    with pytest.raises(ValueError, match="ending in '.png'"):
        plotting.save_figure(fig, "p02", name, out_dir=tmp_path)
    plt.close(fig)
    assert list(tmp_path.iterdir()) == []


def test_save_figure_rejects_non_figure(tmp_path):
    with pytest.raises(TypeError, match="expected a matplotlib Figure"):
        plotting.save_figure([1, 2, 3], "p02", "x.png", out_dir=tmp_path)


def test_save_animation_writes_gif(tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    fig, ax = plt.subplots(figsize=(2, 2))
    (line,) = ax.plot([], [])
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)

    def draw(i):
        line.set_data(range(i + 1), range(i + 1))
        return (line,)

    anim = FuncAnimation(fig, draw, frames=3, blit=False)
    path = plotting.save_animation(anim, "p02", "path.gif", out_dir=tmp_path, fps=5)
    assert path == tmp_path / "path.gif"
    assert path.read_bytes()[:6] in (b"GIF89a", b"GIF87a")
    assert not plt.fignum_exists(fig.number)
    with pytest.raises(ValueError, match="ending in '.gif'"):
        plotting.save_animation(anim, "p02", "path.png", out_dir=tmp_path)


def test_course_style_is_applied():
    assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["axes.grid"] is True


def _backend_in_child(env_backend: str | None) -> str:
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    if env_backend is not None:
        env["MPLBACKEND"] = env_backend
    tree = str(Path(shared.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = tree
    code = "import shared.plotting, matplotlib; print(matplotlib.get_backend())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().lower()


def test_backend_is_agg_by_default_and_respects_user_choice():
    assert _backend_in_child(None) == "agg"
    assert _backend_in_child("svg") == "svg"
