"""Task 1 · softmax and log_softmax (shared/functional/activations.py): values, the Jacobian,
stability, dtypes and errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
log_softmax64 = oracles.log_softmax64


@pytest.mark.task(1)
@settings(max_examples=25)
@given(
    seed=st.integers(0, 2**16),
    shift=st.floats(-1e4, 1e4, allow_nan=False),
    rows=st.integers(1, 5),
    cols=st.integers(1, 6),
)
def test_softmax_is_a_distribution_invariant_to_a_row_constant(seed, shift, rows, cols):
    from shared.functional import softmax
    from shared.tensor import Tensor

    z = np.random.default_rng(seed).normal(0.0, 5.0, size=(rows, cols))
    s = softmax(Tensor(z), axis=-1).data
    assert np.all(s >= 0) and np.all(s <= 1), "softmax values are probabilities in [0, 1]"
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12, err_msg="rows must sum to 1")
    moved = softmax(Tensor(z + shift), axis=-1).data
    assert np.all(np.isfinite(moved)), f"softmax overflowed at logits around {shift:g}"
    np.testing.assert_allclose(
        moved, s, rtol=1e-9, atol=1e-15, err_msg=f"softmax(z + {shift:g}) must equal softmax(z)"
    )


@pytest.mark.task(1)
def test_log_softmax_equals_log_of_softmax_where_both_are_finite(log_softmax64):
    from shared.functional import log_softmax, softmax
    from shared.tensor import Tensor

    rng = np.random.default_rng(11)
    z = rng.normal(0.0, 4.0, size=(6, 5, 3))
    for axis in (0, 1, -1):
        ls = log_softmax(Tensor(z), axis=axis).data
        np.testing.assert_allclose(
            ls,
            np.log(softmax(Tensor(z), axis=axis).data),
            rtol=1e-10,
            atol=1e-12,
            err_msg=f"log_softmax must equal log(softmax) where both are finite (axis={axis})",
        )
        np.testing.assert_allclose(
            ls, log_softmax64(z, axis=axis), rtol=1e-12, atol=1e-12, err_msg=f"axis={axis}"
        )


@pytest.mark.task(1)
@pytest.mark.filterwarnings("error")
def test_log_softmax_stays_finite_where_log_of_softmax_cannot():
    from shared.functional import log_softmax
    from shared.tensor import Tensor

    z = np.array([[800.0, 0.0, -800.0]], dtype=np.float32)
    out = log_softmax(Tensor(z)).data
    # softmax rounds e^-800 to 0 (log would give -inf); log_softmax must not.
    np.testing.assert_allclose(
        out,
        [[0.0, -800.0, -1600.0]],
        rtol=1e-6,
        err_msg="log_softmax of [800, 0, -800] is z - 800: [0, -800, -1600], finite",
    )
    assert out.dtype == np.float32, f"float32 logits must give float32, got {out.dtype}"


@pytest.mark.task(1)
def test_softmax_backward_is_the_jacobian_transpose_times_the_gradient():
    from shared.functional import softmax
    from shared.tensor import Tensor

    z = np.array([0.3, -1.2, 2.0, 0.0])
    s = np.exp(z) / np.exp(z).sum()
    jacobian = np.diag(s) - np.outer(s, s)  # ds_i/dz_j = s_i (delta_ij - s_j)
    for j in range(4):
        t = Tensor(z, requires_grad=True)
        softmax(t).backward(np.eye(4)[j])
        np.testing.assert_allclose(
            t.grad,
            jacobian[j],
            rtol=1e-12,
            atol=1e-15,
            err_msg=f"the gradient of softmax(z)[{j}] must be row {j} of diag(s) - s s^T",
        )


@pytest.mark.task(1)
def test_log_softmax_gradient_of_a_sum_is_one_minus_n_times_softmax():
    from shared.functional import log_softmax
    from shared.tensor import Tensor

    z = np.array([[1.0, 2.0, 0.5], [-3.0, 0.0, 3.0]])
    t = Tensor(z, requires_grad=True)
    log_softmax(t, axis=1).sum().backward()
    s = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    # d/dz_j sum_i (z_i - lse(z)) = 1 - C s_j
    np.testing.assert_allclose(
        t.grad,
        1.0 - 3.0 * s,
        rtol=1e-12,
        err_msg="d/dz of the row sums of log_softmax: 1 - C softmax(z)",
    )


@pytest.mark.task(1)
def test_softmax_keeps_float32_and_its_gradient_too():
    from shared.functional import log_softmax, softmax
    from shared.tensor import Tensor

    z = np.random.default_rng(3).normal(size=(4, 10)).astype(np.float32)
    for op in (softmax, log_softmax):
        t = Tensor(z, requires_grad=True)
        out = op(t, axis=1)
        assert out.dtype == np.float32, f"{op.__name__} of float32 gave {out.dtype}"
        out.backward(np.ones_like(z))
        assert t.grad.dtype == np.float32, f"{op.__name__}'s gradient must be float32"


@pytest.mark.task(1)
def test_softmax_refuses_a_bad_axis_and_a_scalar():
    from shared.functional import log_softmax, softmax
    from shared.tensor import Tensor

    for op in (softmax, log_softmax):
        with pytest.raises(ValueError, match="axis"):
            op(Tensor(np.zeros((2, 3))), axis=2)
        with pytest.raises(ValueError, match="scalar|shape"):
            op(Tensor(np.float64(1.0)))
        with pytest.raises(TypeError, match="axis"):
            op(Tensor(np.zeros((2, 3))), axis=1.0)
