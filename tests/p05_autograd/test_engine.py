"""Task 2 · the backward engine: order, accumulation, memory, no_grad, detach, errors.

These tests build graphs from four tiny ops written in hidden_oracles.py beside this file
(``probe_ops``: scale, plus, times, total) on the given ``Function`` machinery, so they
need none of the ops of tasks 3-5.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
probe_ops = oracles.probe_ops


def _leaf(values, dtype=np.float64):
    from shared.tensor import Tensor

    return Tensor(np.array(values, dtype=dtype), requires_grad=True)


@pytest.mark.task(2)
def test_chain_rule_through_a_small_graph(probe_ops):
    ops = probe_ops
    a, b = _leaf([1.0, 2.0]), _leaf([3.0, -1.0])
    c = ops.times(a, b)  # a * b
    d = ops.plus(c, ops.scale(a, 2.0))  # a b + 2 a
    ops.total(d).backward()
    np.testing.assert_allclose(a.grad, [3.0 + 2.0, -1.0 + 2.0], err_msg="d/da = b + 2")
    np.testing.assert_allclose(b.grad, [1.0, 2.0], err_msg="d/db = a")
    assert c.grad is None and d.grad is None, (
        "intermediate tensors must not keep a .grad after backward (only leaves do)"
    )


@pytest.mark.task(2)
def test_topological_order_puts_parents_first(probe_ops):
    from shared.tensor import _topological_order

    ops = probe_ops
    a = _leaf([1.0])
    b = ops.scale(a, 2.0)
    c = ops.scale(a, 3.0)
    d = ops.times(b, c)
    order = _topological_order(d)
    assert order[-1] is d, "the root comes last"
    assert len(order) == 4 and len({id(t) for t in order}) == 4, "each tensor exactly once"
    position = {id(t): i for i, t in enumerate(order)}
    for t in order:
        for p in t.parents:
            assert position[id(p)] < position[id(t)], "every tensor after all its parents"


@pytest.mark.task(2)
def test_shared_parents_accumulate(probe_ops):
    ops = probe_ops
    a = _leaf([2.0, -1.0])
    ops.total(ops.plus(a, a)).backward()
    np.testing.assert_allclose(a.grad, [2.0, 2.0], err_msg="plus(a, a): the gradient is 2")

    a = _leaf([2.0, -1.0])
    ops.total(ops.times(a, a)).backward()
    np.testing.assert_allclose(a.grad, [4.0, -2.0], err_msg="times(a, a): the gradient is 2a")

    a = _leaf([0.5, 3.0])  # diamond: d = (2a)(3a) = 6 a^2, dd/da = 12 a
    b, c = ops.scale(a, 2.0), ops.scale(a, 3.0)
    ops.total(ops.times(b, c)).backward()
    np.testing.assert_allclose(a.grad, [6.0, 36.0], err_msg="the diamond (2a)(3a): 12 a")


@pytest.mark.task(2)
def test_gradients_accumulate_across_backward_calls(probe_ops):
    ops = probe_ops
    a = _leaf([1.0, 2.0])
    ops.total(ops.scale(a, 3.0)).backward()
    ops.total(ops.scale(a, 3.0)).backward()
    np.testing.assert_allclose(a.grad, [6.0, 6.0], err_msg="two backward calls add up: 3 + 3")
    a.zero_grad()
    assert a.grad is None, f"zero_grad must reset .grad to None; got {a.grad!r}"


@pytest.mark.task(2)
def test_each_grad_owns_its_memory(probe_ops):
    ops = probe_ops
    a, b = _leaf([1.0, 2.0]), _leaf([3.0, 4.0])
    seed = np.array([1.0, -1.0])
    ops.plus(a, b).backward(seed)
    np.testing.assert_allclose(
        a.grad, seed, err_msg="plus(a, b).backward(seed): a.grad must equal seed (d(a + b)/da = 1)"
    )
    np.testing.assert_allclose(
        b.grad, seed, err_msg="plus(a, b).backward(seed): b.grad must equal seed (d(a + b)/db = 1)"
    )
    assert not np.shares_memory(a.grad, b.grad), (
        "plus's backward hands the same array to both inputs; a.grad and b.grad must not be "
        "one array (an in-place change of one would change the other)"
    )
    assert not np.shares_memory(a.grad, seed), "never store the caller's grad array as .grad"
    a.grad *= 10
    np.testing.assert_allclose(
        b.grad,
        [1.0, -1.0],
        err_msg="a.grad *= 10 changed b.grad: the two gradients must be separate arrays",
    )
    np.testing.assert_allclose(
        seed,
        [1.0, -1.0],
        err_msg="a.grad *= 10 changed the seed passed to backward: .grad must be a copy of it",
    )


@pytest.mark.task(2)
def test_a_grad_never_aliases_an_array_an_op_returned():
    from shared.tensor import Function

    held = np.array([5.0, 7.0])  # an array the op keeps, e.g. a buffer it reuses

    class Hand(Function):
        name = "hand"

        @staticmethod
        def forward(ctx, x):
            return x.sum()

        @staticmethod
        def backward(ctx, grad):
            return (held,)  # returns its own array, not a fresh one

    a = _leaf([1.0, 2.0])
    Hand.apply(a).backward()
    np.testing.assert_allclose(a.grad, [5.0, 7.0], err_msg="the op's gradient is stored")
    assert not np.shares_memory(a.grad, held), (
        "a.grad is the array the op's backward returned: store a copy, the tensor's own"
    )
    Hand.apply(a).backward()
    np.testing.assert_allclose(a.grad, [10.0, 14.0], err_msg="a second backward adds up")
    np.testing.assert_allclose(held, [5.0, 7.0], err_msg="accumulating changed the op's array")


@pytest.mark.task(2)
def test_retain_graph_and_the_freed_graph(probe_ops):
    ops = probe_ops
    a = _leaf([1.0, 2.0])
    y = ops.total(ops.times(a, a))
    y.backward(retain_graph=True)
    y.backward()
    np.testing.assert_allclose(a.grad, [4.0, 8.0], err_msg="retain_graph: twice 2a")
    with pytest.raises(RuntimeError, match="retain_graph"):
        y.backward()


@pytest.mark.task(2)
def test_retain_grad_keeps_an_intermediate_gradient(probe_ops):
    ops = probe_ops
    a = _leaf([1.0, 2.0])
    h = ops.scale(a, 3.0).retain_grad()
    ops.total(ops.times(h, h)).backward()
    np.testing.assert_allclose(h.grad, [6.0, 12.0], err_msg="d(h^2)/dh = 2h")
    np.testing.assert_allclose(
        a.grad,
        [18.0, 36.0],
        err_msg="a.grad = d((3a)^2)/da = 18 a, through the retained intermediate h = 3a",
    )


@pytest.mark.task(2)
def test_no_grad_records_nothing_and_restores_the_mode(probe_ops):
    from shared.tensor import is_grad_enabled, no_grad

    ops = probe_ops
    a = _leaf([1.0, 2.0])
    with no_grad():
        assert not is_grad_enabled(), (
            f"inside no_grad, is_grad_enabled() must be False; got {is_grad_enabled()}"
        )
        y = ops.scale(a, 2.0)
        with no_grad():
            pass
        assert not is_grad_enabled(), "a nested no_grad must restore the outer (off) mode"
    assert is_grad_enabled(), (
        "after the no_grad block, is_grad_enabled() must be True again; got False"
    )
    assert not y.requires_grad and y.is_leaf, "under no_grad an op's output has no graph"
    with pytest.raises(RuntimeError, match="does not require grad"):
        ops.total(y).backward()
    with pytest.raises(KeyError, match="boom"), no_grad():
        raise KeyError("boom")
    assert is_grad_enabled(), "no_grad must restore the mode even when the block raises"

    @no_grad()
    def evaluate(x):
        return ops.scale(x, 2.0)

    assert not evaluate(a).requires_grad and is_grad_enabled(), (
        f"a function decorated with @no_grad() must record no graph and restore the mode: "
        f"output requires_grad={evaluate(a).requires_grad}, "
        f"is_grad_enabled()={is_grad_enabled()} afterwards (expected False, True)"
    )
    assert ops.scale(a, 2.0).requires_grad, (
        "outside no_grad an op on a tensor that requires grad must require grad; got False"
    )


@pytest.mark.task(2)
def test_one_no_grad_object_nested_in_itself_restores_each_mode():
    """The docstring promises that blocks nest; that includes one object entered twice."""
    from shared.tensor import is_grad_enabled, no_grad

    ng = no_grad()
    with ng:
        with ng:
            assert not is_grad_enabled(), "inside the inner block grad mode is off"
        assert not is_grad_enabled(), (
            "leaving the inner `with ng:` must restore the mode the inner __enter__ found "
            "(off), not the one the outer one found"
        )
    assert is_grad_enabled(), (
        "leaving the outer `with ng:` must restore grad mode (on): one no_grad object "
        "entered twice must remember both previous modes, last in, first out"
    )


@pytest.mark.task(2)
def test_detach_cuts_the_graph(probe_ops):
    ops = probe_ops
    a = _leaf([1.0, 2.0])
    d = a.detach()
    assert not d.requires_grad and d.is_leaf, (
        f"detach() must return a leaf that does not require grad; got "
        f"requires_grad={d.requires_grad}, is_leaf={d.is_leaf}"
    )
    assert np.shares_memory(d.data, a.data), "detach shares the data, it does not copy it"
    ops.total(ops.times(d, a)).backward()
    np.testing.assert_allclose(a.grad, [1.0, 2.0], err_msg="only the attached path counts")


@pytest.mark.task(2)
def test_requires_grad_rules():
    from shared.tensor import Tensor

    with pytest.raises(TypeError, match="int64"):
        Tensor(np.array([1, 2, 3], dtype=np.int64), requires_grad=True)
    t = Tensor(np.array([1, 2], dtype=np.int32))
    with pytest.raises(TypeError, match="int32"):
        t.requires_grad_()
    f = Tensor([1.0, 2.0]).requires_grad_()
    assert f.requires_grad and f.dtype == np.float32, (
        f"requires_grad_() on a float tensor: expected requires_grad=True and dtype "
        f"float32, got requires_grad={f.requires_grad}, dtype={f.dtype}"
    )


@pytest.mark.task(2)
def test_backward_errors_name_what_is_wrong(probe_ops):
    from shared.tensor import Tensor

    ops = probe_ops
    a = _leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    y = ops.scale(a, 2.0)
    with pytest.raises(RuntimeError, match=r"\(2, 3\)"):
        y.backward()  # not a scalar, no grad given
    with pytest.raises(ValueError, match=r"\(3,\).*\(2, 3\)|\(2, 3\).*\(3,\)"):
        y.backward(np.ones(3))
    with pytest.raises(TypeError, match="float"):
        y.backward(np.ones((2, 3), dtype=np.int64))
    with pytest.raises(RuntimeError, match="does not require grad"):
        Tensor([1.0, 2.0]).backward(np.ones(2))


@pytest.mark.task(2)
def test_float32_gradients_stay_float32(probe_ops):
    ops = probe_ops
    a = _leaf([1.0, 2.0], dtype=np.float32)
    ops.total(ops.scale(a, 0.5)).backward()
    assert a.grad.dtype == np.float32 and a.grad.shape == (2,), (
        f"a float32 leaf must get a float32 gradient of its own shape (2,); got dtype "
        f"{a.grad.dtype}, shape {a.grad.shape}"
    )


@pytest.mark.task(2)
@pytest.mark.points(2)
def test_ten_thousand_op_chain_and_a_deep_wide_graph(probe_ops):
    ops = probe_ops
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(500)  # a recursive walk would fail long before 10,000 nodes
    try:
        a = _leaf([1.0])
        y = a
        for _ in range(10_000):
            y = ops.scale(y, 1.0001)
        start = time.perf_counter()
        ops.total(y).backward()
        seconds = time.perf_counter() - start
        np.testing.assert_allclose(
            a.grad,
            [1.0001**10_000],
            rtol=1e-9,
            err_msg="10,000 scalings by 1.0001: the gradient is 1.0001 ** 10,000",
        )
        assert seconds < 2.0, f"backward through 10,000 ops took {seconds:.2f} s"

        b = _leaf([2.0])
        z = b
        for _ in range(10_000):  # every step reuses b: deep and shared
            z = ops.plus(z, b)
        ops.total(z).backward()
        np.testing.assert_allclose(
            b.grad,
            [10_001.0],
            err_msg="z = b + b + ... (10,001 times b): the gradient of b is 10,001",
        )
    finally:
        sys.setrecursionlimit(limit)
