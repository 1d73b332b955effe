"""Task 1 · numerical gradients, relative error, gradient check (shared/gradcheck.py)."""

from __future__ import annotations

import re

import numpy as np
import pytest


def _smooth(x):
    """f(x) = sum(exp(sin x)); its gradient is exp(sin x) * cos x."""
    return np.sum(np.exp(np.sin(x)))


def _smooth_grad(x):
    return np.exp(np.sin(x)) * np.cos(x)


@pytest.mark.task(1)
@pytest.mark.points(2)
def test_central_difference_error_shrinks_like_h_squared():
    from shared.gradcheck import numerical_gradient

    # Truncation error of central differences is h^2/6 * f'''(x) + O(h^4); round-off is
    # about machine_eps * |f| / h. For h in [1e-3, 1e-1] and |f| ~ 3 the round-off
    # (< 1e-12) is five orders of magnitude below the truncation error (> 1e-7), so the
    # log-log slope measures the truncation order: 2 for central differences (a forward
    # difference would give 1). The O(h^4) term bends the line by a few percent at
    # h = 0.1, hence the tolerance of 0.15 on the slope.
    x = np.array([0.3, 1.1, -0.7, 2.0])
    hs = np.array([1e-1, 3e-2, 1e-2, 3e-3, 1e-3])
    errors = np.array(
        [np.max(np.abs(numerical_gradient(_smooth, x, h=h) - _smooth_grad(x))) for h in hs]
    )
    slope = np.polyfit(np.log(hs), np.log(errors), 1)[0]
    assert slope == pytest.approx(2.0, abs=0.15), (
        f"the error of your numerical gradient shrinks like h^{slope:.2f}; central "
        "differences (f(x+h) - f(x-h)) / 2h shrink like h^2"
    )
    ratio = errors[2] / errors[4]  # h = 1e-2 against h = 1e-3
    assert 70 < ratio < 130, (
        f"dividing h by 10 divided the error by {ratio:.1f}; central differences give ~100"
    )


@pytest.mark.task(1)
def test_numerical_gradient_leaves_x_unchanged_and_handles_any_array():
    from shared.gradcheck import numerical_gradient

    base = np.arange(12, dtype=np.float64).reshape(3, 4) / 7.0
    view = base.T  # (4, 3), not C-contiguous
    assert not view.flags.c_contiguous, "test setup: base.T must be a non-contiguous view"
    before = base.copy()
    weights = np.linspace(-1.0, 1.0, 12).reshape(4, 3)
    got = numerical_gradient(lambda z: np.sum(weights * z**2), view)
    assert got.shape == (4, 3), f"the gradient must have x's shape (4, 3), got {got.shape}"
    np.testing.assert_allclose(
        got,
        2 * weights * view,
        rtol=1e-7,
        atol=1e-9,
        err_msg="gradient of sum(w * x^2) on a transposed view",
    )
    np.testing.assert_array_equal(
        base, before, err_msg="numerical_gradient changed x: restore every perturbed entry"
    )
    x3 = np.linspace(-1, 1, 24).reshape(2, 3, 4)
    np.testing.assert_allclose(
        numerical_gradient(lambda z: np.sum(np.sin(z)), x3),
        np.cos(x3),
        rtol=1e-8,
        err_msg="gradient of sum(sin x) on a (2, 3, 4) array",
    )
    # float32 input: the gradient is still computed in float64 (h = 1e-5 is far below
    # float32's resolution near 1, so perturbing a float32 array would give garbage).
    x32 = np.array([1.0, 2.0], dtype=np.float32)
    got = numerical_gradient(lambda z: np.sum(np.asarray(z, dtype=np.float64) ** 2), x32)
    assert got.dtype == np.float64, f"the gradient must be float64, got {got.dtype}"
    np.testing.assert_allclose(
        got, [2.0, 4.0], rtol=1e-8, err_msg="a float32 x must be differentiated in float64"
    )
    np.testing.assert_array_equal(
        x32, [1.0, 2.0], err_msg="numerical_gradient changed the float32 x it was given"
    )


