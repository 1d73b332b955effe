"""Task 6 · the pictures (plots.py): what each figure shows, and valid files under tmp_path."""

from __future__ import annotations

import numpy as np
import pytest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _objective(log_levels=False):
    from projects.p02_gradient_descent import Objective

    return Objective(
        name="valley",
        f=lambda p: (1 - p[..., 0]) ** 2 + 5 * (p[..., 1] - p[..., 0] ** 2) ** 2,
        grad=lambda p: np.stack(
            [
                -2 * (1 - p[..., 0]) - 20 * p[..., 0] * (p[..., 1] - p[..., 0] ** 2),
                10 * (p[..., 1] - p[..., 0] ** 2),
            ],
            axis=-1,
        ),
        start=(-1.0, 1.0),
        minima=((1.0, 1.0),),
        f_min=0.0,
        bounds=((-2.0, 2.0), (-1.0, 3.0)),
        log_levels=log_levels,
    )


def _runs():
    """Two hand-made trajectories (no learner code needed to build them)."""
    from projects.p02_gradient_descent import Trajectory

    a = np.array([[-1.0, 1.0], [-0.5, 0.4], [0.2, 0.1], [0.7, 0.5], [1.0, 1.0]])
    b = np.array([[-1.0, 1.0], [0.0, 0.0], [0.9, 0.8]])
    fa = (1 - a[:, 0]) ** 2 + 5 * (a[:, 1] - a[:, 0] ** 2) ** 2
    fb = (1 - b[:, 0]) ** 2 + 5 * (b[:, 1] - b[:, 0] ** 2) ** 2
    return {
        "first": Trajectory(a, fa, 4, True, False, "converged"),
        "second": Trajectory(b, fb, 2, False, False, "max_steps"),
    }


def _labelled_lines(ax):
    return {
        line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")
    }


@pytest.mark.task(6)
def test_landscape_shows_contours_and_every_path(tmp_path):
    for log_levels in (False, True):
        _check_landscape(tmp_path, log_levels)


def _check_landscape(tmp_path, log_levels):
    from projects.p02_gradient_descent import plot_landscape
    from shared.plotting import save_figure

    runs = _runs()
    fig = plot_landscape(_objective(log_levels), runs, resolution=50)
    ax = fig.axes[0]
    assert ax.collections, "draw the landscape's contours (ax.contour or ax.contourf)"
    lines = _labelled_lines(ax)
    for name, run in runs.items():
        assert name in lines, f"draw each trajectory as a line labelled with its name ({name!r})"
        np.testing.assert_allclose(
            np.asarray(lines[name].get_xydata()),
            run.points,
            err_msg=f"the line {name!r} must pass through its points",
        )
    assert ax.get_xlim() == pytest.approx((-2.0, 2.0)) and ax.get_ylim() == pytest.approx(
        (-1.0, 3.0)
    ), "the axes must show objective.bounds"
    path = save_figure(fig, "p02", f"landscape_{log_levels}.png", tmp_path)
    assert path.parent == tmp_path and path.read_bytes()[:8] == PNG_SIGNATURE, (
        f"the landscape must save as a PNG in {tmp_path}, got {path} "
        f"starting with {path.read_bytes()[:8]!r}"
    )


@pytest.mark.task(6)
def test_loss_curves_use_a_log_axis(tmp_path):
    from projects.p02_gradient_descent import plot_loss_curves
    from shared.plotting import save_figure

    runs = _runs()
    fig = plot_loss_curves(runs, f_min=0.0)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log", "loss curves go on a log y-axis (ax.set_yscale('log'))"
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert len(lines) == 2, f"one labelled line per trajectory, got {len(lines)}"
    for line, run in zip(lines, runs.values(), strict=True):
        np.testing.assert_allclose(
            line.get_xdata(), np.arange(run.losses.size), err_msg="x is the step number 0..T"
        )
        y = np.asarray(line.get_ydata())
        positive = run.losses > 0
        np.testing.assert_allclose(
            y[positive], run.losses[positive], err_msg="y is the loss gap f(x_t) - f_min"
        )
        assert np.all(y > 0), "a log axis cannot show 0: draw zero gaps at a small floor"
    path = save_figure(fig, "p02", "loss.png", tmp_path)
    assert path.read_bytes()[:8] == PNG_SIGNATURE, (
        f"the loss curves must save as a PNG, the file starts with {path.read_bytes()[:8]!r}"
    )


@pytest.mark.task(6)
def test_lr_sweep_plot_marks_the_critical_rate(tmp_path):
    from projects.p02_gradient_descent import LRSweep, plot_lr_sweep
    from shared.plotting import save_figure

    lrs = np.array([0.1, 0.5, 1.0, 1.9, 2.1, 3.0])
    sweep = LRSweep(
        lrs=lrs,
        final_loss=np.array([1e-3, 1e-8, 1e-12, 1e-6, 5e6, 2e7]),
        steps=np.array([100, 100, 80, 100, 40, 10]),
        converged=np.array([False, False, True, False, False, False]),
        diverged=np.array([False, False, False, False, True, True]),
        trajectories=(),
    )
    fig = plot_lr_sweep(sweep, critical_lr=2.0)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log", "learning rates span decades: use a log x-axis"
    vertical = [
        line
        for line in ax.get_lines()
        if np.size(line.get_xdata()) >= 2 and np.allclose(line.get_xdata(), 2.0)
    ]
    assert vertical, "draw a vertical line at the critical learning rate (ax.axvline)"
    plotted = np.concatenate(
        [
            np.asarray(line.get_xdata(), dtype=float)
            for line in ax.get_lines()
            if line not in vertical
        ]
    )
    assert set(np.round(lrs, 6)) <= set(np.round(plotted, 6)), "plot every swept lr"
    path = save_figure(fig, "p02", "sweep.png", tmp_path)
    assert path.read_bytes()[:8] == PNG_SIGNATURE, (
        f"the lr sweep must save as a PNG, the file starts with {path.read_bytes()[:8]!r}"
    )


@pytest.mark.task(6)
def test_descent_animation_is_a_gif_with_the_requested_frames(tmp_path):
    from PIL import Image

    from projects.p02_gradient_descent import animate_descent
    from shared.plotting import save_animation

    anim = animate_descent(_objective(True), _runs(), frames=4, resolution=30)
    path = save_animation(anim, "p02", "descent.gif", tmp_path, fps=4)
    assert path.read_bytes()[:6] == b"GIF89a", "the animation must be saved as a GIF89a"
    with Image.open(path) as gif:
        assert gif.n_frames == 4, f"asked for 4 frames, the GIF has {gif.n_frames}"
    with pytest.raises(ValueError, match="frames"):
        animate_descent(_objective(), _runs(), frames=1)
