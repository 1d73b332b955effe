"""P10 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p10`` or ``python -m pytest tests/p10_char_rnn``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.public


# ---------------------------------------------------------- Task 1 · vocabulary, batches


@pytest.mark.task(1)
def test_vocabulary_round_trip_and_unknown_character():
    from projects.p10_char_rnn import Vocabulary

    vocab = Vocabulary("hello")
    assert len(vocab) == 4, f"'hello' has 4 distinct characters, got {len(vocab)}"
    np.testing.assert_array_equal(vocab.encode("hole"), [1, 3, 2, 0], err_msg="sorted ids")
    assert vocab.decode([1, 0, 2, 2, 3]) == "hello", "decode(encode(text)) must give text back"
    with pytest.raises(ValueError, match="z"):
        vocab.encode("hez")


@pytest.mark.task(1)
def test_batchify_and_windows():
    from projects.p10_char_rnn import batchify, windows

    data = batchify(np.arange(23), 3)
    np.testing.assert_array_equal(data[1], np.arange(7, 14), err_msg="row 1 of batchify")
    pairs = list(windows(data, 4))
    assert [x.shape for x, _ in pairs] == [(3, 4), (3, 2)], "windows of 4 over 7 columns"
    np.testing.assert_array_equal(pairs[0][1], pairs[0][0] + 1, err_msg="y is x shifted by one")


# ------------------------------------------------------------- Task 2 · bigram and units


@pytest.mark.task(2)
def test_bigram_counts_and_smoothed_loss():
    from projects.p10_char_rnn import BigramModel, perplexity

    model = BigramModel(3, alpha=1.0).fit(np.array([0, 1, 0, 1, 2]))
    np.testing.assert_array_equal(
        model.counts, [[0, 2, 0], [1, 0, 1], [0, 0, 0]], err_msg="pair counts N[a, b]"
    )
    # P(1|0) = (2+1)/(2+3), P(0|1) = (1+1)/(2+3), P(2|1) = (1+1)/(2+3)
    expected = -(2 * math.log(3 / 5) + 2 * math.log(2 / 5)) / 4
    assert math.isclose(model.loss(np.array([0, 1, 0, 1, 2])), expected, rel_tol=1e-12)
    assert math.isclose(perplexity(expected), math.exp(expected)), "perplexity = exp(nats)"


# ------------------------------------------ Task 3 · sequence ops, an LSTM step from ops


@pytest.mark.task(3)
def test_embedding_picks_rows_and_adds_up_gradients_of_repeated_indices():
    import shared.functional as F
    from shared.tensor import Tensor

    table = np.arange(12.0).reshape(4, 3)
    w = Tensor(table, requires_grad=True)
    out = F.embedding(w, np.array([[3, 1], [3, 3]]))
    assert out.shape == (2, 2, 3), f"embedding of (2, 2) indices must be (2, 2, 3), got {out.shape}"
    np.testing.assert_array_equal(out.data[0, 0], table[3], err_msg="row 3 of the table")
    out.backward(np.ones((2, 2, 3)))
    expected = np.zeros((4, 3))
    expected[3] = 3.0  # index 3 was used three times
    expected[1] = 1.0
    np.testing.assert_array_equal(
        w.grad, expected, err_msg="a row used k times must receive the sum of its k gradients"
    )


@pytest.mark.task(3)
def test_stack_concat_and_split_shapes():
    import shared.functional as F
    from shared.tensor import Tensor

    a, b = Tensor(np.ones((2, 3))), Tensor(np.zeros((2, 3)))
    assert F.stack([a, b], axis=1).shape == (2, 2, 3), "stack([a, b], axis=1) of (2, 3)"
    assert F.concat([a, b], axis=1).shape == (2, 6), "concat([a, b], axis=1) of (2, 3)"
    pieces = F.split(Tensor(np.arange(10.0)), 4)
    assert [p.shape for p in pieces] == [(4,), (4,), (2,)], (
        f"split of 10 entries in pieces of 4 gives sizes 4, 4, 2; got {[p.shape for p in pieces]}"
    )


def _hand_worked_step():
    """One sample, H = 2, the gate rows stacked i, f, g, o (one row per unit), with simple
    pre-activations xw + h W_hh^T + b_hh:
      unit 1: i = σ(ln 3) = 3/4, f = σ(ln 4) = 4/5, g = tanh(ln 2) = 3/5, o = σ(-ln 3) = 1/4
      unit 2: all pre-activations 0, so i = f = o = 1/2 and g = 0.
    With c = (2, 3): c' = f c + i g = (4/5 · 2 + 3/4 · 3/5, 1/2 · 3) = (2.05, 1.5), and
    h' = o tanh(c') = (tanh(2.05) / 4, tanh(1.5) / 2). Returns the inputs and (h', c')."""
    ln2, ln3, ln4 = math.log(2.0), math.log(3.0), math.log(4.0)
    xw = np.zeros((1, 8))
    xw[0, 2] = ln4  # f of unit 1 comes from the input part
    h = np.array([[1.0, 5.0]])
    w_hh = np.zeros((8, 2))  # only h[0] = 1 contributes: i and g of unit 1
    w_hh[0, 0], w_hh[4, 0] = ln3, ln2
    b_hh = np.zeros(8)
    b_hh[6] = -ln3  # o of unit 1 comes from the bias
    c = np.array([[2.0, 3.0]])
    h_new = [[math.tanh(2.05) / 4, math.tanh(1.5) / 2]]
    return (xw, h, c, w_hh, b_hh), (h_new, [[2.05, 1.5]])


@pytest.mark.task(3)
def test_lstm_step_from_ops_matches_the_equations():
    import shared.functional as F
    from shared.tensor import Tensor

    inputs, (h_new, c_new) = _hand_worked_step()
    out = F.lstm_cell_unfused(*[Tensor(a) for a in inputs])
    assert out.shape == (1, 4), f"lstm_cell_unfused returns (N, 2H) = (1, 4), got {out.shape}"
    np.testing.assert_allclose(out.data[:, :2], h_new, rtol=1e-12, err_msg="h' = out[:, :H]")
    np.testing.assert_allclose(out.data[:, 2:], c_new, rtol=1e-12, err_msg="c' = out[:, H:]")


# ---------------------------------------------------------- Task 4 · the fused LSTM step


@pytest.mark.task(4)
def test_lstm_cell_is_one_node_and_matches_the_equations():
    import shared.functional as F
    from shared.tensor import Tensor

    (xw, h, c, w_hh, b_hh), (h_new, c_new) = _hand_worked_step()  # see Task 3's test
    hh = Tensor(h, requires_grad=True)
    out = F.lstm_cell(Tensor(xw), hh, Tensor(c), Tensor(w_hh), Tensor(b_hh))
    assert out.op == "lstm_cell", f"lstm_cell must be one graph node, got op {out.op!r}"
    assert out.shape == (1, 4), (
        f"lstm_cell returns [h', c'] of shape (N, 2H) = (1, 4), got {out.shape}"
    )
    np.testing.assert_allclose(
        out.data[:, :2], h_new, rtol=1e-12, err_msg="h' = o * tanh(c') = out[:, :H]"
    )
    np.testing.assert_allclose(
        out.data[:, 2:], c_new, rtol=1e-12, err_msg="c' = f * c + i * g = out[:, H:]"
    )


# ---------------------------------------------------------- Task 5 · layers and clipping


@pytest.mark.task(5)
def test_lstm_layer_has_pytorch_parameters_and_shapes():
    from shared import nn

    lstm = nn.LSTM(5, 7, num_layers=2, batch_first=True, rng=0)
    shapes = {name: p.shape for name, p in lstm.named_parameters()}
    assert shapes == {
        "weight_ih_l0": (28, 5),
        "weight_hh_l0": (28, 7),
        "bias_ih_l0": (28,),
        "bias_hh_l0": (28,),
        "weight_ih_l1": (28, 7),
        "weight_hh_l1": (28, 7),
        "bias_ih_l1": (28,),
        "bias_hh_l1": (28,),
    }, f"LSTM(5, 7, num_layers=2) parameters: got {shapes}"
    out, (h_n, c_n) = lstm(np.zeros((3, 6, 5), dtype=np.float32))
    assert out.shape == (3, 6, 7), f"output (N, T, H) = (3, 6, 7), got {out.shape}"
    assert h_n.shape == c_n.shape == (2, 3, 7), f"h_n, c_n (L, N, H): got {h_n.shape}"


@pytest.mark.task(5)
def test_clip_grad_norm_returns_the_norm_before_clipping():
    from shared.nn import Parameter, clip_grad_norm_

    a, b = Parameter(np.zeros(2)), Parameter(np.zeros(1))
    a.grad, b.grad = np.array([3.0, 0.0]), np.array([4.0])
    total = clip_grad_norm_([a, b], max_norm=1.0)
    assert math.isclose(total, 5.0), f"the norm of (3, 0, 4) is 5; got {total}"
    np.testing.assert_allclose(
        np.concatenate([a.grad, b.grad]),
        [0.6, 0.0, 0.8],
        rtol=1e-5,
        err_msg="after clipping to 1 the gradients are scaled by 1/5",
    )


# --------------------------------------------------------------------- Task 6 · training


@pytest.mark.task(6)
def test_a_short_names_run_learns(names_short_run):
    run = names_short_run()
    uniform = math.log(len(run.vocab))
    assert run.val_loss < uniform - 0.5, (
        f"after 120 steps the validation loss {run.val_loss:.3f} should be well below the "
        f"uniform guess log(V) = {uniform:.3f}"
    )


# --------------------------------------------------------------------- Task 7 · sampling


@pytest.mark.task(7)
def test_temperature_zero_is_argmax_and_top_k_keeps_k():
    from projects.p10_char_rnn import next_char_probs

    logits = np.array([0.5, 2.0, -1.0, 1.5])
    np.testing.assert_array_equal(next_char_probs(logits, temperature=0), [0, 1, 0, 0])
    p = next_char_probs(logits, top_k=2)
    assert set(np.flatnonzero(p)) == {1, 3}, f"top_k=2 keeps ids 1 and 3, got {np.flatnonzero(p)}"
    assert math.isclose(p.sum(), 1.0), "probabilities must sum to 1"
