"""Task 3 · the six update rules (shared/optim.py): values by hand, purity, validation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

RULES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
LR = {"sgd": 0.1, "momentum": 0.1, "nesterov": 0.1, "adagrad": 0.1, "rmsprop": 0.01, "adam": 0.01}


def _rule(name):
    import shared.optim as optim

    return getattr(optim, f"{name}_step")


def _run(name, params, grads_seq, **hyper):
    step = _rule(name)
    state = {}
    out = []
    for g in grads_seq:
        params, state = step(params, np.asarray(g, dtype=np.float64), state, **hyper)
        out.append(np.array(params))
    return out, state


@pytest.mark.task(3)
def test_sgd_by_hand():
    (p1, p2), _ = _run("sgd", np.array([1.0, -1.0]), [[1.0, 2.0], [1.0, -2.0]], lr=0.1)
    np.testing.assert_allclose(p1, [0.9, -1.2], err_msg="p - lr*g = (1 - 0.1, -1 - 0.2)")
    np.testing.assert_allclose(p2, [0.8, -1.0], err_msg="second SGD step: (0.9 - 0.1, -1.2 + 0.2)")


@pytest.mark.task(3)
def test_momentum_by_hand():
    # lr = 0.1, mu = 0.9, g1 = (1, 2), g2 = (1, -2), p0 = (1, -1)
    # v1 = g1 = (1, 2)                          p1 = p0 - 0.1 v1 = (0.9, -1.2)
    # v2 = 0.9 (1, 2) + (1, -2) = (1.9, -0.2)    p2 = p1 - 0.1 v2 = (0.71, -1.18)
    (p1, p2), state = _run(
        "momentum", np.array([1.0, -1.0]), [[1.0, 2.0], [1.0, -2.0]], lr=0.1, momentum=0.9
    )
    np.testing.assert_allclose(p1, [0.9, -1.2], err_msg="first heavy-ball step: v = g")
    np.testing.assert_allclose(
        p2, [0.71, -1.18], err_msg="second heavy-ball step: v = 0.9 v + g; p -= lr v"
    )


@pytest.mark.task(3)
def test_nesterov_by_hand():
    # lr = 0.1, mu = 0.9, g1 = (1, 2), g2 = (1, -2), p0 = (1, -1)
    # v1 = (1, 2);      p1 = p0 - 0.1 (g1 + 0.9 v1) = (1, -1) - 0.1 (1.9, 3.8) = (0.81, -1.38)
    # v2 = (1.9, -0.2); p2 = p1 - 0.1 ((1, -2) + (1.71, -0.18)) = (0.539, -1.162)
    (p1, p2), _ = _run(
        "nesterov", np.array([1.0, -1.0]), [[1.0, 2.0], [1.0, -2.0]], lr=0.1, momentum=0.9
    )
    np.testing.assert_allclose(p1, [0.81, -1.38], err_msg="first Nesterov step")
    np.testing.assert_allclose(p2, [0.539, -1.162], err_msg="second Nesterov step")


@pytest.mark.task(3)
def test_nesterov_iterates_are_the_look_ahead_points_of_the_classic_form():
    from shared.optim import nesterov_step

    # Classic Nesterov (Sutskever et al. 2013): v <- mu v - lr grad(theta + mu v);
    # theta <- theta + v. Its look-ahead points phi = theta + mu v are exactly the
    # iterates of the rule that evaluates the gradient at the current point.
    A = np.array([[3.0, 1.0], [1.0, 0.5]])
    lr, mu = 0.2, 0.8
    theta, v = np.array([2.0, -1.0]), np.zeros(2)
    p, state = theta.copy(), {}
    for t in range(15):
        v = mu * v - lr * (A @ (theta + mu * v))
        theta = theta + v
        p, state = nesterov_step(p, A @ p, state, lr=lr, momentum=mu)
        np.testing.assert_allclose(
            p,
            theta + mu * v,
            rtol=1e-10,
            atol=1e-12,
            err_msg=f"step {t + 1}: nesterov_step must equal classic Nesterov's look-ahead "
            "point theta + mu v",
        )


@pytest.mark.task(3)
def test_adagrad_by_hand():
    # lr = 0.1, p0 = (1, -1), g1 = (3, 4), g2 = (4, 3)
    # s1 = (9, 16):  p1 = (1 - 0.1*3/3, -1 - 0.1*4/4) = (0.9, -1.1)
    # s2 = (25, 25): p2 = (0.9 - 0.1*4/5, -1.1 - 0.1*3/5) = (0.82, -1.16)
    (p1, p2), _ = _run("adagrad", np.array([1.0, -1.0]), [[3.0, 4.0], [4.0, 3.0]], lr=0.1)
    np.testing.assert_allclose(p1, [0.9, -1.1], atol=1e-8, err_msg="first AdaGrad step")
    np.testing.assert_allclose(
        p2,
        [0.82, -1.16],
        atol=1e-8,
        err_msg="second AdaGrad step: s accumulates g^2 = (9+16, 16+9)",
    )


@pytest.mark.task(3)
def test_rmsprop_by_hand():
    # lr = 0.01, rho = 0.9, p0 = (1, -1), g1 = (1, -2), g2 = (2, 0)
    # s1 = 0.1 (1, 4) = (0.1, 0.4)
    #   step = 0.01 (1/sqrt(0.1), -2/sqrt(0.4)) = (0.0316228, -0.0316228)
    #   p1 = (0.9683772, -0.9683772)
    # s2 = 0.9 (0.1, 0.4) + 0.1 (4, 0) = (0.49, 0.36)
    #   step = 0.01 (2/0.7, 0/0.6) = (0.0285714, 0)
    #   p2 = (0.9398058, -0.9683772)
    (p1, p2), _ = _run(
        "rmsprop", np.array([1.0, -1.0]), [[1.0, -2.0], [2.0, 0.0]], lr=0.01, rho=0.9
    )
    np.testing.assert_allclose(
        p1,
        [0.9683772, -0.9683772],
        atol=1e-7,
        err_msg="first RMSProp step: s starts at 0, s = 0.1 g^2",
    )
    np.testing.assert_allclose(
        p2, [0.9398058, -0.9683772], atol=1e-7, err_msg="second RMSProp step: s = 0.9 s + 0.1 g^2"
    )


@pytest.mark.task(3)
def test_rules_are_pure():
    for name in RULES:
        _check_pure(name)


def _check_pure(name):
    step = _rule(name)
    rng = np.random.default_rng(3)
    params = rng.normal(size=(3, 4))
    grads = rng.normal(size=(3, 4))
    p_copy, g_copy = params.copy(), grads.copy()
    empty = {}
    new_params, state = step(params, grads, empty, lr=LR[name])
    assert empty == {}, (
        f"{name} added keys to the state dict it was given; build and return a new dict"
    )
    assert new_params.shape == (3, 4), f"{name}: new params must keep the shape (3, 4)"
    assert new_params is not params, (
        f"{name} returned the params array it was given; return a new array"
    )
    np.testing.assert_array_equal(params, p_copy, err_msg=f"{name} modified params in place")
    np.testing.assert_array_equal(grads, g_copy, err_msg=f"{name} modified grads in place")
    assert isinstance(state, dict), (
        f"{name} must return (params, state) with state a dict, got {type(state).__name__}"
    )
    # A second step from a snapshot of the state must not change the snapshot.
    snapshot = {k: np.array(v, copy=True) for k, v in state.items()}
    frozen = {k: np.array(v, copy=True) for k, v in state.items()}
    again_1, _ = step(new_params, grads, snapshot, lr=LR[name])
    again_2, _ = step(new_params, grads, snapshot, lr=LR[name])
    assert sorted(snapshot) == sorted(frozen), f"{name} changed the keys of the given state"
    for k in frozen:
        np.testing.assert_array_equal(
            snapshot[k], frozen[k], err_msg=f"{name} modified state[{k!r}] in place"
        )
    np.testing.assert_array_equal(
        again_1, again_2, err_msg=f"{name}: the same inputs must give the same step"
    )
    # The returned state must not share memory with the caller's grads.
    grads += 1.0
    for k, v in state.items():
        if isinstance(v, np.ndarray):
            assert not np.shares_memory(v, grads), f"{name}: state[{k!r}] aliases grads"


@pytest.mark.task(3)
def test_rules_reject_bad_hyper_parameters():
    from shared.optim import adam_step, momentum_step, nesterov_step, rmsprop_step

    p, g = np.zeros(2), np.ones(2)
    for name in RULES:
        step = _rule(name)
        with pytest.raises(ValueError, match="lr"):
            step(p, g, {}, lr=-0.1)
        with pytest.raises(ValueError, match="shape"):
            step(p, np.ones(3), {}, lr=0.1)

    with pytest.raises(ValueError, match="momentum"):
        momentum_step(p, g, {}, lr=0.1, momentum=1.0)
    with pytest.raises(ValueError, match="momentum"):
        nesterov_step(p, g, {}, lr=0.1, momentum=-0.5)
    with pytest.raises(ValueError, match="rho"):
        rmsprop_step(p, g, {}, lr=0.1, rho=1.5)
    with pytest.raises(ValueError, match="beta2"):
        adam_step(p, g, {}, lr=0.1, beta2=1.0)


@pytest.mark.task(3)
@settings(max_examples=50)
@given(scale=st.floats(min_value=1e-3, max_value=1e3), sign=st.sampled_from([-1.0, 1.0]))
def test_adam_first_step_is_lr_times_the_sign(scale, sign):
    from shared.optim import adam_step

    # With bias correction, m_hat = g and v_hat = g^2 on step 1, so the step is
    # lr * g / (|g| + eps): lr in the gradient's direction, whatever its size.
    g = np.array([sign * scale, -2.0 * scale])
    p, state = adam_step(np.zeros(2), g, {}, lr=0.05)
    np.testing.assert_allclose(
        p, -0.05 * np.sign(g), rtol=1e-5, err_msg="Adam's first step must be -lr * sign(g)"
    )
    assert state["t"] == 1, f"Adam's step counter after one step: expected t = 1, got {state['t']}"


@pytest.mark.task(3)
def test_every_first_step_moves_against_the_gradient():
    from shared.optim import UPDATE_RULES

    assert sorted(UPDATE_RULES) == sorted(RULES), (
        f"UPDATE_RULES must hold exactly the rules {sorted(RULES)}, got {sorted(UPDATE_RULES)}"
    )
    p, g = np.array([1.0, -1.0]), np.array([0.5, -0.25])
    for name in RULES:
        new, _ = UPDATE_RULES[name](p, g, {}, lr=0.1)
        np.testing.assert_array_equal(
            np.sign(p - new),
            np.sign(g),
            err_msg=f"{name}: from an empty state, each coordinate must move against its gradient",
        )
