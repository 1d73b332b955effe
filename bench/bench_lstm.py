"""Benchmark of one LSTM language-model training step: the reference core against PyTorch.

Run from the repository root:

    python bench/bench_lstm.py                 # the reference core (solutions/)
    python bench/bench_lstm.py --impl learner  # your own core
    python bench/bench_lstm.py --steps 9 --threads 1

One training step, as P10 trains on Tiny Shakespeare: a batch of 32 windows of 64
characters (vocabulary 65) -> embedding (64) -> one LSTM layer (hidden 256) -> linear (65)
-> mean cross-entropy; forward, backward, Adam update. Both implementations start from the
same weights (the course's are copied into ``torch.nn.LSTM``, which proves that the two
layouts, names and gate orders agree: the first losses must match to 1e-4) and train on
the same batches, so their losses stay side by side. Each time is the median over
``--steps`` steps after one warm-up step; the steps alternate between the two, so that a
busy machine slows both alike. The bar (DESIGN section 8): course <= 2 x torch.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _common import activate, pin_blas_threads

pin_blas_threads()  # before NumPy is imported: it sizes the BLAS thread pool then

import numpy as np  # noqa: E402

BATCH, SEQ, HIDDEN, VOCAB, EMBED, LR = 32, 64, 256, 65, 64, 2e-3


def batches(n: int, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """n batches of (x, y) windows cut from Tiny Shakespeare, y = x shifted by one."""
    from shared.datasets import load_tiny_shakespeare

    text = load_tiny_shakespeare()
    chars = sorted(set(text))
    ids = np.array([chars.index(c) for c in text[:200_000]], dtype=np.int64)
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        starts = rng.integers(0, len(ids) - SEQ - 1, size=BATCH)
        window = np.stack([ids[s : s + SEQ + 1] for s in starts])
        out.append((window[:, :-1], window[:, 1:]))
    return out


class CourseModel:
    """Embedding -> nn.LSTM -> Linear on the course's core, with its Adam."""

    def __init__(self, seed: int = 0) -> None:
        from shared import nn
        from shared.optim import Adam

        self.embed = nn.Embedding(VOCAB, EMBED, rng=seed)
        self.lstm = nn.LSTM(EMBED, HIDDEN, batch_first=True, rng=seed + 1)
        self.head = nn.Linear(HIDDEN, VOCAB, rng=seed + 2)
        self.params = self.embed.parameters() + self.lstm.parameters() + self.head.parameters()
        self.opt = Adam(self.params, lr=LR)

    def step(self, x: np.ndarray, y: np.ndarray) -> float:
        import shared.functional as F

        out, _ = self.lstm(self.embed(x))
        logits = self.head(out)
        loss = F.cross_entropy(logits.reshape(BATCH * SEQ, VOCAB), y.reshape(-1))
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return float(loss.item())


class TorchModel:
    """The same network in PyTorch, its weights copied from a CourseModel."""

    def __init__(self, course: CourseModel) -> None:
        import torch

        self.torch = torch
        self.embed = torch.nn.Embedding(VOCAB, EMBED)
        self.lstm = torch.nn.LSTM(EMBED, HIDDEN, batch_first=True)
        self.head = torch.nn.Linear(HIDDEN, VOCAB)
        with torch.no_grad():
            self.embed.weight.copy_(torch.from_numpy(course.embed.weight.data))
            for name, p in course.lstm.named_parameters():
                getattr(self.lstm, name).copy_(torch.from_numpy(p.data))
            self.head.weight.copy_(torch.from_numpy(course.head.weight.data))
            self.head.bias.copy_(torch.from_numpy(course.head.bias.data))
        params = [*self.embed.parameters(), *self.lstm.parameters(), *self.head.parameters()]
        self.opt = torch.optim.Adam(params, lr=LR)

    def step(self, x: np.ndarray, y: np.ndarray) -> float:
        torch = self.torch
        out, _ = self.lstm(self.embed(torch.from_numpy(x)))
        logits = self.head(out)
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(BATCH * SEQ, VOCAB), torch.from_numpy(y).reshape(-1)
        )
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return float(loss.item())


def timed(step, x, y) -> tuple[float, float]:
    start = time.perf_counter()
    loss = step(x, y)
    return time.perf_counter() - start, loss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--impl", default="solutions", choices=["solutions", "learner"])
    parser.add_argument("--steps", type=int, default=7, help="timed steps (after a warm-up)")
    parser.add_argument("--threads", type=int, help="BLAS and PyTorch threads")
    parser.add_argument("--profile", action="store_true", help="cProfile the course's steps")
    args = parser.parse_args()
    activate(args.impl)
    data = batches(args.steps + 1)
    course = CourseModel()
    try:
        import torch

        if args.threads:
            torch.set_num_threads(args.threads)
        model_t = TorchModel(course)
    except ImportError:
        print("PyTorch is not installed (pip install math-to-machine[bench]): course only")
        model_t = None

    print(
        f"LSTM language-model training step: batch {BATCH}, sequence {SEQ}, hidden {HIDDEN}, "
        f"vocabulary {VOCAB}, embedding {EMBED}, Adam; impl={args.impl}"
    )
    t_c, loss_c = timed(course.step, *data[0])  # warm-up, and the first losses
    losses_c, times_c, losses_t, times_t = [loss_c], [], [], []
    if model_t is not None:
        _, loss_t = timed(model_t.step, *data[0])
        losses_t.append(loss_t)
        assert abs(loss_c - loss_t) < 1e-4, (
            f"first losses differ: course {loss_c:.6f}, torch {loss_t:.6f}: the weights did "
            "not carry over (names, layouts or gate order)"
        )
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    for x, y in data[1:]:
        seconds, loss = timed(course.step, x, y)
        times_c.append(seconds)
        losses_c.append(loss)
        if model_t is not None and not args.profile:
            seconds, loss = timed(model_t.step, x, y)
            times_t.append(seconds)
            losses_t.append(loss)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)

    course_s = statistics.median(times_c)
    print(f"\n{'':8} {'median step':>12}  losses (first ... last)")
    print(f"{'course':8} {course_s * 1000:9.1f} ms  " + " ".join(f"{v:.4f}" for v in losses_c))
    if times_t:
        torch_s = statistics.median(times_t)
        print(f"{'torch':8} {torch_s * 1000:9.1f} ms  " + " ".join(f"{v:.4f}" for v in losses_t))
        print(f"\ncourse / torch = {course_s / torch_s:.2f} (bar <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
