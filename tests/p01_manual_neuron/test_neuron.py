"""Task 1 · the neuron's forward pass: step, as_samples, net_input, predict."""

from __future__ import annotations

import numpy as np
import pytest

from projects.p01_manual_neuron import Perceptron, as_samples
from shared.activations import step


def _neuron(w, b) -> Perceptron:
    neuron = Perceptron(n_features=len(w))
    neuron.w = np.asarray(w, dtype=np.float64)
    neuron.b = float(b)
    return neuron


@pytest.mark.task(1)
def test_step_shapes_and_dtype():
    assert np.shape(step(0)) == (), "step of a scalar must have shape ()"
    assert float(step(0)) == 1.0 and float(step(-0.5)) == 0.0, (
        f"step(0) must be 1.0 and step(-0.5) 0.0, got {float(step(0))} and {float(step(-0.5))}"
    )
    out = step(np.array([[-3, 0, 2], [5, -1, 0]]))  # int input
    assert np.shape(out) == (2, 3), f"step must keep the input's shape (2, 3), got {np.shape(out)}"
    assert np.asarray(out).dtype == np.float64, "step must return float64 even for int input"
    np.testing.assert_array_equal(
        out,
        [[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]],
        err_msg="step of [[-3, 0, 2], [5, -1, 0]]: 1.0 where z >= 0, else 0.0",
    )
    out32 = step(np.array([-1.0, 1.0], dtype=np.float32))
    assert np.asarray(out32).dtype == np.float64, "step must return float64 for float32 input"
    np.testing.assert_array_equal(
        step([-0.0, 0.0]), [1.0, 1.0], err_msg="-0.0 equals 0, so step(-0.0) is 1 too"
    )


@pytest.mark.task(1)
def test_step_keeps_nan():
    out = np.asarray(step(np.array([np.nan, -1.0, 1.0])))
    assert np.isnan(out[0]), (
        f"step(NaN) returned {out[0]}; an activation must not hide a NaN "
        "as 0 or 1 (np.heaviside keeps NaN, np.where does not)"
    )
    np.testing.assert_array_equal(
        out[1:], [0.0, 1.0], err_msg="step(-1) must be 0.0 and step(1) 1.0 next to a NaN"
    )


@pytest.mark.task(1)
def test_net_input_by_hand():
    neuron = _neuron([2.0, -1.0, 0.5], 0.25)
    X = np.array([[1.0, 1.0, 1.0], [0.0, 4.0, 2.0], [-1.0, 0.0, 8.0]])
    # 2 - 1 + 0.5 + 0.25 = 1.75; 0 - 4 + 1 + 0.25 = -2.75; -2 + 0 + 4 + 0.25 = 2.25
    z = neuron.net_input(X)
    assert z.shape == (3,), f"net_input must return one value per row, shape (3,), got {z.shape}"
    assert z.dtype == np.float64, f"net_input must return float64, got {z.dtype}"
    np.testing.assert_allclose(
        z, [1.75, -2.75, 2.25], rtol=1e-12, err_msg="net_input(X) = X @ w + b"
    )
    np.testing.assert_allclose(
        neuron.net_input([[1, 1, 1]]),
        [1.75],
        err_msg="net_input must accept nested lists of ints (1 row)",
    )


@pytest.mark.task(1)
def test_predict_fires_exactly_on_the_boundary():
    neuron = _neuron([1.0, -1.0], 0.0)
    X = np.array([[2.0, 2.0], [2.0, 3.0], [3.0, 2.0]])  # z = 0, -1, 1
    pred = neuron.predict(X)
    assert pred.dtype == np.int64, f"predict must return int64, got {pred.dtype}"
    assert pred.shape == (3,), (
        f"predict must return one label per row, shape (3,), got {pred.shape}"
    )
    assert pred[0] == 1, (
        "a sample exactly on the boundary (z = 0) must be predicted 1: the neuron fires at z = 0"
    )
    np.testing.assert_array_equal(
        pred, [1, 0, 1], err_msg="predict for z = 0, -1, 1 must be 1, 0, 1"
    )


@pytest.mark.task(1)
def test_net_input_rejects_wrong_shapes():
    neuron = Perceptron(n_features=2)
    with pytest.raises(ValueError, match=r"(?s)\(N, 2\).*\(3, 5\)"):
        neuron.net_input(np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"(?s)\(N, 2\).*\(3, 5\)"):
        neuron.predict(np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"\(2,\)"):
        neuron.net_input(np.array([1.0, 2.0]))  # one sample must be one row, shape (1, 2)
    with pytest.raises(ValueError, match=r"\(1, 4, 2\)"):
        neuron.net_input(np.ones((1, 4, 2)))


@pytest.mark.task(1)
def test_net_input_rejects_nan_inf_and_empty():
    neuron = Perceptron(n_features=2)
    with pytest.raises(ValueError, match=r"(?i)nan|finite"):
        neuron.net_input(np.array([[1.0, 2.0], [np.nan, 0.0]]))
    with pytest.raises(ValueError, match=r"(?i)inf|finite"):
        neuron.predict(np.array([[np.inf, 2.0]]))
    with pytest.raises(ValueError, match=r"(?i)empty|at least one"):
        neuron.net_input(np.zeros((0, 2)))


@pytest.mark.task(1)
def test_as_samples_converts_and_names_the_caller():
    X = as_samples([[1, 2, 3]], "radius")
    assert isinstance(X, np.ndarray) and X.dtype == np.float64 and X.shape == (1, 3), (
        "as_samples must return a float64 (N, D) array; with n_features=None any D >= 1"
    )
    with pytest.raises(ValueError, match=r"^my_function: "):
        as_samples(np.ones((2, 3)), "my_function", n_features=4)
