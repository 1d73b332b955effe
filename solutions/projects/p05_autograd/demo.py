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
from pathlib import Path

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


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Train both engines, print and return the headline numbers, save the figures."""
    cfg = SETTINGS
    X, y = make_moons(cfg["n_train"], noise=cfg["noise"], seed=cfg["seed"])
    X_test, y_test = make_moons(cfg["n_test"], noise=cfg["noise"], seed=cfg["seed"] + 1)
    train_args = {k: cfg[k] for k in ("steps", "lr", "batch_size", "seed")}

    value_model = ValueMLP(cfg["sizes"], activation=cfg["activation"], seed=cfg["seed"])
    tensor_model = TensorMLP.from_value_mlp(value_model)  # the same starting weights
    folder = resolve_out_dir("p05", out_dir)
    graph_path = write_graph(TensorMLP.from_value_mlp(value_model), X, y, folder)

    start = time.perf_counter()
    value_history = train_value_mlp(value_model, X, y, **train_args)
    value_seconds = time.perf_counter() - start
    start = time.perf_counter()
    tensor_history = train_tensor_mlp(tensor_model, X, y, **train_args)
    tensor_seconds = time.perf_counter() - start

    value_scores, tensor_scores = (
        predict_value(value_model, X_test),
        predict_tensor(tensor_model, X_test),
    )
    value_acc, tensor_acc = _accuracy(value_scores, y_test), _accuracy(tensor_scores, y_test)
    gap = float(np.max(np.abs(np.subtract(value_history, tensor_history))))
    n_params = sum(p.size for p in tensor_model.parameters())
    speedup = value_seconds / tensor_seconds

    print("P05 · The Autograd Engine")
    print(
        f"\nTwo-moons: {cfg['n_train']} training and {cfg['n_test']} test points (noise "
        f"{cfg['noise']}); MLP {'-'.join(map(str, cfg['sizes']))} ({cfg['activation']}, "
        f"{n_params} parameters), {cfg['steps']} steps of SGD, lr {cfg['lr']}, batch "
        f"{cfg['batch_size']}, same initial weights and batches for both engines"
    )
    print(f"\n  {'engine':<16}{'first loss':>11}{'final loss':>11}{'test acc':>10}{'ms/step':>10}")
    for name, history, acc, seconds in (
        ("Value (scalar)", value_history, value_acc, value_seconds),
        ("Tensor (float32)", tensor_history, tensor_acc, tensor_seconds),
    ):
        print(
            f"  {name:<16}{history[0]:>11.4f}{np.mean(history[-20:]):>11.4f}{acc:>10.3f}"
            f"{1000 * seconds / cfg['steps']:>10.3f}"
        )
    print("  (final loss: mean of the last 20 steps)")
    print(f"\nLargest loss difference between the engines over all steps: {gap:.2e}")
    print(f"The Tensor engine is {speedup:.0f}x faster per step.")

    saved = [
        save_figure(
            plot_decision_boundaries(
                {
                    f"Value MLP (test acc {value_acc:.3f})": lambda P: predict_value(
                        value_model, P
                    ),
                    f"Tensor MLP (test acc {tensor_acc:.3f})": lambda P: predict_tensor(
                        tensor_model, P
                    ),
                },
                X_test,
                y_test,
            ),
            "p05",
            "boundaries.png",
            out_dir,
        ),
        save_figure(
            plot_losses({"Value engine": value_history, "Tensor engine": tensor_history}),
            "p05",
            "losses.png",
            out_dir,
        ),
        graph_path,
    ]
    if (folder / "graph.png").is_file():
        saved.append(folder / "graph.png")
    print("\nSaved: " + ", ".join(str(p) for p in saved))

    return {
        "value_test_accuracy": value_acc,
        "tensor_test_accuracy": tensor_acc,
        "value_final_loss": float(np.mean(value_history[-20:])),
        "tensor_final_loss": float(np.mean(tensor_history[-20:])),
        "max_loss_gap": gap,
        "value_ms_per_step": 1000 * value_seconds / cfg["steps"],
        "tensor_ms_per_step": 1000 * tensor_seconds / cfg["steps"],
        "speedup": speedup,
        "parameters": int(n_params),
    }
