"""Benchmark of the three convolution routes of ``shared.conv``: loops, im2col, FFT.

Run from the repository root:

    python bench/bench_conv.py                  # the reference core (solutions/)
    python bench/bench_conv.py --impl learner   # your own shared/conv.py
    python bench/bench_conv.py --threads 1 --repeat 7

Two measurements, each checked for agreement before it is timed:

1. One (1, 1, n, n) float64 image and one k × k kernel, stride 1, no padding, for
   n in 32, 64, 128 and k in 3, 5, 11: the time of ``conv2d_naive`` (the definition as
   loops over output pixels), ``conv2d`` (im2col + one matrix product) and ``conv2d_fft``
   (the convolution theorem), and the speed-ups over the loops. The bar (DESIGN section 4,
   P07): im2col at least 20 x faster than the loops on 64 x 64 with a 3 x 3 kernel (the
   kernel of CNNs; larger kernels are printed for the crossover with the FFT).
2. A small convolution layer: a batch (8, 3, 64, 64) float32, 16 filters 3 x 3, padding 1
   (the shape of a first CNN layer): loops against im2col against the FFT.

Each time is the median over ``--repeat`` rounds; report the ratios, not the times.
"""

from __future__ import annotations

import argparse
import sys

from _common import activate, pin_blas_threads

pin_blas_threads()  # before NumPy is imported: it sizes the BLAS thread pool then

import numpy as np  # noqa: E402

BAR = 20.0


def single_image(repeat: int) -> bool:
    """Table 1; True when the bar holds (64 x 64, 3 x 3 kernel)."""
    from projects.p07_kernel_explorer.timing import format_table, time_routes

    rows = time_routes(sizes=(32, 64, 128), kernels=(3, 5, 11), repeat=repeat)
    print("1. One (1, 1, n, n) float64 image, one k×k kernel, median time per call")
    print(format_table(rows))
    at64 = [r for r in rows if r.size == 64]
    for r in at64:
        print(
            f"   64×64, {r.kernel:2d}×{r.kernel:<2d}: im2col {r.im2col_speedup:6.1f}× the loops, "
            f"FFT {r.fft_speedup:6.1f}×, FFT / im2col time {r.fft / r.im2col:5.2f}"
        )
    ok = all(r.im2col_speedup >= BAR for r in at64 if r.kernel == 3)
    print(f"   bar: im2col ≥ {BAR:.0f}× the loops on 64×64, 3×3 — {'met' if ok else 'NOT met'}")
    return ok


def layer(repeat: int) -> None:
    """Table 2: a first CNN layer's shapes, float32."""
    from projects.p07_kernel_explorer.timing import median_seconds
    from shared.conv import conv2d, conv2d_fft, conv2d_naive

    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 3, 64, 64)).astype(np.float32)
    w = rng.standard_normal((16, 3, 3, 3)).astype(np.float32)
    b = rng.standard_normal(16).astype(np.float32)
    direct = conv2d(x, w, b, padding=1)
    for name, route in (("naive", conv2d_naive), ("fft", conv2d_fft)):
        gap = float(np.max(np.abs(route(x, w, b, padding=1) - direct)))
        if gap > 1e-3:
            raise SystemExit(f"{name} differs from im2col by {gap:.2e} in float32")
    naive = median_seconds(lambda: conv2d_naive(x, w, b, padding=1), max(1, repeat // 3), 0.0)
    im2col = median_seconds(lambda: conv2d(x, w, b, padding=1), repeat)
    fft = median_seconds(lambda: conv2d_fft(x, w, b, padding=1), repeat)
    print("\n2. Batch (8, 3, 64, 64) float32, 16 filters 3×3, padding 1")
    print(
        f"   naive {naive * 1e3:9.1f} ms   im2col {im2col * 1e3:7.2f} ms   fft {fft * 1e3:7.2f} ms"
    )
    print(f"   im2col {naive / im2col:6.0f}× the loops, FFT {naive / fft:6.0f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default="solutions", choices=("solutions", "learner"))
    parser.add_argument("--repeat", type=int, default=5, help="rounds per timing (median)")
    parser.add_argument("--threads", type=int, default=None, help="BLAS threads")
    args = parser.parse_args(argv)
    activate(args.impl)
    print(f"NumPy {np.__version__}; shared.conv from the {args.impl} tree\n")
    ok = single_image(args.repeat)
    layer(args.repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
