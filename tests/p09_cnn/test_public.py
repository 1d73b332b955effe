"""P09 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p09`` or ``python -m pytest tests/p09_cnn``.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.public


# ------------------------------------------------------------------ Task 1 · conv2d


@pytest.mark.task(1)
def test_conv2d_matches_the_definition_and_its_gradients():
    from m2m.opchecks.numgrad import assert_gradient
    from shared.functional import conv2d
    from shared.tensor import Tensor

    # A worked example: on x[p, q] = 4p + q (3 x 4) the kernel [[1, 2], [3, 4]] gives
    # sum_ij w[i, j] x[p + i, q + j] = (4p + q) + 2 (4p + q + 1) + 3 (4p + q + 4)
    # + 4 (4p + q + 5) = 40p + 10q + 34; the bias 0.5 is added to every output.
    ramp = np.arange(12.0).reshape(1, 1, 3, 4)
    kernel = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    got = conv2d(Tensor(ramp), Tensor(kernel), Tensor(np.array([0.5])))
    assert got.shape == (1, 1, 2, 3), f"conv2d returned shape {got.shape}, expected (1, 1, 2, 3)"
    np.testing.assert_allclose(
        got.data[0, 0],
        [[34.5, 44.5, 54.5], [74.5, 84.5, 94.5]],
        rtol=1e-12,
        err_msg="conv2d disagrees with the definition sum_ij w[i, j] x[p + i, q + j] + b",
    )

    # Kernels whose only nonzero tap is the centre of 3 x 3 mix the channels pixel by
    # pixel: with padding 1 out[n, o] = sum_c M[o, c] x[n, c] + b[o], then stride (2, 1)
    # keeps every other row.
    rng = np.random.default_rng(1)
    x, b = rng.normal(size=(2, 3, 6, 5)), rng.normal(size=4)
    mix = rng.normal(size=(4, 3))
    w = np.zeros((4, 3, 3, 3))
    w[:, :, 1, 1] = mix
    xt, wt, bt = (Tensor(a, requires_grad=True) for a in (x, w, b))
    out = conv2d(xt, wt, bt, stride=(2, 1), padding=1)
    expected = np.einsum("oc,nchw->nohw", mix, x)[:, :, ::2, :] + b[None, :, None, None]
    assert out.shape == expected.shape, (
        f"conv2d with stride (2, 1) and padding 1 returned shape {out.shape}, "
        f"expected {expected.shape}"
    )
    np.testing.assert_allclose(
        out.data,
        expected,
        rtol=1e-10,
        atol=1e-12,
        err_msg="a centred one-tap kernel with padding 1 must mix the channels pixel by pixel",
    )

    # The gradients agree with central differences of the forward pass (a full kernel).
    w = rng.normal(size=(4, 3, 3, 2))
    xt, wt, bt = (Tensor(a, requires_grad=True) for a in (x, w, b))
    out = conv2d(xt, wt, bt, stride=(2, 1), padding=1)
    g = rng.normal(size=out.shape)
    out.backward(g)

    def forward(xv, wv, bv):
        return conv2d(Tensor(xv), Tensor(wv), Tensor(bv), stride=(2, 1), padding=1).data

    for name, array, grad, fn in (
        ("x", x, xt.grad, lambda v: forward(v, w, b)),
        ("weight", w, wt.grad, lambda v: forward(x, v, b)),
        ("bias", b, bt.grad, lambda v: forward(x, w, v)),
    ):
        assert_gradient(
            lambda v, fn=fn: float(np.sum(fn(v) * g)),
            array,
            grad,
            what=f"conv2d's gradient with respect to {name}",
        )


# ------------------------------------------------------------------ Task 2 · pooling


@pytest.mark.task(2)
def test_max_pool_routes_each_window_gradient_to_its_first_maximum():
    from shared.functional import max_pool2d
    from shared.tensor import Tensor

    # One 2 x 2 window full of equal values: the first element (row-major) wins.
    x = Tensor(np.array([[[[3.0, 3.0], [3.0, 3.0]]]]), requires_grad=True)
    out = max_pool2d(x, 2)
    assert out.shape == (1, 1, 1, 1), f"max_pool2d(2x2 image, 2) gave shape {out.shape}"
    out.backward(np.array([[[[5.0]]]]))
    np.testing.assert_array_equal(
        x.grad[0, 0],
        [[5.0, 0.0], [0.0, 0.0]],
        err_msg="a tie inside a window: the whole gradient goes to the first maximal "
        "element in row-major order (as PyTorch does)",
    )


# ------------------------------------------------------------------ Task 3 · batch norm


@pytest.mark.task(3)
def test_batch_norm_normalises_each_channel_with_batch_statistics():
    from shared.functional import batch_norm
    from shared.tensor import Tensor

    rng = np.random.default_rng(2)
    x = rng.normal(3.0, 2.0, size=(8, 3, 4, 4))
    out = batch_norm(Tensor(x), Tensor(np.ones(3)), Tensor(np.zeros(3))).data
    np.testing.assert_allclose(
        out.mean(axis=(0, 2, 3)),
        0.0,
        atol=1e-12,
        err_msg="each channel of the output must have mean 0",
    )
    var = x.var(axis=(0, 2, 3))  # biased
    np.testing.assert_allclose(
        out.var(axis=(0, 2, 3)),
        var / (var + 1e-5),
        rtol=1e-10,
        err_msg="each channel must be divided by sqrt(biased var + eps)",
    )


# ------------------------------------------------------------------ Task 4 · layers


@pytest.mark.task(4)
def test_conv2d_layer_parameters_and_output_shape():
    from shared.nn import Conv2d
    from shared.tensor import Tensor

    layer = Conv2d(3, 8, 5, stride=2, padding=1, rng=0)
    names = [(n, p.shape) for n, p in layer.named_parameters()]
    assert names == [("weight", (8, 3, 5, 5)), ("bias", (8,))], (
        f"Conv2d(3, 8, 5) must hold weight (8, 3, 5, 5) and bias (8,), got {names}"
    )
    out = layer(Tensor(np.zeros((2, 3, 11, 12), dtype=np.float32)))
    # (11 + 2 - 5) // 2 + 1 = 5, (12 + 2 - 5) // 2 + 1 = 5
    assert out.shape == (2, 8, 5, 5), f"expected output shape (2, 8, 5, 5), got {out.shape}"


@pytest.mark.task(4)
def test_batchnorm2d_uses_running_statistics_in_eval_mode():
    from shared.nn import BatchNorm2d
    from shared.tensor import Tensor

    bn = BatchNorm2d(2)
    x = np.random.default_rng(3).normal(5.0, 3.0, size=(4, 2, 3, 3)).astype(np.float32)
    bn(Tensor(x))
    mean = x.mean(axis=(0, 2, 3))
    np.testing.assert_allclose(
        bn.running_mean,
        0.1 * mean,
        rtol=1e-5,
        err_msg="after one batch running_mean = 0.9 * 0 + 0.1 * batch mean",
    )
    bn.eval()
    out = bn(Tensor(x)).data
    expected = (x - bn.running_mean[None, :, None, None]) / np.sqrt(
        bn.running_var[None, :, None, None] + 1e-5
    )
    np.testing.assert_allclose(
        out,
        expected,
        rtol=1e-4,
        atol=1e-5,
        err_msg="in eval mode BatchNorm2d normalises with the running statistics",
    )


# ------------------------------------------------------------------ Task 5 · the network


@pytest.mark.task(5)
def test_lenet_maps_images_to_ten_logits():
    from projects.p09_cnn import build_lenet
    from shared.tensor import Tensor

    model = build_lenet(rng=0)
    out = model(Tensor(np.zeros((3, 1, 28, 28), dtype=np.float32)))
    assert out.shape == (3, 10), f"the network must map (3, 1, 28, 28) to (3, 10), got {out.shape}"
    assert model.num_parameters() == 117_418, (
        f"the network of the brief has 117,418 parameters, got {model.num_parameters():,}"
    )


# ------------------------------------------------------------------ Task 6 · inside


@pytest.mark.task(6)
def test_receptive_fields_of_the_network():
    from projects.p09_cnn import receptive_fields
    from shared.nn import Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential

    model = Sequential(
        Conv2d(1, 4, 3, stride=2, rng=0),  # r = 1 + 2 * 1 = 3, then the jump is 2
        ReLU(),  # unchanged: 3
        MaxPool2d(2),  # r = 3 + 1 * 2 = 5, jump 2 * 2 = 4
        Conv2d(4, 4, 3, dilation=2, rng=0),  # r = 5 + 2 * 2 * 4 = 21
        Flatten(),  # the list stops before Flatten
        Linear(16, 2, rng=0),
    )
    got = receptive_fields(model)
    assert got == [3, 3, 5, 21], (
        f"receptive fields before Flatten: expected [3, 3, 5, 21] (see the comments), got {got}"
    )
