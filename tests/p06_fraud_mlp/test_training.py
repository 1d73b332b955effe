"""Task 9 · models and training (models.py, training.py) and the whole comparison on both
datasets (the given experiment, plots and demo)."""

from __future__ import annotations

import numpy as np
import pytest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.task(9)
def test_make_mlp_architecture():
    from projects.p06_fraud_mlp import make_mlp
    from shared.nn import Dropout, Linear, ReLU
    from shared.tensor import Tensor

    model = make_mlp(16, (32, 16), rng=0)
    kinds = [type(m) for m in model]
    assert kinds == [Linear, ReLU, Linear, ReLU, Linear], f"got layers {kinds}"
    shapes = [p.shape for p in model.parameters()]
    assert shapes == [(32, 16), (32,), (16, 32), (16,), (1, 16), (1,)], shapes
    assert model(Tensor(np.zeros((5, 16), dtype=np.float32))).shape == (5, 1), (
        f"make_mlp(16, ...) maps (5, 16) inputs to (5, 1) logits; got "
        f"{model(Tensor(np.zeros((5, 16), dtype=np.float32))).shape}"
    )
    with_dropout = make_mlp(4, (8,), dropout=0.2, rng=0)
    assert [type(m) for m in with_dropout] == [Linear, ReLU, Dropout, Linear], (
        f"make_mlp(dropout=0.2) puts a Dropout after each hidden ReLU: expected "
        f"[Linear, ReLU, Dropout, Linear], got {[type(m).__name__ for m in with_dropout]}"
    )
    same = make_mlp(16, (32, 16), rng=0)
    assert all(
        np.array_equal(a.data, b.data)
        for a, b in zip(model.parameters(), same.parameters(), strict=True)
    ), "seeded"
    with pytest.raises(ValueError, match=r"(?i)hidden"):
        make_mlp(4, ())


@pytest.mark.task(9)
@pytest.mark.points(2)
def test_training_loop_learns_a_nonlinear_rule_and_is_seeded():
    from projects.p06_fraud_mlp import make_mlp, predict_scores, train_classifier
    from shared.metrics import average_precision

    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, 2))
    y = (X[:, 0] * X[:, 1] > 0.5).astype(np.int64)  # an XOR-like, rare-ish class
    model = make_mlp(2, (16,), rng=0)
    history = train_classifier(model, X, y, epochs=30, batch_size=128, lr=1e-2, seed=0)
    assert len(history) == 30 and all(np.isfinite(history)), (
        f"train_classifier(epochs=30) must return 30 finite losses (one per epoch); got "
        f"{len(history)}: {history}"
    )
    assert history[-1] < 0.5 * history[0], (
        f"the loss should fall, got {history[0]:.3f} -> {history[-1]:.3f}"
    )
    scores = predict_scores(model, X)
    assert scores.shape == (2000,) and scores.dtype == np.float64, (
        f"predict_scores must return (N,) float64 scores: expected shape (2000,) float64, "
        f"got {scores.shape} {scores.dtype}"
    )
    assert average_precision(y, scores) > 0.9, "an MLP separates x0·x1 > 0.5 easily"
    again = make_mlp(2, (16,), rng=0)
    history2 = train_classifier(again, X, y, epochs=30, batch_size=128, lr=1e-2, seed=0)
    assert history == history2, "the same seeds must give the same training run"


@pytest.mark.task(9)
def test_pos_weight_raises_the_scores_of_positives():
    from projects.p06_fraud_mlp import make_logistic, predict_scores, train_classifier

    rng = np.random.default_rng(1)
    X = rng.normal(size=(3000, 3))
    y = (X[:, 0] + 0.5 * rng.normal(size=3000) > 1.8).astype(np.int64)
    plain, weighted = make_logistic(3, rng=0), make_logistic(3, rng=0)
    train_classifier(plain, X, y, epochs=15, lr=0.05, batch_size=256, seed=0)
    train_classifier(weighted, X, y, epochs=15, lr=0.05, batch_size=256, seed=0, pos_weight=20.0)
    flagged_plain = int(np.sum(predict_scores(plain, X) > 0))
    flagged_weighted = int(np.sum(predict_scores(weighted, X) > 0))
    # Weighting the positives moves the decision boundary σ(z) = 1/2 toward the negatives.
    assert flagged_weighted > 2 * flagged_plain, (
        f"with pos_weight=20 the model should flag far more rows at logit 0: "
        f"{flagged_weighted} vs {flagged_plain} without weights"
    )


@pytest.mark.task(9)
def test_predict_scores_uses_eval_mode_and_restores_it():
    from projects.p06_fraud_mlp import make_mlp, predict_scores

    model = make_mlp(3, (64,), dropout=0.5, rng=0)
    X = np.random.default_rng(2).normal(size=(50, 3))
    a, b = predict_scores(model, X), predict_scores(model, X)
    assert np.array_equal(a, b), "Dropout must be off while scoring (eval mode)"
    assert model.training, "predict_scores must leave a training model in training mode"
    model.eval()
    predict_scores(model, X, batch_size=7)
    assert not model.training, (
        "predict_scores must leave an eval-mode model in eval mode; it is in training mode"
    )
    np.testing.assert_allclose(
        predict_scores(model, X, batch_size=7),
        a,
        rtol=1e-6,
        err_msg="scores must not depend on batch_size (7 vs the default)",
    )


@pytest.mark.task(9)
def test_train_classifier_refuses_bad_input():
    from projects.p06_fraud_mlp import make_logistic, train_classifier

    model = make_logistic(2, rng=0)
    with pytest.raises(ValueError, match=r"\bX\b[\s\S]*\by\b|\by\b[\s\S]*\bX\b"):
        train_classifier(model, np.zeros((5, 2)), np.zeros(4))
    with pytest.raises(ValueError, match=r"(?i)epochs"):
        train_classifier(model, np.zeros((5, 2)), np.zeros(5), epochs=0)


