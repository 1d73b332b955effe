"""Benchmark of the course's convolutional stack against PyTorch (CPU): one LeNet-5 epoch.

Run from the repository root:

    python bench/bench_cnn.py                  # the reference core (solutions/)
    python bench/bench_cnn.py --impl learner   # your own core (shared/ at the root)
    python bench/bench_cnn.py --limit 6400     # a quicker run on the first 6,400 images
    python bench/bench_cnn.py --threads 1      # pin BLAS and PyTorch to one thread

One epoch of LeNet-5 with ReLU and max-pooling on the 60,000 MNIST training images,
batch 64, SGD with momentum 0.9 (lr 0.01), float32:

    Conv2d(1, 6, 5, padding=2) -> ReLU -> MaxPool2d(2) -> Conv2d(6, 16, 5) -> ReLU
    -> MaxPool2d(2) -> Flatten -> Linear(400, 120) -> ReLU -> Linear(120, 84) -> ReLU
    -> Linear(84, 10)

in two implementations that start from the same weights (the course's, copied into
PyTorch) and see the same batches in the same order:

- ``course``: ``shared.nn`` layers (``Conv2d``, ``MaxPool2d``, ``Flatten``, ``Linear``),
  ``shared.functional.cross_entropy`` and ``shared.optim.SGD``;
- ``torch``: the same network in PyTorch eager mode on the CPU (skipped when PyTorch is
  not installed).

The two take turns, epoch by epoch (``--repeat`` rounds, each from the initial weights),
in one process, so a busy machine slows them alike; the median time is reported with the
test accuracy after the epoch beside it. For the course the time is also split by layer
type: convolution forward and backward, pooling forward and backward, and the rest
(dense layers, ReLU, loss, optimizer, graph bookkeeping), measured by timing the
registered ops' own forward and backward functions. The bar (DESIGN section 8): course
<= 2 x torch.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

from _common import activate, pin_blas_threads, torch_available

pin_blas_threads()  # before NumPy is imported: it sizes the BLAS thread pool then

import numpy as np  # noqa: E402

BATCH = 64
LR = 0.01
MOMENTUM = 0.9


def mnist(split: str, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Images of ``split`` as float32 (N, 1, 28, 28) in [0, 1], and int64 labels."""
    from shared.datasets import load_mnist

    images, labels = load_mnist(split)
    images, labels = images[:limit], labels[:limit]
    return (images[:, None] / np.float32(255.0)).astype(np.float32), labels.astype(np.int64)


def lenet5(seed: int):
    """The course's LeNet-5 (He-uniform weights, zero biases) from ``seed``."""
    from shared.nn import Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential

    rng = np.random.default_rng(seed)
    return Sequential(
        Conv2d(1, 6, 5, padding=2, rng=rng),
        ReLU(),
        MaxPool2d(2),
        Conv2d(6, 16, 5, rng=rng),
        ReLU(),
        MaxPool2d(2),
        Flatten(),
        Linear(400, 120, rng=rng),
        ReLU(),
        Linear(120, 84, rng=rng),
        ReLU(),
        Linear(84, 10, rng=rng),
    )


def batches(n: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i : i + BATCH] for i in range(0, n, BATCH)]


# ---------------------------------------------------------------- course: per-layer timers


class LayerTimer:
    """Wraps the forward and backward of the conv2d and max_pool2d ops with timers."""

    OPS = {"conv2d": "conv", "max_pool2d": "pool"}

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.enabled = False

    def install(self) -> None:
        from shared.functional import REGISTRY

        for op, label in self.OPS.items():
            cls = REGISTRY[op]
            for phase in ("forward", "backward"):
                original = getattr(cls, phase)
                setattr(cls, phase, staticmethod(self._timed(original, f"{label} {phase}")))

    def _timed(self, function, key: str):
        def timed(*args, **kwargs):
            if not self.enabled:
                return function(*args, **kwargs)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[key] += time.perf_counter() - start

        return timed


def course_epoch(seed: int, x: np.ndarray, y: np.ndarray, order: list[np.ndarray], timer):
    from shared.functional import cross_entropy
    from shared.optim import SGD
    from shared.tensor import Tensor

    model = lenet5(seed)
    optimizer = SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    timer.seconds.clear()
    timer.enabled = True
    start = time.perf_counter()
    for idx in order:
        loss = cross_entropy(model(Tensor(x[idx])), target=y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    timer.enabled = False
    return seconds, model, dict(timer.seconds)


def course_accuracy(model, x: np.ndarray, y: np.ndarray) -> float:
    from shared.tensor import Tensor, no_grad

    model.eval()
    with no_grad():
        logits = np.concatenate(
            [model(Tensor(x[i : i + 1000])).data for i in range(0, len(x), 1000)]
        )
    return float(np.mean(np.argmax(logits, axis=1) == y))


# ---------------------------------------------------------------- PyTorch


def torch_model(course_model):
    import torch
    from torch import nn

    net = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120),
        nn.ReLU(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10),
    )
    # Same names and layouts: the course's weights load as they are.
    state = {name: torch.from_numpy(p.data.copy()) for name, p in course_model.named_parameters()}
    net.load_state_dict(state)
    return net


