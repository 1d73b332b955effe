"""Task 2 · smooth activations and their derivatives, against independent references."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shared.activations as act

SMOOTH = (
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "gelu",
    "gelu_grad",
)
# Points away from the kinks of relu and leaky relu, where the finite difference is exact.
Z = np.array([-6.0, -3.3, -1.7, -0.9, -0.31, 0.13, 0.42, 1.1, 2.5, 4.2, 7.0])
H = 1e-6


def _central_difference(f, z: np.ndarray) -> np.ndarray:
    return (np.asarray(f(z + H)) - np.asarray(f(z - H))) / (2 * H)


def _gelu_tanh_reference(z: float) -> float:
    c = math.sqrt(2.0 / math.pi)
    return 0.5 * z * (1.0 + math.tanh(c * (z + 0.044715 * z**3)))


@pytest.mark.task(2)
def test_sigmoid_matches_the_tanh_identity():
    z = np.linspace(-30.0, 30.0, 241)
    ref = (1.0 + np.tanh(z / 2.0)) / 2.0  # sigma(z) = (1 + tanh(z/2)) / 2
    np.testing.assert_allclose(
        act.sigmoid(z),
        ref,
        rtol=1e-12,
        atol=1e-15,
        err_msg="sigmoid(z) must equal (1 + tanh(z/2)) / 2",
    )


@pytest.mark.task(2)
@given(st.floats(-700.0, 700.0, allow_nan=False))
def test_sigmoid_is_symmetric_and_in_range(z):
    s, s_neg = float(act.sigmoid(z)), float(act.sigmoid(-z))
    assert 0.0 <= s <= 1.0, f"sigmoid({z}) = {s} is outside [0, 1]"
    assert s + s_neg == pytest.approx(1.0, abs=1e-15), "sigmoid(-z) must equal 1 - sigmoid(z)"


@pytest.mark.task(2)
def test_sigmoid_grad():
    ref = np.exp(-Z) / (1.0 + np.exp(-Z)) ** 2
    np.testing.assert_allclose(
        act.sigmoid_grad(Z), ref, rtol=1e-10, err_msg="sigmoid'(z) = sigma(z) (1 - sigma(z))"
    )
    np.testing.assert_allclose(
        act.sigmoid_grad(Z),
        _central_difference(act.sigmoid, Z),
        rtol=1e-6,
        atol=1e-9,
        err_msg="sigmoid_grad vs finite difference",
    )
    assert float(act.sigmoid_grad(0.0)) == pytest.approx(0.25), (
        "sigmoid_grad(0) must be sigma(0) (1 - sigma(0)) = 0.25, "
        f"got {float(act.sigmoid_grad(0.0))}"
    )


@pytest.mark.task(2)
def test_tanh_and_its_derivative():
    z = np.linspace(-5.0, 5.0, 41)
    ref = (np.exp(2 * z) - 1.0) / (np.exp(2 * z) + 1.0)
    np.testing.assert_allclose(
        act.tanh(z), ref, rtol=1e-12, atol=1e-15, err_msg="tanh(z) = (e^2z - 1) / (e^2z + 1)"
    )
    np.testing.assert_allclose(
        act.tanh_grad(Z),
        1.0 / np.cosh(Z) ** 2,
        rtol=1e-10,
        atol=1e-15,
        err_msg="tanh'(z) = 1 / cosh(z)^2",
    )
    np.testing.assert_allclose(
        act.tanh_grad(Z),
        _central_difference(act.tanh, Z),
        rtol=1e-6,
        atol=1e-9,
        err_msg="tanh_grad vs finite difference",
    )


@pytest.mark.task(2)
def test_relu_and_its_derivative():
    z = np.array([-5.0, -1e-300, 0.0, 1e-300, 2.5])
    np.testing.assert_array_equal(
        act.relu(z), [0.0, 0.0, 0.0, 1e-300, 2.5], err_msg="relu(z) = max(0, z)"
    )
    z = np.array([-5.0, 0.0, 1e-300, 2.5])
    out = np.asarray(act.relu_grad(z))
    assert out[1] == 0.0, f"relu_grad(0) returned {out[1]}; the convention is 0 at z = 0"
    np.testing.assert_array_equal(
        out, [0.0, 0.0, 1.0, 1.0], err_msg="relu_grad(z) is 0 for z <= 0 and 1 for z > 0"
    )
    np.testing.assert_allclose(
        act.relu_grad(Z),
        _central_difference(act.relu, Z),
        atol=1e-9,
        err_msg="relu_grad vs finite difference of relu",
    )


@pytest.mark.task(2)
def test_leaky_relu_and_its_derivative():
    z = np.array([-4.0, 0.0, 3.0])
    np.testing.assert_allclose(
        act.leaky_relu(z), [-0.04, 0.0, 3.0], rtol=1e-12, err_msg="default slope is 0.01"
    )
    np.testing.assert_allclose(
        act.leaky_relu(z, slope=0.2),
        [-0.8, 0.0, 3.0],
        rtol=1e-12,
        err_msg="leaky_relu(z, slope) = slope * z for z <= 0",
    )
    np.testing.assert_allclose(
        act.leaky_relu_grad(z),
        [0.01, 0.01, 1.0],
        rtol=1e-12,
        err_msg="leaky_relu_grad is slope for z <= 0 (also at 0), else 1",
    )
    np.testing.assert_allclose(
        act.leaky_relu_grad(z, slope=0.2),
        [0.2, 0.2, 1.0],
        rtol=1e-12,
        err_msg="leaky_relu_grad(z, slope=0.2) is 0.2 for z <= 0, else 1",
    )
    np.testing.assert_allclose(
        act.leaky_relu_grad(Z, slope=0.2),
        _central_difference(lambda v: act.leaky_relu(v, slope=0.2), Z),
        rtol=1e-6,
        atol=1e-9,
        err_msg="leaky_relu_grad(z, slope=0.2) vs finite difference of leaky_relu(z, slope=0.2)",
    )


@pytest.mark.task(2)
def test_gelu_values():
    z = np.linspace(-8.0, 8.0, 161)
    ref = np.array([_gelu_tanh_reference(v) for v in z])
    np.testing.assert_allclose(
        act.gelu(z),
        ref,
        rtol=1e-10,
        atol=1e-12,
        err_msg="gelu must be the tanh approximation "
        "0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))",
    )
    z = np.linspace(-6.0, 6.0, 1201)
    exact = np.array([0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))) for v in z])
    gap = np.max(np.abs(np.asarray(act.gelu(z)) - exact))
    assert gap < 5e-4, (
        f"gelu differs from z * Phi(z) by up to {gap:.2e}; the tanh approximation stays within 5e-4"
    )


@pytest.mark.task(2)
def test_gelu_grad():
    np.testing.assert_allclose(
        act.gelu_grad(Z),
        _central_difference(act.gelu, Z),
        rtol=1e-6,
        atol=1e-9,
        err_msg="gelu_grad vs finite difference",
    )
    assert float(act.gelu_grad(0.0)) == pytest.approx(0.5), (
        f"gelu_grad(0) must be 0.5 (the slope of 0.5 z (1 + tanh(...)) at 0), "
        f"got {float(act.gelu_grad(0.0))}"
    )


@pytest.mark.task(2)
def test_no_warnings_and_right_limits_at_plus_minus_1000():
    z = np.array([-1000.0, 1000.0])
    limits = {
        "sigmoid": [0, 1],
        "sigmoid_grad": [0, 0],
        "tanh": [-1, 1],
        "tanh_grad": [0, 0],
        "relu": [0, 1000],
        "relu_grad": [0, 1],
        "leaky_relu": [-10, 1000],
        "leaky_relu_grad": [0.01, 1],
        "gelu": [0, 1000],
        "gelu_grad": [0, 1],
    }
    for name in SMOOTH:
        with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
            warnings.simplefilter("error")
            out = getattr(act, name)(z)
        np.testing.assert_allclose(
            out, limits[name], atol=1e-12, err_msg=f"{name} at z = -1000 and 1000"
        )


@pytest.mark.task(2)
def test_shapes_and_dtype_are_kept():
    for name in SMOOTH:
        f = getattr(act, name)
        assert np.shape(f(0.5)) == (), f"{name} of a scalar must have shape ()"
        out = f(np.arange(-3, 3).reshape(2, 3))  # int input
        assert np.shape(out) == (2, 3), f"{name} must keep the shape (2, 3), got {np.shape(out)}"
        assert np.asarray(out).dtype == np.float64, f"{name} must return float64 for int input"
        out32 = f(np.array([0.5, -0.5], dtype=np.float32))
        assert np.asarray(out32).dtype == np.float64, f"{name} must return float64"
        listed = f([[-1.0, 2.0]])
        assert np.shape(listed) == (1, 2), f"{name} must accept a nested list"


@pytest.mark.task(2)
def test_nan_stays_nan():
    for name in SMOOTH:
        out = np.asarray(getattr(act, name)(np.array([np.nan, 1.0])))
        assert np.isnan(out[0]), (
            f"{name}(NaN) returned {out[0]}; an activation must not hide "
            "a NaN (np.where(z > 0, ...) maps NaN to the else branch)"
        )
