"""Tasks 3-4 · batch normalisation: the op (batch statistics, gradient through them,
eval mode, running updates) and the BatchNorm1d / BatchNorm2d layers (train/eval, momentum,
unbiased running variance, PyTorch's names and defaults); flatten."""

from __future__ import annotations

import numpy as np
import pytest


def _bn64(x, gamma, beta, eps=1e-5):
    """Training-mode batch norm in float64, statistics per channel by an explicit loop."""
    out = np.empty_like(x, dtype=np.float64)
    for c in range(x.shape[1]):
        values = x[:, c]
        mu = values.sum() / values.size
        var = ((values - mu) ** 2).sum() / values.size
        out[:, c] = (values - mu) / np.sqrt(var + eps) * gamma[c] + beta[c]
    return out


@pytest.mark.task(3)
@pytest.mark.points(2)
@pytest.mark.parametrize("shape", [(6, 3), (4, 2, 5), (3, 2, 3, 4)])
def test_gradient_flows_through_the_batch_statistics(shape):
    from m2m.opchecks.numgrad import assert_gradient
    from shared.functional import batch_norm
    from shared.tensor import Tensor

    rng = np.random.default_rng(11)
    x = rng.normal(1.0, 2.0, size=shape)
    c = shape[1]
    gamma, beta = rng.normal(size=c), rng.normal(size=c)
    xt, gt, bt = (Tensor(a, requires_grad=True) for a in (x, gamma, beta))
    out = batch_norm(xt, gt, bt)
    np.testing.assert_allclose(
        out.data, _bn64(x, gamma, beta), rtol=1e-10, atol=1e-12, err_msg=f"batch_norm on {shape}"
    )
    g = rng.normal(size=shape)
    out.backward(g)
    assert_gradient(
        lambda v: float(np.sum(_bn64(v, gamma, beta) * g)),
        x,
        xt.grad,
        what="dL/dx (the mean and variance depend on x too)",
    )
    assert_gradient(
        lambda v: float(np.sum(_bn64(x, v, beta) * g)), gamma, gt.grad, what="dL/dweight"
    )
    assert_gradient(lambda v: float(np.sum(_bn64(x, gamma, v) * g)), beta, bt.grad, what="dL/dbias")


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_op_updates_running_statistics_in_place_with_the_unbiased_variance():
    from shared.functional import batch_norm
    from shared.tensor import Tensor

    x = np.array([[1.0, 10.0], [3.0, 20.0], [8.0, 60.0]])  # 3 samples, 2 features
    rm, rv = np.array([1.0, -1.0]), np.array([2.0, 0.5])
    batch_norm(
        Tensor(x),
        Tensor(np.ones(2)),
        Tensor(np.zeros(2)),
        running_mean=rm,
        running_var=rv,
        training=True,
        momentum=0.25,
    )
    mean = np.array([4.0, 30.0])
    unbiased = np.array(
        [
            ((1 - 4) ** 2 + (3 - 4) ** 2 + (8 - 4) ** 2) / 2,
            ((10 - 30) ** 2 + (20 - 30) ** 2 + (60 - 30) ** 2) / 2,
        ]
    )
    np.testing.assert_allclose(
        rm,
        0.75 * np.array([1.0, -1.0]) + 0.25 * mean,
        rtol=1e-12,
        err_msg="running_mean <- (1 - momentum) r + momentum * batch mean",
    )
    np.testing.assert_allclose(
        rv,
        0.75 * np.array([2.0, 0.5]) + 0.25 * unbiased,
        rtol=1e-12,
        err_msg="running_var <- (1 - momentum) r + momentum * unbiased "
        "batch variance (divide by m - 1)",
    )


@pytest.mark.task(3)
def test_eval_mode_uses_the_running_statistics_as_constants():
    from m2m.opchecks.numgrad import assert_gradient
    from shared.functional import batch_norm
    from shared.tensor import Tensor

    rng = np.random.default_rng(12)
    x = rng.normal(size=(4, 2, 3))
    rm, rv = np.array([0.5, -1.0]), np.array([2.0, 0.25])
    gamma, beta = np.array([1.5, -0.5]), np.array([0.1, 0.2])
    xt = Tensor(x, requires_grad=True)

    def ref(v):
        return (v - rm[None, :, None]) / np.sqrt(rv[None, :, None] + 1e-5) * gamma[
            None, :, None
        ] + beta[None, :, None]

    out = batch_norm(
        xt,
        Tensor(gamma),
        Tensor(beta),
        running_mean=rm.copy(),
        running_var=rv.copy(),
        training=False,
    )
    np.testing.assert_allclose(
        out.data,
        ref(x),
        rtol=1e-10,
        err_msg="training=False normalises with running_mean, running_var",
    )
    g = rng.normal(size=x.shape)
    out.backward(g)
    assert_gradient(
        lambda v: float(np.sum(ref(v) * g)),
        x,
        xt.grad,
        what="dL/dx in eval mode (a per-channel affine map)",
    )


@pytest.mark.task(3)
def test_batch_norm_errors_name_what_is_wrong():
    from shared.functional import batch_norm
    from shared.tensor import Tensor

    one = Tensor(np.ones(3))
    with pytest.raises(ValueError, match=r"\(3,\)"):
        batch_norm(Tensor(np.zeros((4, 3))), Tensor(np.ones(2)), one)
    with pytest.raises(ValueError, match=r"\(1, 3\)"):
        batch_norm(Tensor(np.zeros((1, 3))), one, one)  # one value per channel
    with pytest.raises(ValueError, match=r"\(4,\)"):
        batch_norm(Tensor(np.zeros(4)), one, one)


