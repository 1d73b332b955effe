"""Public tests of P01 · The Manual Neuron: the obvious checks of each task."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from projects.p01_manual_neuron import (
    Perceptron,
    learn_gate,
    margin,
    novikoff_bound,
    radius,
    truth_table,
)
from shared.activations import leaky_relu, relu, sigmoid, step, tanh

pytestmark = pytest.mark.public


@pytest.mark.task(1)
def test_step_fires_at_zero_and_above():
    out = np.asarray(step([-2.0, -1e-12, 0.0, 1e-12, 3.0]))
    assert out.dtype == np.float64, f"step must return float64 values, got {out.dtype}"
    assert out[2] == 1.0, (
        f"your step(0) returned {out[2]}; the perceptron fires at z = 0, so step(0) must be 1"
    )
    np.testing.assert_array_equal(
        out, [0.0, 0.0, 1.0, 1.0, 1.0], err_msg="step(z) is 1.0 where z >= 0 and 0.0 where z < 0"
    )


@pytest.mark.task(1)
def test_hand_set_weights_compute_and():
    neuron = Perceptron(n_features=2)
    neuron.w = np.array([1.0, 1.0])
    neuron.b = -1.5
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(
        neuron.net_input(X),
        [-1.5, -0.5, -0.5, 0.5],
        err_msg="net_input(X) must be X @ w + b, one value per row",
    )
    pred = neuron.predict(X)
    assert pred.dtype == np.int64, f"predict must return int64 labels, got {pred.dtype}"
    np.testing.assert_array_equal(
        pred, [0, 0, 0, 1], err_msg="with w = (1, 1), b = -1.5 the neuron is an AND gate"
    )


@pytest.mark.task(2)
def test_sigmoid_values_and_no_overflow():
    # sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4, and sigmoid(-z) = 1 - sigmoid(z).
    z = np.array([0.0, math.log(3.0), -math.log(3.0)])
    np.testing.assert_allclose(
        sigmoid(z), [0.5, 0.75, 0.25], rtol=1e-12, err_msg="sigmoid(z) = 1 / (1 + exp(-z))"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = np.asarray(sigmoid(np.array([-1000.0, 1000.0])))
    np.testing.assert_array_equal(
        big,
        [0.0, 1.0],
        err_msg="sigmoid(-1000) must be 0 and sigmoid(1000) 1, computed without overflow",
    )


@pytest.mark.task(2)
def test_relu_family_and_tanh_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(relu(z), [0.0, 0.0, 3.0], err_msg="relu(z) = max(0, z)")
    np.testing.assert_allclose(
        leaky_relu(z),
        [-0.02, 0.0, 3.0],
        rtol=1e-12,
        err_msg="leaky_relu(z) = z for z > 0 and 0.01 z otherwise",
    )
    np.testing.assert_allclose(tanh(z), np.tanh(z), rtol=1e-12, err_msg="tanh(z)")


@pytest.mark.task(3)
def test_fit_learns_and(gates):
    X, y = gates["AND"]
    neuron = Perceptron(n_features=2)
    result = neuron.fit(X, y)
    assert result.converged and result.reason == "converged", (
        f"AND is linearly separable, so fit must converge; got {result}"
    )
    np.testing.assert_array_equal(
        neuron.predict(X), y, err_msg="after converging, the neuron must compute AND"
    )


@pytest.mark.task(3)
def test_fit_reports_xor_cycle(gates):
    X, y = gates["XOR"]
    result = Perceptron(n_features=2).fit(X, y, max_epochs=10_000)
    assert not result.converged, "XOR is not linearly separable: fit must not converge"
    assert result.reason == "cycle", (
        f"with a fixed order the XOR weights repeat after a few epochs; fit must notice "
        f"and stop with reason 'cycle', got {result.reason!r} after {result.epochs} epochs"
    )


@pytest.mark.task(4)
def test_radius_and_margin_by_hand():
    X = np.array([[3.0, 4.0], [0.0, 0.0]])
    y = np.array([1, 0])
    # Augmented samples (3, 4, 1) and (0, 0, 1): R = sqrt(9 + 16 + 1) = sqrt(26).
    assert radius(X) == pytest.approx(math.sqrt(26.0)), "R = max ||(x, 1)||"
    # w~ = (1, 0, -1), ||w~|| = sqrt(2): s * z = (+1)(3 - 1) = 2 and (-1)(0 - 1) = 1.
    assert margin(X, y, np.array([1.0, 0.0]), -1.0) == pytest.approx(1.0 / math.sqrt(2.0)), (
        "margin = min_i s_i (w·x_i + b) / ||(w, b)|| with s_i = 2 y_i - 1"
    )


@pytest.mark.task(4)
def test_novikoff_bound_for_textbook_and(gates):
    X, y = gates["AND"]
    # w~ = (1, 1, -1.5): every corner has |z| >= 0.5, ||w~||^2 = 4.25, R^2 = 3,
    # so (R / gamma)^2 = 3 * 4.25 / 0.25 = 51.
    bound = novikoff_bound(X, y, np.array([1.0, 1.0]), -1.5)
    assert bound == pytest.approx(51.0), (
        f"(R/gamma)^2 for AND with w=(1,1), b=-1.5 is 51, got {bound}"
    )


@pytest.mark.task(5)
def test_truth_table_and(gates):
    X, y = truth_table("AND")
    np.testing.assert_array_equal(
        X, gates["AND"][0], err_msg="rows (0,0), (0,1), (1,0), (1,1) in that order"
    )
    np.testing.assert_array_equal(y, gates["AND"][1], err_msg="AND is 1 only for (1, 1)")


@pytest.mark.task(5)
def test_learn_gate_or():
    neuron, result = learn_gate("OR")
    assert result.converged, f"OR is linearly separable; learn_gate must converge: {result}"
    np.testing.assert_array_equal(
        neuron.predict(np.array([[0.0, 0.0], [1.0, 1.0]])),
        [0, 1],
        err_msg="the learned OR gate must predict 0 for (0, 0) and 1 for (1, 1)",
    )
