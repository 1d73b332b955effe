"""Task 5 · Embedding, the recurrent cells and layers, gradient clipping."""

from __future__ import annotations

import math

import numpy as np
import pytest

from m2m.opchecks.numgrad import assert_gradient
from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
lstm_ref = oracles.lstm_ref
gru_ref = oracles.gru_ref


def _copy_params(module, rng):
    """Random float64 values for every parameter; returns them by name."""
    values = {}
    for name, p in module.named_parameters():
        values[name] = rng.normal(0.0, 0.5, size=p.shape)
        p.data = values[name]
    return values


@pytest.mark.task(5)
def test_lstm_layer_equals_a_step_by_step_reference(rng, lstm_ref):
    from shared import nn

    lstm = nn.LSTM(3, 4, num_layers=2, rng=0, dtype=np.float64)
    v = _copy_params(lstm, rng)
    T, N = 5, 2
    x = rng.normal(size=(T, N, 3))
    h0, c0 = rng.normal(size=(2, N, 4)), rng.normal(size=(2, N, 4))
    out, (h_n, c_n) = lstm(x, (h0, c0))
    seq = x
    for k in range(2):
        h, c = h0[k], c0[k]
        outs = []
        for t in range(T):
            h, c = lstm_ref(
                seq[t],
                h,
                c,
                *(v[f"{n}_l{k}"] for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")),
            )
            outs.append(h)
        seq = np.stack(outs)
        np.testing.assert_allclose(h_n.data[k], h, rtol=1e-9, err_msg=f"h_n of layer {k}")
        np.testing.assert_allclose(c_n.data[k], c, rtol=1e-9, err_msg=f"c_n of layer {k}")
    np.testing.assert_allclose(out.data, seq, rtol=1e-9, err_msg="LSTM output (T, N, H)")


@pytest.mark.task(5)
def test_gru_layer_and_cell_equal_a_step_by_step_reference(rng, gru_ref):
    from shared import nn

    gru = nn.GRU(3, 4, batch_first=True, rng=0, dtype=np.float64)
    v = _copy_params(gru, rng)
    x = rng.normal(size=(2, 6, 3))  # (N, T, I)
    out, h_n = gru(x)
    h = np.zeros((2, 4))
    params = [v[f"{n}_l0"] for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    for t in range(6):
        h = gru_ref(x[:, t], h, *params)
        np.testing.assert_allclose(out.data[:, t], h, rtol=1e-9, err_msg=f"GRU output at t={t}")
    np.testing.assert_allclose(h_n.data[0], h, rtol=1e-9, err_msg="GRU h_n")

    cell = nn.GRUCell(3, 4, rng=0, dtype=np.float64)
    for name, value in zip(("weight_ih", "weight_hh", "bias_ih", "bias_hh"), params, strict=True):
        getattr(cell, name).data = value
    h0 = rng.normal(size=(2, 4))
    np.testing.assert_allclose(
        cell(x[:, 0], h0).data, gru_ref(x[:, 0], h0, *params), rtol=1e-9, err_msg="GRUCell"
    )


@pytest.mark.task(5)
def test_lstm_and_rnn_cells_equal_the_equations(rng, lstm_ref):
    from shared import nn

    cell = nn.LSTMCell(3, 2, rng=0, dtype=np.float64)
    v = _copy_params(cell, rng)
    x, h, c = rng.normal(size=(4, 3)), rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    h1, c1 = cell(x, (h, c))
    eh, ec = lstm_ref(x, h, c, v["weight_ih"], v["weight_hh"], v["bias_ih"], v["bias_hh"])
    np.testing.assert_allclose(h1.data, eh, rtol=1e-9, err_msg="LSTMCell h'")
    np.testing.assert_allclose(c1.data, ec, rtol=1e-9, err_msg="LSTMCell c'")

    rnn = nn.RNNCell(3, 2, rng=0, dtype=np.float64)
    w = _copy_params(rnn, rng)
    expected = np.tanh(x @ w["weight_ih"].T + w["bias_ih"] + h @ w["weight_hh"].T + w["bias_hh"])
    np.testing.assert_allclose(rnn(x, h).data, expected, rtol=1e-9, err_msg="RNNCell")

    # nonlinearity="relu": the same pre-activation through max(0, .), in the cell and in
    # every step of the layer (the layer's parameters of layer 0 are the cell's).
    relu_cell = nn.RNNCell(3, 2, nonlinearity="relu", rng=0, dtype=np.float64)
    relu_layer = nn.RNN(3, 2, nonlinearity="relu", rng=0, dtype=np.float64)
    for name, value in w.items():
        getattr(relu_cell, name).data = value
        getattr(relu_layer, f"{name}_l0").data = value

    def relu_step(xt, ht):
        pre = xt @ w["weight_ih"].T + w["bias_ih"] + ht @ w["weight_hh"].T + w["bias_hh"]
        return np.maximum(pre, 0.0)

    np.testing.assert_allclose(
        relu_cell(x, h).data, relu_step(x, h), rtol=1e-9, err_msg="RNNCell with relu"
    )
    seq = rng.normal(size=(3, 4, 3))  # (T, N, I)
    out, h_n = relu_layer(seq, h[None])
    for t in range(3):
        h = relu_step(seq[t], h)
        np.testing.assert_allclose(out.data[t], h, rtol=1e-9, err_msg=f"RNN relu output, t={t}")
    np.testing.assert_allclose(h_n.data[0], h, rtol=1e-9, err_msg="RNN relu h_n")


@pytest.mark.task(5)
@pytest.mark.points(2)
@pytest.mark.parametrize("kind", ["LSTM", "GRU", "RNN"])
def test_gradients_of_a_whole_unrolled_sequence(kind, rng):
    from shared import nn
    from shared.tensor import Tensor

    layer = getattr(nn, kind)(2, 3, rng=0, dtype=np.float64)
    for p in layer.parameters():
        p.data = rng.uniform(-0.5, 0.5, size=p.shape)
    x = rng.uniform(-1, 1, size=(4, 2, 2))
    weights = rng.normal(size=(4, 2, 3))

    def loss_of(xv):
        out, _ = layer(Tensor(xv))
        return (out * Tensor(weights)).sum()

    xt = Tensor(x, requires_grad=True)
    layer.zero_grad()
    out, _ = layer(xt)
    (out * Tensor(weights)).sum().backward()
    assert_gradient(lambda v: float(loss_of(v).data), x, xt.grad, what=f"{kind}: d loss / d x")
    for name, p in layer.named_parameters():
        grad = p.grad.copy()
        keep = p.data

        def f(v, p=p, keep=keep):
            p.data = v
            try:
                return float(loss_of(x).data)
            finally:
                p.data = keep

        assert_gradient(f, keep.copy(), grad, what=f"{kind}: d loss / d {name}")


@pytest.mark.task(5)
def test_initialisation_is_uniform_within_one_over_sqrt_h():
    from shared import nn

    H = 16
    for layer in (nn.LSTM(8, H, rng=1), nn.GRUCell(8, H, rng=1), nn.RNN(8, H, rng=1)):
        values = np.concatenate([p.data.ravel() for p in layer.parameters()])
        bound = 1 / math.sqrt(H)
        assert np.all(np.abs(values) <= bound), f"{type(layer).__name__}: |w| <= 1/sqrt(H)"
        assert np.abs(values).max() > 0.9 * bound, "uniform over the whole [-1/sqrt(H), 1/sqrt(H)]"
        assert abs(values.mean()) < 0.02, "uniform around 0"
    emb = nn.Embedding(50, 40, rng=0)
    assert emb.weight.shape == (50, 40), "Embedding weight (num_embeddings, embedding_dim)"
    assert 0.9 < emb.weight.data.std() < 1.1, "Embedding starts from N(0, 1)"
    np.testing.assert_array_equal(
        emb(np.array([3, 3])).data[1], emb.weight.data[3], err_msg="row 3"
    )


@pytest.mark.task(5)
def test_final_state_carries_over_like_one_long_sequence(rng):
    from shared import nn

    lstm = nn.LSTM(3, 4, rng=0, dtype=np.float64)
    x = rng.normal(size=(6, 2, 3))
    whole, _ = lstm(x)
    first, state = lstm(x[:4])
    second, _ = lstm(x[4:], state)
    np.testing.assert_allclose(
        second.data,
        whole.data[4:],
        rtol=1e-12,
        err_msg="running on with (h_n, c_n) continues the sequence",
    )


@pytest.mark.task(5)
def test_layers_name_wrong_inputs():
    from shared import nn

    lstm = nn.LSTM(3, 4, rng=0)
    with pytest.raises(ValueError, match=r"\(2, 5, 7\)"):
        lstm(np.zeros((2, 5, 7), dtype=np.float32))
    with pytest.raises(ValueError, match=r"\(1, 2, 4\)"):
        lstm(np.zeros((5, 2, 3), dtype=np.float32), (np.zeros((1, 3, 4)), np.zeros((1, 3, 4))))


@pytest.mark.task(5)
def test_clip_grad_norm_leaves_small_gradients_and_supports_other_norms():
    from shared.nn import Parameter, clip_grad_norm_

    a = Parameter(np.zeros(3))
    a.grad = np.array([0.1, -0.2, 0.2])
    assert math.isclose(clip_grad_norm_(a, 1.0), 0.3, rel_tol=1e-9), "norm of (0.1, -0.2, 0.2)"
    np.testing.assert_array_equal(a.grad, [0.1, -0.2, 0.2], err_msg="below max_norm: unchanged")
    a.grad = np.array([1.0, -4.0, 2.0])
    total = clip_grad_norm_([a], 2.0, norm_type=float("inf"))
    assert math.isclose(total, 4.0), f"the inf-norm of (1, -4, 2) is 4, got {total}"
    np.testing.assert_allclose(a.grad, [0.5, -2.0, 1.0], rtol=1e-5, err_msg="scaled by 2/4")
    b = Parameter(np.zeros(2))  # no gradient: skipped
    a.grad = np.array([1.0, 1.0, 1.0])
    assert math.isclose(clip_grad_norm_([a, b], 10.0, norm_type=1), 3.0), "1-norm of (1, 1, 1)"
    with pytest.raises(ValueError, match="max_norm"):
        clip_grad_norm_([a], -1.0)


@pytest.mark.task(5)
def test_clip_grad_value_clips_every_entry():
    from shared.nn import Parameter, clip_grad_value_

    a = Parameter(np.zeros(4))
    a.grad = np.array([-3.0, -0.5, 0.2, 7.0])
    clip_grad_value_([a], 1.0)
    np.testing.assert_array_equal(a.grad, [-1.0, -0.5, 0.2, 1.0], err_msg="clipped into [-1, 1]")
    with pytest.raises(ValueError, match="clip_value"):
        clip_grad_value_([a], 0)
