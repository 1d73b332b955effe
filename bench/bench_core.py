"""Benchmark of the reference Tensor core against PyTorch (CPU) and hand-derived NumPy.

Run from the repository root:

    python bench/bench_core.py                 # the reference core (solutions/)
    python bench/bench_core.py --impl learner  # your own core (shared/ at the root)
    python bench/bench_core.py --epochs 3 --repeat 7

Two measurements, each taken in one run against the baselines available:

1. Per-op overhead on tiny arrays (2 x 2): the cost of one forward op (add, mul, matmul,
   sum) and of a forward + backward, in microseconds. At this size the arithmetic is free,
   so what is left is the bookkeeping of the engine.
2. One epoch of a 784-128-64-10 ReLU MLP on MNIST, batch 128, plain SGD (lr 0.1): forward,
   softmax cross-entropy, backward and update for every mini-batch of the 60,000 training
   images, in float32. Four implementations do the same arithmetic from the same initial
   weights:
   - ``course``: the course's own stack, as a learner uses it after P08:
     ``shared.nn`` (Sequential, Linear, ReLU), ``shared.functional.cross_entropy`` (fused
     softmax cross-entropy), ``shared.optim.SGD`` and ``shared.data.DataLoader``;
   - ``tensor``: bare Tensors (``x @ W + b``, ``relu``) and the same loss op, updates
     written by hand: the engine without the layer API;
   - ``numpy``: a hand-derived plain-NumPy MLP, every gradient written by hand, no
     autograd: the speed limit of a NumPy engine;
   - ``torch``: PyTorch eager on the CPU, when it is installed (``pip install
     math-to-machine[bench]``).
   The first (warm-up) epoch of each starts from the same weights and the test accuracy
   after it is printed beside the times, so a fast but wrong implementation cannot hide.

The bars (DESIGN section 8): course <= 1.3 x numpy, and course no slower than torch. After
one warm-up epoch each, the implementations run in turn, epoch after epoch (``--repeat``
rounds), so that a busy machine slows them alike; each timing is the median over the
rounds. Report the ratios, not the absolute times. ``--threads N`` pins the BLAS and
PyTorch thread pools to N threads (default: their own choice). ``--suite`` also times
``m2m tour`` and the suite of ``make test`` on the reference (minutes), as ``make bench``
does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from _common import ROOT, activate, pin_blas_threads, torch_available

pin_blas_threads()  # before NumPy is imported: it sizes the BLAS thread pool then

import numpy as np  # noqa: E402

HIDDEN = (128, 64)
BATCH = 128
LR = 0.1


# ---------------------------------------------------------------- data and weights


def mnist(split: str, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Images of ``split`` as float32 rows in [0, 1], shape (N, 784), and int64 labels."""
    from shared.datasets import load_mnist

    images, labels = load_mnist(split)
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    x = images.reshape(len(images), -1).astype(np.float32) / np.float32(255.0)
    return x, labels.astype(np.int64)


def init_weights(seed: int = 0) -> list[np.ndarray]:
    """He-initialised weights W (in, out) and zero biases, float32: [W1, b1, W2, b2, W3, b3]."""
    rng = np.random.default_rng(seed)
    sizes = (784, *HIDDEN, 10)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        params.append((rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)).astype(np.float32))
        params.append(np.zeros(n_out, dtype=np.float32))
    return params


def batches(n: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i : i + BATCH] for i in range(0, n, BATCH)]


# ---------------------------------------------------------------- hand-derived NumPy


def numpy_epoch(params: list[np.ndarray], x: np.ndarray, y: np.ndarray, seed: int) -> float:
    """One epoch of the MLP with every gradient derived by hand; returns the last loss."""
    w1, b1, w2, b2, w3, b3 = params
    loss = 0.0
    for idx in batches(len(x), seed):
        xb, yb = x[idx], y[idx]
        n = len(idx)
        z1 = xb @ w1 + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ w2 + b2
        h2 = np.maximum(z2, 0)
        logits = h2 @ w3 + b3
        shifted = logits - logits.max(axis=1, keepdims=True)
        exps = np.exp(shifted)
        sums = exps.sum(axis=1, keepdims=True)
        loss = float(np.log(sums[:, 0]).mean() - shifted[np.arange(n), yb].mean())
        d = exps / sums  # softmax; d(loss)/d(logits) = (softmax - onehot) / n
        d[np.arange(n), yb] -= 1
        d /= n
        g_w3, g_b3 = h2.T @ d, d.sum(axis=0)
        d = (d @ w3.T) * (z2 > 0)
        g_w2, g_b2 = h1.T @ d, d.sum(axis=0)
        d = (d @ w2.T) * (z1 > 0)
        g_w1, g_b1 = xb.T @ d, d.sum(axis=0)
        for p, g in ((w1, g_w1), (b1, g_b1), (w2, g_w2), (b2, g_b2), (w3, g_w3), (b3, g_b3)):
            p -= LR * g
    return loss


