"""Task 1 · binary cross-entropy from logits and its gradient (shared/losses.py)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


@pytest.mark.task(1)
@pytest.mark.filterwarnings("error")
def test_bce_grad_at_huge_logits_is_finite_and_exact():
    from shared.losses import bce_with_logits_grad

    z = np.array([1000.0, -1000.0, 1000.0, -1000.0])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    got = bce_with_logits_grad(z, y)
    # (σ(z) − y)/N with σ(1000) = 1 and σ(−1000) = 0 (to double precision), N = 4.
    expected = np.array([1.0, -1.0, 0.0, 0.0]) / 4
    assert got.shape == z.shape, f"the gradient must have the logits' shape {z.shape}"
    np.testing.assert_allclose(
        got, expected, atol=1e-15, err_msg="bce_with_logits_grad must be (σ(z) − y)/N"
    )


@pytest.mark.task(1)
def test_bce_grad_passes_gradcheck():
    from m2m.opchecks.numgrad import assert_gradient
    from shared.losses import bce_with_logits, bce_with_logits_grad

    rng = np.random.default_rng(11)
    z = rng.normal(0.0, 2.0, size=12)
    for y in (rng.integers(0, 2, size=12).astype(np.float64), rng.random(12)):
        analytic = bce_with_logits_grad(z, y)
        assert_gradient(lambda v, y=y: bce_with_logits(v, y), z.copy(), analytic, tol=1e-7)


@pytest.mark.task(1)
def test_bce_of_a_single_example_by_hand():
    from shared.losses import bce_with_logits

    assert bce_with_logits(np.array([0.0]), np.array([1.0])) == pytest.approx(np.log(2.0)), (
        "at z = 0 the model says ½, so the loss is ln 2 whatever the label"
    )
    # z = ln 3: σ = 3/4, so y = 1 costs −ln(3/4) and y = 0 costs −ln(1/4) = ln 4.
    z = np.array([np.log(3.0)])
    assert bce_with_logits(z, np.array([1.0])) == pytest.approx(np.log(4.0 / 3.0), rel=1e-12), (
        f"z = ln 3, y = 1: expected -ln(3/4) = {np.log(4.0 / 3.0):.12f}, "
        f"got {bce_with_logits(z, np.array([1.0]))}"
    )
    assert bce_with_logits(z, np.array([0.0])) == pytest.approx(np.log(4.0), rel=1e-12), (
        f"z = ln 3, y = 0: expected -ln(1/4) = {np.log(4.0):.12f}, "
        f"got {bce_with_logits(z, np.array([0.0]))}"
    )


@pytest.mark.task(1)
@given(
    z=arrays(
        np.float64,
        st.integers(1, 20),
        elements=st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False),
    ),
    data=st.data(),
)
def test_bce_matches_logaddexp_for_any_logit(z, data):
    from shared.losses import bce_with_logits

    y = data.draw(arrays(np.float64, z.shape, elements=st.sampled_from([0.0, 1.0])))
    got = bce_with_logits(z, y)
    # log(1 + e^z) − z·y, with log(1 + e^z) from NumPy's own stable logaddexp.
    expected = float(np.mean(np.logaddexp(0.0, z) - z * y))
    assert np.isfinite(got) and got >= 0.0, f"the loss must be finite and ≥ 0, got {got}"
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), (
        f"mean(logaddexp(0, z) - z y) = {expected!r}, got {got!r}"
    )


@pytest.mark.task(1)
def test_bce_rejects_bad_input():
    from shared.losses import bce_with_logits, bce_with_logits_grad

    with pytest.raises(ValueError, match="shape"):
        bce_with_logits(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match=r"(?i)label|\[0, 1\]"):
        bce_with_logits(np.zeros(2), np.array([0.0, 2.0]))  # a label outside [0, 1]
    with pytest.raises(ValueError, match=r"(?i)nan|finite"):
        bce_with_logits(np.array([np.nan, 0.0]), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="shape"):
        bce_with_logits_grad(np.zeros((3, 1)), np.zeros(3))
