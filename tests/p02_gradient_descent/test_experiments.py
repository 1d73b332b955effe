"""Task 5 · experiments (experiments.py): lr sweeps, the stability limit, the theory."""

from __future__ import annotations

import numpy as np
import pytest


def _quadratic(A):
    return (lambda p: 0.5 * p @ A @ p), (lambda p: A @ p)


@pytest.mark.task(5)
def test_contraction_factor_by_hand():
    from projects.p02_gradient_descent import contraction_factor

    A = np.diag([4.0, 1.0])
    # max(|1 - 0.1*4|, |1 - 0.1*1|) = max(0.6, 0.9) = 0.9
    assert contraction_factor(A, 0.1) == pytest.approx(0.9), (
        f"eigenvalues 4 and 1, lr 0.1: expected 0.9, got {contraction_factor(A, 0.1)}"
    )
    # max(|1 - 0.4*4|, |1 - 0.4|) = max(0.6, 0.6) = 0.6: the best fixed step 2/(4+1)
    assert contraction_factor(A, 0.4) == pytest.approx(0.6), (
        f"eigenvalues 4 and 1, lr 0.4: expected 0.6, got {contraction_factor(A, 0.4)}"
    )
    # lr = 0.6 > 2/4: |1 - 2.4| = 1.4 > 1, GD diverges
    assert contraction_factor(A, 0.6) == pytest.approx(1.4), (
        f"eigenvalues 4 and 1, lr 0.6: expected |1 - 2.4| = 1.4, got {contraction_factor(A, 0.6)}"
    )
    R = np.array([[0.6, -0.8], [0.8, 0.6]])  # a rotation: same eigenvalues, same answer
    assert contraction_factor(R @ A @ R.T, 0.1) == pytest.approx(0.9), (
        "a rotated A has the same eigenvalues, so lr 0.1 must give 0.9 again, "
        f"got {contraction_factor(R @ A @ R.T, 0.1)}"
    )
    with pytest.raises(ValueError, match="symmetric"):
        contraction_factor(np.array([[1.0, 2.0], [0.0, 1.0]]), 0.1)


@pytest.mark.task(5)
def test_gd_loss_falls_at_the_predicted_rate():
    from projects.p02_gradient_descent import contraction_factor, minimize

    # Eigenvalues 1 and 0.05 (condition 20) with the steep axis along (1, 1)/sqrt(2).
    A = np.array([[0.525, 0.475], [0.475, 0.525]])
    f, grad = _quadratic(A)
    for lr in (0.5, 1.0, 1.5):
        rho = contraction_factor(A, lr)
        run = minimize(f, grad, np.array([2.0, -1.0]), "sgd", 60, tol=0.0, lr=lr)
        # Late in the run the slowest eigen-direction dominates: loss_{t+1} / loss_t -> rho^2.
        ratio = run.losses[-1] / run.losses[-2]
        assert ratio == pytest.approx(rho**2, rel=1e-3), (
            f"lr {lr}: the loss fell by {ratio:.5f} per step; theory says rho^2 = {rho**2:.5f}"
        )


@pytest.mark.task(5)
def test_steps_to_tolerance_by_hand():
    from projects.p02_gradient_descent import steps_to_tolerance

    losses = np.array([5.0, 1.0, 0.5, 2.0, 0.1, 0.05, 0.02])
    # Within 0.6 of f_min = 0 at steps 2, 4, 5, 6, but step 3 (2.0) breaks the streak.
    assert steps_to_tolerance(losses, 0.0, 0.6) == 4, (
        "the loss stays within 0.6 of 0 from step 4 on (step 3 is 2.0), "
        f"got {steps_to_tolerance(losses, 0.0, 0.6)}"
    )
    assert steps_to_tolerance(losses, 0.0, 10.0) == 0, "already within tol at the start"
    assert steps_to_tolerance(losses, 0.0, 0.01) is None, "never within 0.01"
    assert steps_to_tolerance(losses + 3.0, 3.0, 0.6) == 4, "the gap is measured from f_min"
    assert steps_to_tolerance(np.array([1.0, 0.0, 0.5]), 0.0, 0.1) is None, (
        "the last loss is outside the tolerance: the run did not settle"
    )


