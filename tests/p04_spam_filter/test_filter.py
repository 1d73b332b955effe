"""Task 7 · threshold choice, top words, and the whole filter on real messages
(evaluation.py, with the given experiment, plots and demo)."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
pairwise_auc = oracles.pairwise_auc
outcome_counts = oracles.outcome_counts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.task(7)
def test_choose_threshold_breaks_ties_toward_the_higher_threshold():
    from projects.p04_spam_filter import choose_threshold

    y = np.array([1, 0, 0, 1])
    scores = np.array([0.9, 0.8, 0.7, 0.6])
    # F1 at t = 0.9: 2·1/(2·1 + 0 + 1) = 2/3; at t = 0.6: 2·2/(2·2 + 2 + 0) = 2/3.
    got = choose_threshold(y, scores)
    assert got == pytest.approx(0.9), (
        f"choose_threshold returned {got}; F1 ties at 2/3 for t = 0.9 and t = 0.6, and the "
        "higher threshold (fewer messages flagged) must win"
    )


@pytest.mark.task(7)
def test_choose_threshold_against_a_brute_force_search():
    from projects.p04_spam_filter import choose_threshold

    rng = np.random.default_rng(12)
    y = (rng.random(300) < 0.2).astype(np.int64)
    scores = np.round(rng.random(300) * 0.6 + 0.4 * y, 2)  # ties included
    best_f1, best_t = -1.0, None
    for t in np.unique(scores)[::-1]:  # from the highest threshold down
        pred = scores >= t
        tp = np.sum(pred & (y == 1))
        f1 = 2 * tp / (np.sum(pred) + np.sum(y))
        if f1 > best_f1:
            best_f1, best_t = f1, t
    assert choose_threshold(y, scores) == pytest.approx(best_t), (
        "the threshold must be the (highest) score value with the largest F1"
    )


@pytest.mark.task(7)
def test_top_words_returns_at_most_the_vocabulary():
    from projects.p04_spam_filter import Vocabulary, top_words

    vocab = Vocabulary(["x", "y", "z"])
    spam, ham = top_words(np.array([1.0, -1.0, 0.0]), vocab, k=10)
    assert [t for t, _ in spam] == ["x", "z", "y"], "k larger than V returns all V tokens"
    assert [t for t, _ in ham] == ["y", "z", "x"], (
        "ham words run from the most negative weight: expected ['y', 'z', 'x'], "
        f"got {[t for t, _ in ham]}"
    )
    with pytest.raises(ValueError, match=r"(?i)\(4,\)|weights"):
        top_words(np.zeros(4), vocab)


@pytest.mark.task(7)
def test_held_out_run_is_sound(spam_run, pairwise_auc):
    run = spam_run()
    split = [np.asarray(run.train_idx), np.asarray(run.val_idx), np.asarray(run.test_idx)]
    everything = np.sort(np.concatenate(split))
    assert np.array_equal(everything, np.arange(5574)), (
        "train, validation and test must be disjoint and cover the 5,574 messages"
    )
    auc = pairwise_auc(run.y_test, np.asarray(run.test_scores, dtype=np.float64))
    assert auc >= 0.97, f"held-out ROC-AUC is {auc:.4f}; a working filter ranks above 0.97"
    assert run.test_metrics["roc_auc"] == pytest.approx(auc, abs=1e-9), (
        f"test_metrics['roc_auc'] must be the held-out ROC-AUC {auc:.6f}, "
        f"got {run.test_metrics['roc_auc']}"
    )
    assert 0.0 < run.threshold < 1.0, "the threshold on probabilities lies strictly in (0, 1)"


@pytest.mark.task(7)
def test_top_spam_and_ham_words_make_sense(spam_run):
    run = spam_run()
    spam = [t for t, _ in run.spam_words]
    ham = [t for t, _ in run.ham_words]
    assert len(spam) == 15 and len(ham) == 15, (
        f"the run keeps the top 15 spam and ham words, got {len(spam)} and {len(ham)}"
    )
    assert all(w > 0 for _, w in run.spam_words), "spam words must have positive weights"
    assert all(w < 0 for _, w in run.ham_words), "ham words must have negative weights"
    telltale = {"<phone>", "£", "<url>", "free", "txt", "call", "claim", "prize", "mobile"}
    assert len(telltale & set(spam)) >= 3, (
        f"the top spam tokens {spam} should include several of {sorted(telltale)}"
    )


@pytest.mark.task(7)
def test_demo_prints_returns_metrics_and_saves_valid_pngs(
    spam_run, monkeypatch, tmp_path, outcome_counts, capsys
):
    import matplotlib.image as mpimg

    import projects.p04_spam_filter.demo as demo

    run = spam_run()
    # Reuse the cached run instead of training again.
    monkeypatch.setattr(demo, "run_spam_filter", lambda seed=0: run)
    metrics = demo.main(out_dir=tmp_path)
    printed = capsys.readouterr().out
    assert "F1" in printed and "ROC-AUC" in printed and "<phone>" in printed, (
        f"the demo must print F1, ROC-AUC and the top words (with <phone>), got:\n{printed}"
    )

    tn, fp, fn, tp = outcome_counts(run.y_test, np.asarray(run.test_scores) >= run.threshold)
    assert metrics["test_f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn), abs=1e-4), (
        f"test_f1 = 2TP / (2TP + FP + FN) = {2 * tp / (2 * tp + fp + fn):.4f}, "
        f"got {metrics['test_f1']}"
    )
    assert metrics["test_accuracy"] == pytest.approx((tp + tn) / (tp + tn + fp + fn), abs=1e-4), (
        f"test_accuracy = (TP + TN) / N = {(tp + tn) / (tp + tn + fp + fn):.4f}, "
        f"got {metrics['test_accuracy']}"
    )
    for name in ("roc", "confusion", "loss", "top_words"):
        path = tmp_path / f"{name}.png"
        assert path.is_file(), f"the demo should save {path.name} under out_dir"
        assert path.read_bytes()[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG file"
        image = mpimg.imread(path)
        assert image.ndim == 3 and min(image.shape[:2]) > 100, f"{path.name} looks empty"


@pytest.mark.task(7)
def test_the_whole_filter_is_deterministic(spam_run):
    from projects.p04_spam_filter import run_spam_filter

    first = spam_run()
    # Short runs keep this test quick; the split, vocabulary and idf do not depend on the
    # number of steps, and two short runs must agree to the last bit.
    second = run_spam_filter(seed=0, epochs=20)
    third = run_spam_filter(seed=0, epochs=20)
    for part in ("train_idx", "val_idx", "test_idx"):
        assert np.array_equal(getattr(second, part), getattr(first, part)), (
            f"{part} changed between runs with the same seed"
        )
    assert second.vectorizer.vocab.tokens == first.vectorizer.vocab.tokens, (
        f"the vocabulary changed between runs with the same seed: "
        f"{len(first.vectorizer.vocab.tokens)} tokens, then {len(second.vectorizer.vocab.tokens)}"
    )
    assert np.array_equal(second.vectorizer.idf, first.vectorizer.idf), (
        "the idf weights changed between runs with the same seed"
    )
    assert np.array_equal(second.model.coef_, third.model.coef_), (
        "training twice with the same seed must give identical weights"
    )
    assert second.threshold == third.threshold, (
        f"the same seed must give the same threshold, got {second.threshold} and {third.threshold}"
    )
    assert second.test_metrics == third.test_metrics, (
        f"the same seed must give the same test metrics, got {second.test_metrics} "
        f"and {third.test_metrics}"
    )
