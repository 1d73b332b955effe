"""P04 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p04`` or ``python -m pytest tests/p04_spam_filter``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.public


# ------------------------------------------------------ Task 1 · binary cross-entropy


@pytest.mark.task(1)
@pytest.mark.filterwarnings("error")
def test_bce_is_finite_and_exact_at_huge_logits():
    from shared.losses import bce_with_logits

    # A confident wrong answer costs |z|; a confident right one costs (almost) nothing.
    got = bce_with_logits(np.array([1000.0]), np.array([0.0]))
    assert got == pytest.approx(1000.0, rel=1e-12), (
        f"bce_with_logits(z=1000, y=0) returned {got}; the loss of a confident wrong answer "
        "is z itself, 1000 (use the logits form max(z,0) - z*y + log1p(exp(-|z|)))"
    )
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0, 0.0])
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    expected = (1000.0 + 1000.0 + 0.0 + 0.0 + math.log(2.0)) / 5
    got = bce_with_logits(z, y)
    assert np.isfinite(got), f"bce_with_logits returned {got} at logits ±1000; it must be finite"
    assert got == pytest.approx(expected, rel=1e-12), (
        f"bce_with_logits at z = ±1000 and 0 returned {got}, expected "
        f"(1000 + 1000 + 0 + 0 + ln 2) / 5 = {expected}"
    )


@pytest.mark.task(1)
def test_bce_equals_the_textbook_formula_at_moderate_logits():
    from shared.losses import bce_with_logits

    # Logits whose σ is a simple fraction: σ(ln 3) = 3/4, σ(0) = 1/2, σ(-ln 4) = 1/5.
    z = np.array([math.log(3.0), math.log(3.0), 0.0, -math.log(4.0), -math.log(4.0)])
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    # -log σ(z) where y = 1 and -log(1 - σ(z)) where y = 0:
    #   ln(4/3), ln 4, ln 2, ln(5/4), ln 5; their sum is ln(200/3), the mean ln(200/3) / 5.
    expected = math.log(200.0 / 3.0) / 5.0
    got = bce_with_logits(z, y)
    assert got == pytest.approx(expected, rel=1e-12), (
        f"bce_with_logits returned {got}; -mean(y log σ(z) + (1-y) log(1-σ(z))) is "
        f"ln(200/3) / 5 = {expected} here"
    )


# ------------------------------------------------- Task 2 · classification metrics


@pytest.mark.task(2)
@pytest.mark.filterwarnings("error")
def test_metrics_on_a_hand_counted_example():
    from shared.metrics import confusion_matrix, f1_score, precision, recall

    y_true = np.array([1, 1, 1, 0, 0, 0, 0, 1])
    y_pred = np.array([1, 0, 1, 0, 1, 0, 0, 0])
    # TP: rows 0 and 2; FN: rows 1 and 7; FP: row 4; TN: rows 3, 5, 6.
    cm = confusion_matrix(y_true, y_pred)
    assert np.array_equal(cm, [[3, 1], [2, 2]]), (
        f"confusion_matrix returned {cm.tolist()}; expected [[TN, FP], [FN, TP]] = "
        "[[3, 1], [2, 2]] (rows = actual class, columns = predicted class)"
    )
    assert cm.dtype == np.int64, f"confusion_matrix must return int64 counts, got {cm.dtype}"
    assert precision(y_true, y_pred) == pytest.approx(2 / 3), "precision = TP/(TP+FP) = 2/3"
    assert recall(y_true, y_pred) == pytest.approx(1 / 2), "recall = TP/(TP+FN) = 2/4"
    assert f1_score(y_true, y_pred) == pytest.approx(4 / 7), (
        "F1 = 2PR/(P+R) = 2TP/(2TP+FP+FN) = 4/7"
    )


@pytest.mark.task(2)
def test_roc_auc_of_a_perfect_and_a_reversed_scorer():
    from shared.metrics import roc_auc

    y = np.array([0, 1, 0, 1, 1, 0])
    scores = np.array([0.1, 0.9, 0.3, 0.7, 0.8, 0.2])
    assert roc_auc(y, scores) == pytest.approx(1.0), (
        "every positive outscores every negative, so the ROC-AUC must be 1"
    )
    assert roc_auc(y, -scores) == pytest.approx(0.0), (
        "negated scores rank every negative above every positive, so the ROC-AUC must be 0"
    )


# ------------------------------------------------------- Task 3 · stratified split


@pytest.mark.task(3)
def test_stratified_split_keeps_the_class_shares():
    from shared.data import stratified_split

    rng = np.random.default_rng(0)
    y = rng.permutation(np.r_[np.ones(100, dtype=np.int64), np.zeros(900, dtype=np.int64)])
    train_idx, test_idx = stratified_split(y, test_fraction=0.2, seed=0)
    assert len(np.intersect1d(train_idx, test_idx)) == 0, "train and test indices overlap"
    assert np.array_equal(np.sort(np.r_[train_idx, test_idx]), np.arange(1000)), (
        "train and test together must hold every index 0..N-1 exactly once"
    )
    assert int(y[test_idx].sum()) == 20 and len(test_idx) == 200, (
        f"20 % of 100 positives and 900 negatives is 20 and 180 in the test part; got "
        f"{int(y[test_idx].sum())} positives out of {len(test_idx)}"
    )


# --------------------------------------------------- Task 4 · tokenizer, vocabulary


@pytest.mark.task(4)
def test_tokenize_hand_cases():
    from projects.p04_spam_filter import tokenize

    cases = {
        "Hello World": ["hello", "world"],
        "Call 09061701461 now!": ["call", "<phone>", "now"],
        "WIN £1000 cash": ["win", "£", "1000", "cash"],
        "see www.example.com or http://t.co/x": ["see", "<url>", "or", "<url>"],
        "I'm ok, don't worry": ["i'm", "ok", "don't", "worry"],
        "Text 87121 at 5pm": ["text", "87121", "at", "5", "pm"],
        "...!?": [],
    }
    for text, expected in cases.items():
        got = tokenize(text)
        assert got == expected, f"tokenize({text!r}) returned {got}, expected {expected}"


@pytest.mark.task(4)
def test_vocabulary_order_and_min_count():
    from projects.p04_spam_filter import Vocabulary

    docs = [["b", "a", "c", "a"], ["c", "b", "d"], ["a"]]  # a: 3, b: 2, c: 2, d: 1
    vocab = Vocabulary.build(docs, min_count=2)
    assert vocab.tokens == ["a", "b", "c"], (
        f"got {vocab.tokens}; expected by count (a: 3) then alphabetically among equal "
        "counts (b, c: 2), with d (1 occurrence) dropped by min_count=2"
    )
    assert vocab.index == {"a": 0, "b": 1, "c": 2}, (
        f"index maps each token to its position in tokens, got {vocab.index}"
    )
    assert Vocabulary.build(docs, min_count=1, max_size=2).tokens == ["a", "b"], (
        "max_size=2 keeps the two most frequent tokens"
    )


# --------------------------------------------------------- Task 5 · BoW and TF-IDF


@pytest.mark.task(5)
def test_bag_of_words_counts_repeats_and_skips_unknown_tokens():
    from projects.p04_spam_filter import Vocabulary, bag_of_words

    vocab = Vocabulary(["free", "win", "ok"])
    counts = bag_of_words([["win", "free", "free", "cash"], ["ok"], []], vocab)
    expected = np.array([[2, 1, 0], [0, 0, 1], [0, 0, 0]])
    assert counts.shape == (3, 3), f"expected shape (3 documents, 3 tokens), got {counts.shape}"
    assert np.array_equal(counts, expected), (
        f"bag_of_words returned {counts.tolist()}, expected {expected.tolist()} ('free' twice, "
        "'cash' is not in the vocabulary, the empty document is a row of zeros)"
    )


@pytest.mark.task(5)
@pytest.mark.filterwarnings("error")
def test_tfidf_rows_have_unit_length():
    from projects.p04_spam_filter import inverse_document_frequency, tfidf

    rng = np.random.default_rng(2)
    counts = rng.integers(0, 3, size=(30, 12)).astype(np.float64)
    counts[7] = 0.0  # a message with no vocabulary token
    X = tfidf(counts, inverse_document_frequency(counts))
    norms = np.linalg.norm(X, axis=1)
    assert np.all(np.isfinite(X)), "tfidf produced NaN or inf"
    np.testing.assert_allclose(
        np.delete(norms, 7),
        1.0,
        rtol=1e-6,
        err_msg="every non-empty TF-IDF row must have L2 norm 1",
    )
    assert norms[7] == 0.0, "a document with no vocabulary token must stay a row of zeros"


# ------------------------------------------------------ Task 6 · logistic regression


@pytest.mark.task(6)
def test_logistic_gradient_matches_the_numerical_gradient():
    from m2m.opchecks.numgrad import assert_gradient
    from projects.p04_spam_filter import LogisticRegression

    rng = np.random.default_rng(3)
    X = rng.normal(size=(25, 4))
    y = rng.integers(0, 2, size=25).astype(np.float64)
    model = LogisticRegression(l2=0.1)
    w0 = rng.normal(size=4)
    model.coef_, model.intercept_ = w0.copy(), 0.3
    _, grad_w, grad_b = model.loss_and_grad(X, y)

    def loss_of_w(w):
        model.coef_ = w
        return model.loss_and_grad(X, y)[0]

    assert_gradient(loss_of_w, w0.copy(), np.asarray(grad_w, dtype=np.float64), tol=1e-6)
    model.coef_ = w0.copy()

    def loss_of_b(b):
        model.intercept_ = float(b[0])
        return model.loss_and_grad(X, y)[0]

    assert_gradient(loss_of_b, np.array([0.3]), np.array([grad_b]), tol=1e-6)


@pytest.mark.task(6)
def test_gradient_descent_reaches_the_newton_solution():
    from projects.p04_spam_filter import LogisticRegression

    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 3))
    p = 1.0 / (1.0 + np.exp(-(X @ np.array([1.5, -2.0, 0.5]) + 0.5)))
    y = (rng.random(60) < p).astype(np.float64)
    model = LogisticRegression(l2=0.01, lr=1.0, epochs=2000).fit(X, y)
    # The minimiser of mean BCE + (0.01/2)‖w‖² on these 60 samples, computed once in float64
    # by Newton's method (to a step below 1e-13) and rounded to 12 significant digits.
    w_ref = np.array([0.78848325952, -1.70764599926, 0.650456361392])
    b_ref = 0.132740287352
    np.testing.assert_allclose(
        model.coef_, w_ref, atol=1e-6, err_msg="fit did not reach the minimiser of BCE + (λ/2)‖w‖²"
    )
    assert model.intercept_ == pytest.approx(b_ref, abs=1e-6), (
        f"fitted bias {model.intercept_}, minimiser {b_ref} (the bias is not regularised)"
    )


# ------------------------------------------ Task 7 · threshold, top words, the filter


@pytest.mark.task(7)
def test_choose_threshold_maximises_f1_by_hand():
    from projects.p04_spam_filter import choose_threshold

    y = np.array([0, 0, 1, 1, 0, 1])
    scores = np.array([0.1, 0.3, 0.35, 0.8, 0.6, 0.9])
    # F1 at t = 0.9, 0.8, 0.6, 0.35, 0.3, 0.1: 1/2, 4/5, 2/3, 6/7, 3/4, 2/3.
    got = choose_threshold(y, scores)
    assert got == pytest.approx(0.35), (
        f"choose_threshold returned {got}; F1 is largest (6/7) at t = 0.35"
    )


@pytest.mark.task(7)
def test_top_words_by_hand():
    from projects.p04_spam_filter import Vocabulary, top_words

    vocab = Vocabulary(["d", "a", "c", "b", "e"])
    weights = np.array([0.5, 0.5, 3.0, -2.0, -0.1])
    spam, ham = top_words(weights, vocab, k=2)
    assert spam == [("c", 3.0), ("a", 0.5)], (
        f"spam words {spam}; expected the largest weights first, ties alphabetically"
    )
    assert ham == [("b", -2.0), ("e", -0.1)], (
        f"ham words {ham}; expected the most negative weights first"
    )


@pytest.mark.task(7)
@pytest.mark.points(3)
def test_held_out_bar_f1_and_accuracy(spam_run):
    run = spam_run()
    f1, accuracy = run.test_metrics["f1"], run.test_metrics["accuracy"]
    n_spam = int(np.sum(run.y_test))
    n_ham = len(run.y_test) - n_spam
    assert abs(n_spam - 0.2 * 747) <= 1 and abs(n_ham - 0.2 * 4827) <= 1, (
        f"the test part holds {n_spam} spam and {n_ham} ham; a stratified 20 % split holds "
        "about 149.4 of the 747 spam and 965.4 of the 4,827 ham"
    )
    assert f1 >= 0.90, f"held-out spam F1 is {f1:.4f}; the bar is 0.90"
    assert accuracy >= 0.97, f"held-out accuracy is {accuracy:.4f}; the bar is 0.97"
