"""Tasks 3 and 5 · the generic op test on P06's ops: ``linear`` (the fused layer) and
``binary_cross_entropy_with_logits``.

The checks every registered op of the course passes (``m2m.opchecks.checks``; see
``tests/p05_autograd/test_registry.py``), one test case per op (see conftest.py): forward
against the registry entry's independent NumPy reference in float64 and float32, on
contiguous and non-contiguous inputs; backward against the central-difference gradient in
float64 (max relative error 1e-6); shapes and 0/1 targets drawn by hypothesis (the targets
by the entry's ``sample_params``); and the autograd pitfalls. Two extra points for
``linear`` by hand: its weight gradient is C-contiguous, in the weight's own layout.
"""

from __future__ import annotations

import numpy as np
import pytest

EXAMPLES = 12  # hypothesis examples per op and test


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240606)


def _opcheck():
    from m2m.opchecks import checks as opcheck

    return opcheck


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_layer_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_layer_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_layer_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_layer_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_linear_gradients_by_hand_and_in_the_weights_layout():
    from shared.functional import linear
    from shared.tensor import Tensor

    x = Tensor(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), requires_grad=True)  # (3, 2)
    w = Tensor(np.array([[1.0, 0.0], [0.0, 2.0], [1.0, -1.0]]), requires_grad=True)  # (3, 2)
    b = Tensor(np.array([0.5, -0.5, 0.0]), requires_grad=True)
    out = linear(x, w, b)
    np.testing.assert_allclose(
        out.data,
        [[1.5, 3.5, -1], [3.5, 7.5, -1], [5.5, 11.5, -1]],
        err_msg="linear(x, W, b) = x @ W.T + b for x (3, 2), W (3, 2), b (3,)",
    )
    g = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    out.backward(g)
    np.testing.assert_allclose(x.grad, g @ w.data, err_msg="dL/dx = g @ W")
    np.testing.assert_allclose(w.grad, g.T @ x.data, err_msg="dL/dW = g^T @ x, shape (out, in)")
    np.testing.assert_allclose(b.grad, [1.0, 1.0, 1.0], err_msg="dL/db = column sums of g")
    assert w.grad.flags["C_CONTIGUOUS"], (
        "linear's weight gradient should be computed as g.T @ x, (out, in) in C order, not "
        "as the transpose of x.T @ g: the optimizer then reads it in the weight's layout"
    )
    with pytest.raises(ValueError, match=r"\(4, 3\)"):
        linear(Tensor(np.ones((4, 3))), w, b)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_registry_contract_and_every_p06_layer_op_runs(rng):
    _opcheck().check_registry("p06", rng, tasks=(3,))


@pytest.mark.task(5)
@pytest.mark.points(1)
def test_loss_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(5)
@pytest.mark.points(1)
def test_loss_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(5)
@pytest.mark.points(1)
def test_loss_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(5)
@pytest.mark.points(1)
def test_loss_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(5)
@pytest.mark.points(1)
def test_registry_contract_and_every_p06_op_runs(rng):
    _opcheck().check_registry("p06", rng, tasks=(5,))
