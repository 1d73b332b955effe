"""P08 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p08`` or ``python -m pytest tests/p08_mnist``.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.public


# ------------------------------------------------------ Task 1 · softmax and log-softmax


@pytest.mark.task(1)
def test_softmax_rows_sum_to_one_and_ignore_a_constant_per_row():
    from shared.functional import softmax
    from shared.tensor import Tensor

    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-5.0, 10.0, 0.5]])
    s = softmax(Tensor(z), axis=1).data
    np.testing.assert_allclose(
        s.sum(axis=1), 1.0, rtol=1e-12, err_msg="every row of softmax must sum to 1"
    )
    # e^k / (e + e^2 + e^3) for k = 1, 2, 3, computed once in float64.
    expected = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219]
    np.testing.assert_allclose(s[0], expected, rtol=1e-12, err_msg="softmax([1, 2, 3]) is wrong")
    np.testing.assert_allclose(s[1], 1 / 3, rtol=1e-12, err_msg="equal scores: equal shares")
    shifted = softmax(Tensor(z + np.array([[1000.0], [-1000.0], [7.0]])), axis=1).data
    assert np.all(np.isfinite(shifted)), (
        "softmax overflowed after adding 1000 to a row; subtract each row's maximum first"
    )
    np.testing.assert_allclose(
        shifted, s, rtol=1e-12, err_msg="softmax(z + c) must equal softmax(z) for a constant c"
    )


@pytest.mark.task(1)
@pytest.mark.filterwarnings("error")
def test_log_softmax_is_finite_and_exact_at_huge_logits():
    from shared.functional import log_softmax
    from shared.tensor import Tensor

    got = log_softmax(Tensor(np.array([[1e4, -1e4, 0.0]])), axis=-1).data
    # log-sum-exp = 1e4 + log(1 + e^-2e4 + e^-1e4) = 1e4 exactly in float64.
    np.testing.assert_array_equal(
        got,
        [[0.0, -2e4, -1e4]],
        err_msg="log_softmax([1e4, -1e4, 0]) must be [0, -2e4, -1e4]: use the log-sum-exp "
        "trick, a - max(a) - log(sum(exp(a - max(a))))",
    )


# ------------------------------------------------------------- Task 2 · cross-entropy


@pytest.mark.task(2)
@pytest.mark.filterwarnings("error")
def test_cross_entropy_is_finite_and_exact_at_huge_logits():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    logits = np.array([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]])
    labels = np.array([0, 1])
    # Sample 0 is right with certainty (loss 0), sample 1 wrong by 2e4 nats.
    loss = cross_entropy(Tensor(logits), target=labels)
    assert np.isfinite(loss.item()), f"cross_entropy at logits ±1e4 returned {loss.item()}"
    assert loss.item() == pytest.approx(1e4, rel=1e-12), (
        f"cross_entropy returned {loss.item()}; the mean of 0 and 2e4 is 1e4"
    )


@pytest.mark.task(2)
def test_cross_entropy_gradient_is_softmax_minus_onehot_over_n():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    # Logits chosen so that softmax is a simple fraction: exp of row 0 is (1, 2, 5), so
    # softmax = (1/8, 2/8, 5/8); exp of row 1 is (3, 1, 1), so softmax = (3/5, 1/5, 1/5).
    z = np.log(np.array([[1.0, 2.0, 5.0], [3.0, 1.0, 1.0]]))
    y = np.array([2, 1])
    t = Tensor(z, requires_grad=True)
    loss = cross_entropy(t, target=y)
    # (-ln(5/8) - ln(1/5)) / 2 = ln(8) / 2.
    assert loss.item() == pytest.approx(1.5 * np.log(2.0), rel=1e-12), (
        f"cross_entropy of the worked example: expected ln(8)/2 = {1.5 * np.log(2.0)!r}, "
        f"got {loss.item()!r}"
    )
    loss.backward()
    # (softmax - onehot) / N with N = 2.
    expected = np.array([[1 / 8, 2 / 8, 5 / 8 - 1], [3 / 5, 1 / 5 - 1, 1 / 5]]) / 2
    np.testing.assert_allclose(
        t.grad,
        expected,
        rtol=1e-10,
        atol=1e-14,
        err_msg="d(mean cross-entropy)/d(logits) must be (softmax - onehot) / N",
    )


# ------------------------------------------------------------ Task 3 · Dataset and DataLoader


@pytest.mark.task(3)
def test_dataloader_visits_every_sample_once_per_epoch_in_a_new_order():
    from shared.data import DataLoader, TensorDataset

    X = np.arange(50, dtype=np.float32).reshape(25, 2)
    y = np.arange(25)
    loader = DataLoader(TensorDataset(X, y), batch_size=4, shuffle=True, seed=0)
    assert len(loader) == 7, f"25 samples in batches of 4 make 7 batches, len gave {len(loader)}"
    orders = []
    for _ in range(2):
        batches = list(loader)
        assert [len(b[1]) for b in batches] == [4, 4, 4, 4, 4, 4, 1], (
            f"25 samples in batches of 4: expected batch sizes [4, 4, 4, 4, 4, 4, 1], got "
            f"{[len(b[1]) for b in batches]}"
        )
        for xb, yb in batches:
            np.testing.assert_array_equal(xb, X[yb], err_msg="features and labels got separated")
        order = np.concatenate([yb for _, yb in batches])
        assert sorted(order.tolist()) == list(range(25)), "every sample exactly once per epoch"
        orders.append(order)
    assert not np.array_equal(orders[0], orders[1]), "shuffle=True must reshuffle every epoch"


# ------------------------------------------------------------ Task 4 · accuracy, confusion


@pytest.mark.task(4)
def test_accuracy_and_confusion_matrix_on_a_hand_counted_example():
    from shared.metrics import accuracy, class_confusion_matrix

    y_true = np.array([0, 1, 2, 2, 1, 0])
    y_pred = np.array([0, 2, 2, 1, 1, 0])
    assert accuracy(y_true, y_pred) == pytest.approx(4 / 6), "4 of 6 predictions are right"
    scores = np.eye(3)[y_pred] * 5.0 - 1.0  # (N, C) scores whose argmax is y_pred
    assert accuracy(y_true, scores) == pytest.approx(4 / 6), (
        "accuracy of (N, C) scores must use their argmax over the classes"
    )
    cm = class_confusion_matrix(y_true, y_pred, 3)
    expected = [[2, 0, 0], [0, 1, 1], [0, 1, 1]]
    assert cm.tolist() == expected, (
        f"class_confusion_matrix returned {cm.tolist()}, expected {expected} "
        "(rows: true class, columns: predicted class)"
    )


# ------------------------------------------------------------ Task 5 · the MLP on MNIST


@pytest.mark.task(5)
@pytest.mark.points(4)
def test_mnist_mlp_reaches_97_5_percent_in_at_most_10_epochs(mnist_run):
    run = mnist_run()
    epochs = len(run.history)
    assert epochs <= 10, f"the bar allows at most 10 epochs, the run trained {epochs}"
    assert len(run.y_test) == 10_000 and run.n_train == 60_000, "train on all 60,000 digits"
    assert run.test_accuracy >= 0.975, (
        f"test accuracy {run.test_accuracy:.4f} after {epochs} epochs; the bar is 0.975. "
        "Check the training loop (zero_grad, backward, step on every batch) and the loss"
    )


# ------------------------------------------------------------ Task 6 · looking inside


@pytest.mark.task(6)
def test_confident_mistakes_are_the_surest_wrong_answers():
    from projects.p08_mnist import confident_mistakes

    y = np.array([0, 1, 2, 0, 1])
    logits = np.array(
        [
            [5.0, 0.0, 0.0],  # right
            [4.0, 0.0, 0.0],  # wrong (0), confident
            [0.0, 1.0, 0.0],  # wrong (1), unsure
            [0.0, 0.0, 9.0],  # wrong (2), most confident
            [0.0, 3.0, 0.0],  # right
        ]
    )
    idx, pred, conf = confident_mistakes(y, logits, k=5)
    assert idx.tolist() == [3, 1, 2], f"mistakes surest first: expected [3, 1, 2], got {idx}"
    assert pred.tolist() == [2, 0, 1], (
        f"predicted labels of the mistakes, surest first: expected [2, 0, 1], got {pred}"
    )
    np.testing.assert_allclose(
        conf[0],
        np.exp(9) / (np.exp(9) + 2),
        rtol=1e-6,
        err_msg="confidence of the surest mistake: softmax of [0, 0, 9] at class 2",
    )