@pytest.mark.task(3)
def test_flatten_merges_the_trailing_axes_and_routes_the_gradient_back():
    from shared.functional import flatten
    from shared.tensor import Tensor

    x = Tensor(np.arange(24.0).reshape(2, 3, 2, 2), requires_grad=True)
    out = flatten(x)
    assert out.shape == (2, 12), f"flatten((2, 3, 2, 2)) must be (2, 12), got {out.shape}"
    np.testing.assert_array_equal(
        out.data[1], np.arange(12.0, 24.0), err_msg="flatten keeps C-order: sample 1 holds 12..23"
    )
    out.backward(np.arange(24.0).reshape(2, 12))
    np.testing.assert_array_equal(
        x.grad, np.arange(24.0).reshape(2, 3, 2, 2), err_msg="the gradient must be reshaped back"
    )
    got = flatten(Tensor(np.zeros((2, 3, 4))), start_dim=2).shape
    assert got == (2, 3, 4), f"flatten((2, 3, 4), start_dim=2) must keep (2, 3, 4), got {got}"
    got = flatten(Tensor(np.zeros((2, 3, 4))), start_dim=0).shape
    assert got == (24,), f"flatten((2, 3, 4), start_dim=0) must be (24,), got {got}"


# ---------------------------------------------------------------- the layers (Task 4)


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_batchnorm2d_training_steps_follow_pytorch():
    from shared.nn import BatchNorm2d
    from shared.tensor import Tensor

    rng = np.random.default_rng(13)
    bn = BatchNorm2d(3, momentum=0.2)
    names = [n for n, _ in bn.named_parameters()]
    assert names == ["weight", "bias"], f"parameters must be weight and bias, got {names}"
    np.testing.assert_array_equal(bn.weight.data, np.ones(3), err_msg="weight starts at ones")
    np.testing.assert_array_equal(bn.bias.data, np.zeros(3), err_msg="bias starts at zeros")
    rm, rv = np.zeros(3), np.ones(3)
    for step in range(3):
        x = rng.normal(2.0 * step, 1.0 + step, size=(5, 3, 2, 2)).astype(np.float32)
        out = bn(Tensor(x))
        x64 = x.astype(np.float64)
        np.testing.assert_allclose(
            out.data,
            _bn64(x64, np.ones(3), np.zeros(3)),
            rtol=1e-4,
            atol=1e-4,
            err_msg=f"step {step}: training mode normalises with the batch's own statistics",
        )
        m = x.size // 3
        rm = 0.8 * rm + 0.2 * x64.mean(axis=(0, 2, 3))
        rv = 0.8 * rv + 0.2 * x64.var(axis=(0, 2, 3)) * m / (m - 1)
        np.testing.assert_allclose(
            bn.running_mean, rm, rtol=1e-5, err_msg=f"running_mean after {step + 1} batches"
        )
        np.testing.assert_allclose(
            bn.running_var,
            rv,
            rtol=1e-5,
            err_msg=f"running_var after {step + 1} batches (unbiased)",
        )
    assert int(bn.num_batches_tracked) == 3, (
        f"num_batches_tracked must count the 3 training batches, got {bn.num_batches_tracked}"
    )
    bn.eval()
    before = bn.running_mean.copy()
    bn(Tensor(rng.normal(size=(5, 3, 2, 2)).astype(np.float32)))
    np.testing.assert_array_equal(
        bn.running_mean, before, err_msg="eval mode must not change the running statistics"
    )
    assert int(bn.num_batches_tracked) == 3, "eval mode must not count batches"


@pytest.mark.task(4)
def test_batchnorm_buffers_are_listed_by_named_buffers():
    from shared.nn import BatchNorm1d, Linear, Sequential

    model = Sequential(Linear(3, 4, rng=0), BatchNorm1d(4))
    names = [n for n, _ in model.named_buffers()]
    assert names == ["1.running_mean", "1.running_var", "1.num_batches_tracked"], (
        f"named_buffers() must list BatchNorm's three buffers, got {names}"
    )
    bn = model[1]
    np.testing.assert_array_equal(bn.running_mean, np.zeros(4), err_msg="running_mean starts at 0")
    np.testing.assert_array_equal(bn.running_var, np.ones(4), err_msg="running_var starts at 1")
    assert bn.eps == 1e-5 and bn.momentum == 0.1, (
        f"PyTorch's defaults are eps=1e-5, momentum=0.1, got {bn.eps}, {bn.momentum}"
    )


@pytest.mark.task(4)
def test_batchnorm1d_accepts_features_and_sequences_and_refuses_images():
    from shared.nn import BatchNorm1d, BatchNorm2d
    from shared.tensor import Tensor

    bn = BatchNorm1d(3)
    for shape in ((4, 3), (4, 3, 5)):
        got = bn(Tensor(np.random.default_rng(0).normal(size=shape))).shape
        assert got == shape, f"BatchNorm1d(3) on {shape} must keep the shape, got {got}"
    with pytest.raises(ValueError, match=r"\(4, 3, 2, 2\)"):
        bn(Tensor(np.zeros((4, 3, 2, 2))))
    with pytest.raises(ValueError, match=r"\(4, 2, 2, 2\)"):
        BatchNorm2d(3)(Tensor(np.zeros((4, 2, 2, 2))))
