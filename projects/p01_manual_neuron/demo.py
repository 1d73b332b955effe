"""P01 demo: logic gates, XOR's impossibility, Iris setosa vs versicolor.

Run with ``python -m projects.p01_manual_neuron`` (or ``m2m demo p01``). Prints what it
measures, saves four figures to ``out/p01/`` and returns the headline numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure

from shared.plotting import save_figure

from .experiments import IRIS_FEATURES, learn_gate, setosa_vs_versicolor, truth_table
from .geometry import margin, novikoff_bound, radius
from .perceptron import FitResult, Perceptron
from .plots import activations_figure, boundary_figure, gates_figure, mistakes_figure

# Hand-picked separators of the gates, the classic textbook weights: each puts every
# corner 0.5 away from the line in z. The perceptron's own weights leave a firing corner
# exactly on its line (z = 0, margin 0), which proves nothing, so the demo bounds the
# updates with these instead. Any strict separator gives a valid bound.
TEXTBOOK_SEPARATORS: dict[str, tuple[tuple[float, float], float]] = {
    "AND": ((1.0, 1.0), -1.5),
    "OR": ((1.0, 1.0), -0.5),
    "NAND": ((-1.0, -1.0), 1.5),
}
IRIS_FEATURE_PAIR = (0, 2)  # sepal length and petal length


def _learned_bound(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> str:
    gamma = margin(X, y, w, b)
    if gamma > 0:
        return f"margin {gamma:.4f}, bound from them {novikoff_bound(X, y, w, b):.1f}"
    return f"margin {gamma:.4f}: a corner sits on the line, so they give no bound"


Panel = tuple[str, np.ndarray, np.ndarray, np.ndarray, float]  # title, X, y, w, b
Metrics = dict[str, float | int | str]


def learn_gates(metrics: Metrics) -> list[Panel]:
    """Learn AND, OR and NAND; print each run against its Novikoff bound; one panel each."""
    print("\nLogic gates (lr = 1, zero start, rows in truth-table order):")
    panels = []
    for gate in ("AND", "OR", "NAND"):
        neuron, result = learn_gate(gate)
        X, y = truth_table(gate)
        w_ref, b_ref = TEXTBOOK_SEPARATORS[gate]
        bound = novikoff_bound(X, y, w_ref, b_ref)
        print(f"  {gate:<4} {result.message}")
        print(
            f"       learned w = {neuron.w}, b = {neuron.b:g} "
            f"({_learned_bound(X, y, neuron.w, neuron.b)})"
        )
        print(
            f"       Novikoff bound from w = {w_ref}, b = {b_ref}: (R/gamma)^2 = {bound:.1f} "
            f">= {result.updates} updates"
        )
        key = gate.lower()
        metrics[f"{key}_epochs"] = result.epochs
        metrics[f"{key}_updates"] = result.updates
        metrics[f"{key}_bound"] = round(bound, 4)
        panels.append((f"{gate}: {result.updates} updates", X, y, neuron.w.copy(), neuron.b))
    return panels


def show_xor_fails(metrics: Metrics) -> tuple[Panel, tuple[FitResult, FitResult]]:
    """XOR in fixed order (the cycle check stops it) and shuffled (only the epoch budget
    stops it); returns its panel and both runs (fixed order first)."""
    xor, xor_result = learn_gate("XOR")
    X_xor, y_xor = truth_table("XOR")
    print(f"\n  XOR  stopped, reason {xor_result.reason!r}: {xor_result.message}")
    panel = (f"XOR: stopped ({xor_result.reason})", X_xor, y_xor, xor.w.copy(), xor.b)
    metrics["xor_reason"] = xor_result.reason
    metrics["xor_epochs"] = xor_result.epochs
    # Without the cycle check (shuffled order) nothing stops XOR but the epoch budget.
    shuffled = Perceptron(2).fit(X_xor, y_xor, max_epochs=30, shuffle=True, seed=0)
    print(f"  XOR, shuffled each epoch: {shuffled.message}")
    metrics["xor_shuffled_min_mistakes"] = min(shuffled.mistakes_per_epoch)
    return panel, (xor_result, shuffled)


class IrisRun(NamedTuple):
    """The Iris neuron, its run, and its data: X (N, 2) and y (N,) in {0, 1}."""

    neuron: Perceptron
    result: FitResult
    X: np.ndarray
    y: np.ndarray


def learn_iris(metrics: Metrics) -> IrisRun:
    """Separate setosa from versicolor on two features; print the fit against its bound."""
    X, y = setosa_vs_versicolor(IRIS_FEATURE_PAIR)
    iris = Perceptron(n_features=X.shape[1])
    iris_result = iris.fit(X, y, max_epochs=1000)
    accuracy = float(np.mean(iris.predict(X) == y))
    gamma = margin(X, y, iris.w, iris.b)
    bound = novikoff_bound(X, y, iris.w, iris.b)
    names = [IRIS_FEATURES[i] for i in IRIS_FEATURE_PAIR]
    print(f"\nIris setosa vs versicolor ({names[0]}, {names[1]}; {len(y)} flowers):")
    print(f"  {iris_result.message}")
    print(f"  learned w = {np.round(iris.w, 4)}, b = {iris.b:g}")
    print(f"  training accuracy {accuracy:.3f}")
    print(
        f"  R = {radius(X):.3f}, margin of the learned weights {gamma:.4f}, "
        f"Novikoff bound (R/gamma)^2 = {bound:.1f} >= {iris_result.updates} updates"
    )
    metrics.update(
        iris_train_accuracy=accuracy,
        iris_epochs=iris_result.epochs,
        iris_updates=iris_result.updates,
        iris_margin=round(gamma, 6),
        iris_bound=round(bound, 4),
    )
    return IrisRun(iris, iris_result, X, y)


def iris_boundary_figure(iris: IrisRun) -> Figure:
    """The flowers on the two chosen features and the learned line."""
    names = [IRIS_FEATURES[i] for i in IRIS_FEATURE_PAIR]
    return boundary_figure(
        iris.X,
        iris.y,
        iris.neuron.w,
        iris.neuron.b,
        title=f"Iris: perceptron boundary after {iris.result.updates} updates",
        xlabel=names[0],
        ylabel=names[1],
        class_names=("setosa", "versicolor"),
    )


def save_figures(
    panels: list[Panel], xor_runs: tuple[FitResult, FitResult], iris: IrisRun, out_dir: Path | None
) -> list[Path]:
    """The four figures: gate panels, the Iris boundary, mistakes per epoch, activations."""
    fixed, shuffled = xor_runs
    mistakes_fig = mistakes_figure(
        {
            f"XOR, fixed order (stopped: {fixed.reason})": fixed.mistakes_per_epoch,
            "XOR, shuffled each epoch": shuffled.mistakes_per_epoch,
            "Iris setosa vs versicolor": iris.result.mistakes_per_epoch,
        }
    )
    return [
        save_figure(gates_figure(panels), "p01", "gates.png", out_dir),
        save_figure(iris_boundary_figure(iris), "p01", "iris_boundary.png", out_dir),
        save_figure(mistakes_fig, "p01", "mistakes.png", out_dir),
        save_figure(activations_figure(), "p01", "activations.png", out_dir),
    ]


def main(out_dir: Path | None = None) -> Metrics:
    """Run the experiments, print and return the headline metrics, save the figures.

    Figures go to ``out_dir`` when given, else to ``$M2M_OUT_DIR/p01`` or ``./out/p01``.
    """
    metrics: Metrics = {}
    print("P01 · The Manual Neuron")
    panels = learn_gates(metrics)
    xor_panel, xor_runs = show_xor_fails(metrics)
    iris = learn_iris(metrics)
    saved = save_figures([*panels, xor_panel], xor_runs, iris, out_dir)
    print("\nFigures: " + ", ".join(str(p) for p in saved))
    return metrics