def torch_epoch(seed: int, x: np.ndarray, y: np.ndarray, order: list[np.ndarray]):
    import torch

    net = torch_model(lenet5(seed))
    optimizer = torch.optim.SGD(net.parameters(), lr=LR, momentum=MOMENTUM)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for idx in order:
        index = torch.from_numpy(idx)
        loss = torch.nn.functional.cross_entropy(net(xt[index]), yt[index])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start, net


def torch_accuracy(net, x: np.ndarray, y: np.ndarray) -> float:
    import torch

    net.eval()
    with torch.no_grad():
        logits = net(torch.from_numpy(x)).numpy()
    return float(np.mean(np.argmax(logits, axis=1) == y))


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line: --impl, --repeat, --limit, --threads, --seed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=("solutions", "learner"), default="solutions")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of one epoch each")
    parser.add_argument("--limit", type=int, default=None, help="training images (default all)")
    parser.add_argument("--threads", type=int, default=None, help="BLAS and torch threads")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


@dataclass
class Rounds:
    """What the rounds measured: epoch seconds per implementation, the course's split by
    layer type per round, and each implementation's test accuracy after the first round."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    layers: list[dict[str, float]] = field(default_factory=list)
    accuracy: dict[str, float] = field(default_factory=dict)


def run_rounds(args: argparse.Namespace, data: tuple, have_torch: bool) -> Rounds:
    """``args.repeat`` rounds, each one epoch of the course then one of PyTorch, from the
    initial weights and over the same batches."""
    x, y, x_test, y_test = data
    timer = LayerTimer()
    timer.install()
    rounds = Rounds()
    for round_ in range(args.repeat):
        order = batches(len(x), args.seed + round_)
        seconds, model, split = course_epoch(args.seed, x, y, order, timer)
        rounds.times["course"].append(seconds)
        rounds.layers.append(split)
        if round_ == 0:
            rounds.accuracy["course"] = course_accuracy(model, x_test, y_test)
        if have_torch:
            seconds, net = torch_epoch(args.seed, x, y, order)
            rounds.times["torch"].append(seconds)
            if round_ == 0:
                rounds.accuracy["torch"] = torch_accuracy(net, x_test, y_test)
        shown = ", ".join(f"{k} {v[-1]:.2f} s" for k, v in rounds.times.items())
        print(f"round {round_ + 1}/{args.repeat}: {shown}", flush=True)
    return rounds


def report_epochs(args: argparse.Namespace, n: int, rounds: Rounds) -> dict[str, float]:
    """Print the median epoch and accuracy of each implementation and the ratio to the bar;
    returns the median seconds (``<name>_seconds``) and ``course_over_torch``."""
    median = {k: statistics.median(v) for k, v in rounds.times.items()}
    steps = len(batches(n, 0))
    print(f"\nLeNet-5, {n:,} images, batch {BATCH} ({steps} steps), SGD momentum, float32; "
          f"median of {args.repeat} epochs; threads: {args.threads or 'default'}")  # fmt: skip
    print(f"{'implementation':<16}{'epoch':>10}{'accuracy after 1 epoch':>26}")
    for name, seconds in median.items():
        print(f"{name:<16}{seconds:>9.2f}s{rounds.accuracy[name]:>25.2%}")
    result = {f"{k}_seconds": v for k, v in median.items()}
    if "torch" in median:
        ratio = median["course"] / median["torch"]
        result["course_over_torch"] = ratio
        print(f"course / torch: {ratio:.2f} (bar: <= 2)")
    return result


def report_layers(rounds: Rounds) -> dict[str, float]:
    """Print the course's median epoch split by layer type; returns the split by key."""
    epoch = statistics.median(rounds.times["course"])
    split = {k: statistics.median(d.get(k, 0.0) for d in rounds.layers) for k in rounds.layers[0]}
    other = epoch - sum(split.values())
    print("\ncourse epoch by layer type (median seconds, share of the epoch):")
    for key in ("conv forward", "conv backward", "pool forward", "pool backward"):
        value = split.get(key, 0.0)
        print(f"  {key:<16}{value:>8.2f} s {value / epoch:>6.1%}")
    print(f"  {'everything else':<16}{other:>8.2f} s {other / epoch:>6.1%}")
    return {k.replace(" ", "_"): v for k, v in split.items()}


def main(argv: list[str] | None = None) -> dict[str, float]:
    args = parse_args(argv)
    activate(args.impl)
    data = (*mnist("train", args.limit), *mnist("test"))
    have_torch = torch_available(args.threads)
    rounds = run_rounds(args, data, have_torch)
    result = report_epochs(args, len(data[0]), rounds)
    result.update(report_layers(rounds))
    return result


if __name__ == "__main__":
    main()
