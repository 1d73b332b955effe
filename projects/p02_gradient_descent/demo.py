"""P02 demo: six optimizers on Rosenbrock and on an ill-conditioned bowl, the learning-rate
sweep that finds the 2 / lambda_max boundary, and the pictures.

Run with ``python -m projects.p02_gradient_descent`` (or ``m2m demo p02``); figures go to
``out/p02/`` (or ``$M2M_OUT_DIR/p02``, or the ``out_dir`` given to :func:`main`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from shared.plotting import save_animation, save_figure

from .descent import Trajectory
from .experiments import (
    ROSENBROCK_BUDGETS,
    compare_optimizers,
    contraction_factor,
    largest_stable_lr,
    lr_sweep,
    steps_to_tolerance,
)
from .functions import (
    Objective,
    bowl_matrix,
    make_bowl,
    make_himmelblau,
    make_rosenbrock,
    make_saddle,
)
from .plots import animate_descent, plot_landscape, plot_loss_curves, plot_lr_sweep

BOWL_CONDITION = 50.0


def bowl_settings(lambda_max: float, lambda_min: float) -> dict[str, tuple[dict, int]]:
    """Each rule on the bowl with its textbook tuning: GD at the best fixed step
    2 / (lambda_max + lambda_min); heavy ball at Polyak's optimum; Nesterov at lr = 1 / L
    with momentum (sqrt(k) - 1) / (sqrt(k) + 1); the adaptive rules at a step size of the
    order of the distance to travel (they take steps of size ~lr whatever the curvature)."""
    kappa = lambda_max / lambda_min
    root = np.sqrt(kappa)
    return {
        "sgd": ({"lr": 2.0 / (lambda_max + lambda_min)}, 3_000),
        "momentum": (
            {
                "lr": 4.0 / (np.sqrt(lambda_max) + np.sqrt(lambda_min)) ** 2,
                "momentum": ((root - 1.0) / (root + 1.0)) ** 2,
            },
            3_000,
        ),
        "nesterov": ({"lr": 1.0 / lambda_max, "momentum": (root - 1.0) / (root + 1.0)}, 3_000),
        "adagrad": ({"lr": 1.0}, 3_000),
        "rmsprop": ({"lr": 0.01, "rho": 0.9}, 3_000),
        "adam": ({"lr": 0.1}, 3_000),
    }


ROSENBROCK_TOL = 1e-3  # loss gap that counts as "at the minimum" in the table
BOWL_TOL = 1e-8


def _table(title: str, objective: Objective, runs: dict[str, Trajectory], tol: float) -> dict:
    """Print one comparison table; return name -> steps to tolerance (or -1)."""
    minimum = np.asarray(objective.minima[0])
    print(f"\n{title}")
    print(
        f"  {'optimizer':<10}{'hyper-parameters':<28}{'steps run':>10}"
        f"{f'steps to {tol:g}':>16}{'final loss':>13}{'|x - x*|':>11}"
    )
    found = {}
    for name, run in runs.items():
        hyper = ", ".join(f"{k}={v:g}" for k, v in (run.hyper or {}).items())
        reached = steps_to_tolerance(run.losses, objective.f_min or 0.0, tol)
        found[name] = -1 if reached is None else reached
        distance = float(np.linalg.norm(run.final_point - minimum))
        print(
            f"  {name:<10}{hyper:<28}{run.steps:>10}{'never' if reached is None else reached:>16}"
            f"{run.final_loss:>13.2e}{distance:>11.1e}"
        )
    return found


Metrics = dict[str, float | int | str]
Runs = dict[str, Trajectory]


def compare_on_rosenbrock(metrics: Metrics, out_dir: Path | None) -> tuple[Objective, Runs]:
    """The six rules on Rosenbrock with the documented budgets: table, paths, loss curves."""
    rosen = make_rosenbrock()
    rosen_runs = compare_optimizers(rosen, ROSENBROCK_BUDGETS)
    reached = _table(
        f"Rosenbrock from {rosen.start} (documented budgets)", rosen, rosen_runs, ROSENBROCK_TOL
    )
    for name, run in rosen_runs.items():
        metrics[f"rosenbrock_{name}_steps_to_tol"] = reached[name]
        metrics[f"rosenbrock_{name}_distance"] = float(np.linalg.norm(run.final_point - 1.0))
    save_figure(plot_landscape(rosen, rosen_runs), "p02", "rosenbrock_paths.png", out_dir)
    save_figure(plot_loss_curves(rosen_runs), "p02", "rosenbrock_loss.png", out_dir)
    return rosen, rosen_runs


def compare_on_bowl(metrics: Metrics, out_dir: Path | None) -> Objective:
    """The six rules on the ill-conditioned bowl at their textbook tunings: table, measured
    against theoretical rates of GD and heavy ball, paths, loss curves."""
    bowl = make_bowl(BOWL_CONDITION)
    settings = bowl_settings(bowl.info["lambda_max"], bowl.info["lambda_min"])
    bowl_runs = compare_optimizers(bowl, settings, tol=1e-6)
    reached = _table(
        f"bowl, condition {BOWL_CONDITION:g}, lambda_max 1, from {bowl.start}",
        bowl,
        bowl_runs,
        BOWL_TOL,
    )
    for name in bowl_runs:
        metrics[f"bowl_{name}_steps_to_tol"] = reached[name]
    _compare_rates(bowl, bowl_runs, metrics)
    save_figure(plot_landscape(bowl, bowl_runs), "p02", "bowl_paths.png", out_dir)
    save_figure(plot_loss_curves(bowl_runs), "p02", "bowl_loss.png", out_dir)
    return bowl


def _compare_rates(bowl: Objective, bowl_runs: Runs, metrics: Metrics) -> None:
    """Print GD's and heavy ball's measured contraction per step beside the theory's."""
    kappa = bowl.info["condition"]
    theory = {
        "sgd": (kappa - 1) / (kappa + 1),
        "momentum": (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1),
    }
    for name, rate in theory.items():
        # The error shrinks by `rate` per step, so the loss (quadratic in it) by rate^2.
        tail = bowl_runs[name].losses[-20:]
        measured = float(np.exp(np.mean(np.diff(np.log(tail))) / 2.0))
        print(f"  {name}: measured rate per step {measured:.4f}, theory {rate:.4f}")
        metrics[f"bowl_{name}_rate"] = measured
        metrics[f"bowl_{name}_rate_theory"] = float(rate)