def numpy_accuracy(params: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
    w1, b1, w2, b2, w3, b3 = params
    h = np.maximum(x @ w1 + b1, 0)
    h = np.maximum(h @ w2 + b2, 0)
    return float(np.mean((h @ w3 + b3).argmax(axis=1) == y))


# ---------------------------------------------------------------- bare Tensors


def tensor_params(seed: int):
    from shared.tensor import Tensor

    return [Tensor(p, requires_grad=True) for p in init_weights(seed)]


def tensor_epoch(params, x: np.ndarray, y: np.ndarray, seed: int) -> float:
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    w1, b1, w2, b2, w3, b3 = params
    loss = None
    for idx in batches(len(x), seed):
        xb = Tensor(x[idx])
        h1 = (xb @ w1 + b1).relu()
        h2 = (h1 @ w2 + b2).relu()
        loss = cross_entropy(h2 @ w3 + b3, target=y[idx])
        for p in params:
            p.grad = None
        loss.backward()
        for p in params:
            p.data -= LR * p.grad
    return float(loss.item())


def tensor_accuracy(params, x: np.ndarray, y: np.ndarray) -> float:
    return numpy_accuracy([p.data for p in params], x, y)


# ---------------------------------------------------------------- the course's stack


def course_setup(seed: int, x: np.ndarray, y: np.ndarray):
    """The MLP as ``shared.nn`` layers holding the common initial weights, its SGD
    optimizer and a shuffling DataLoader."""
    from shared.data import DataLoader, TensorDataset
    from shared.nn import Linear, ReLU, Sequential
    from shared.optim import SGD

    sizes = (784, *HIDDEN, 10)
    layers = [Linear(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    weights = init_weights(seed)
    for layer, w, b in zip(layers, weights[::2], weights[1::2], strict=True):
        layer.weight.data = np.ascontiguousarray(w.T)  # Linear stores (out, in)
        layer.bias.data = b.copy()
    model = Sequential(layers[0], ReLU(), layers[1], ReLU(), layers[2])
    optimizer = SGD(model.parameters(), lr=LR)
    loader = DataLoader(TensorDataset(x, y), batch_size=BATCH, shuffle=True, seed=seed)
    return model, optimizer, loader


def course_epoch(setup) -> float:
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    model, optimizer, loader = setup
    model.train()
    loss = None
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = cross_entropy(model(Tensor(xb)), target=yb)
        loss.backward()
        optimizer.step()
    return float(loss.item())


def course_accuracy(setup, x: np.ndarray, y: np.ndarray) -> float:
    from shared.tensor import Tensor, no_grad

    model = setup[0]
    model.eval()
    with no_grad():
        logits = model(Tensor(x)).data
    return float(np.mean(logits.argmax(axis=1) == y))


# ---------------------------------------------------------------- PyTorch


def torch_setup(seed: int):
    import torch

    return [torch.tensor(p, requires_grad=True) for p in init_weights(seed)]


def torch_epoch(params, x, y, seed: int) -> float:
    import torch
    import torch.nn.functional as F

    w1, b1, w2, b2, w3, b3 = params
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    loss = None
    for idx in batches(len(x), seed):
        it = torch.from_numpy(idx)
        xb, yb = xt[it], yt[it]
        h1 = torch.relu(xb @ w1 + b1)
        h2 = torch.relu(h1 @ w2 + b2)
        loss = F.cross_entropy(h2 @ w3 + b3, yb)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
    return float(loss.item())


def torch_accuracy(params, x: np.ndarray, y: np.ndarray) -> float:
    return numpy_accuracy([p.detach().numpy() for p in params], x, y)


# ---------------------------------------------------------------- timing


class Run:
    """One implementation: ``epoch(seed) -> last-batch loss``, ``accuracy() -> test acc``."""

    def __init__(self, epoch: Callable[[int], float], accuracy: Callable[[], float]) -> None:
        self.epoch, self.accuracy = epoch, accuracy


def interleaved(runs: dict[str, Run], repeat: int) -> dict[str, dict[str, float]]:
    """name -> {seconds (median), loss (last), accuracy (after the first epoch)}.

    The first epoch of each run is a warm-up (caches, allocator) from the common initial
    weights; the test accuracy is measured right after it. Then the runs take turns.
    """
    out: dict[str, dict[str, float]] = {}
    for name, run in runs.items():
        loss = run.epoch(0)
        out[name] = {"loss": loss, "accuracy": run.accuracy()}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for r in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            out[name]["loss"] = run.epoch(r + 1)
            times[name].append(time.perf_counter() - start)
    for name in runs:
        out[name]["seconds"] = statistics.median(times[name])
    return out


OpCase = Callable[[], object]


def _backward_case(a, b, op) -> OpCase:
    """A case that runs ``op(a, b).sum().backward()`` from fresh gradients (any framework
    whose tensors have ``.grad``)."""

    def run():
        a.grad = b.grad = None
        op(a, b).sum().backward()

    return run


def _op_cases(a, b) -> dict[str, OpCase]:
    """The timed cases on two tensors of one framework (the course's or PyTorch's)."""
    return {
        "add": lambda: a + b,
        "mul": lambda: a * b,
        "matmul": lambda: a @ b,
        "sum": lambda: a.sum(),
        "mul+sum+backward": _backward_case(a, b, lambda x, y: x * y),
        "matmul+sum+backward": _backward_case(a, b, lambda x, y: x @ y),
    }


def _numpy_cases(a: np.ndarray, b: np.ndarray) -> dict[str, OpCase]:
    """The forward cases in plain NumPy (it has no backward)."""
    return {
        "add": lambda: a + b,
        "mul": lambda: a * b,
        "matmul": lambda: a @ b,
        "sum": lambda: a.sum(),
    }


def _torch_cases(a_np: np.ndarray, b_np: np.ndarray) -> dict[str, OpCase]:
    """The cases in PyTorch, or none when it is not installed."""
    try:
        import torch
    except ImportError:
        return {}
    at, bt = torch.tensor(a_np, requires_grad=True), torch.tensor(b_np, requires_grad=True)
    return _op_cases(at, bt)


def per_op(repeat: int) -> dict[str, dict[str, float]]:
    """Microseconds per call of tiny-array ops, for ours, numpy and (if present) torch."""
    import timeit

    from shared.tensor import Tensor

    rng = np.random.default_rng(0)
    a_np = rng.standard_normal((2, 2)).astype(np.float32)
    b_np = rng.standard_normal((2, 2)).astype(np.float32)
    a, b = Tensor(a_np, requires_grad=True), Tensor(b_np, requires_grad=True)
    columns = {
        "ours": _op_cases(a, b),
        "numpy": _numpy_cases(a_np, b_np),
        "torch": _torch_cases(a_np, b_np),
    }

    def micro(fn: OpCase) -> float:
        number = 2000
        return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6

    return {
        name: {column: micro(cases[name]) for column, cases in columns.items() if name in cases}
        for name in columns["ours"]
    }


def print_per_op(table: dict[str, dict[str, float]]) -> None:
    """The per-op table: one row per case, a dash where a framework has no such case."""
    print("\nPer-op time on 2 x 2 float32 arrays, microseconds (best of repeats):")
    print(f"  {'op':<22}{'ours':>8}{'numpy':>8}{'torch':>8}")
    for name, row in table.items():
        cells = "".join(
            f"{row[k]:>8.2f}" if k in row else f"{'-':>8}" for k in ("ours", "numpy", "torch")
        )
        print(f"  {name:<22}{cells}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line: --impl, --repeat, --limit, --threads, --suite."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", choices=("solutions", "learner"), default="solutions")
    parser.add_argument("--repeat", type=int, default=5, help="timed epochs (median)")
    parser.add_argument("--limit", type=int, default=None, help="use only this many images")
    parser.add_argument("--threads", type=int, default=None, help="BLAS and torch threads")
    parser.add_argument(
        "--suite", action="store_true", help="also time m2m tour and the full test suite"
    )
    return parser.parse_args(argv)


def mlp_runs(x, y, x_test, y_test, have_torch: bool) -> dict[str, Run]:
    """The four implementations of the MLP epoch, all from the same initial weights."""
    np_params = init_weights()
    t_params = tensor_params(0)
    setup = course_setup(0, x, y)
    runs = {
        "numpy": Run(
            lambda s: numpy_epoch(np_params, x, y, s),
            lambda: numpy_accuracy(np_params, x_test, y_test),
        ),
        "tensor": Run(
            lambda s: tensor_epoch(t_params, x, y, s),
            lambda: tensor_accuracy(t_params, x_test, y_test),
        ),
        "course": Run(
            lambda s: course_epoch(setup), lambda: course_accuracy(setup, x_test, y_test)
        ),
    }
    if have_torch:
        torch_params = torch_setup(0)
        runs["torch"] = Run(
            lambda s: torch_epoch(torch_params, x, y, s),
            lambda: torch_accuracy(torch_params, x_test, y_test),
        )
    return runs


def time_mlp_epochs(args: argparse.Namespace, have_torch: bool) -> dict[str, dict[str, float]]:
    """One MNIST epoch per implementation, in turns: name -> seconds, loss, accuracy."""
    x, y = mnist("train", args.limit)
    x_test, y_test = mnist("test")
    print(
        f"\nOne epoch of the 784-{HIDDEN[0]}-{HIDDEN[1]}-10 MLP on {len(x)} MNIST images, "
        f"batch {BATCH}, SGD lr {LR}, float32 (median of {args.repeat}); test accuracy "
        "after the first epoch, all from the same initial weights:"
    )
    timed = interleaved(mlp_runs(x, y, x_test, y_test, have_torch), args.repeat)
    for name, row in timed.items():
        print(
            f"  {name:<7}{row['seconds']:7.3f} s per epoch   test accuracy after one epoch "
            f"{row['accuracy']:.4f}   last-batch loss {row['loss']:.4f}"
        )
    return timed


def ratios(seconds: dict[str, float]) -> dict[str, float]:
    """The bars' ratios (course and tensor over numpy, and over torch when it ran), printed."""
    out = {
        "course/numpy": seconds["course"] / seconds["numpy"],
        "tensor/numpy": seconds["tensor"] / seconds["numpy"],
    }
    if "torch" in seconds:
        out["course/torch"] = seconds["course"] / seconds["torch"]
        out["tensor/torch"] = seconds["tensor"] / seconds["torch"]
    print("\nRatios (bars: course/numpy <= 1.3, course/torch <= 1.0):")
    for name, value in out.items():
        print(f"  {name:<13} {value:.3f}")
    return out


def main(argv: list[str] | None = None) -> dict[str, float]:
    args = parse_args(argv)
    activate(args.impl)
    print(f"NumPy {np.__version__}; core: {args.impl}")
    have_torch = torch_available(args.threads)
    print_per_op(per_op(args.repeat))
    timed = time_mlp_epochs(args, have_torch)
    results = {name: row["seconds"] for name, row in timed.items()}
    summary = {
        **{f"epoch_{k}_s": v for k, v in results.items()},
        **{f"accuracy_{k}": row["accuracy"] for k, row in timed.items()},
        **ratios(results),
    }
    if args.suite:
        summary.update(time_suite(args.impl))
    return summary


def time_suite(impl: str) -> dict[str, float]:
    """Wall time of ``m2m tour`` and of the test suite of ``make test`` on ``impl``, each in
    a fresh interpreter (as a user runs them)."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    suite_env = {**env, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # as make test
    commands = {
        "tour": ([sys.executable, "-m", "m2m", "tour", "--impl", impl], env),
        "suite": (
            [sys.executable, "-m", "pytest", "--impl", impl, "-q", "-p", "no:cacheprovider"]
            + ["-m", "not slow"],
            suite_env,
        ),
    }
    print("\nWhole-course timings (wall clock):")
    times = {}
    for name, (command, command_env) in commands.items():
        start = time.perf_counter()
        proc = subprocess.run(command, cwd=ROOT, env=command_env, capture_output=True, text=True)
        times[f"{name}_s"] = time.perf_counter() - start
        last = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        status = "ok" if proc.returncode == 0 else f"exit code {proc.returncode}"
        print(f"  {name:<6}{times[f'{name}_s']:8.1f} s   ({status}: {last.strip()})")
    return times


if __name__ == "__main__":
    main()
