"""Headless figures: one light style, and figures saved as files under ``out/pNN/``.

Given code (never stubbed). Importing this module selects matplotlib's non-interactive
Agg backend, so demos and tests run on machines without a display. It leaves the backend
alone when the user chose one (``MPLBACKEND``), when the code runs inside a Jupyter or
IPython shell (inline figures keep working), or when figures are already open
(switching would close them).

    fig, ax = plt.subplots()
    ax.plot(losses)
    save_figure(fig, "p02", "loss.png")        # -> out/p02/loss.png
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import matplotlib

__all__ = [
    "COURSE_STYLE",
    "OUT_DIR_ENV",
    "out_dir",
    "save_animation",
    "save_figure",
    "use_course_style",
]

OUT_DIR_ENV = "M2M_OUT_DIR"
DPI = 120
_PROJECT = re.compile(r"^p\d\d$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def _inside_ipython() -> bool:
    """True inside an IPython shell or a Jupyter kernel."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        return ipython.get_ipython() is not None
    except AttributeError:  # a stripped-down or very old IPython
        return False


def _has_open_figures() -> bool:
    pyplot = sys.modules.get("matplotlib.pyplot")
    return pyplot is not None and bool(pyplot.get_fignums())


# Switching backends closes every open figure, so the switch is skipped while any is open.
if "MPLBACKEND" not in os.environ and not _inside_ipython() and not _has_open_figures():
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib.animation import Animation, PillowWriter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# A light, quiet look shared by every project: white background, faint grid, no top/right
# spines, a colour-blind-safe cycle (Okabe & Ito 2008).
COURSE_STYLE: dict[str, object] = {
    "figure.figsize": (6.4, 4.4),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#4d4d4d",
    "axes.grid": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": "medium",
    "axes.titleweight": "bold",
    "axes.labelsize": "medium",
    "axes.prop_cycle": matplotlib.cycler(
        color=[
            "#0072B2",
            "#E69F00",
            "#009E73",
            "#D55E00",
            "#CC79A7",
            "#56B4E9",
            "#F0E442",
            "#000000",
        ]
    ),
    "grid.color": "#e0e0e0",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "image.cmap": "viridis",
    "savefig.facecolor": "white",
    "font.size": 10,
}


def use_course_style() -> None:
    """Apply :data:`COURSE_STYLE` to matplotlib's global settings (done on import)."""
    matplotlib.rcParams.update(COURSE_STYLE)


use_course_style()


def _check_project(project: str) -> str:
    if not isinstance(project, str) or not _PROJECT.match(project):
        raise ValueError(f"project: expected an id like 'p01', got {project!r}")
    return project


def _check_name(name: str, suffix: str) -> str:
    if not isinstance(name, str) or not _FILE_NAME.match(name) or not name.endswith(suffix):
        raise ValueError(
            f"name: expected a plain file name ending in '{suffix}' (letters, digits, "
            f"'_', '-', '.'; no folders), got {name!r}"
        )
    return name


def out_dir(project: str, out_dir: str | os.PathLike | None = None) -> Path:
    """The folder where ``project`` (``"pNN"``) saves its figures, created if needed.

    ``out_dir`` when given (used as is); else ``$M2M_OUT_DIR/<project>``; else
    ``./out/<project>`` relative to the working directory.
    """
    _check_project(project)
    if out_dir is not None:
        folder = Path(out_dir)
    elif os.environ.get(OUT_DIR_ENV):
        folder = Path(os.environ[OUT_DIR_ENV]) / project
    else:
        folder = Path("out") / project
    folder = folder.expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_figure(
    fig: Figure,
    project: str,
    name: str,
    out_dir: str | os.PathLike | None = None,
) -> Path:
    """Save ``fig`` as a PNG (``DPI`` dots per inch, tight bounding box), close it, and
    return the file's path: ``<out_dir(project, out_dir)>/<name>``, ``name`` ending in
    ``.png``. Closing matters in loops: pyplot keeps every open figure alive otherwise.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"save_figure: expected a matplotlib Figure, got {type(fig).__name__}")
    _check_name(name, ".png")
    path = _out_dir(project, out_dir) / name
    try:
        fig.savefig(path, dpi=DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    return path


def save_animation(
    anim: Animation,
    project: str,
    name: str,
    out_dir: str | os.PathLike | None = None,
    fps: int = 10,
) -> Path:
    """Save a matplotlib animation as a GIF with the Pillow writer (no ffmpeg needed),
    close its figure, and return the path ``<out_dir(project, out_dir)>/<name>``; ``name``
    must end in ``.gif``. ``fps`` is the number of frames per second.
    """
    if not isinstance(anim, Animation):
        raise TypeError(
            f"save_animation: expected a matplotlib Animation, got {type(anim).__name__}"
        )
    _check_name(name, ".gif")
    if not isinstance(fps, int | float) or fps <= 0:
        raise ValueError(f"save_animation: fps must be a positive number, got {fps!r}")
    path = _out_dir(project, out_dir) / name
    # Animation keeps its figure in a private attribute; there is no public accessor.
    fig = getattr(anim, "_fig", None)
    try:
        anim.save(path, writer=PillowWriter(fps=fps), dpi=DPI)
    finally:
        if fig is not None:
            plt.close(fig)
    return path


# save_figure/save_animation take a parameter named out_dir, which hides the function
# inside their bodies; they call it through this alias.
_out_dir = out_dir
