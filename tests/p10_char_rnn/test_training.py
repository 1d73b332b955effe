"""Task 6 · the model, truncated BPTT with a detached state, evaluation."""

from __future__ import annotations

import math

import numpy as np
import pytest


@pytest.mark.task(6)
def test_char_rnn_shapes_and_state_for_every_cell():
    from projects.p10_char_rnn import CharRNN

    for cell in ("lstm", "gru", "rnn"):
        model = CharRNN(11, embed_dim=4, hidden_size=6, cell=cell, rng=0)
        logits, state = model(np.zeros((3, 5), dtype=np.int64))
        assert logits.shape == (3, 5, 11), f"{cell}: logits (N, T, V), got {logits.shape}"
        h = state[0] if cell == "lstm" else state
        assert h.shape == (1, 3, 6), f"{cell}: h_n (L, N, H), got {h.shape}"


@pytest.mark.task(6)
def test_detach_state_cuts_the_graph_and_keeps_the_values():
    from projects.p10_char_rnn import CharRNN, detach_state

    model = CharRNN(5, 3, 4, rng=0)
    _, state = model(np.array([[1, 2, 3]]))
    assert state[0].requires_grad, "the state from a forward pass is part of the graph"
    cut = detach_state(state)
    assert isinstance(cut, tuple) and len(cut) == 2, "(h, c) stays a pair"
    for s, d in zip(state, cut, strict=True):
        assert d.is_leaf and not d.requires_grad, "a detached state is a leaf without grad"
        np.testing.assert_array_equal(d.data, s.data, err_msg="same values")
    assert detach_state(None) is None


class _Spy:
    """Wraps a model and records the state each window starts from."""

    def __init__(self, model):
        self.model, self.seen = model, []

    def __call__(self, x, state):
        self.seen.append(state)
        return self.model(x, state)

    def __getattr__(self, name):
        return getattr(self.model, name)


@pytest.mark.task(6)
def test_train_tbptt_carries_a_detached_state_and_logs_every_step():
    from projects.p10_char_rnn import CharRNN, batchify, train_tbptt
    from shared.optim import SGD

    model = CharRNN(7, 3, 5, rng=0)
    spy = _Spy(model)
    data = batchify(np.random.default_rng(0).integers(0, 7, size=80), 4)  # (4, 20)
    log = train_tbptt(spy, SGD(model.parameters(), lr=0.1), data, 6, clip=0.5)
    assert len(log.losses) == len(log.grad_norms) == 4, "one step per window (19 targets, T=6)"
    assert spy.seen[0] is None, "the first window starts from a zero state (None)"
    for state in spy.seen[1:]:
        assert state is not None, "later windows start from the previous window's state"
        for s in state:
            assert s.is_leaf and not s.requires_grad, (
                "the state handed to the next window must be detached: otherwise backward "
                "runs on into the previous window"
            )
    assert all(n > 0 for n in log.grad_norms), "grad_norms holds the norms before clipping"


@pytest.mark.task(6)
def test_no_gradient_reaches_the_previous_window():
    """The second window's backward must not touch the first window's graph (freed by its
    own backward): it would raise 'freed', or add into the first window's leaves. And
    tbptt_steps is a generator: a step is taken only when the caller asks for one (the
    deprecated deadline= / callback= of train_tbptt still work, with a warning)."""
    import time

    from projects.p10_char_rnn import CharRNN, batchify, tbptt_steps, train_tbptt
    from shared.optim import SGD

    model = CharRNN(7, 3, 5, rng=0)
    data = batchify(np.arange(60) % 7, 2)  # (2, 30): 6 windows of 5
    log = train_tbptt(model, SGD(model.parameters(), lr=1e-9), data, 5, clip=None, max_steps=3)
    assert len(log.losses) == 3, f"max_steps=3 gives three steps, got {len(log.losses)}"

    optimizer = SGD(model.parameters(), lr=0.1)
    steps = tbptt_steps(model, optimizer, data, 5, clip=1.0)
    assert optimizer.steps == 0, "nothing is trained before the first next()"
    loss, norm = next(steps)
    assert optimizer.steps == 1 and isinstance(loss, float) and norm > 0, (
        "each next() takes one optimizer step and yields (loss, pre-clip norm) as floats"
    )
    assert len(list(steps)) == 5, "the generator ends after the last of the 6 windows"
    with pytest.warns(DeprecationWarning, match="callback"):
        seen = []
        train_tbptt(model, optimizer, data, 5, callback=lambda step, log: seen.append(step))
    assert seen == list(range(6)), f"callback(step, log) after every step, got {seen}"
    with pytest.warns(DeprecationWarning, match="deadline"):
        log = train_tbptt(model, optimizer, data, 5, deadline=time.perf_counter() - 1.0)
    assert log.losses == [], "a deadline already passed stops training before any step"


@pytest.mark.task(6)
def test_evaluate_weights_windows_by_their_targets():
    from projects.p10_char_rnn import CharRNN, batchify, evaluate
    from shared.functional import cross_entropy
    from shared.tensor import no_grad

    model = CharRNN(6, 3, 4, rng=1)
    data = batchify(np.random.default_rng(2).integers(0, 6, size=46), 2)  # (2, 23)
    with no_grad():
        logits, _ = model(data[:, :-1])
        whole = cross_entropy(logits.reshape(-1, 6), data[:, 1:].reshape(-1)).item()
    got = evaluate(model, data, seq_len=5)
    assert math.isclose(got, whole, rel_tol=1e-5), (
        f"evaluate over windows of 5 with the state carried must equal one pass over the whole "
        f"stream: {whole:.6f}, got {got:.6f}"
    )


@pytest.mark.task(6)
def test_the_short_names_run_beats_uniform_and_is_reproducible(names_short_run):
    run = names_short_run()
    assert run.val_loss < math.log(len(run.vocab)) - 0.6, f"val {run.val_loss:.3f} vs log V"
    assert run.log.losses[-1] < run.log.losses[0] - 0.5, "the training loss drops clearly"
    assert len(run.log.losses) == 120, "max_steps=120 steps"
