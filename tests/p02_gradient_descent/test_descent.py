"""Task 4 · the descent loop (descent.py): trajectories, convergence, divergence, budgets."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

# The brief's table: hyper-parameters and step budgets for Rosenbrock from (-1.2, 1); every
# rule must end within 1e-2 of the minimum (1, 1).
ROSENBROCK_BUDGETS = {
    "sgd": ({"lr": 1.5e-3}, 10_000),
    "momentum": ({"lr": 1e-3, "momentum": 0.9}, 2_000),
    "nesterov": ({"lr": 1e-3, "momentum": 0.9}, 2_000),
    "adagrad": ({"lr": 0.5}, 10_000),
    "rmsprop": ({"lr": 1e-3, "rho": 0.9}, 8_000),
    "adam": ({"lr": 0.05}, 2_000),
}


def _rosenbrock(p):
    return (1.0 - p[0]) ** 2 + 100.0 * (p[1] - p[0] ** 2) ** 2


def _rosenbrock_grad(p):
    return np.array(
        [-2.0 * (1.0 - p[0]) - 400.0 * p[0] * (p[1] - p[0] ** 2), 200.0 * (p[1] - p[0] ** 2)]
    )


def _bowl(condition):
    """Test-side bowl: eigenvalues 1 and 1/condition, steep axis at 30 degrees."""
    c, s = np.cos(np.pi / 6), np.sin(np.pi / 6)
    R = np.array([[c, -s], [s, c]])
    return R @ np.diag([1.0, 1.0 / condition]) @ R.T


@pytest.mark.task(4)
def test_trajectory_records_every_point():
    from projects.p02_gradient_descent import minimize

    A = np.diag([2.0, 0.5])
    x0 = np.array([1.0, 2.0])
    run = minimize(lambda p: 0.5 * p @ A @ p, lambda p: A @ p, x0, "sgd", 5, tol=0.0, lr=0.25)
    # GD on a diagonal quadratic multiplies each coordinate by (1 - lr * a_ii) per step:
    # x-coordinate by 1 - 0.5 = 0.5, y by 1 - 0.125 = 0.875.
    t = np.arange(6)[:, None]
    expected = x0 * np.array([0.5, 0.875]) ** t
    assert run.points.shape == (6, 2), (
        f"5 steps give 6 points (start included), got {run.points.shape}"
    )
    np.testing.assert_allclose(
        run.points, expected, rtol=1e-12, err_msg="points[t] must be the iterate after t GD steps"
    )
    np.testing.assert_allclose(
        run.losses,
        [0.5 * q @ A @ q for q in expected],
        rtol=1e-12,
        err_msg="losses[t] must be f(points[t])",
    )
    assert run.steps == 5 and run.reason == "max_steps", (
        "5 steps with tol=0 must end with steps == 5 and reason 'max_steps', "
        f"got steps={run.steps}, reason={run.reason!r}"
    )
    assert not run.converged and not run.diverged, (
        "a run stopped by the step budget is neither converged nor diverged, "
        f"got converged={run.converged}, diverged={run.diverged}"
    )
    np.testing.assert_array_equal(x0, [1.0, 2.0], err_msg="minimize must not modify x0")


@pytest.mark.task(4)
def test_convergence_stops_at_the_gradient_tolerance():
    from projects.p02_gradient_descent import minimize

    A = _bowl(10.0)
    run = minimize(
        lambda p: 0.5 * p @ A @ p,
        lambda p: A @ p,
        np.array([3.0, -2.0]),
        "sgd",
        10_000,
        tol=1e-6,
        lr=1.0,
    )
    assert run.converged and run.reason == "converged" and not run.diverged, (
        "GD with lr 1 on a condition-10 bowl must converge; got "
        f"converged={run.converged}, reason={run.reason!r}, diverged={run.diverged}"
    )
    assert np.linalg.norm(A @ run.points[-1]) <= 1e-6, "stop once ||grad|| <= tol"
    assert np.linalg.norm(A @ run.points[-2]) > 1e-6, "... and not a step later than needed"
    assert run.steps == len(run.points) - 1 == len(run.losses) - 1, (
        "points and losses hold one entry per step plus the start; got "
        f"steps={run.steps}, {len(run.points)} points, {len(run.losses)} losses"
    )
    # Starting at the minimum: zero steps, converged.
    still = minimize(lambda p: 0.5 * p @ A @ p, lambda p: A @ p, np.zeros(2), "adam", 10, lr=0.1)
    assert still.converged and still.steps == 0 and still.points.shape == (1, 2), (
        "starting at the minimum, minimize must converge after 0 steps with points of shape "
        f"(1, 2); got converged={still.converged}, steps={still.steps}, "
        f"points shape {still.points.shape}"
    )


@pytest.mark.task(4)
def test_stability_boundary_on_an_ill_conditioned_bowl():
    from projects.p02_gradient_descent import minimize

    A = _bowl(50.0)  # lambda_max = 1: GD is stable exactly for lr < 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow's RuntimeWarning fails the test
        runs = {
            lr: minimize(
                lambda p: 0.5 * p @ A @ p,
                lambda p: A @ p,
                np.array([-4.0, 3.0]),
                "sgd",
                2_000,
                tol=1e-8,
                lr=lr,
            )
            for lr in (1.9, 2.1, 3.0, 50.0)
        }
    assert runs[1.9].converged, f"lr 1.9 < 2/lambda_max must converge, got {runs[1.9].reason}"
    for lr in (2.1, 3.0, 50.0):
        run = runs[lr]
        assert run.diverged and run.reason == "diverged", (
            f"lr {lr} > 2/lambda_max must be reported as diverged, got {run.reason!r}"
        )
        assert np.all(np.isfinite(run.points)) and np.all(np.isfinite(run.losses)), (
            f"lr {lr}: a diverged run must keep only finite points and losses, got "
            f"{np.sum(~np.isfinite(run.points))} non-finite points and "
            f"{np.sum(~np.isfinite(run.losses))} non-finite losses"
        )


@pytest.mark.task(4)
def test_divergence_is_reported_without_warnings_or_nan():
    from projects.p02_gradient_descent import minimize

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow's RuntimeWarning fails the test
        # Rosenbrock with a huge step: the quartic term overflows within a few steps.
        wild = minimize(_rosenbrock, _rosenbrock_grad, np.array([-1.2, 1.0]), "sgd", 1_000, lr=10.0)
        # The saddle x^2 - y^2 is unbounded below: GD escapes along y and grows by 1.2 per
        # step, reaching float overflow (y^2 > 1.8e308) in about 2,000 steps.
        saddle = minimize(
            lambda p: p[0] ** 2 - p[1] ** 2,
            lambda p: np.array([2 * p[0], -2 * p[1]]),
            np.array([-2.0, 1e-3]),
            "sgd",
            20_000,
            lr=0.1,
        )
    for name, run in (("Rosenbrock, lr = 10", wild), ("saddle", saddle)):
        assert run.diverged and run.reason == "diverged", (
            f"{name}: expected reason 'diverged', got {run.reason!r}"
        )
        assert np.all(np.isfinite(run.points)), f"{name}: the trajectory holds inf or NaN"
        assert np.all(np.isfinite(run.losses)), f"{name}: the losses hold inf or NaN"
    assert saddle.steps < 20_000, (
        f"the saddle run must be stopped as diverged before its 20,000-step budget, "
        f"got {saddle.steps} steps"
    )
    assert abs(saddle.points[-1, 0]) < 1e-6, "the saddle run slides to x = 0 while escaping in y"


@pytest.mark.task(4)
def test_momentum_beats_plain_gd_on_an_ill_conditioned_bowl():
    from projects.p02_gradient_descent import minimize

    A = _bowl(100.0)  # condition number 100
    x0 = np.array([-4.0, 3.0])
    gd = minimize(lambda p: 0.5 * p @ A @ p, lambda p: A @ p, x0, "sgd", 5_000, tol=1e-6, lr=1.0)
    heavy = minimize(
        lambda p: 0.5 * p @ A @ p,
        lambda p: A @ p,
        x0,
        "momentum",
        5_000,
        tol=1e-6,
        lr=1.0,
        momentum=0.9,
    )
    assert gd.converged and heavy.converged, (
        "both runs must converge within 5,000 steps; got plain GD "
        f"{gd.reason!r} and momentum {heavy.reason!r}"
    )
    # GD's slow direction shrinks by 1 - 1/100 per step; heavy ball's by about sqrt(0.9).
    assert heavy.steps < 0.5 * gd.steps, (
        f"momentum took {heavy.steps} steps and plain GD {gd.steps}; on a condition-100 "
        "bowl momentum should need less than half as many"
    )


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_every_rule_reaches_rosenbrocks_minimum_within_its_budget():
    from projects.p02_gradient_descent import minimize

    misses = []
    for rule, (hyper, budget) in ROSENBROCK_BUDGETS.items():
        run = minimize(
            _rosenbrock, _rosenbrock_grad, np.array([-1.2, 1.0]), rule, budget, tol=1e-6, **hyper
        )
        distance = float(np.linalg.norm(run.points[-1] - 1.0))
        if run.diverged or run.steps > budget or not distance <= 1e-2:
            misses.append(
                f"{rule} {hyper}: ended {distance:.3g} from (1, 1) after "
                f"{run.steps} steps ({run.reason}), budget {budget}"
            )
    assert not misses, (
        "every rule should end within 1e-2 of (1, 1) inside its budget; these did not:\n"
        + "\n".join(misses)
    )


@pytest.mark.task(4)
def test_himmelblau_descent_finds_the_minimum_at_3_2():
    import projects.p02_gradient_descent as p02

    run = p02.minimize(
        p02.himmelblau, p02.himmelblau_grad, np.zeros(2), "sgd", 1_000, tol=1e-8, lr=0.01
    )
    assert run.converged, (
        "GD from (0, 0) with lr 0.01 must converge on Himmelblau within 1,000 steps; "
        f"got {run.reason!r} after {run.steps} steps"
    )
    np.testing.assert_allclose(
        run.points[-1],
        [3.0, 2.0],
        atol=1e-7,
        err_msg="GD from (0, 0) with lr 0.01 lands on the minimum (3, 2)",
    )


@pytest.mark.task(4)
def test_minimize_accepts_a_custom_rule_and_rejects_bad_arguments():
    from projects.p02_gradient_descent import minimize

    calls = []

    def half_step(params, grads, state, *, lr):
        calls.append(state.get("n", 0))
        return params - 0.5 * lr * grads, {"n": state.get("n", 0) + 1}

    run = minimize(
        lambda p: float(p @ p), lambda p: 2 * p, np.array([1.0, 1.0]), half_step, 3, tol=0.0, lr=0.5
    )
    assert calls == [0, 1, 2], "the state returned by one step must be passed to the next"
    np.testing.assert_allclose(
        run.points[-1],
        [0.5**3, 0.5**3],
        err_msg="the custom rule halves the point each step: (1, 1) * 0.5^3 after 3 steps",
    )
    with pytest.raises(ValueError, match="rule"):
        minimize(lambda p: float(p @ p), lambda p: 2 * p, np.ones(2), "newton", 3, lr=0.1)
    with pytest.raises(ValueError, match="steps"):
        minimize(lambda p: float(p @ p), lambda p: 2 * p, np.ones(2), "sgd", -1, lr=0.1)
