"""Task 1 · weight initialisation (shared/init.py).

Variance tests: for n iid draws with variance σ², the sample variance s² has standard
deviation σ² sqrt(2 / (n - 1)) for a normal and about σ² sqrt(0.8 / n) for a uniform
(the fourth moment of U(-a, a) is 9/5 σ⁴). A tolerance of 5 such standard deviations
fails a correct implementation with probability below 1e-6 (and the seeds are fixed),
while a factor-2 mistake (1/fan_in instead of 2/fan_in) is hundreds of them away.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

SIGMAS = 5.0


def _check_variance(w, target, uniform, what):
    w = np.asarray(w, dtype=np.float64)
    n = w.size
    sd = target * (math.sqrt(0.8 / n) if uniform else math.sqrt(2.0 / (n - 1)))
    got = float(np.var(w, ddof=1))
    assert abs(got - target) < SIGMAS * sd, (
        f"{what}: sample variance {got:.6g}, expected {target:.6g} ± {SIGMAS * sd:.2g} "
        f"({SIGMAS:g} standard deviations of a sample variance of {n} draws)"
    )
    assert abs(float(np.mean(w))) < SIGMAS * math.sqrt(target / n), f"{what}: mean is not 0"


@pytest.mark.task(1)
def test_he_uniform_variance_and_bound():
    from shared.init import he_uniform

    w = he_uniform((300, 600), rng=1)
    _check_variance(w, 2.0 / 600, True, "he_uniform((300, 600))")
    bound = math.sqrt(6.0 / 600)  # a = sqrt(3 Var) = sqrt(6 / fan_in)
    assert np.abs(w).max() <= bound * (1 + 1e-6), (
        f"he_uniform draws must lie in [-a, a] with a = sqrt(6 / fan_in) = {bound:.5f}; "
        f"found {np.abs(w).max():.5f}"
    )
    assert np.abs(w).max() > 0.99 * bound, "he_uniform should use the whole interval [-a, a]"


@pytest.mark.task(1)
def test_he_normal_is_normal_not_uniform():
    from shared.init import he_normal

    w = he_normal((256, 512), rng=2).astype(np.float64)
    _check_variance(w, 2.0 / 512, False, "he_normal((256, 512))")
    std = math.sqrt(2.0 / 512)
    beyond = float(np.mean(np.abs(w) > math.sqrt(3.0) * std))
    # A normal puts 8.3 % of its mass beyond sqrt(3) σ; a uniform of the same variance 0 %.
    assert 0.07 < beyond < 0.097, (
        f"{beyond:.3%} of he_normal draws lie beyond sqrt(3)·std; a normal has 8.3 % there"
    )


@pytest.mark.task(1)
def test_xavier_uniform_and_normal_variance():
    from shared.init import xavier_normal, xavier_uniform

    shape = (200, 800)  # fan_out 200, fan_in 800
    target = 2.0 / (800 + 200)
    wu = xavier_uniform(shape, rng=3)
    _check_variance(wu, target, True, "xavier_uniform((200, 800))")
    bound = math.sqrt(6.0 / 1000)
    assert np.abs(wu).max() <= bound * (1 + 1e-6), (
        f"xavier_uniform bound is sqrt(6 / (fan_in + fan_out)) = {bound:.5f}"
    )
    wn = xavier_normal(shape, rng=4)
    _check_variance(wn, target, False, "xavier_normal((200, 800))")
    wg = xavier_normal(shape, gain=2.0, rng=5)
    _check_variance(wg, 4.0 * target, False, "xavier_normal(gain=2) (variance gain² · 2/(fi+fo))")


@pytest.mark.task(1)
def test_he_init_of_a_convolution_weight_counts_the_receptive_field():
    from shared.init import he_normal

    w = he_normal((64, 8, 5, 5), rng=6)  # fan_in = 8 · 5 · 5 = 200
    _check_variance(w, 2.0 / 200, False, "he_normal((64, 8, 5, 5)), fan_in = 8·5·5")


@pytest.mark.task(1)
def test_he_normal_with_a_linear_gain():
    from shared.init import he_normal

    w = he_normal((300, 400), nonlinearity="linear", rng=7)
    _check_variance(w, 1.0 / 400, False, "he_normal(nonlinearity='linear') (gain 1)")
    with pytest.raises(ValueError, match="nonlinearity"):
        he_normal((3, 4), nonlinearity="swish")


@pytest.mark.task(1)
def test_dtype_seed_and_errors():
    from shared.init import he_uniform, manual_seed, xavier_normal

    a = he_uniform((3, 4), rng=11)
    assert a.dtype == np.float32, f"the default dtype is float32, got {a.dtype}"
    assert he_uniform((3, 4), rng=11, dtype=np.float64).dtype == np.float64, (
        f"dtype=np.float64 must give a float64 array; got "
        f"{he_uniform((3, 4), rng=11, dtype=np.float64).dtype}"
    )
    assert np.array_equal(a, he_uniform((3, 4), rng=11)), "the same seed must give the same draw"
    manual_seed(5)
    first = xavier_normal((4, 4))
    manual_seed(5)
    assert np.array_equal(first, xavier_normal((4, 4))), (
        "rng=None draws from the global generator, which manual_seed resets"
    )
    with pytest.raises(ValueError, match="dimensions"):
        he_uniform((5,))
    with pytest.raises(ValueError, match=r"\(0, 3\)"):
        xavier_normal((0, 3))
