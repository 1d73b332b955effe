"""Task 4 · the image layers: Conv2d (shapes for every stride, padding and dilation,
parameters, initialisation, errors), MaxPool2d, AvgPool2d, Flatten."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
conv_loops = oracles.conv_loops


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_conv2d_output_shapes_on_a_grid_of_settings():
    from shared.nn import Conv2d
    from shared.tensor import Tensor

    x = Tensor(np.zeros((2, 2, 9, 8), dtype=np.float32))
    wrong = []
    for k, s, p, d in itertools.product((1, 2, 3), (1, 2, 3), (0, 1, 2, "same"), (1, 2)):
        if p == "same" and s != 1:
            continue
        layer = Conv2d(2, 3, k, stride=s, padding=p, dilation=d, rng=0)
        span = d * (k - 1) + 1
        if p == "same":
            expected = (9, 8)
        else:
            expected = tuple((n + 2 * p - span) // s + 1 for n in (9, 8))
        got = layer(x).shape
        if got != (2, 3, *expected):
            wrong.append(f"k={k} s={s} p={p} d={d}: got {got}, expected {(2, 3, *expected)}")
    assert not wrong, "Conv2d output shapes: " + "; ".join(wrong[:5])


@pytest.mark.task(4)
def test_conv2d_layer_equals_the_definition(conv_loops):
    from shared.nn import Conv2d
    from shared.tensor import Tensor

    layer = Conv2d(
        2, 3, (3, 2), stride=(1, 2), padding=(1, 0), dilation=(2, 1), rng=4, dtype=np.float64
    )
    layer.bias.data[:] = [0.5, -1.0, 2.0]
    x = np.random.default_rng(14).normal(size=(2, 2, 7, 6))
    expected = conv_loops(x, layer.weight.data, layer.bias.data, (1, 2), ((1, 1), (0, 0)), (2, 1))
    np.testing.assert_allclose(
        layer(Tensor(x)).data,
        expected,
        rtol=1e-10,
        atol=1e-12,
        err_msg="Conv2d's forward must be conv2d with its weight and bias",
    )


@pytest.mark.task(4)
def test_conv2d_initialisation_and_options():
    from shared.nn import Conv2d

    layer = Conv2d(4, 64, 3, rng=0)
    w = layer.weight.data
    assert w.dtype == np.float32, f"weights must be float32 by default, got {w.dtype}"
    bound = math.sqrt(6.0 / (4 * 9))  # He uniform, fan_in = C_in * kH * kW
    assert np.abs(w).max() <= bound + 1e-7, f"He-uniform weights lie in ±{bound:.4f}"
    assert np.abs(w).max() > 0.9 * bound, "the weights should fill their He-uniform range"
    np.testing.assert_array_equal(layer.bias.data, 0.0, err_msg="the bias starts at zero")
    np.testing.assert_array_equal(
        Conv2d(4, 64, 3, rng=0).weight.data,
        w,
        err_msg="the same rng seed must give the same weights",
    )
    assert Conv2d(2, 3, 3, bias=False).bias is None, "bias=False: no bias parameter"
    names = [n for n, _ in Conv2d(2, 3, 3, bias=False).named_parameters()]
    assert names == ["weight"], f"bias=False: only a weight parameter, got {names}"


@pytest.mark.task(4)
def test_conv2d_refuses_inputs_with_the_wrong_channels():
    from shared.nn import Conv2d
    from shared.tensor import Tensor

    layer = Conv2d(3, 4, 3)
    with pytest.raises(ValueError, match=r"\(1, 2, 5, 5\)"):
        layer(Tensor(np.zeros((1, 2, 5, 5), dtype=np.float32)))
    with pytest.raises(ValueError, match=r"\(3, 5, 5\)"):
        layer(Tensor(np.zeros((3, 5, 5), dtype=np.float32)))


@pytest.mark.task(4)
def test_pooling_layers_and_flatten():
    from shared.nn import AvgPool2d, Flatten, MaxPool2d
    from shared.tensor import Tensor

    x = np.random.default_rng(15).normal(size=(2, 3, 6, 6))
    out = MaxPool2d(2)(Tensor(x)).data
    np.testing.assert_array_equal(
        out,
        x.reshape(2, 3, 3, 2, 3, 2).max(axis=(3, 5)),
        err_msg="MaxPool2d(2): maximum of each 2 x 2 block",
    )
    out = AvgPool2d(3, stride=3)(Tensor(x)).data
    np.testing.assert_allclose(
        out,
        x.reshape(2, 3, 2, 3, 2, 3).mean(axis=(3, 5)),
        rtol=1e-12,
        err_msg="AvgPool2d(3, stride=3): mean of each 3 x 3 block",
    )
    got = MaxPool2d(3, stride=1, padding=1)(Tensor(x)).shape
    assert got == (2, 3, 6, 6), f"MaxPool2d(3, stride=1, padding=1) keeps 6 x 6, got {got}"
    assert Flatten()(Tensor(x)).shape == (2, 108), "Flatten(): (2, 3, 6, 6) -> (2, 108)"
    assert Flatten(2)(Tensor(x)).shape == (2, 3, 36), "Flatten(2): (2, 3, 6, 6) -> (2, 3, 36)"
    for layer in (MaxPool2d(2), AvgPool2d(2), Flatten()):
        assert layer.parameters() == [], f"{type(layer).__name__} has no parameters"
    with pytest.raises(ValueError, match=r"\(3, 6, 6\)"):
        MaxPool2d(2)(Tensor(x[0]))
