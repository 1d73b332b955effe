"""P05 demo: the same MLP trained by the scalar Value engine and by the Tensor engine.

Run with ``python -m projects.p05_autograd`` (or ``m2m demo p05``). Both engines start
from the same weights and see the same mini-batches of two-moons, so their losses agree
step by step (up to float32 rounding); the demo prints both, the accuracies and how much
faster the Tensor engine is, plots both decision boundaries and the loss curves, and
writes the computation graph of one training step as ``graph.dot`` (and ``graph.png``
when Graphviz's ``dot`` program is installed). Output goes to ``out/p05/`` (or
``$M2M_OUT_DIR/p05``, or the ``out_dir`` given to :func:`main`).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np

from shared.plotting import out_dir as resolve_out_dir
from shared.plotting import save_figure

from .graph import to_dot
from .moons import make_moons, signed_labels
from .nn_tensor import TensorMLP, margin_loss_tensor, predict_tensor, train_tensor_mlp
from .nn_value import ValueMLP, predict_value, train_value_mlp
from .plots import plot_decision_boundaries, plot_losses

SETTINGS = {
    "sizes": (2, 8, 8, 1),
    "activation": "relu",
    "n_train": 200,
    "n_test": 1000,
    "noise": 0.1,
    "steps": 300,
    "lr": 0.6,
    "batch_size": 16,
    "seed": 0,
}


def _accuracy(scores: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((scores > 0) == (y == 1)))


def write_graph(model: TensorMLP, X: np.ndarray, y: np.ndarray, folder: Path) -> Path:
    """Build one training step's graph on four samples, backpropagate through it, and
    save it as ``graph.dot`` (and ``graph.png`` when Graphviz is installed). Every node
    retains its gradient, so the drawing shows the norm of each."""
    loss = margin_loss_tensor(model(X[:4]), signed_labels(y[:4]))
    stack, seen = [loss], {id(loss)}
    while stack:  # keep every gradient, so that each node shows its norm
        t = stack.pop()
        if not t.is_leaf:
            t.retain_grad()
        for p in t.parents:
            if id(p) not in seen:
                seen.add(id(p))
                stack.append(p)
    loss.name = "loss"
    loss.backward()
    path = folder / "graph.dot"
    path.write_text(to_dot(loss, name="mlp_step"), encoding="utf-8")
    dot = shutil.which("dot")
    if dot is not None:
        subprocess.run(
            [dot, "-Tpng", str(path), "-o", str(folder / "graph.png")],
            check=False,
            capture_output=True,
            timeout=60,
        )
    return path


class EngineRun(NamedTuple):
    """One engine's training: its model, the loss of every step, the wall time, and its
    test accuracy and scoring function (points (N, 2) -> scores (N,))."""

    model: ValueMLP | TensorMLP
    history: list[float]
    seconds: float
    accuracy: float
    predict: Callable[[np.ndarray], np.ndarray]


def moons_data(cfg: dict) -> tuple[np.ndarray, ...]:
    """Training and test two-moons, (X (N, 2), y (N,), X_test, y_test), from the settings."""
    X, y = make_moons(cfg["n_train"], noise=cfg["noise"], seed=cfg["seed"])
    X_test, y_test = make_moons(cfg["n_test"], noise=cfg["noise"], seed=cfg["seed"] + 1)
    return X, y, X_test, y_test


def train_engine(
    model: ValueMLP | TensorMLP, train: Callable, predict: Callable, data: tuple, cfg: dict
) -> EngineRun:
    """Train ``model`` with ``train`` on the training set (timed); score it on the test set."""
    X, y, X_test, y_test = data
    start = time.perf_counter()
    history = train(model, X, y, **{k: cfg[k] for k in ("steps", "lr", "batch_size", "seed")})
    seconds = time.perf_counter() - start
    accuracy = _accuracy(predict(model, X_test), y_test)
    return EngineRun(model, history, seconds, accuracy, lambda P: predict(model, P))


def print_comparison(value: EngineRun, tensor: EngineRun, cfg: dict) -> None:
    """The setting, one row per engine, the largest loss gap and the speed-up."""
    n_params = sum(p.numel() for p in tensor.model.parameters())
    print("P05 · The Autograd Engine")
    print(
        f"\nTwo-moons: {cfg['n_train']} training and {cfg['n_test']} test points (noise "
        f"{cfg['noise']}); MLP {'-'.join(map(str, cfg['sizes']))} ({cfg['activation']}, "
        f"{n_params} parameters), {cfg['steps']} steps of SGD, lr {cfg['lr']}, batch "
        f"{cfg['batch_size']}, same initial weights and batches for both engines"
    )
    print(f"\n  {'engine':<16}{'first loss':>11}{'final loss':>11}{'test acc':>10}{'ms/step':>10}")
    for name, run in (("Value (scalar)", value), ("Tensor (float32)", tensor)):
        print(
            f"  {name:<16}{run.history[0]:>11.4f}{np.mean(run.history[-20:]):>11.4f}"
            f"{run.accuracy:>10.3f}{1000 * run.seconds / cfg['steps']:>10.3f}"
        )
    print("  (final loss: mean of the last 20 steps)")
    print(
        f"\nLargest loss difference between the engines over all steps: {_gap(value, tensor):.2e}"
    )
    print(f"The Tensor engine is {value.seconds / tensor.seconds:.0f}x faster per step.")


def _gap(value: EngineRun, tensor: EngineRun) -> float:
    return float(np.max(np.abs(np.subtract(value.history, tensor.history))))


def save_figures(
    value: EngineRun, tensor: EngineRun, data: tuple, graph: Path, out_dir: Path | None
) -> list[Path]:
    """Both decision boundaries on the test points and both loss curves; returns their
    paths, then the graph's (``graph.dot``, and ``graph.png`` when Graphviz drew it)."""
    _, _, X_test, y_test = data
    boundaries = plot_decision_boundaries(
        {
            f"Value MLP (test acc {value.accuracy:.3f})": value.predict,
            f"Tensor MLP (test acc {tensor.accuracy:.3f})": tensor.predict,
        },
        X_test,
        y_test,
    )
    losses = plot_losses({"Value engine": value.history, "Tensor engine": tensor.history})
    saved = [
        save_figure(boundaries, "p05", "boundaries.png", out_dir),
        save_figure(losses, "p05", "losses.png", out_dir),
        graph,
    ]
    if graph.with_suffix(".png").is_file():
        saved.append(graph.with_suffix(".png"))
    return saved


