"""P02 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p02`` or ``python -m pytest tests/p02_gradient_descent``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytestmark = pytest.mark.public

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- Task 1 · gradients


@pytest.mark.task(1)
def test_numerical_gradient_matches_a_known_gradient():
    from shared.gradcheck import numerical_gradient

    # f(x) = sum(x^3) + x0 * x1 has gradient (3 x0^2 + x1, 3 x1^2 + x0, 3 x2^2).
    x = np.array([0.5, -1.0, 2.0])
    expected = np.array([3 * 0.25 - 1.0, 3 * 1.0 + 0.5, 3 * 4.0])
    got = numerical_gradient(lambda z: np.sum(z**3) + z[0] * z[1], x)
    assert got.shape == x.shape, f"the gradient must have x's shape {x.shape}, got {got.shape}"
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-8,
        err_msg="central differences of sum(x^3) + x0*x1 at (0.5, -1, 2) are (-0.25, 3.5, 12)",
    )


@pytest.mark.task(1)
def test_gradcheck_accepts_the_right_gradient_and_rejects_a_wrong_one():
    from shared.gradcheck import GradcheckError, gradcheck

    x = np.array([[1.0, -2.0], [0.5, 3.0]])

    def f(z):
        return np.sum(z**2)

    error = gradcheck(f, x, 2 * x)
    assert isinstance(error, float) and 0.0 <= error <= 1e-6, (
        f"gradcheck of the correct gradient 2x of sum(x^2) returned {error!r}; expected a "
        "float relative error <= tol"
    )
    wrong = 2 * x
    wrong[1, 0] = 7.0  # the right value is 1.0
    with pytest.raises(GradcheckError, match=r"\(1, 0\)"):
        gradcheck(f, x, wrong)


# ------------------------------------------------------- Task 2 · test functions


@pytest.mark.task(2)
def test_rosenbrock_by_hand():
    from projects.p02_gradient_descent import rosenbrock, rosenbrock_grad

    # At (-1.2, 1): a - x = 2.2, y - x^2 = 1 - 1.44 = -0.44
    #   f  = 2.2^2 + 100 * 0.44^2 = 4.84 + 19.36 = 24.2
    #   fx = -2 * 2.2 - 4 * 100 * (-1.2) * (-0.44) = -4.4 - 211.2 = -215.6
    #   fy = 2 * 100 * (-0.44) = -88
    p = np.array([-1.2, 1.0])
    assert float(rosenbrock(p)) == pytest.approx(24.2, rel=1e-12), "Rosenbrock(-1.2, 1) is 24.2"
    np.testing.assert_allclose(
        rosenbrock_grad(p),
        [-215.6, -88.0],
        rtol=1e-12,
        err_msg="the gradient of Rosenbrock at (-1.2, 1) is (-215.6, -88)",
    )
    np.testing.assert_allclose(
        rosenbrock_grad(np.array([1.0, 1.0])),
        [0.0, 0.0],
        atol=1e-12,
        err_msg="(1, 1) is the minimum: the gradient there must be 0",
    )


@pytest.mark.task(2)
def test_analytic_gradients_match_central_differences():
    import projects.p02_gradient_descent as p02

    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    pairs = {
        "quadratic": (lambda p: p02.quadratic(p, A), lambda p: p02.quadratic_grad(p, A)),
        "rosenbrock": (p02.rosenbrock, p02.rosenbrock_grad),
        "himmelblau": (p02.himmelblau, p02.himmelblau_grad),
        "saddle": (p02.saddle, p02.saddle_grad),
    }
    h = 1e-6
    for name, (f, grad) in pairs.items():
        for p in ([0.3, -0.7], [-1.5, 2.0], [2.5, 1.25]):
            p = np.array(p)
            numeric = np.array(
                [(float(f(p + h * e)) - float(f(p - h * e))) / (2 * h) for e in np.eye(2)]
            )
            np.testing.assert_allclose(
                grad(p),
                numeric,
                rtol=1e-6,
                atol=1e-5,
                err_msg=f"{name}_grad at {p} disagrees with central differences of {name}",
            )


# --------------------------------------------------------- Task 3 · update rules


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_adam_first_three_steps_by_hand():
    from shared.optim import adam_step

    # lr = 0.1, beta1 = 0.9, beta2 = 0.999; first coordinate starts at 1 and sees the
    # gradients 2, -1, 4:
    # t=1: m = 0.1*2 = 0.2           v = 0.001*4 = 0.004
    #      m_hat = 0.2/0.1 = 2       v_hat = 0.004/0.001 = 4      step = 0.1*2/2 = 0.1
    #      p = 0.9
    # t=2: m = 0.9*0.2 - 0.1 = 0.08  v = 0.999*0.004 + 0.001 = 0.004996
    #      m_hat = 0.08/0.19 = 0.4210526   v_hat = 0.004996/0.001999 = 2.4992496
    #      step = 0.1*0.4210526/1.5809015 = 0.0266337      p = 0.8733663
    # t=3: m = 0.9*0.08 + 0.4 = 0.472       v = 0.999*0.004996 + 0.016 = 0.020991004
    #      m_hat = 0.472/0.271 = 1.7416974  v_hat = 0.020991004/0.002997001 = 7.0040030
    #      step = 0.1*1.7416974/2.6465077 = 0.0658112      p = 0.8075551
    # The second coordinate starts at 0 with the gradients times -1000: Adam's step does
    # not depend on the gradient's scale, so it moves by the same amounts upwards.
    expected = [(0.9, 0.1), (0.8733663, 0.1266337), (0.8075551, 0.1924449)]
    grads = [np.array([2.0, -2000.0]), np.array([-1.0, 1000.0]), np.array([4.0, -4000.0])]
    params, state = np.array([1.0, 0.0]), {}
    for t, (g, want) in enumerate(zip(grads, expected, strict=True), start=1):
        params, state = adam_step(params, g, state, lr=0.1)
        np.testing.assert_allclose(
            params,
            want,
            atol=1e-7,
            err_msg=f"Adam after step {t}: expected {want}; check the bias correction "
            "m / (1 - beta1^t), v / (1 - beta2^t) with t counted from 1",
        )
        assert state["t"] == t, f"Adam's state['t'] should count steps: {t}, got {state['t']}"


# ---------------------------------------------------------- Task 4 · the descent


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_gd_on_a_quadratic_converges_below_2_over_lambda_max_and_diverges_above():
    from projects.p02_gradient_descent import minimize

    A = np.diag([4.0, 1.0])  # lambda_max = 4, so the critical learning rate is 2/4 = 0.5

    def f(p):
        return 0.5 * p @ A @ p

    def grad(p):
        return A @ p

    x0 = np.array([1.0, 1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning (overflow) would fail the test
        good = minimize(f, grad, x0, "sgd", 1000, tol=1e-8, lr=0.45)
        bad = minimize(f, grad, x0, "sgd", 1000, tol=1e-8, lr=0.55)
    assert good.converged and good.reason == "converged", (
        f"lr = 0.45 < 2/lambda_max = 0.5 must converge; got reason {good.reason!r}"
    )
    assert np.linalg.norm(grad(good.points[-1])) <= 1e-8, (
        "a converged run stops once ||grad|| <= tol = 1e-8; at its last point "
        f"||grad|| = {np.linalg.norm(grad(good.points[-1])):.3g}"
    )
    assert bad.diverged and bad.reason == "diverged", (
        f"lr = 0.55 > 2/lambda_max = 0.5 must be reported as diverged; got {bad.reason!r}"
    )
    assert np.all(np.isfinite(bad.points)) and np.all(np.isfinite(bad.losses)), (
        "a diverging run must stop before NaN or inf reach the trajectory"
    )
    assert bad.steps < 1000, "divergence must stop the loop early"


# --------------------------------------------------------- Task 5 · experiments


@pytest.mark.task(5)
def test_lr_sweep_finds_the_stability_limit():
    from projects.p02_gradient_descent import largest_stable_lr, lr_sweep

    A = np.diag([10.0, 0.5])  # 2 / lambda_max = 0.2

    def f(p):
        return 0.5 * p @ A @ p

    lrs = [0.3, 0.01, 0.05, 0.1, 0.15, 0.19, 0.21, 0.25]
    sweep = lr_sweep(f, lambda p: A @ p, np.array([1.0, -1.0]), "sgd", lrs, 400)
    np.testing.assert_allclose(sweep.lrs, sorted(lrs), err_msg="sweep.lrs must be sorted")
    np.testing.assert_array_equal(
        sweep.diverged,
        np.array(sorted(lrs)) > 0.2,
        err_msg="exactly the learning rates above 2/lambda_max = 0.2 should diverge",
    )
    assert largest_stable_lr(sweep) == pytest.approx(0.19), (
        "the largest stable learning rate in this sweep is 0.19, just below 2/lambda_max"
    )


# ------------------------------------------------------------- Task 6 · pictures


@pytest.mark.task(6)
def test_contour_plot_and_gif_are_written(tmp_path):
    from projects.p02_gradient_descent import Objective, Trajectory, animate_descent, plot_landscape
    from shared.plotting import save_animation, save_figure

    bowl = Objective(
        name="bowl",
        f=lambda p: p[..., 0] ** 2 + 4 * p[..., 1] ** 2,
        grad=lambda p: np.stack([2 * p[..., 0], 8 * p[..., 1]], axis=-1),
        start=(-2.0, 1.0),
        minima=((0.0, 0.0),),
        f_min=0.0,
        bounds=((-3, 3), (-2, 2)),
    )
    points = np.array([[-2.0, 1.0], [-1.0, -0.5], [-0.5, 0.25], [0.0, 0.0]])
    run = Trajectory(points, bowl.f(points), 3, True, False, "converged")
    png = save_figure(
        plot_landscape(bowl, {"gd": run}, resolution=40), "p02", "paths.png", tmp_path
    )
    assert png.read_bytes()[:8] == PNG_SIGNATURE, "plot_landscape's figure is not a valid PNG"
    gif = save_animation(
        animate_descent(bowl, {"gd": run}, frames=3, resolution=30),
        "p02",
        "descent.gif",
        tmp_path,
        fps=5,
    )
    assert gif.read_bytes()[:6] == b"GIF89a", "the animation must save as a GIF89a file"
