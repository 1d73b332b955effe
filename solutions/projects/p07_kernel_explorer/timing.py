"""Timing the three convolution routes (given): naive loops, im2col + matmul, FFT."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from shared.conv import conv2d, conv2d_fft, conv2d_naive


@dataclass(frozen=True)
class RouteTiming:
    """Median seconds of one (1, 1, size, size) image cross-correlated with one k × k kernel."""

    size: int
    kernel: int
    naive: float
    im2col: float
    fft: float

    @property
    def im2col_speedup(self) -> float:
        return self.naive / self.im2col

    @property
    def fft_speedup(self) -> float:
        return self.naive / self.fft


def median_seconds(fn: Callable[[], object], repeat: int, min_time: float = 0.02) -> float:
    """Median over ``repeat`` rounds of the time of one call; each round calls ``fn`` as
    many times as fit in ``min_time`` seconds, so a 50 µs call is not measured alone."""
    fn()  # warm-up: imports, caches, first allocation
    start = time.perf_counter()
    fn()
    one = max(time.perf_counter() - start, 1e-7)
    loops = max(1, int(min_time / one))
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        rounds.append((time.perf_counter() - start) / loops)
    return statistics.median(rounds)


def time_routes(
    sizes: tuple[int, ...] = (32, 64, 128),
    kernels: tuple[int, ...] = (3, 5, 11),
    repeat: int = 3,
    seed: int = 0,
) -> list[RouteTiming]:
    """Time the three routes on a random single-channel image for every (size, kernel),
    after checking that they agree (a fast wrong answer is no speed-up)."""
    rng = np.random.default_rng(seed)
    rows = []
    for size in sizes:
        x = rng.standard_normal((1, 1, size, size))
        for k in kernels:
            w = rng.standard_normal((1, 1, k, k))
            reference = conv2d_naive(x, w)
            for route in (conv2d, conv2d_fft):
                gap = float(np.max(np.abs(route(x, w) - reference)))
                if gap > 1e-9:
                    raise AssertionError(f"{route.__name__} differs from the loops by {gap:.2e}")
            seconds = {
                name: median_seconds(partial(route, x, w), repeat, min_time=min_time)
                for name, route, min_time in (
                    ("naive", conv2d_naive, 0.0),
                    ("im2col", conv2d, 0.02),
                    ("fft", conv2d_fft, 0.02),
                )
            }
            rows.append(RouteTiming(size=size, kernel=k, **seconds))
    return rows


def format_table(rows: list[RouteTiming]) -> str:
    """The timings as a fixed-width text table (milliseconds and speed-ups over the loops)."""
    lines = [" size  kernel   naive ms  im2col ms    fft ms  im2col×  fft×"]
    for r in rows:
        lines.append(
            f"{r.size:5d}  {r.kernel:2d}×{r.kernel:<3d} {r.naive * 1e3:9.2f} {r.im2col * 1e3:10.3f}"
            f" {r.fft * 1e3:9.3f} {r.im2col_speedup:7.0f} {r.fft_speedup:5.0f}"
        )
    return "\n".join(lines)