def sweep_learning_rates(bowl: Objective, metrics: Metrics, out_dir: Path | None) -> None:
    """GD on the bowl over rates around 2 / lambda_max: the table and the sweep figure."""
    critical = bowl.info["critical_lr"]
    lrs = critical * np.concatenate([np.geomspace(0.02, 2.0, 21), [0.98, 1.02]])
    sweep = lr_sweep(bowl.f, bowl.grad, bowl.start, "sgd", lrs, 500, tol=1e-8)
    stable = largest_stable_lr(sweep)
    A = bowl_matrix(BOWL_CONDITION)
    print(f"\nGD learning-rate sweep on the bowl (500 steps each): 2 / lambda_max = {critical:.4g}")
    print(f"  {'lr':>8}{'rho(lr)':>9}{'outcome':>11}{'steps':>7}{'final loss':>12}")
    for lr, run in zip(sweep.lrs, sweep.trajectories, strict=True):
        print(
            f"  {lr:>8.4g}{contraction_factor(A, lr):>9.3f}{run.reason:>11}{run.steps:>7}"
            f"{run.final_loss:>12.2e}"
        )
    diverged = sweep.lrs[sweep.diverged]
    print(
        "  largest stable lr (no divergence, no net growth): "
        f"{'none' if stable is None else f'{stable:.4g}'}; smallest diverged: "
        f"{f'{diverged[0]:.4g}' if diverged.size else 'none'}"
    )
    metrics["critical_lr"] = critical
    metrics["largest_stable_lr"] = "none" if stable is None else stable
    save_figure(plot_lr_sweep(sweep, critical_lr=critical), "p02", "lr_sweep.png", out_dir)


#: The two other landscapes, each with three rules at hand-tuned steps and budgets.
OTHER_LANDSCAPES = (
    (
        make_himmelblau,
        {
            "sgd": ({"lr": 0.01}, 500),
            "momentum": ({"lr": 0.002}, 1000),
            "adam": ({"lr": 0.1}, 1000),
        },
        "himmelblau_paths.png",
    ),
    (
        make_saddle,
        {"sgd": ({"lr": 0.05}, 60), "momentum": ({"lr": 0.02}, 60), "adam": ({"lr": 0.05}, 60)},
        "saddle_paths.png",
    ),
)


def draw_other_landscapes(out_dir: Path | None) -> None:
    """Paths of three rules on Himmelblau and on the saddle."""
    for make, settings, file in OTHER_LANDSCAPES:
        objective = make()
        runs = compare_optimizers(objective, settings)
        save_figure(plot_landscape(objective, runs), "p02", file, out_dir)


def animate_rosenbrock(rosen: Objective, rosen_runs: Runs, out_dir: Path | None) -> Path:
    """The GIF of the six rules on Rosenbrock; returns its path."""
    # The animation shows the first 2,000 steps: where the six rules differ most.
    short = {name: _first_steps(run, 2_000) for name, run in rosen_runs.items()}
    return save_animation(
        animate_descent(rosen, short, frames=50), "p02", "descent.gif", out_dir, fps=10
    )


def main(out_dir: Path | None = None) -> Metrics:
    """Run the comparisons and the sweep, print the tables, save the figures, and return
    the headline numbers."""
    metrics: Metrics = {}
    rosen, rosen_runs = compare_on_rosenbrock(metrics, out_dir)
    bowl = compare_on_bowl(metrics, out_dir)
    sweep_learning_rates(bowl, metrics, out_dir)
    draw_other_landscapes(out_dir)
    gif = animate_rosenbrock(rosen, rosen_runs, out_dir)
    print(f"\nfigures saved in {gif.parent}")
    metrics["figures_dir"] = str(gif.parent)
    return metrics


def _first_steps(run: Trajectory, steps: int) -> Trajectory:
    """The first ``steps`` updates of a run, for the animation."""
    return Trajectory(
        run.points[: steps + 1],
        run.losses[: steps + 1],
        min(run.steps, steps),
        run.converged,
        run.diverged,
        run.reason,
        run.rule,
        run.hyper,
    )