@pytest.mark.task(9)
@pytest.mark.points(2)
def test_recall_at_ninety_percent_precision_is_reported_and_consistent(
    transactions_run, thyroid_run
):
    for run in (transactions_run(), thyroid_run()):
        for model in (run.mlp, run.baseline):
            op = model.operating
            flagged = run.data.y_test[model.test_scores >= op["threshold"]]
            assert op["test_flagged"] == flagged.size, (
                f"{run.data.name}: test_flagged must count the test rows scoring >= the "
                f"threshold: {flagged.size}; got {op['test_flagged']}"
            )
            if flagged.size:
                assert op["test_precision"] == pytest.approx(flagged.mean()), (
                    f"{run.data.name}: test_precision must be the fraud share of the flagged test "
                    f"rows, {flagged.mean():.4f}; got {op['test_precision']!r}"
                )
            assert op["test_recall"] == pytest.approx(flagged.sum() / run.data.y_test.sum()), (
                f"{run.data.name}: test_recall must be the share of test frauds flagged, "
                f"{flagged.sum() / run.data.y_test.sum():.4f}; got {op['test_recall']!r}"
            )
        assert run.mlp.operating["test_recall"] > run.baseline.operating["test_recall"], (
            f"{run.data.name}: at 90 % precision the MLP should catch more positives"
        )
        assert run.mlp.operating["test_recall"] > 0.6, (
            f"{run.data.name}: MLP recall at 90 % validation precision "
            f"{run.mlp.operating['test_recall']:.3f}"
        )


@pytest.mark.task(9)
def test_the_splits_are_disjoint_and_standardized(transactions_run, thyroid_run):
    from projects.p06_fraud_mlp import thyroid_dataset

    data = thyroid_run().data
    assert (len(data.y_train), len(data.y_val), len(data.y_test)) == (3017, 755, 3428), (
        f"thyroid split sizes (train, val, test): expected (3017, 755, 3428), got "
        f"{(len(data.y_train), len(data.y_val), len(data.y_test))}"
    )
    np.testing.assert_allclose(
        data.X_train.mean(axis=0),
        0.0,
        atol=1e-9,
        err_msg="the training features must be standardized: mean 0 per column",
    )
    assert 0.06 < data.y_test.mean() < 0.09, "about 7.3 % abnormal in the shipped test file"
    again = thyroid_dataset(seed=0)
    assert np.array_equal(again.X_val, data.X_val), "the split is seeded"
    tr = transactions_run().data
    assert len(tr.y_train) + len(tr.y_val) + len(tr.y_test) == 100_000, (
        f"the transaction splits must hold all 100,000 rows once; got "
        f"{len(tr.y_train) + len(tr.y_val) + len(tr.y_test)}"
    )
    assert abs(tr.y_val.mean() - tr.y_test.mean()) < 1e-3, "stratified: equal positive shares"


@pytest.mark.task(9)
def test_demo_prints_returns_metrics_and_saves_valid_pngs(
    transactions_run, thyroid_run, monkeypatch, tmp_path, capsys
):
    import matplotlib.image as mpimg

    import projects.p06_fraud_mlp.demo as demo

    runs = {"transactions": transactions_run(), "thyroid": thyroid_run()}
    # Reuse the cached runs instead of training again; shrink the imbalance study.
    monkeypatch.setattr(demo, "run_dataset", lambda data, seed=0: runs[data.name])
    monkeypatch.setattr(demo, "transactions_dataset", lambda n, seed=0: runs["transactions"].data)
    monkeypatch.setattr(demo, "thyroid_dataset", lambda seed=0: runs["thyroid"].data)
    study = {"unweighted": runs["thyroid"].mlp}
    monkeypatch.setattr(demo, "imbalance_study", lambda data, seed=0: study)
    metrics = demo.main(out_dir=tmp_path)
    printed = capsys.readouterr().out
    assert "AP" in printed and "90 %" in printed and "Generator" in printed, (
        f"the demo must print average precision ('AP'), recall at '90 %' precision and "
        f"the 'Generator' data; printed:\n{printed}"
    )
    assert metrics["transactions_mlp_ap"] == pytest.approx(
        runs["transactions"].mlp.test_ap, abs=1e-4
    ), (
        f"metrics['transactions_mlp_ap'] must be the MLP's test AP "
        f"{runs['transactions'].mlp.test_ap:.4f}; got {metrics['transactions_mlp_ap']!r}"
    )
    assert metrics["thyroid_logistic_recall_at_90"] == pytest.approx(
        runs["thyroid"].baseline.operating["test_recall"], abs=1e-4
    ), (
        f"metrics['thyroid_logistic_recall_at_90'] must be the baseline's test recall "
        f"{runs['thyroid'].baseline.operating['test_recall']:.4f}; got "
        f"{metrics['thyroid_logistic_recall_at_90']!r}"
    )
    assert 0.005 < metrics["transactions_fraud_rate"] < 0.015, (
        f"the generated transactions hold about 1 % fraud; metrics report "
        f"{metrics['transactions_fraud_rate']!r}"
    )
    for name in ("pr_curves", "loss_curves", "score_distributions"):
        path = tmp_path / f"{name}.png"
        assert path.is_file(), f"the demo should save {path.name} under out_dir"
        assert path.read_bytes()[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG file"
        image = mpimg.imread(path)
        assert image.ndim == 3 and min(image.shape[:2]) > 100, f"{path.name} looks empty"
