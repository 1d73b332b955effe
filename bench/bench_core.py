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
   images, in float32. Three implementations do the same arithmetic:
   - ``ours``: the Tensor core, loss written with a local fused op (softmax and
     cross-entropy in one node, as PyTorch's ``cross_entropy`` is);
   - ``numpy``: a hand-derived plain-NumPy MLP, every gradient written by hand, no
     autograd: the speed limit of a NumPy engine;
   - ``torch``: PyTorch eager on the CPU, when it is installed (``pip install
     math-to-machine[bench]``).

The bars (DESIGN section 8): ours <= 1.3 x numpy, and ours no slower than torch. After
one warm-up epoch each, the implementations run in turn, epoch after epoch (``--repeat``
rounds), so that a busy machine slows them alike; each timing is the median over the
rounds. Report the ratios, not the absolute times. ``--threads N`` pins the BLAS and
PyTorch thread pools to N threads (default: their own choice).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# The BLAS thread pool is sized when NumPy is imported, so --threads is read first.
if "--threads" in sys.argv[:-1]:
    _threads = sys.argv[sys.argv.index("--threads") + 1]
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = _threads

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

HIDDEN = (128, 64)
BATCH = 128
LR = 0.1


def activate(impl: str) -> None:
    """Put the chosen tree first on sys.path: ``solutions/`` (reference) or the root."""
    tree = ROOT / "solutions" if impl == "solutions" else ROOT
    sys.path.insert(0, str(tree))


# ---------------------------------------------------------------- data and weights


def mnist(limit: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Training images as float32 rows in [0, 1], shape (N, 784), and int64 labels."""
    from shared.datasets import load_mnist

    images, labels = load_mnist("train")
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


# ---------------------------------------------------------------- the Tensor core


def make_cross_entropy():
    """A fused softmax cross-entropy op for this benchmark (P08 adds the course's own).

    It is a local Function subclass applied directly, not registered: registration is
    for the ops of ``shared.functional``.
    """
    from shared.tensor import Function

    class CrossEntropy(Function):
        name = "cross_entropy (bench)"

        @staticmethod
        def forward(ctx, logits, labels):
            n = len(labels)
            shifted = logits - logits.max(axis=1, keepdims=True)
            exps = np.exp(shifted)
            sums = exps.sum(axis=1, keepdims=True)
            ctx.probs, ctx.labels = exps / sums, labels
            return np.log(sums[:, 0]).mean() - shifted[np.arange(n), labels].mean()

        @staticmethod
        def backward(ctx, grad):
            n = len(ctx.labels)
            d = ctx.probs
            d[np.arange(n), ctx.labels] -= 1
            d *= grad / n
            return d, None

    return CrossEntropy.apply


def ours_epoch(params, x: np.ndarray, y: np.ndarray, seed: int, cross_entropy) -> float:
    from shared.tensor import Tensor

    w1, b1, w2, b2, w3, b3 = params
    loss = None
    for idx in batches(len(x), seed):
        xb = Tensor(x[idx])
        h1 = (xb @ w1 + b1).relu()
        h2 = (h1 @ w2 + b2).relu()
        loss = cross_entropy(h2 @ w3 + b3, y[idx])
        for p in params:
            p.grad = None
        loss.backward()
        for p in params:
            p.data -= LR * p.grad
    return float(loss.item())


def ours_params(seed: int):
    from shared.tensor import Tensor

    return [Tensor(p, requires_grad=True) for p in init_weights(seed)]


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


# ---------------------------------------------------------------- timing


def interleaved(
    runs: dict[str, Callable[[int], float]], repeat: int
) -> dict[str, tuple[float, float]]:
    """name -> (median seconds, last returned value), the runs taken in turn each round."""
    values = {name: run(0) for name, run in runs.items()}  # warm-up: caches, allocator
    times: dict[str, list[float]] = {name: [] for name in runs}
    for r in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            values[name] = run(r + 1)
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), values[name]) for name in runs}


def per_op(repeat: int) -> dict[str, dict[str, float]]:
    """Microseconds per call of tiny-array ops, for ours, numpy and (if present) torch."""
    import timeit

    from shared.tensor import Tensor

    rng = np.random.default_rng(0)
    a_np = rng.standard_normal((2, 2)).astype(np.float32)
    b_np = rng.standard_normal((2, 2)).astype(np.float32)
    a, b = Tensor(a_np, requires_grad=True), Tensor(b_np, requires_grad=True)

    def backward_ours(op):
        def run():
            a.grad = b.grad = None
            op(a, b).sum().backward()

        return run

    cases = {
        "add": (lambda: a + b, lambda: a_np + b_np),
        "mul": (lambda: a * b, lambda: a_np * b_np),
        "matmul": (lambda: a @ b, lambda: a_np @ b_np),
        "sum": (lambda: a.sum(), lambda: a_np.sum()),
        "mul+sum+backward": (backward_ours(lambda x, y: x * y), None),
        "matmul+sum+backward": (backward_ours(lambda x, y: x @ y), None),
    }
    torch_cases = {}
    try:
        import torch

        at, bt = torch.tensor(a_np, requires_grad=True), torch.tensor(b_np, requires_grad=True)

        def backward_torch(op):
            def run():
                at.grad = bt.grad = None
                op(at, bt).sum().backward()

            return run

        torch_cases = {
            "add": lambda: at + bt,
            "mul": lambda: at * bt,
            "matmul": lambda: at @ bt,
            "sum": lambda: at.sum(),
            "mul+sum+backward": backward_torch(lambda x, y: x * y),
            "matmul+sum+backward": backward_torch(lambda x, y: x @ y),
        }
    except ImportError:
        pass

    def micro(fn) -> float:
        number = 2000
        return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6

    table = {}
    for name, (ours, plain) in cases.items():
        row = {"ours": micro(ours)}
        if plain is not None:
            row["numpy"] = micro(plain)
        if name in torch_cases:
            row["torch"] = micro(torch_cases[name])
        table[name] = row
    return table


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", choices=("solutions", "learner"), default="solutions")
    parser.add_argument("--repeat", type=int, default=5, help="timed epochs (median)")
    parser.add_argument("--limit", type=int, default=None, help="use only this many images")
    parser.add_argument("--threads", type=int, default=None, help="BLAS and torch threads")
    args = parser.parse_args(argv)
    activate(args.impl)

    print(f"NumPy {np.__version__}; core: {args.impl}")
    try:
        import torch

        if args.threads:
            torch.set_num_threads(args.threads)
        print(f"PyTorch {torch.__version__} (CPU, {torch.get_num_threads()} thread(s))")
        have_torch = True
    except ImportError:
        print("PyTorch not installed: the torch columns are skipped (pip install '.[bench]')")
        have_torch = False

    print("\nPer-op time on 2 x 2 float32 arrays, microseconds (best of repeats):")
    table = per_op(args.repeat)
    print(f"  {'op':<22}{'ours':>8}{'numpy':>8}{'torch':>8}")
    for name, row in table.items():
        cells = "".join(
            f"{row[k]:>8.2f}" if k in row else f"{'-':>8}" for k in ("ours", "numpy", "torch")
        )
        print(f"  {name:<22}{cells}")

    x, y = mnist(args.limit)
    print(
        f"\nOne epoch of the {784}-{HIDDEN[0]}-{HIDDEN[1]}-10 MLP on {len(x)} MNIST images, "
        f"batch {BATCH}, SGD lr {LR} (median of {args.repeat}):"
    )
    np_params = init_weights()
    cross_entropy = make_cross_entropy()
    params = ours_params(0)
    runs = {
        "numpy": lambda s: numpy_epoch(np_params, x, y, s),
        "ours": lambda s: ours_epoch(params, x, y, s, cross_entropy),
    }
    if have_torch:
        t_params = torch_setup(0)
        runs["torch"] = lambda s: torch_epoch(t_params, x, y, s)
    timed = interleaved(runs, args.repeat)
    results = {name: seconds for name, (seconds, _) in timed.items()}
    for name, (seconds, loss) in timed.items():
        print(f"  {name:<6} {seconds:7.3f} s per epoch   (last-batch loss {loss:.4f})")

    ratios = {"ours/numpy": results["ours"] / results["numpy"]}
    if have_torch:
        ratios["ours/torch"] = results["ours"] / results["torch"]
    print("\nRatios (bars: ours/numpy <= 1.3, ours/torch <= 1.0):")
    for name, value in ratios.items():
        print(f"  {name:<11} {value:.3f}")
    return {**{f"epoch_{k}_s": v for k, v in results.items()}, **ratios}


if __name__ == "__main__":
    main()