def headline(value: EngineRun, tensor: EngineRun, cfg: dict) -> dict[str, float | int | str]:
    """The numbers main returns."""
    return {
        "value_test_accuracy": value.accuracy,
        "tensor_test_accuracy": tensor.accuracy,
        "value_final_loss": float(np.mean(value.history[-20:])),
        "tensor_final_loss": float(np.mean(tensor.history[-20:])),
        "max_loss_gap": _gap(value, tensor),
        "value_ms_per_step": 1000 * value.seconds / cfg["steps"],
        "tensor_ms_per_step": 1000 * tensor.seconds / cfg["steps"],
        "speedup": value.seconds / tensor.seconds,
        "parameters": int(sum(p.numel() for p in tensor.model.parameters())),
    }


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Train both engines, print and return the headline numbers, save the figures."""
    cfg = SETTINGS
    data = moons_data(cfg)
    value_model = ValueMLP(cfg["sizes"], activation=cfg["activation"], seed=cfg["seed"])
    tensor_model = TensorMLP.from_value_mlp(value_model)  # the same starting weights
    graph = write_graph(
        TensorMLP.from_value_mlp(value_model), data[0], data[1], resolve_out_dir("p05", out_dir)
    )
    value = train_engine(value_model, train_value_mlp, predict_value, data, cfg)
    tensor = train_engine(tensor_model, train_tensor_mlp, predict_tensor, data, cfg)
    print_comparison(value, tensor, cfg)
    saved = save_figures(value, tensor, data, graph, out_dir)
    print("\nSaved: " + ", ".join(str(p) for p in saved))
    return headline(value, tensor, cfg)