@pytest.mark.task(5)
def test_lr_sweep_records_each_run():
    from projects.p02_gradient_descent import lr_sweep, minimize

    A = np.diag([2.0, 1.0])  # 2/lambda_max = 1
    f, grad = _quadratic(A)
    x0 = np.array([1.0, 1.0])
    lrs = [1.2, 0.5, 0.9, 0.05]
    sweep = lr_sweep(f, grad, x0, "momentum", lrs, 200, tol=1e-10, momentum=0.5)
    assert sweep.lrs.shape == sweep.final_loss.shape == sweep.steps.shape == (4,), (
        "4 learning rates give lrs, final_loss and steps of shape (4,), got "
        f"{sweep.lrs.shape}, {sweep.final_loss.shape} and {sweep.steps.shape}"
    )
    np.testing.assert_allclose(
        sweep.lrs, [0.05, 0.5, 0.9, 1.2], err_msg="lrs must be sorted increasing"
    )
    assert len(sweep.trajectories) == 4, (
        f"one trajectory per learning rate: expected 4, got {len(sweep.trajectories)}"
    )
    for k, lr in enumerate(sweep.lrs):
        alone = minimize(f, grad, x0, "momentum", 200, tol=1e-10, lr=lr, momentum=0.5)
        assert sweep.steps[k] == alone.steps, f"lr {lr}: steps differ from a single run"
        assert sweep.final_loss[k] == pytest.approx(alone.final_loss, rel=1e-12, abs=1e-300), (
            f"lr {lr}: final_loss {sweep.final_loss[k]} differs from a single run's "
            f"{alone.final_loss}"
        )
        assert sweep.converged[k] == alone.converged and sweep.diverged[k] == alone.diverged, (
            f"lr {lr}: (converged, diverged) = ({sweep.converged[k]}, {sweep.diverged[k]}) "
            f"differs from a single run's ({alone.converged}, {alone.diverged})"
        )
    with pytest.raises(ValueError, match=r"\blrs\b"):
        lr_sweep(f, grad, x0, "sgd", [], 10)
    with pytest.raises(ValueError, match=r"(?i)\blrs?\b|learning rate|-0\.1"):
        lr_sweep(f, grad, x0, "sgd", [0.1, -0.1], 10)


@pytest.mark.task(5)
def test_largest_stable_lr_brackets_2_over_lambda_max():
    from projects.p02_gradient_descent import bowl_matrix, largest_stable_lr, lr_sweep

    A = bowl_matrix(30.0, lambda_max=5.0)  # 2/lambda_max = 0.4
    f, grad = _quadratic(A)
    lrs = 0.4 * np.array([0.25, 0.5, 0.8, 0.97, 1.01, 1.03, 1.2, 2.0])
    sweep = lr_sweep(f, grad, np.array([1.0, 2.0]), "sgd", lrs, 300, tol=1e-9)
    # lr = 1.01 * 0.4 grows by only |1 - 2.02|^2 = 1.04 per step: not far enough to hit the
    # divergence threshold in 300 steps, but it ends above its start, so it is not stable.
    assert largest_stable_lr(sweep) == pytest.approx(0.4 * 0.97), (
        "the largest stable lr of this sweep is 0.97 * 2/lambda_max: runs that end above "
        "their starting loss are unstable even when they did not hit the divergence threshold"
    )
    all_bad = lr_sweep(f, grad, np.array([1.0, 2.0]), "sgd", [0.5, 1.0], 300)
    assert largest_stable_lr(all_bad) is None, "no stable lr in the sweep: return None"
