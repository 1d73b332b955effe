"""Task 4 · optimizer classes (shared/optim.py) on P02's update rules, and an MLP that
solves XOR with tasks 2-4 only."""

from __future__ import annotations

import numpy as np
import pytest


def _param(values, grad=None):
    from shared.nn import Parameter

    p = Parameter(np.array(values, dtype=np.float64))
    if grad is not None:
        p.grad = np.array(grad, dtype=np.float64)
    return p


@pytest.mark.task(4)
def test_sgd_momentum_and_nesterov_match_the_pure_rules():
    from shared.optim import SGD, momentum_step, nesterov_step

    rng = np.random.default_rng(0)
    grads = [rng.normal(size=3) for _ in range(4)]
    for nesterov, rule in ((False, momentum_step), (True, nesterov_step)):
        p = _param(np.ones(3))
        opt = SGD([p], lr=0.1, momentum=0.9, nesterov=nesterov)
        ref, state = np.ones(3), {}
        for g in grads:
            p.grad = g.copy()
            opt.step()
            ref, state = rule(ref, g, state, lr=0.1, momentum=0.9)
        np.testing.assert_allclose(
            p.data,
            ref,
            rtol=1e-12,
            err_msg=(f"SGD(momentum=0.9, nesterov={nesterov}) must follow P02's {rule.__name__}"),
        )


@pytest.mark.task(4)
def test_nesterov_by_hand():
    from shared.optim import SGD

    p = _param([1.0], [1.0])
    opt = SGD([p], lr=0.1, momentum=0.5, nesterov=True)
    opt.step()  # v = 1; p = 1 - 0.1 (1 + 0.5·1) = 0.85
    p.grad = np.array([1.0])
    opt.step()  # v = 1.5; p = 0.85 - 0.1 (1 + 0.75) = 0.675
    np.testing.assert_allclose(p.data, [0.675], err_msg="Nesterov: p -= lr (g + m v)")


@pytest.mark.task(4)
def test_sgd_weight_decay_is_added_to_the_gradient():
    from shared.optim import SGD

    p = _param([2.0], [0.5])
    SGD([p], lr=0.1, weight_decay=0.1).step()
    # g + wd·p = 0.5 + 0.2 = 0.7; p = 2 - 0.07
    np.testing.assert_allclose(p.data, [1.93], err_msg="SGD weight decay: g <- g + wd · p")


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_adam_and_adamw_by_hand():
    from shared.optim import Adam, AdamW, adam_step

    # Adam's first step is lr · sign(g) (bias correction makes m_hat = g, v_hat = g²).
    p = _param([1.0, -1.0], [0.3, -2.0])
    Adam([p], lr=0.01).step()
    np.testing.assert_allclose(
        p.data,
        [0.99, -0.99],
        rtol=1e-6,
        err_msg=("Adam's first step moves every coordinate by lr against the gradient's sign"),
    )
    # Coupled (Adam) vs decoupled (AdamW) weight decay, one step from p = 2, g = 0.
    coupled = _param([2.0], [0.0])
    Adam([coupled], lr=0.01, weight_decay=0.1).step()
    expected, _ = adam_step(np.array([2.0]), np.array([0.2]), {}, lr=0.01)
    np.testing.assert_allclose(coupled.data, expected, err_msg="Adam adds wd·p to the gradient")
    decoupled = _param([2.0], [0.0])
    AdamW([decoupled], lr=0.01, weight_decay=0.1).step()
    np.testing.assert_allclose(
        decoupled.data,
        [2.0 * (1 - 0.01 * 0.1)],
        err_msg=(
            "AdamW shrinks p by lr·wd·p directly (here the gradient is 0, so Adam moves nothing)"
        ),
    )


@pytest.mark.task(4)
def test_adam_follows_the_pure_rule_over_steps_and_keeps_dtype():
    from shared.nn import Parameter
    from shared.optim import Adam, adam_step

    rng = np.random.default_rng(1)
    p = Parameter(np.ones(4, dtype=np.float32))
    opt = Adam([p], lr=0.05, betas=(0.8, 0.99))
    ref, state = np.ones(4), {}
    for _ in range(5):
        g = rng.normal(size=4).astype(np.float32)
        p.grad = g
        opt.step()
        ref, state = adam_step(ref, g.astype(np.float64), state, lr=0.05, beta1=0.8, beta2=0.99)
    assert p.data.dtype == np.float32, "a float32 parameter stays float32"
    np.testing.assert_allclose(
        p.data,
        ref,
        rtol=1e-5,
        err_msg="Adam's 5 steps must match P02's adam_step on the same gradients",
    )
    assert opt.steps == 5, f"opt.steps counts the steps taken: expected 5, got {opt.steps}"


@pytest.mark.task(4)
def test_parameters_without_grad_are_skipped_and_zero_grad():
    from shared.optim import SGD

    used, unused = _param([1.0], [1.0]), _param([5.0])
    opt = SGD([used, unused], lr=0.5)
    opt.step()
    assert used.data[0] == 0.5 and unused.data[0] == 5.0, (
        "a parameter whose grad is None (not used by the loss) must not move"
    )
    opt.zero_grad()
    assert used.grad is None, f"zero_grad must set every grad to None; got {used.grad!r}"


@pytest.mark.task(4)
def test_bad_arguments_are_rejected():
    from shared.optim import SGD, Adam, AdamW
    from shared.tensor import Tensor

    p = _param([1.0])
    with pytest.raises(ValueError, match=r"\blr\b"):
        SGD([p], lr=-1.0)
    with pytest.raises(ValueError, match=r"(?i)nesterov|momentum"):
        SGD([p], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match=r"(?i)momentum"):
        SGD([p], lr=0.1, momentum=1.5)
    with pytest.raises(ValueError, match=r"(?i)weight_decay"):
        Adam([p], weight_decay=-0.1)
    with pytest.raises(ValueError, match=r"(?i)beta"):
        AdamW([p], betas=(0.9, 1.0))
    with pytest.raises(ValueError, match=r"(?i)param"):
        Adam([])
    with pytest.raises(ValueError, match=r"(?i)param"):
        Adam([Tensor(np.ones(2))])  # does not require grad
    with pytest.raises(TypeError, match=r"(?i)param"):
        Adam(p)  # a single parameter, not a list
    opt = SGD([p], lr=0.1)
    opt.lr = 0.0
    p.grad = np.ones(1)
    with pytest.raises(ValueError, match=r"(?i)\blr\b"):
        opt.step()


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_an_mlp_solves_xor():
    from shared.nn import Linear, Sequential, Tanh
    from shared.optim import Adam
    from shared.tensor import Tensor

    X = Tensor(np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32))
    y = Tensor(np.array([[0], [1], [1], [0]], dtype=np.float32))
    model = Sequential(
        Linear(2, 8, init="xavier_uniform", rng=0),
        Tanh(),
        Linear(8, 1, init="xavier_uniform", rng=1),
    )
    opt = Adam(model.parameters(), lr=0.05)
    for _ in range(300):
        opt.zero_grad()
        loss = ((model(X) - y) ** 2).mean()
        loss.backward()
        opt.step()
    pred = model(X).data.ravel()
    assert np.array_equal(pred > 0.5, [False, True, True, False]), (
        f"the MLP predicts {np.round(pred, 3)} for XOR after 300 Adam steps; a hidden layer "
        "makes XOR separable (P01's perceptron could not)"
    )
    assert float(loss.data) < 0.01, f"final MSE {float(loss.data):.4f} should be below 0.01"
