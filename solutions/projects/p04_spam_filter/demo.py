"""P04 demo: train the spam filter on the SMS Spam Collection and evaluate it.

Run with ``python -m projects.p04_spam_filter`` (or ``m2m demo p04``). Prints the held-out
metrics, the chosen threshold and the most telling words, saves four figures to
``out/p04/`` and returns the headline numbers.
"""

from __future__ import annotations

from pathlib import Path

from .experiment import run_spam_filter
from .plots import save_figures


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Run the filter once (seed 0), print and return the headline metrics, save figures.

    Figures go to ``out_dir`` when given, else to ``$M2M_OUT_DIR/p04`` or ``./out/p04``.
    """
    run = run_spam_filter(seed=0)
    cfg = run.settings
    n_spam_test = int(run.y_test.sum())

    print("P04 · The Spam Filter")
    print(
        f"\nSMS Spam Collection: {len(run.train_idx)} training, {len(run.val_idx)} "
        f"validation, {len(run.test_idx)} test messages (stratified, seed 0)"
    )
    print(
        f"Vocabulary: {len(run.vectorizer.vocab)} tokens (min count {cfg['min_count']}, "
        "fitted on the training messages only)"
    )
    history = run.model.history
    print(
        f"Logistic regression: l2 = {cfg['l2']:g}, lr = {cfg['lr']:g}, "
        f"{cfg['epochs']} full-batch steps in {run.train_seconds:.2f} s; "
        f"objective {history[0]:.4f} -> {history[-1]:.4f}"
    )
    print(
        f"\nThreshold chosen on validation (max F1 = {run.val_metrics['f1']:.4f}): "
        f"P(spam) >= {run.threshold:.4f}"
    )

    m = run.test_metrics
    always_ham = 1.0 - n_spam_test / len(run.y_test)
    print(f"\nHeld-out test ({n_spam_test} spam of {len(run.y_test)}):")
    print(f"  precision {m['precision']:.4f}   recall {m['recall']:.4f}   F1 {m['f1']:.4f}")
    print(f"  accuracy  {m['accuracy']:.4f}   (always answering 'ham' scores {always_ham:.4f})")
    print(f"  ROC-AUC   {m['roc_auc']:.4f}")

    width = max(len(t) for t, _ in run.spam_words + run.ham_words)
    print(f"\nTop {len(run.spam_words)} spam tokens        top {len(run.ham_words)} ham tokens")
    for (s, ws), (h, wh) in zip(run.spam_words, run.ham_words, strict=True):
        print(f"  {s:<{width}} {ws:+7.3f}      {h:<{width}} {wh:+7.3f}")

    saved = save_figures(run, out_dir)
    print("\nFigures: " + ", ".join(str(p) for p in saved.values()))

    return {
        "test_precision": round(m["precision"], 4),
        "test_recall": round(m["recall"], 4),
        "test_f1": round(m["f1"], 4),
        "test_accuracy": round(m["accuracy"], 4),
        "test_roc_auc": round(m["roc_auc"], 4),
        "threshold": round(run.threshold, 4),
        "vocab_size": len(run.vectorizer.vocab),
        "n_train": len(run.train_idx),
        "n_test": len(run.test_idx),
        "top_spam_word": run.spam_words[0][0],
        "top_ham_word": run.ham_words[0][0],
    }
