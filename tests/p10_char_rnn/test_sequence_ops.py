"""Tasks 3-4 · the sequence ops beyond the generic checks (split, errors), the LSTM step built
from autograd ops, and the fused step checked against it."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.opchecks.numgrad import assert_gradient


@pytest.mark.task(3)
def test_split_by_sizes_routes_each_gradient_to_its_block():
    import shared.functional as F
    from shared.tensor import Tensor

    a = Tensor(np.arange(12.0).reshape(3, 4), requires_grad=True)
    left, right = F.split(a, [1, 3], axis=1)
    assert left.shape == (3, 1) and right.shape == (3, 3), "split(a, [1, 3], axis=1) shapes"
    (left.sum() * 2.0 + right.sum() * 5.0).backward()
    expected = np.array([[2.0, 5.0, 5.0, 5.0]] * 3)
    np.testing.assert_array_equal(a.grad, expected, err_msg="each piece's gradient in its block")
    with pytest.raises(ValueError, match="4"):  # the sizes add to 5, the length is 4
        F.split(Tensor(np.zeros(4)), [2, 3])


@pytest.mark.task(3)
def test_stack_and_concat_refuse_mismatched_shapes():
    import shared.functional as F
    from shared.tensor import Tensor

    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        F.stack([Tensor(np.zeros((2, 3))), Tensor(np.zeros((3, 2)))])
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        F.concat([Tensor(np.zeros((2, 3))), Tensor(np.zeros((3, 2)))], axis=0)


@pytest.mark.task(3)
def test_embedding_refuses_out_of_range_and_float_indices():
    import shared.functional as F
    from shared.tensor import Tensor

    w = Tensor(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="7"):
        F.embedding(w, np.array([0, 7]))
    with pytest.raises(TypeError, match="float"):
        F.embedding(w, np.array([0.0, 1.0]))


def _lstm_inputs(rng, N=2, H=3):
    """Float64 inputs of one LSTM step, small enough that no gate saturates."""
    shapes = ((N, 4 * H), (N, H), (N, H), (4 * H, H), (4 * H,))
    return [rng.uniform(-0.8, 0.8, size=s) for s in shapes]


def _graph_ops(out):
    """The op names of every node behind ``out`` (walked through ``.parents``)."""
    seen, stack, names = {id(out)}, [out], []
    while stack:
        node = stack.pop()
        names.append(node.op)
        for parent in node.parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append(parent)
    return names


@pytest.mark.task(3)
def test_lstm_step_from_ops_is_a_graph_of_ops_ending_in_concat(rng):
    import shared.functional as F
    from shared.tensor import Tensor

    out = F.lstm_cell_unfused(*[Tensor(a, requires_grad=True) for a in _lstm_inputs(rng)])
    ops = _graph_ops(out)
    assert out.op == "concat", f"lstm_cell_unfused returns concat([h', c'], axis=1); got {out.op!r}"
    assert "lstm_cell" not in ops and len([o for o in ops if o]) >= 10, (
        f"the unfused step is built from autograd ops (about twenty nodes, no lstm_cell); "
        f"its graph holds {ops}"
    )


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_bptt_through_four_unfused_steps_matches_central_differences(rng):
    """Four steps with shared weights, a loss on every h_t: the engine's gradients with
    respect to the weights, the initial states and each step's input equal central
    differences. This is backpropagation through time, done by the autograd alone."""
    import shared.functional as F
    from shared.tensor import Tensor

    T, N, H = 4, 2, 3
    xws = rng.uniform(-0.8, 0.8, size=(T, N, 4 * H))
    h0, c0 = rng.uniform(-0.5, 0.5, size=(2, N, H))
    w_hh, b_hh = rng.uniform(-0.6, 0.6, size=(4 * H, H)), rng.uniform(-0.3, 0.3, size=4 * H)
    readout = rng.normal(size=(T, N, H))
    arrays = {"xw": xws, "h0": h0, "c0": c0, "weight_hh": w_hh, "bias_hh": b_hh}

    def loss(values, tensors=False):
        v = {k: Tensor(a, requires_grad=tensors) for k, a in values.items()}
        h, c, total = v["h0"], v["c0"], 0.0
        for t in range(T):
            out = F.lstm_cell_unfused(v["xw"][t], h, c, v["weight_hh"], v["bias_hh"])
            h, c = out[:, :H], out[:, H:]
            total = total + (h * Tensor(readout[t])).sum()
        return total, v

    total, leaves = loss(arrays, tensors=True)
    total.backward()
    for name, a in arrays.items():

        def f(x, name=name):
            return float(loss({**arrays, name: x})[0].data)

        assert_gradient(f, a, leaves[name].grad, what=f"4 unfused LSTM steps: d loss / d {name}")


@pytest.mark.task(3)
def test_lstm_step_from_ops_names_the_wrong_shape():
    import shared.functional as F
    from shared.tensor import Tensor

    z = np.zeros
    with pytest.raises(ValueError, match=r"\(2, 7\)"):
        F.lstm_cell_unfused(
            Tensor(z((2, 7))), Tensor(z((2, 2))), Tensor(z((2, 2))), Tensor(z((8, 2))), Tensor(z(8))
        )


@pytest.mark.task(4)
@pytest.mark.points(2)
@pytest.mark.parametrize("needs", ["all", "xw and weight_hh"])
def test_fused_step_agrees_with_the_step_from_ops(rng, needs):
    """The fused op and the unfused graph compute one function: the same outputs and, for
    any upstream gradient, the same gradient for every input that asks for one."""
    import shared.functional as F
    from shared.tensor import Tensor

    arrays = _lstm_inputs(rng, N=3, H=4)
    wants = [True] * 5 if needs == "all" else [True, False, False, True, False]
    upstream = rng.normal(size=(3, 8))
    results = []
    for step in (F.lstm_cell, F.lstm_cell_unfused):
        tensors = [Tensor(a, requires_grad=w) for a, w in zip(arrays, wants, strict=True)]
        out = step(*tensors)
        out.backward(upstream)
        results.append((out.data, [t.grad for t in tensors]))
    (fused, fused_grads), (ops, ops_grads) = results
    assert fused.dtype == np.float64, f"float64 in, float64 out; got {fused.dtype}"
    np.testing.assert_allclose(fused, ops, rtol=1e-12, atol=1e-14, err_msg="fused vs unfused")
    names = ["xw", "h", "c", "weight_hh", "bias_hh"]
    for name, want, g_fused, g_ops in zip(names, wants, fused_grads, ops_grads, strict=True):
        if not want:
            assert g_fused is None, f"{name} did not ask for a gradient but received one"
            continue
        np.testing.assert_allclose(
            g_fused, g_ops, rtol=1e-10, atol=1e-13, err_msg=f"lstm_cell: gradient of {name}"
        )


@pytest.mark.task(4)
def test_lstm_cell_backward_with_a_partly_used_output(rng):
    """Only h' feeds the loss (c' is dropped): the gradient still flows into c through the
    output gate's tanh(c') path and must match central differences."""
    import shared.functional as F
    from shared.tensor import Tensor

    N, H = 2, 3
    arrays = [
        rng.uniform(-0.5, 0.5, size=s) for s in ((N, 4 * H), (N, H), (N, H), (4 * H, H), (4 * H,))
    ]
    weights = rng.normal(size=(N, H))
    tensors = [Tensor(a, requires_grad=True) for a in arrays]
    out = F.lstm_cell(*tensors)
    (out[:, :H] * Tensor(weights)).sum().backward()

    def loss(k):
        def f(v):
            args = [Tensor(a) for a in arrays]
            args[k] = Tensor(v)
            return float((F.lstm_cell(*args).data[:, :H] * weights).sum())

        return f

    for k, name in enumerate(["xw", "h", "c", "weight_hh", "bias_hh"]):
        assert_gradient(loss(k), arrays[k], tensors[k].grad, what=f"lstm_cell: d loss / d {name}")


@pytest.mark.task(4)
def test_lstm_cell_names_the_wrong_shape():
    import shared.functional as F
    from shared.tensor import Tensor

    z = np.zeros
    with pytest.raises(ValueError, match=r"\(2, 7\)"):
        F.lstm_cell(
            Tensor(z((2, 7))), Tensor(z((2, 2))), Tensor(z((2, 2))), Tensor(z((8, 2))), Tensor(z(8))
        )
