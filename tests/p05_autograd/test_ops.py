"""Tasks 3-5 · the ops one by one: hand-computed values, operators, dtypes, clear errors.

The generic test (test_registry.py) checks every op against its reference and the
numerical gradient; these tests add what a generic walk cannot see: numbers worked out
by hand, the Tensor operators, NumPy operands, tie-breaking, repeated indices and the
error messages.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest


def _backward_ones(out):
    """out.backward with an upstream gradient of ones: the same as out.sum().backward(),
    without needing task 4's sum."""
    out.backward(np.ones(out.shape, dtype=out.data.dtype))


def _t(values, dtype=np.float64, requires_grad=True):
    from shared.tensor import Tensor

    return Tensor(np.array(values, dtype=dtype), requires_grad=requires_grad)


# ---------------------------------------------------------------- task 3


@pytest.mark.task(3)
def test_unbroadcast_by_hand():
    from shared.functional import unbroadcast

    g = np.arange(6.0).reshape(2, 3)  # [[0, 1, 2], [3, 4, 5]]
    np.testing.assert_array_equal(
        unbroadcast(g, (3,)),
        [3.0, 5.0, 7.0],
        err_msg="unbroadcast to (3,): sum the gradient over the broadcast rows",
    )
    np.testing.assert_array_equal(
        unbroadcast(g, (2, 1)),
        [[3.0], [12.0]],
        err_msg="unbroadcast to (2, 1): sum over the columns, keep the axis",
    )
    np.testing.assert_array_equal(
        unbroadcast(g, (1, 3)),
        [[3.0, 5.0, 7.0]],
        err_msg="unbroadcast to (1, 3): sum over the rows, keep the axis",
    )
    np.testing.assert_array_equal(
        unbroadcast(g, ()), 15.0, err_msg="unbroadcast to (): sum every element"
    )
    np.testing.assert_array_equal(
        unbroadcast(g, (2, 3)),
        g,
        err_msg="unbroadcast to the gradient's own shape must return it unchanged",
    )
    h = np.ones((4, 2, 3))
    np.testing.assert_array_equal(
        unbroadcast(h, (2, 1)),
        np.full((2, 1), 12.0),
        err_msg="unbroadcast (4, 2, 3) to (2, 1): sum the new leading axis and the columns",
    )
    assert unbroadcast(h, (1, 2, 1)).shape == (1, 2, 1), (
        f"unbroadcast (4, 2, 3) to (1, 2, 1): expected shape (1, 2, 1), got "
        f"{unbroadcast(h, (1, 2, 1)).shape}"
    )


@pytest.mark.task(3)
def test_broadcast_gradients_by_hand():
    a = _t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = _t([10.0, 20.0, 30.0])
    c = _t([[2.0], [3.0]])
    _backward_ones((a * b) + c)
    np.testing.assert_allclose(a.grad, [[10, 20, 30], [10, 20, 30]], err_msg="d/da (a b) = b")
    np.testing.assert_allclose(b.grad, [5.0, 7.0, 9.0], err_msg="b was broadcast over rows: sum")
    np.testing.assert_allclose(c.grad, [[3.0], [3.0]], err_msg="c was broadcast over columns")


@pytest.mark.task(3)
def test_operators_call_the_registered_ops():
    import shared.functional as F

    a, b = _t([1.0, 2.0]), _t([3.0, 4.0])
    pairs = {
        "add": a + b,
        "sub": a - b,
        "mul": a * b,
        "div": a / b,
        "neg": -a,
        "pow": a**2,
        "exp": a.exp(),
        "log": a.log(),
        "relu": a.relu(),
        "sigmoid": a.sigmoid(),
        "tanh": a.tanh(),
    }
    for name, out in pairs.items():
        assert out.op == name, f"the operator for {name} must use the registered op {name!r}"
        assert name in F.REGISTRY, (
            f"op {name!r} must be registered in shared.functional.REGISTRY; "
            f"registered: {sorted(F.REGISTRY)}"
        )


