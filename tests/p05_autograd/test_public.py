"""P05 public tests: a few per task, shipped with the assignment.

Run them with ``m2m grade p05`` or ``python -m pytest tests/p05_autograd``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.public


@pytest.mark.task(1)
def test_value_gradients_by_hand():
    from projects.p05_autograd import Value

    x, y = Value(2.0), Value(-3.0)
    z = x * y + x.tanh()  # dz/dx = y + 1 - tanh(x)^2, dz/dy = x
    z.backward()
    assert z.data == pytest.approx(-6.0 + math.tanh(2.0)), (
        f"z = x y + tanh(x) at x = 2, y = -3: expected {-6.0 + math.tanh(2.0)!r}, got {z.data!r}"
    )
    assert x.grad == pytest.approx(-3.0 + 1.0 - math.tanh(2.0) ** 2), "dz/dx = y + tanh'(x)"
    assert y.grad == pytest.approx(2.0), "dz/dy = x"
    a = Value(3.0)
    (a * a + a).backward()
    assert a.grad == pytest.approx(7.0), "a used three times: 2a + 1 = 7 (accumulate with +=)"


def engine_probes():
    """Two ops that the course does not have, on the given ``Function`` machinery, so that
    the backward engine can be tested before any op of ``shared.functional`` exists:
    sine(u) = sin u, and blend(u, v) = 2u + 3v (same shapes)."""
    from shared.tensor import Function

    class Sine(Function):
        name = "sine"

        @staticmethod
        def forward(ctx, u):
            ctx.u = u
            return np.sin(u)

        @staticmethod
        def backward(ctx, grad):
            return (grad * np.cos(ctx.u),)

    class Blend(Function):
        name = "blend"

        @staticmethod
        def forward(ctx, u, v):
            return 2.0 * u + 3.0 * v

        @staticmethod
        def backward(ctx, grad):
            return (2.0 * grad, 3.0 * grad)

    return Sine.apply, Blend.apply


@pytest.mark.task(2)
def test_backward_accumulates_and_handles_long_chains():
    from shared.tensor import Tensor

    sine, blend = engine_probes()
    a = Tensor(np.array([0.0, np.pi / 3]), requires_grad=True)
    out = blend(a, sine(a))  # 2a + 3 sin a: a reaches out along two paths
    out.backward(np.ones(2))
    # d/da = 2 + 3 cos a: 5 at a = 0, 2 + 3/2 = 3.5 at a = π/3.
    np.testing.assert_allclose(
        a.grad, [5.0, 3.5], rtol=1e-12, err_msg="the gradients of both paths must add up"
    )
    x = Tensor(np.array([0.0]), requires_grad=True)
    y = x
    for _ in range(10_000):
        y = sine(y)  # sin(0) = 0 and sin'(0) = 1 at every step
    y.backward()  # iterative: no RecursionError
    np.testing.assert_allclose(x.grad, [1.0], err_msg="10,000 sines at 0: the gradient is 1")


@pytest.mark.task(3)
def test_broadcast_add_and_mul_gradients():
    from shared.tensor import Tensor

    a = Tensor(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), requires_grad=True)
    b = Tensor(np.array([10.0, 20.0, 30.0]), requires_grad=True)
    out = (a * b) + b
    out.backward(np.ones(out.shape))  # upstream gradient of ones: d(sum)/d(out)
    np.testing.assert_allclose(
        a.grad, [[10, 20, 30], [10, 20, 30]], err_msg="d/da (a b + b) = b, copied to every row"
    )
    np.testing.assert_allclose(b.grad, [1 + 4 + 2, 2 + 5 + 2, 3 + 6 + 2], err_msg="summed rows")


@pytest.mark.task(4)
def test_matmul_and_mean_by_hand():
    from shared.tensor import Tensor

    A = Tensor(np.array([[1.0, 2.0], [3.0, 4.0]]), requires_grad=True)
    B = Tensor(np.array([[5.0], [6.0]]), requires_grad=True)
    loss = (A @ B).mean()  # (17 + 39) / 2
    assert loss.item() == pytest.approx(28.0), (
        f"mean of [[1, 2], [3, 4]] @ [[5], [6]] = (17 + 39) / 2 = 28; got {loss.item()!r}"
    )
    loss.backward()
    np.testing.assert_allclose(A.grad, [[2.5, 3.0], [2.5, 3.0]], err_msg="dA = G B^T, G = 1/2")
    np.testing.assert_allclose(B.grad, [[2.0], [3.0]], err_msg="dB = A^T G")


@pytest.mark.task(4)
def test_vector_dot_vector_is_a_0d_tensor():
    from shared.tensor import Tensor

    a = Tensor(np.array([1.0, 2.0, 3.0]), requires_grad=True)
    b = Tensor(np.array([4.0, 5.0, 6.0]), requires_grad=True)
    out = a @ b
    assert out.shape == (), f"1-D @ 1-D is a dot product of shape (); got {out.shape}"
    assert out.item() == pytest.approx(32.0), f"1*4 + 2*5 + 3*6 = 32, got {out.item()}"
    out.backward()
    np.testing.assert_allclose(a.grad, [4.0, 5.0, 6.0], err_msg="d(a.b)/da = b")
    np.testing.assert_allclose(b.grad, [1.0, 2.0, 3.0], err_msg="d(a.b)/db = a")


@pytest.mark.task(5)
def test_indexing_with_repeats_and_reshape():
    from shared.tensor import Tensor

    a = Tensor(np.array([10.0, 20.0, 30.0]), requires_grad=True)
    a[np.array([0, 2, 0])].reshape(3, 1).sum().backward()
    np.testing.assert_allclose(a.grad, [2.0, 0.0, 1.0], err_msg="index 0 used twice")


@pytest.mark.task(6)
def test_to_dot_names_ops_and_shapes():
    from projects.p05_autograd import to_dot
    from shared.tensor import Tensor

    w = Tensor(np.ones((2, 3)), requires_grad=True, name="w")
    loss = (w * 2.0).sum()
    text = to_dot(loss)
    assert text.startswith("digraph") and "mul" in text and "sum" in text and "(2, 3)" in text, (
        f"to_dot must write DOT text starting 'digraph' with the op names 'mul' and 'sum' "
        f"and the shape '(2, 3)'; got:\n{text}"
    )
    loss.backward()
    assert "|grad|" in to_dot(loss), "after backward the gradient norm appears"
