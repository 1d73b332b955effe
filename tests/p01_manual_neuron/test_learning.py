"""Task 3 · the perceptron learning rule: traces, stopping reasons, input checks."""

from __future__ import annotations

import numpy as np
import pytest

from projects.p01_manual_neuron import FitResult, Perceptron


def _consistent(result: FitResult) -> None:
    assert isinstance(result, FitResult), f"fit must return a FitResult, got {type(result)}"
    assert result.epochs == len(result.mistakes_per_epoch), (
        "epochs must equal the number of entries of mistakes_per_epoch"
    )
    assert result.updates == sum(result.mistakes_per_epoch), (
        "every mistake is one update, so updates == sum(mistakes_per_epoch)"
    )
    assert isinstance(result.message, str) and result.message, "give a human message"


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_and_trace_by_hand(gates):
    # lr = 1, zero start, rows (0,0)->0, (0,1)->0, (1,0)->0, (1,1)->1; (w1, w2, b):
    # epoch 1 from (0,0,0):   (0,0) z=0 fires, wrong -> (0,0,-1); (1,1) z=-1 -> (1,1,0)    2
    # epoch 2 from (1,1,0):   (0,0) z=0 -> (1,1,-1); (0,1) z=0 -> (1,0,-2);
    #                         (1,1) z=-1 -> (2,1,-1)                                      3
    # epoch 3 from (2,1,-1):  (0,1) z=0 -> (2,0,-2); (1,0) z=0 -> (1,0,-3);
    #                         (1,1) z=-2 -> (2,1,-2)                                      3
    # epoch 4 from (2,1,-2):  (1,0) z=0 -> (1,1,-3); (1,1) z=-1 -> (2,2,-2)                2
    # epoch 5 from (2,2,-2):  (0,1) z=0 -> (2,1,-3)                                       1
    # epoch 6 from (2,1,-3):  z = -3, -2, -1, 0: all correct                              0
    X, y = gates["AND"]
    neuron = Perceptron(n_features=2)
    result = neuron.fit(X, y)
    _consistent(result)
    assert result.mistakes_per_epoch == [2, 3, 3, 2, 1, 0], (
        f"hand trace of AND gives mistakes [2, 3, 3, 2, 1, 0] per epoch, got "
        f"{result.mistakes_per_epoch}; visit the rows in order and update only on mistakes"
    )
    assert (result.converged, result.reason, result.epochs, result.updates) == (
        True,
        "converged",
        6,
        11,
    ), (
        "the AND trace converges after 6 epochs and 11 updates; got (converged, reason, "
        f"epochs, updates) = {(result.converged, result.reason, result.epochs, result.updates)}"
    )
    np.testing.assert_array_equal(neuron.w, [2.0, 1.0], err_msg="final w of the AND trace")
    assert neuron.b == -3.0, f"final b of the AND trace is -3, got {neuron.b}"


@pytest.mark.task(3)
def test_one_epoch_then_max_epochs(gates):
    X, y = gates["AND"]
    neuron = Perceptron(n_features=2)
    result = neuron.fit(X, y, max_epochs=1)
    _consistent(result)
    assert (result.converged, result.reason, result.epochs) == (False, "max_epochs", 1), (
        f"AND needs 6 epochs, so max_epochs=1 must stop with reason 'max_epochs': {result}"
    )
    np.testing.assert_array_equal(neuron.w, [1.0, 1.0], err_msg="w after epoch 1 of the AND trace")
    assert neuron.b == 0.0, "after epoch 1 of the AND trace, (w, b) = (1, 1, 0)"


@pytest.mark.task(3)
def test_learning_rate_only_rescales(gates):
    X, y = gates["NAND"]
    base, scaled = Perceptron(2, lr=1.0), Perceptron(2, lr=0.25)
    r1, r2 = base.fit(X, y), scaled.fit(X, y)
    assert r1.mistakes_per_epoch == r2.mistakes_per_epoch, (
        "from zero weights the learning rate only rescales (w, b), so the mistakes must be "
        "the same for lr = 1 and lr = 0.25"
    )
    np.testing.assert_allclose(
        scaled.w, 0.25 * base.w, err_msg="w with lr = 0.25 must be 0.25 times w with lr = 1"
    )
    assert scaled.b == pytest.approx(0.25 * base.b), (
        f"b with lr = 0.25 must be 0.25 times b with lr = 1 ({base.b}), got {scaled.b}"
    )


@pytest.mark.task(3)
def test_fit_starts_from_zero_every_time(gates):
    X, y = gates["OR"]
    neuron = Perceptron(2)
    first = neuron.fit(X, y)
    w1, b1 = neuron.w.copy(), neuron.b
    neuron.w = np.array([-5.0, 7.0])  # whatever was there before must not matter
    neuron.b = 3.0
    second = neuron.fit(X, y)
    assert second.mistakes_per_epoch == first.mistakes_per_epoch, "fit must reset w and b to 0"
    np.testing.assert_array_equal(
        neuron.w, w1, err_msg="w after a second fit must equal w after the first"
    )
    assert neuron.b == b1, (
        f"b after a second fit must equal b after the first ({b1}), got {neuron.b}; "
        "fit must start from zero weights"
    )