@pytest.mark.task(3)
def test_reflected_operators_and_constants():
    a = _t([1.0, 2.0, 4.0])
    y = (1.0 - a) + 2.0 * a + 3.0 / a + 2.0**a + np.array([1.0, 1.0, 1.0]) * a
    expected = (1 - a.data) + 2 * a.data + 3 / a.data + 2**a.data + a.data
    np.testing.assert_allclose(
        y.data,
        expected,
        err_msg="forward of (1 - a) + 2a + 3/a + 2**a + [1, 1, 1] a: operators with constants",
    )
    _backward_ones(y)
    d = a.data
    np.testing.assert_allclose(
        a.grad,
        -1 + 2 - 3 / d**2 + np.log(2) * 2**d + 1,
        rtol=1e-12,
        err_msg="d/da of (1 - a) + 2a + 3/a + 2**a + a = -1 + 2 - 3/a^2 + ln(2) 2^a + 1",
    )


@pytest.mark.task(3)
def test_float32_is_kept_and_numpy_promotion_is_followed():
    from shared.tensor import Tensor

    t = Tensor([1.0, 2.0])
    assert t.dtype == np.float32, "Python lists become float32"
    assert Tensor(3).dtype == np.float32 and Tensor(np.float64(1.0)).dtype == np.float64, (
        f"Tensor(3) must be float32 (a Python number) and Tensor(np.float64(1.0)) float64 "
        f"(a NumPy scalar keeps its dtype); got {Tensor(3).dtype} and "
        f"{Tensor(np.float64(1.0)).dtype}"
    )
    assert (t * 2.0 + 1).dtype == np.float32, "a Python number must not upcast float32"
    assert (t / 3).sigmoid().dtype == np.float32, (
        f"sigmoid of a float32 tensor must stay float32; got {(t / 3).sigmoid().dtype}"
    )
    assert (t + np.ones(2)).dtype == np.float64, "float32 with a float64 array gives float64"
    i = Tensor(np.array([1, 2]))
    assert i.dtype == np.int64, "an integer array keeps its dtype (indices)"


@pytest.mark.task(3)
def test_pow_with_negative_base_and_integer_exponent():
    a = _t([-2.0, 3.0])
    _backward_ones(a**3)
    np.testing.assert_allclose(a.grad, [12.0, 27.0], err_msg="d(x^3)/dx = 3x^2, also for x < 0")