@pytest.mark.task(1)
def test_numerical_gradient_rejects_bad_input():
    from shared.gradcheck import numerical_gradient

    x = np.array([1.0, 2.0])
    with pytest.raises(ValueError, match=r"\bh\b"):
        numerical_gradient(lambda z: np.sum(z), x, h=0.0)
    with pytest.raises(ValueError, match="scalar"):
        numerical_gradient(lambda z: z * 2, x)
    with pytest.raises(ValueError, match=r"(?i)inf|finite"):
        # f is infinite left of 0, so f(x - h e_0) at x0 = 0 is not finite
        numerical_gradient(lambda z: np.inf if z[0] < 0 else float(np.sum(z)), np.zeros(2))


@pytest.mark.task(1)
def test_max_relative_error_by_hand():
    from shared.gradcheck import max_relative_error

    # |1 - 1.1| / 1.1 = 0.0909..., |-2 - (-2)| / 2 = 0, |0 - 1e-9| / max(1e-9, 1e-8) = 0.1
    a = np.array([1.0, -2.0, 0.0])
    b = np.array([1.1, -2.0, 1e-9])
    assert max_relative_error(a, b) == pytest.approx(0.1, rel=1e-9), (
        "expected max(0.1/1.1, 0, 1e-9/max(1e-9, floor=1e-8)) = 0.1"
    )
    assert max_relative_error(a, b, floor=1e-12) == pytest.approx(1.0, rel=1e-9), (
        "with floor 1e-12, |0 - 1e-9| / 1e-9 = 1"
    )
    assert max_relative_error(np.zeros(3), np.zeros(3)) == 0.0, (
        "two zero arrays agree exactly: expected 0.0 (the floor keeps 0 / 0 away), "
        f"got {max_relative_error(np.zeros(3), np.zeros(3))}"
    )
    assert max_relative_error(np.array([1.0]), np.array([np.nan])) > 1.0, (
        "a NaN must never look like a small error"
    )
    with pytest.raises(ValueError, match=r"\(3,\).*\(2, 2\)|\(2, 2\).*\(3,\)"):
        max_relative_error(np.zeros(3), np.zeros((2, 2)))


@pytest.mark.task(1)
def test_gradcheck_message_names_the_worst_entry():
    from shared.gradcheck import GradcheckError, gradcheck

    x = np.array([0.5, -1.5, 2.0, 1.0])
    right = 3 * x**2
    wrong = right.copy()
    wrong[2] = right[2] * 1.5  # 18 instead of 12: relative error 1/3 at index 2
    wrong[0] = right[0] * 1.01  # a smaller slip elsewhere

    def cube(z):
        return np.sum(z**3)

    assert gradcheck(cube, x, right) <= 1e-6, (
        "with the exact gradient 3 x^2, gradcheck must return an error <= 1e-6, "
        f"got {gradcheck(cube, x, right)}"
    )
    with pytest.raises(GradcheckError, match=r"\(2,\)|\[2\]|index 2\b") as info:
        gradcheck(cube, x, wrong, tol=1e-4)
    message = str(info.value)
    assert re.search(r"\(2,\)|\[2\]|index 2\b", message), (
        f"the message should name the worst index 2: {message!r}"
    )
    assert "18" in message and "12" in message, (
        f"the message should give the analytic (18) and numerical (12) values: {message!r}"
    )
    numbers = [float(n) for n in re.findall(r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?", message)]
    assert any(abs(n - 1e-4) <= 1e-12 for n in numbers), (
        f"the message should state the tolerance 1e-4 (in any number format): {message!r}"
    )
    assert issubclass(GradcheckError, AssertionError), (
        f"GradcheckError (given) must stay a subclass of AssertionError, "
        f"its bases are {GradcheckError.__bases__}"
    )
    with pytest.raises(ValueError, match=r"(?i)shape"):
        gradcheck(cube, x, right[:3])
    x = np.array([1.0, 2.0])
    analytic = np.array([2.0 * (1 + 1e-8), 4.0])  # true gradient of sum(x^2) is (2, 4)
    error = gradcheck(lambda z: np.sum(z**2), x, analytic)
    assert error == pytest.approx(1e-8, rel=1e-2), (
        f"gradcheck should return the max relative error (about 1e-8 here), got {error!r}"
    )
