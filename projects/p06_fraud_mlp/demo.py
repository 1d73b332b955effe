"""P06 demo: the MLP against the logistic baseline on synthetic fraud and on thyroid data.

Run with ``python -m projects.p06_fraud_mlp`` (or ``m2m demo p06``). Prints the held-out
average precision and the recall at 90 % precision (threshold chosen on validation) of
both models on both datasets, the generator's speed and a small imbalance study; saves
three figures to ``out/p06/`` and returns the headline numbers.
"""

from __future__ import annotations

import time
from pathlib import Path

from .experiment import (
    describe,
    imbalance_study,
    run_dataset,
    thyroid_dataset,
    transactions_dataset,
)
from .plots import save_figures
from .transactions import generate_transactions


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Run both datasets (seed 0), print and return the headline metrics, save figures.

    Figures go to ``out_dir`` when given, else to ``$M2M_OUT_DIR/p06`` or ``./out/p06``.
    """
    print("P06 · Fraud Detection MLP")
    start = time.perf_counter()
    table = generate_transactions(100_000, seed=0)
    gen_seconds = time.perf_counter() - start
    print(
        f"\nGenerator: 100,000 transactions in {gen_seconds * 1000:.0f} ms "
        f"({100_000 / gen_seconds / 1e6:.1f} M rows/s), {table.y.mean():.2%} fraud, "
        f"{table.X.shape[1]} features"
    )

    runs = []
    for data in (transactions_dataset(100_000, seed=0), thyroid_dataset(seed=0)):
        run = run_dataset(data, seed=0)
        runs.append(run)
        cfg = run.settings
        weight = "none" if run.pos_weight is None else f"{run.pos_weight:.3g}"
        print(
            f"\n{data.name}: {len(data.y_train)} train / {len(data.y_val)} val / "
            f"{len(data.y_test)} test rows, {data.y_test.mean():.2%} positive in test; "
            f"MLP {data.X_train.shape[1]}-{'-'.join(map(str, cfg['hidden']))}-1, "
            f"{cfg['epochs']} epochs, batch {cfg['batch_size']}, Adam lr {cfg['lr']:g}, "
            f"pos_weight {weight}"
        )
        print("\n".join(describe(run)))

    study_data = runs[0].data
    print(f"\nImbalance study (MLP on {study_data.name}, same settings otherwise):")
    study = imbalance_study(study_data, seed=0)
    for name, model in study.items():
        op = model.operating
        print(
            f"  {name:<26} test AP {model.test_ap:.4f}   recall at 90 % precision "
            f"{op['test_recall']:.3f} (test precision {op['test_precision']:.3f})"
        )

    saved = save_figures(runs, out_dir)
    print("\nFigures: " + ", ".join(str(p) for p in saved.values()))

    tr, th = runs
    return {
        "generator_ms_per_100k": round(gen_seconds * 1000, 1),
        "transactions_fraud_rate": round(float(table.y.mean()), 4),
        "transactions_mlp_ap": round(tr.mlp.test_ap, 4),
        "transactions_logistic_ap": round(tr.baseline.test_ap, 4),
        "transactions_mlp_recall_at_90": round(tr.mlp.operating["test_recall"], 4),
        "transactions_logistic_recall_at_90": round(tr.baseline.operating["test_recall"], 4),
        "transactions_mlp_threshold": round(tr.mlp.operating["threshold"], 4),
        "thyroid_mlp_ap": round(th.mlp.test_ap, 4),
        "thyroid_logistic_ap": round(th.baseline.test_ap, 4),
        "thyroid_mlp_recall_at_90": round(th.mlp.operating["test_recall"], 4),
        "thyroid_logistic_recall_at_90": round(th.baseline.operating["test_recall"], 4),
        "thyroid_mlp_threshold": round(th.mlp.operating["threshold"], 4),
    }
