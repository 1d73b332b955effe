"""P06 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p06`` or ``python -m pytest tests/p06_fraud_mlp``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.public


# ---------------------------------------------------------------- Task 1 · init


@pytest.mark.task(1)
@pytest.mark.points(2)
def test_he_normal_has_variance_two_over_fan_in():
    from shared.init import he_normal

    fan_in, fan_out = 400, 500
    w = he_normal((fan_out, fan_in), rng=0).astype(np.float64)
    n = w.size
    target = 2.0 / fan_in
    # The sample variance of n normal draws has standard deviation σ² sqrt(2 / (n - 1)).
    sigma = target * math.sqrt(2.0 / (n - 1))
    got = float(np.var(w, ddof=1))
    assert w.shape == (fan_out, fan_in), f"he_normal returned shape {w.shape}"
    assert abs(got - target) < 5 * sigma, (
        f"he_normal((500, 400)) has sample variance {got:.6g}; He init wants 2 / fan_in = "
        f"{target:.6g} (fan_in is shape[1], the inputs of a Linear weight (out, in))"
    )


# ---------------------------------------------------------------- Task 2 · Module


@pytest.mark.task(2)
@pytest.mark.points(2)
def test_module_registers_nested_parameters_by_name():
    from shared.nn import Module, Parameter

    class Inner(Module):
        def __init__(self):
            super().__init__()
            self.w = Parameter(np.ones((2, 3)))
            self.b = Parameter(np.zeros(2))

    class Outer(Module):
        def __init__(self):
            super().__init__()
            self.scale = Parameter(np.ones(1))
            self.first = Inner()
            self.second = Inner()
            self.note = "not a parameter"

    names = [name for name, _ in Outer().named_parameters()]
    expected = ["scale", "first.w", "first.b", "second.w", "second.b"]
    assert names == expected, (
        f"named_parameters gave {names}; expected {expected}: own parameters first, then "
        "each sub-module's, in assignment order, with dotted names"
    )


# ---------------------------------------------------------------- Task 3 · layers


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_linear_computes_x_times_w_transposed_plus_b():
    from shared.nn import Linear
    from shared.tensor import Tensor

    layer = Linear(3, 2, rng=0)
    assert layer.weight.shape == (2, 3) and layer.bias.shape == (2,), (
        f"Linear(3, 2) must hold weight (out, in) = (2, 3) and bias (2,), got "
        f"{layer.weight.shape} and {None if layer.bias is None else layer.bias.shape}"
    )
    layer.weight.data = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]], dtype=np.float32)
    layer.bias.data = np.array([0.5, -0.5], dtype=np.float32)
    out = layer(Tensor(np.array([[1.0, 1.0, 1.0], [2.0, 0.0, -1.0]], dtype=np.float32)))
    expected = [[6.5, -0.5], [-0.5, -3.5]]
    np.testing.assert_allclose(out.data, expected, err_msg="Linear must compute x @ W.T + b")


@pytest.mark.task(3)
def test_dropout_is_the_identity_in_eval_mode():
    from shared.nn import Dropout
    from shared.tensor import Tensor

    layer = Dropout(0.5, rng=0)
    x = Tensor(np.arange(1.0, 7.0, dtype=np.float32))
    layer.eval()
    assert np.array_equal(layer(x).data, x.data), "in eval mode Dropout must return x unchanged"


# ---------------------------------------------------------------- Task 4 · optimizers


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_sgd_step_moves_against_the_gradient():
    from shared.nn import Parameter
    from shared.optim import SGD

    p = Parameter(np.array([1.0, -2.0]))
    p.grad = np.array([0.5, -1.0])
    SGD([p], lr=0.1).step()
    np.testing.assert_allclose(
        p.data, [0.95, -1.9], err_msg="SGD(lr=0.1).step() must set p <- p - 0.1 * grad"
    )


# --------------------------------------------------------- Task 5 · weighted BCE op


@pytest.mark.task(5)
@pytest.mark.points(2)
def test_weighted_bce_value_and_gradient_on_a_hand_case():
    from shared.functional import binary_cross_entropy_with_logits
    from shared.tensor import Tensor

    z = Tensor(np.array([0.0, 0.0]), requires_grad=True)
    loss = binary_cross_entropy_with_logits(z, target=np.array([1.0, 0.0]), pos_weight=3.0)
    # σ(0) = 1/2: the positive costs 3 ln 2, the negative ln 2; the mean is 2 ln 2.
    assert float(loss.data) == pytest.approx(2 * math.log(2.0), rel=1e-12), (
        f"loss {float(loss.data)}; expected (3 ln 2 + ln 2) / 2 = 2 ln 2"
    )
    loss.backward()
    # dL/dz = (σ (1 + (w - 1) y) - w y) / N = ((1/2)(3) - 3) / 2 and (1/2) / 2.
    np.testing.assert_allclose(z.grad, [-0.75, 0.25], err_msg="the fused gradient is wrong")


# ------------------------------------------------------- Task 6 · PR curve and AP


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_average_precision_on_a_hand_ranked_example():
    from shared.metrics import average_precision

    y = np.array([1, 0, 1, 0, 0, 1])
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    # Positives found at ranks 1, 3, 6: precisions 1, 2/3, 3/6; AP = (1 + 2/3 + 1/2) / 3.
    expected = (1 + 2 / 3 + 1 / 2) / 3
    got = average_precision(y, scores)
    assert got == pytest.approx(expected), (
        f"average_precision returned {got}; the step sum Σ (R_n - R_n-1) P_n is {expected}"
    )


# ------------------------------------------------------- Task 7 · transactions


@pytest.mark.task(7)
@pytest.mark.points(2)
def test_generated_transactions_are_about_one_percent_fraud():
    from projects.p06_fraud_mlp import FEATURE_NAMES, generate_transactions

    data = generate_transactions(50_000, seed=0)
    assert data.X.shape == (50_000, len(FEATURE_NAMES)) == (50_000, 16), (
        f"expected X of shape (50000, 16), got {data.X.shape}"
    )
    rate = data.y.mean()
    assert 0.007 <= rate <= 0.014, f"fraud rate {rate:.4f}; the generator aims at about 1 %"


# ------------------------------------------------------- Task 8 · imbalance


@pytest.mark.task(8)
def test_balanced_pos_weight_is_negatives_over_positives():
    from projects.p06_fraud_mlp import balanced_pos_weight

    y = np.r_[np.ones(3, dtype=np.int64), np.zeros(297, dtype=np.int64)]
    assert balanced_pos_weight(y) == pytest.approx(99.0), "297 negatives / 3 positives = 99"


@pytest.mark.task(8)
def test_oversampling_repeats_each_positive():
    from projects.p06_fraud_mlp import oversample_positives

    X = np.arange(10.0).reshape(5, 2)
    y = np.array([0, 1, 0, 0, 1])
    Xo, yo = oversample_positives(X, y, 3, seed=0)
    assert len(yo) == 5 + 2 * 2 and yo.sum() == 6, (
        f"with factor 3 the 2 positives appear 3 times each: 9 rows, 6 positive; got "
        f"{len(yo)} rows, {yo.sum()} positive"
    )


# ------------------------------------------------------- Task 9 · the bar


@pytest.mark.task(9)
@pytest.mark.points(4)
def test_mlp_beats_the_logistic_baseline_on_both_datasets(transactions_run, thyroid_run):
    for run, floor in ((transactions_run(), 0.75), (thyroid_run(), 0.85)):
        name = run.data.name
        mlp, base = run.mlp.test_ap, run.baseline.test_ap
        assert mlp >= base + 0.15, (
            f"{name}: held-out AP of the MLP is {mlp:.4f}, of the logistic baseline "
            f"{base:.4f}; the hidden layers should win by at least 0.15"
        )
        assert mlp >= floor, f"{name}: MLP held-out AP {mlp:.4f} is below {floor}"
