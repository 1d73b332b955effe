"""Benchmark of BrainInABox's Trainer and of its PyTorch-style examples.

Run from the repository root:

    python bench/bench_trainer.py                  # the reference (solutions/)
    python bench/bench_trainer.py --impl learner   # your own library
    python bench/bench_trainer.py --examples       # also the examples beside PyTorch

Two measurements:

1. Trainer overhead. The MNIST MLP of ``examples/mnist_mlp.py`` (784-256-128-10, Adam,
   batch 128) trained for one epoch on the first ``--n-train`` digits, once by a
   hand-written loop (zero_grad, loss, backward, step, the epoch's mean loss) and once by
   ``Trainer.fit`` (progress bar off), both from the same weights and the same batches.
   The two run in turn, ``--repeat`` rounds, and each time is the median over rounds.
   The bar: Trainer <= 1.05 x the hand-written loop.
2. With ``--examples``: each example script (MNIST MLP, LeNet CNN, char-LSTM) run with
   BrainInABox and, when PyTorch is installed (``pip install math-to-machine[bench]``),
   the very same text with its imports swapped to PyTorch's; the metrics and the wall
   time of each are printed side by side. ``--epochs`` shortens every example.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _loop_epoch(model, optimizer, loss_fn, loader) -> float:
    model.train()
    total, count = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total, count = total + loss.item() * len(y), count + len(y)
    return total / count


def trainer_overhead(n_train: int, repeat: int) -> dict[str, float]:
    import numpy as np
    from braininabox.utils.data import DataLoader, TensorDataset

    import braininabox as bb
    from braininabox import nn, optim
    from shared.datasets import load_mnist

    images, labels = load_mnist("train")
    x = ((images[:n_train].reshape(-1, 784) / 255.0 - 0.1307) / 0.3081).astype(np.float32)
    y = labels[:n_train].astype(np.int64)

    def setup():
        bb.manual_seed(0)
        model = nn.Sequential(
            nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)
        )
        loader = DataLoader(TensorDataset(x, y), batch_size=128, shuffle=True, generator=0)
        return model, optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss(), loader

    times: dict[str, list[float]] = {"loop": [], "trainer": []}
    losses: dict[str, float] = {}
    for round_ in range(repeat + 1):  # the first round warms caches up and is dropped
        # Alternate which goes first, and collect garbage before each: the second of a
        # pair would otherwise inherit (or escape) the first one's freeing.
        for kind in ("loop", "trainer") if round_ % 2 else ("trainer", "loop"):
            model, opt, loss_fn, loader = setup()
            gc.collect()
            start = time.perf_counter()
            if kind == "loop":
                losses[kind] = _loop_epoch(model, opt, loss_fn, loader)
            else:
                trainer = bb.Trainer(model, opt, loss_fn, progress=False)
                losses[kind] = trainer.fit(loader, epochs=1)["loss"][0]
            times[kind].append(time.perf_counter() - start)
    loop = statistics.median(times["loop"][1:])
    fit = statistics.median(times["trainer"][1:])
    print(
        f"one epoch on {n_train} digits: hand-written loop {loop:.3f} s, Trainer {fit:.3f} s, "
        f"ratio {fit / loop:.3f} (bar <= 1.05); mean losses {losses['loop']:.6f} / "
        f"{losses['trainer']:.6f} (must agree)"
    )
    return {"loop_s": loop, "trainer_s": fit, "ratio": fit / loop}


def examples_side_by_side(epochs: int | None, torch_threads: int) -> None:
    from projects.p11_braininabox.examples import run_example

    settings = {
        "mnist_mlp": {"epochs": epochs or 8},
        "lenet_cnn": {"epochs": epochs or 3},
        "char_lstm": {"epochs": epochs or 6},
    }
    backends = ["braininabox"]
    if importlib.util.find_spec("torch") is not None:
        import torch

        # One thread each, as NumPy's BLAS under OPENBLAS_NUM_THREADS=1: on a shared 2-core
        # machine PyTorch's default pool oversubscribes the cores and measures the contention.
        torch.set_num_threads(torch_threads)
        backends.append("torch")
    else:
        print("PyTorch is not installed: BrainInABox only (pip install math-to-machine[bench])")
    for name, kwargs in settings.items():
        row = []
        for backend in backends:
            start = time.perf_counter()
            result = run_example(name, backend=backend, verbose=False, **kwargs)
            seconds = time.perf_counter() - start
            metric = "test_accuracy" if "test_accuracy" in result else "val_loss"
            row.append(f"{backend} {metric} {result[metric]:.4f} in {seconds:.1f} s")
        print(f"{name} ({kwargs}): " + " | ".join(row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default="solutions", choices=("learner", "solutions"))
    parser.add_argument("--n-train", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--examples", action="store_true")
    parser.add_argument("--epochs", type=int, help="epochs of every example (default: theirs)")
    parser.add_argument("--torch-threads", type=int, default=1, help="PyTorch's threads (1)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from m2m.impl import activate

    activate(args.impl, ROOT)
    trainer_overhead(args.n_train, args.repeat)
    if args.examples:
        examples_side_by_side(args.epochs, args.torch_threads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