@pytest.mark.task(3)
def test_separable_gates_converge(gates):
    for name in ("OR", "NAND", "NOR"):
        X, y = gates[name]
        neuron = Perceptron(2)
        result = neuron.fit(X, y)
        _consistent(result)
        assert result.converged and result.mistakes_per_epoch[-1] == 0, f"{name}: {result}"
        np.testing.assert_array_equal(neuron.predict(X), y, err_msg=f"{name} after fit")


@pytest.mark.task(3)
def test_xor_cycle_is_detected_quickly(gates):
    # From epoch 3 on, XOR visits the same four mistakes: (w1, w2, b) goes
    # (-1,0,0) -> (-1,0,-1) -> (-1,1,0) -> (0,1,1) -> (-1,0,0), so epoch 4 starts where
    # epoch 3 started. A huge max_epochs keeps a missing cycle check from passing.
    X, y = gates["XOR"]
    result = Perceptron(2).fit(X, y, max_epochs=10_000)
    _consistent(result)
    assert (result.converged, result.reason) == (False, "cycle"), (
        f"fit must stop XOR with reason 'cycle', got {result.reason!r}"
    )
    assert result.epochs == 3, (
        f"epoch 4 starts with the same (w, b) as epoch 3, so fit stops after 3 complete epochs; "
        f"got epochs = {result.epochs}"
    )
    assert result.mistakes_per_epoch == [3, 3, 4], (
        "XOR from zero weights makes 3, 3 and 4 mistakes in its 3 epochs, "
        f"got {result.mistakes_per_epoch}"
    )


@pytest.mark.task(3)
def test_xor_runs_out_of_epochs_when_no_cycle_can_be_seen(gates):
    X, y = gates["XOR"]
    short = Perceptron(2).fit(X, y, max_epochs=2)  # a cycle needs 4 epoch starts to show
    _consistent(short)
    assert (short.converged, short.reason, short.epochs) == (False, "max_epochs", 2), (
        "XOR with max_epochs=2 must stop after 2 epochs with reason 'max_epochs'; got "
        f"converged={short.converged}, reason={short.reason!r}, epochs={short.epochs}"
    )
    shuffled = Perceptron(2).fit(X, y, max_epochs=25, shuffle=True, seed=3)
    _consistent(shuffled)
    assert (shuffled.converged, shuffled.reason, shuffled.epochs) == (False, "max_epochs", 25), (
        "with shuffle=True the order changes every epoch, so no cycle can be claimed; XOR "
        f"must run to max_epochs, got {shuffled.reason!r}"
    )
    assert min(shuffled.mistakes_per_epoch) > 0, "no weights classify all of XOR"


@pytest.mark.task(3)
def test_shuffle_is_reproducible_and_still_converges():
    rng = np.random.default_rng(11)
    X = rng.uniform(-1.0, 1.0, size=(40, 2))
    y = (X[:, 0] + 2.0 * X[:, 1] - 0.2 > 0).astype(np.int64)
    a, b = Perceptron(2), Perceptron(2)
    ra = a.fit(X, y, max_epochs=10_000, shuffle=True, seed=5)
    rb = b.fit(X, y, max_epochs=10_000, shuffle=True, seed=5)
    assert ra.converged, f"separable data must converge with shuffling too: {ra}"
    assert ra.mistakes_per_epoch == rb.mistakes_per_epoch, "the same seed must give the same run"
    np.testing.assert_array_equal(a.w, b.w, err_msg="the same seed must give the same final w")
    np.testing.assert_array_equal(
        a.predict(X), y, err_msg="after converging with shuffle=True, every label is predicted"
    )


@pytest.mark.task(3)
def test_fit_rejects_labels_other_than_0_and_1(gates):
    X, _ = gates["AND"]
    neuron = Perceptron(2)
    with pytest.raises(ValueError, match=r"7"):
        neuron.fit(X, np.array([0, 1, 7, 1]))
    with pytest.raises(ValueError, match=r"-1"):
        neuron.fit(X, np.array([-1, 1, 1, -1]))  # +-1 labels are the other convention
    with pytest.raises(ValueError, match=r"(?i)nan"):
        neuron.fit(X, np.array([0.0, 1.0, np.nan, 1.0]))


@pytest.mark.task(3)
def test_fit_rejects_mismatched_y_and_bad_x(gates):
    X, y = gates["AND"]
    neuron = Perceptron(2)
    with pytest.raises(ValueError, match=r"(?s)4.*3|3.*4"):
        neuron.fit(X, y[:3])
    with pytest.raises(ValueError, match=r"\(4, 1\)"):
        neuron.fit(X, y.reshape(4, 1))
    with pytest.raises(ValueError, match=r"(?i)nan|finite"):
        neuron.fit(np.array([[0.0, np.nan], [1.0, 1.0]]), np.array([0, 1]))
    with pytest.raises(ValueError, match=r"(?i)empty|at least one"):
        neuron.fit(np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
    with pytest.raises(ValueError, match=r"(?s)\(N, 2\).*\(4, 3\)"):
        neuron.fit(np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match=r"max_epochs"):
        neuron.fit(X, y, max_epochs=0)