@pytest.mark.task(3)
def test_sigmoid_exp_tanh_do_not_overflow():
    a = _t([-1000.0, -50.0, 0.0, 50.0, 1000.0], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = a.sigmoid()
        _backward_ones(s)
        t = a.tanh()
    np.testing.assert_allclose(
        s.data,
        [0.0, 0.0, 0.5, 1.0, 1.0],
        atol=1e-7,
        err_msg="float32 sigmoid of [-1000, -50, 0, 50, 1000]: [0, 0, 0.5, 1, 1], no overflow",
    )
    assert np.all(np.isfinite(a.grad)) and a.grad[2] == pytest.approx(0.25), (
        f"sigmoid's gradient must be finite everywhere and 0.25 at 0; got {a.grad}"
    )
    np.testing.assert_allclose(
        t.data,
        [-1, -1, 0, 1, 1],
        err_msg="tanh of [-1000, -50, 0, 50, 1000]: [-1, -1, 0, 1, 1] without overflow",
    )


@pytest.mark.task(3)
def test_broadcast_error_names_both_shapes():
    a, b = _t(np.ones((2, 3))), _t(np.ones(4))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(4,\)"):
        a + b
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(4,\)"):
        a * b


@pytest.mark.task(3)
def test_a_long_chain_of_real_ops():
    x = _t([0.3])
    y = x
    for _ in range(5_000):
        y = (y * 1.0001).tanh() + 0.0001
    start = time.perf_counter()
    _backward_ones(y)
    assert time.perf_counter() - start < 3.0, (
        f"backward through 5,000 tanh steps must take under 3 s; took "
        f"{time.perf_counter() - start:.2f} s"
    )
    assert np.isfinite(x.grad).all() and x.grad.shape == (1,), (
        f"x.grad after a 5,000-step chain must be finite with shape (1,); got {x.grad!r}"
    )


# ---------------------------------------------------------------- task 4


@pytest.mark.task(4)
def test_matmul_by_hand():
    A = _t([[1.0, 2.0], [3.0, 4.0]])
    B = _t([[5.0], [6.0]])
    C = A @ B
    np.testing.assert_allclose(
        C.data, [[17.0], [39.0]], err_msg="[[1, 2], [3, 4]] @ [[5], [6]] = [[17], [39]]"
    )
    C.backward(np.ones((2, 1)))
    np.testing.assert_allclose(A.grad, [[5.0, 6.0], [5.0, 6.0]], err_msg="dA = G B^T")
    np.testing.assert_allclose(B.grad, [[4.0], [6.0]], err_msg="dB = A^T G")
    assert (A @ B).op == "matmul", (
        f"A @ B must use the registered op 'matmul'; got op {(A @ B).op!r}"
    )


@pytest.mark.task(4)
def test_matmul_vector_cases():
    v, w = _t([1.0, 2.0, 3.0]), _t([4.0, 5.0, 6.0])
    d = v @ w
    assert d.shape == () and d.item() == 32.0, (
        f"1-D @ 1-D is a dot product: expected a 0-d tensor equal to 32, got shape "
        f"{d.shape}, value {d.data}"
    )
    d.backward()
    np.testing.assert_allclose(v.grad, [4.0, 5.0, 6.0], err_msg="d(v . w)/dv = w")
    M = _t(np.arange(6.0).reshape(3, 2))
    r = v @ M  # (3,) @ (3, 2) -> (2,)
    assert r.shape == (2,), f"(3,) @ (3, 2) must give shape (2,); got {r.shape}"
    r.sum().backward()
    np.testing.assert_allclose(
        M.grad, [[1, 1], [2, 2], [3, 3]], err_msg="(v @ M).sum(): dM[i, j] = v[i]"
    )


@pytest.mark.task(4)
def test_matmul_errors_name_both_shapes():
    from shared.tensor import Tensor

    with pytest.raises(ValueError, match=r"\(3, 4\).*\(5, 2\)"):
        Tensor(np.ones((3, 4))) @ Tensor(np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"\(2, 3, 4\).*\(3, 4, 5\)"):
        Tensor(np.ones((2, 3, 4))) @ Tensor(np.ones((3, 4, 5)))
    with pytest.raises(ValueError, match=r"\(\).*\(3,\)"):
        Tensor(2.0) @ Tensor(np.ones(3))


@pytest.mark.task(4)
def test_reductions_by_hand():
    a = _t([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
    m = a.mean(axis=0)
    np.testing.assert_allclose(
        m.data, [4.0, 2.5, 2.5], err_msg="mean over axis 0 of [[1, 5, 2], [7, 0, 3]]"
    )
    m.sum().backward()
    np.testing.assert_allclose(a.grad, np.full((2, 3), 0.5), err_msg="mean over 2 rows: 1/2")
    b = _t([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
    s = b.sum(axis=1, keepdims=True)
    assert s.shape == (2, 1), (
        f"sum(axis=1, keepdims=True) of a (2, 3) tensor: expected shape (2, 1), got {s.shape}"
    )
    (s * _t([[1.0], [10.0]], requires_grad=False)).sum().backward()
    np.testing.assert_allclose(
        b.grad,
        [[1, 1, 1], [10, 10, 10]],
        err_msg="the gradient of a row sum is the row's weight, copied to every column",
    )
    with pytest.raises(ValueError, match="axis 2"):
        b.sum(axis=2)


@pytest.mark.task(4)
def test_max_gradient_goes_to_the_maximum_and_ties_share():
    a = _t([[1.0, 3.0, 3.0], [4.0, 2.0, 0.0]])
    m = a.amax(axis=1)
    np.testing.assert_allclose(
        m.data, [3.0, 4.0], err_msg="max over axis 1 of [[1, 3, 3], [4, 2, 0]]"
    )
    m.sum().backward()
    np.testing.assert_allclose(
        a.grad,
        [[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]],
        err_msg="the gradient goes to the arg-max; two tied maxima share it equally",
    )
    b = _t([2.0, 2.0, 2.0, 1.0])
    b.max().backward()
    np.testing.assert_allclose(
        b.grad,
        [1 / 3, 1 / 3, 1 / 3, 0.0],
        err_msg="max of [2, 2, 2, 1]: three tied maxima share the gradient equally",
    )


@pytest.mark.task(4)
def test_tensor_max_and_min_follow_pytorch():
    a = _t([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]])
    overall = a.max()
    assert overall.shape == () and overall.item() == 7.0, "t.max() is the overall maximum"
    by_dim = a.max(1)
    for other in (a.max(dim=1), a.max(axis=1)):  # axis= is NumPy's spelling of dim=
        np.testing.assert_array_equal(other.values.data, by_dim.values.data)
        np.testing.assert_array_equal(other.indices.data, by_dim.indices.data)
    values, indices = by_dim  # a named pair, as PyTorch returns it
    np.testing.assert_array_equal(values.data, [5.0, 7.0], err_msg="t.max(1).values")
    np.testing.assert_array_equal(indices.data, [1, 0], err_msg="the first maximum's index")
    assert indices.dtype == np.int64 and by_dim[0] is values
    assert a.max(1, keepdim=True).values.shape == (2, 1), "keepdim keeps the axis"
    small = a.min(dim=0)
    np.testing.assert_array_equal(small.values.data, [1.0, 0.0, 2.0], err_msg="t.min(0)")
    np.testing.assert_array_equal(small.indices.data, [0, 1, 0], err_msg="t.min(0).indices")
    assert a.min().item() == 0.0, "t.min() is the overall minimum"
    np.testing.assert_array_equal(a.amax((0, 1)).data, 7.0, err_msg="amax over a tuple")
    a.amin(1).sum().backward()
    np.testing.assert_allclose(
        a.grad, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], err_msg="amin's gradient: the minima"
    )
    with pytest.raises(TypeError, match="amax"):
        a.max((0, 1))  # (values, indices) along one dimension only


@pytest.mark.task(3)
def test_former_names_warn_and_still_work():
    import shared.functional as F

    with pytest.warns(DeprecationWarning, match="AddFn"):
        from shared.functional.elementwise import Add
    assert Add is F.REGISTRY["add"], "the former class name is the registered AddFn"
    with pytest.warns(DeprecationWarning, match="affine"):
        from shared.functional.dense import linear
    with pytest.warns(DeprecationWarning, match="losses"):
        from shared.functional.multiclass import cross_entropy
    with pytest.warns(DeprecationWarning, match="pooling"):
        from shared.functional.spatial import max_pool2d
    assert (linear, cross_entropy, max_pool2d) == (F.linear, F.cross_entropy, F.max_pool2d)
    a = _t([1.0, 2.0])
    out = Add.apply(a, a)
    np.testing.assert_allclose(out.data, [2.0, 4.0], err_msg="Add.apply(a, a) is a + a")
    with pytest.warns(DeprecationWarning, match="astype"):
        assert a.type_as_dtype(np.float32).dtype == np.float32
    assert a.astype(np.float32).dtype == np.float32 and a.astype(np.float64) is a


# ---------------------------------------------------------------- task 5


@pytest.mark.task(5)
def test_repeated_indices_accumulate():
    a = _t([10.0, 20.0, 30.0, 40.0])
    a[np.array([0, 0, 2, 0])].sum().backward()
    np.testing.assert_allclose(a.grad, [3.0, 0.0, 1.0, 0.0], err_msg="index 0 taken 3 times")
    from shared.tensor import Tensor

    M = _t(np.arange(12.0).reshape(3, 4))
    rows = Tensor(np.array([2, 0, 2]))
    picked = M[rows, np.array([1, 1, 1])]
    np.testing.assert_allclose(
        picked.data,
        [9.0, 1.0, 9.0],
        err_msg="M[[2, 0, 2], [1, 1, 1]] picks M[2, 1], M[0, 1], M[2, 1]",
    )
    (picked * _t([1.0, 2.0, 3.0], requires_grad=False)).sum().backward()
    expected = np.zeros((3, 4))
    expected[2, 1], expected[0, 1] = 4.0, 2.0
    np.testing.assert_allclose(
        M.grad, expected, err_msg="M[2, 1] picked twice with weights 1 and 3 gets 4; M[0, 1] gets 2"
    )


@pytest.mark.task(5)
def test_slices_and_shape_methods():
    a = _t(np.arange(24.0).reshape(2, 3, 4))
    y = a[:, 1:, ::2].permute(2, 0, 1).reshape(2, -1).T
    assert y.shape == (4, 2), (
        f"a[:, 1:, ::2].permute(2, 0, 1).reshape(2, -1).T: expected shape (4, 2), got {y.shape}"
    )
    np.testing.assert_allclose(
        y.data,
        np.transpose(np.arange(24.0).reshape(2, 3, 4)[:, 1:, ::2], (2, 0, 1)).reshape(2, -1).T,
        err_msg="slicing, permute, reshape and .T must give NumPy's values",
    )
    y.sum().backward()
    mask = np.zeros((2, 3, 4))
    mask[:, 1:, ::2] = 1.0
    np.testing.assert_allclose(
        a.grad,
        mask,
        err_msg="the gradient of a slice is 1 where the slice took an element, 0 elsewhere",
    )
    assert a.reshape((6, 4)).shape == a.reshape(6, 4).shape == (6, 4), (
        f"reshape((6, 4)) and reshape(6, 4) must both give shape (6, 4); got "
        f"{a.reshape((6, 4)).shape} and {a.reshape(6, 4).shape}"
    )
    assert a.transpose().shape == (4, 3, 2) and a.transpose(1, 0, 2).shape == (3, 2, 4), (
        f"transpose() reverses the axes of (2, 3, 4) to (4, 3, 2), transpose(1, 0, 2) gives "
        f"(3, 2, 4); got {a.transpose().shape} and {a.transpose(1, 0, 2).shape}"
    )


@pytest.mark.task(5)
def test_shape_errors_are_clear():
    a = _t(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(4,\)"):
        a.reshape(4)
    with pytest.raises(ValueError, match=r"\(0, 0\)"):
        a.transpose(0, 0)
    with pytest.raises(IndexError, match=r"\(2, 3\)"):
        a[5]


@pytest.mark.task(5)
def test_a_composite_expression_passes_gradcheck():
    from m2m.opchecks.numgrad import assert_gradient
    from shared.tensor import Tensor

    rng = np.random.default_rng(5)
    X = rng.normal(size=(4, 3))
    W0 = rng.normal(size=(3, 5))
    b = rng.normal(size=5)
    idx = np.array([0, 2, 2, 3])

    def numpy_f(W):
        h = np.tanh(X @ W + b)
        return float(np.sum(np.max(h[idx][:, 1:], axis=1) ** 2 + np.mean(h.T, axis=1)[:4]))

    W = Tensor(W0.copy(), requires_grad=True)
    h = (Tensor(X) @ W + b).tanh()
    loss = ((h[idx][:, 1:].amax(axis=1) ** 2) + h.T.mean(axis=1)[:4]).sum()
    assert loss.item() == pytest.approx(numpy_f(W0), rel=1e-12), (
        f"forward of the composite expression: expected {numpy_f(W0)!r}, got {loss.item()!r}"
    )
    loss.backward()
    assert_gradient(numpy_f, W0.copy(), W.grad, tol=1e-6)
