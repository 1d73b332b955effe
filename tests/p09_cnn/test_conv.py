"""Task 1 · the conv2d op: values against the definition, every geometry, gradients,
dtypes and errors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
conv_loops = oracles.conv_loops


def _same_pads(k: int, d: int) -> tuple[int, int]:
    total = d * (k - 1)
    return total // 2, total - total // 2


@pytest.mark.task(1)
@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("stride", "padding", "dilation"),
    [
        (1, 0, 1),
        (2, 1, 1),
        ((1, 2), (2, 0), 1),
        (1, 2, 2),
        (3, 1, (2, 1)),
        (1, "same", 1),
        (1, "same", (2, 1)),
    ],
    ids=["plain", "s2-p1", "s1x2-p2x0", "p2-d2", "s3-p1-d2x1", "same", "same-d2x1"],
)
def test_conv2d_equals_the_loop_definition(conv_loops, stride, padding, dilation):
    from shared.functional import conv2d
    from shared.tensor import Tensor

    rng = np.random.default_rng(5)
    x, w, b = rng.normal(size=(2, 2, 7, 8)), rng.normal(size=(3, 2, 3, 2)), rng.normal(size=3)
    s = (stride, stride) if isinstance(stride, int) else stride
    d = (dilation, dilation) if isinstance(dilation, int) else dilation
    if padding == "same":
        pads = (_same_pads(3, d[0]), _same_pads(2, d[1]))
    else:
        p = (padding, padding) if isinstance(padding, int) else padding
        pads = ((p[0], p[0]), (p[1], p[1]))
    expected = conv_loops(x, w, b, s, pads, d)
    got = conv2d(Tensor(x), Tensor(w), Tensor(b), stride=stride, padding=padding, dilation=dilation)
    where = f"conv2d(stride={stride}, padding={padding!r}, dilation={dilation})"
    assert got.shape == expected.shape, f"{where}: shape {got.shape}, expected {expected.shape}"
    np.testing.assert_allclose(got.data, expected, rtol=1e-10, atol=1e-12, err_msg=where)


@pytest.mark.task(1)
def test_conv2d_without_bias_and_its_gradients(conv_loops):
    from m2m.opchecks.numgrad import assert_gradient
    from shared.functional import conv2d
    from shared.tensor import Tensor

    rng = np.random.default_rng(6)
    x, w = rng.normal(size=(1, 2, 5, 6)), rng.normal(size=(2, 2, 2, 4))
    xt, wt = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    out = conv2d(xt, wt, padding="same")
    pads = (_same_pads(2, 1), _same_pads(4, 1))
    assert out.shape == (1, 2, 5, 6), f"padding='same' keeps 5 x 6, got {out.shape[2:]}"
    np.testing.assert_allclose(
        out.data,
        conv_loops(x, w, None, (1, 1), pads),
        rtol=1e-10,
        atol=1e-12,
        err_msg="conv2d without bias, padding='same'",
    )
    g = rng.normal(size=out.shape)
    out.backward(g)
    assert_gradient(
        lambda v: float(np.sum(conv_loops(v, w, None, (1, 1), pads) * g)),
        x,
        xt.grad,
        what="dL/dx with an even kernel and padding='same'",
    )
    assert_gradient(
        lambda v: float(np.sum(conv_loops(x, v, None, (1, 1), pads) * g)),
        w,
        wt.grad,
        what="dL/dW with an even kernel and padding='same'",
    )


@pytest.mark.task(1)
def test_input_gradient_is_a_transposed_convolution():
    """dL/dx of a stride-1 convolution is the full correlation of g with the flipped
    kernel (channels swapped): the brief's derivation, checked numerically."""
    from shared.functional import conv2d
    from shared.tensor import Tensor

    rng = np.random.default_rng(7)
    x, w = rng.normal(size=(1, 2, 6, 6)), rng.normal(size=(3, 2, 3, 3))
    xt = Tensor(x, requires_grad=True)
    out = conv2d(xt, Tensor(w))
    g = rng.normal(size=out.shape)
    out.backward(g)
    flipped = np.transpose(w[:, :, ::-1, ::-1], (1, 0, 2, 3))  # (C_in, C_out, kH, kW)
    gp = np.pad(g, ((0, 0), (0, 0), (2, 2), (2, 2)))
    expected = np.zeros_like(x)
    for y, z in itertools.product(range(6), range(6)):
        expected[:, :, y, z] = np.einsum("noij,coij->nc", gp[:, :, y : y + 3, z : z + 3], flipped)
    np.testing.assert_allclose(
        xt.grad,
        expected,
        rtol=1e-10,
        atol=1e-12,
        err_msg="dL/dx must equal g convolved with the flipped kernel",
    )


@pytest.mark.task(1)
def test_float32_stays_float32():
    from shared.functional import conv2d
    from shared.tensor import Tensor

    rng = np.random.default_rng(8)
    x = Tensor(rng.normal(size=(2, 1, 5, 5)).astype(np.float32), requires_grad=True)
    w = Tensor(rng.normal(size=(2, 1, 3, 3)).astype(np.float32), requires_grad=True)
    out = conv2d(x, w, Tensor(np.zeros(2, dtype=np.float32)))
    assert out.dtype == np.float32, f"float32 inputs gave a {out.dtype} output"
    out.backward(np.ones(out.shape, dtype=np.float32))
    assert x.grad.dtype == np.float32 and w.grad.dtype == np.float32, (
        f"float32 gradients expected, got {x.grad.dtype} and {w.grad.dtype}"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("x_shape", "w_shape", "kwargs", "needle"),
    [
        ((2, 3, 5), (4, 3, 3, 3), {}, r"\(2, 3, 5\)"),
        ((1, 3, 5, 5), (4, 3, 3), {}, r"\(4, 3, 3\)"),
        ((1, 2, 5, 5), (4, 3, 3, 3), {}, "2"),
        ((1, 3, 5, 5), (4, 3, 3, 3), {"stride": 0}, "stride"),
        ((1, 3, 5, 5), (4, 3, 3, 3), {"padding": -1}, "padding"),
        ((1, 3, 5, 5), (4, 3, 3, 3), {"dilation": 0}, "dilation"),
        ((1, 3, 5, 5), (4, 3, 3, 3), {"padding": "same", "stride": 2}, "stride"),
        ((1, 3, 2, 2), (4, 3, 3, 3), {}, "kernel"),
    ],
    ids=["x-3d", "w-3d", "channels", "stride", "padding", "dilation", "same-stride", "kernel"],
)
def test_conv2d_errors_name_what_is_wrong(x_shape, w_shape, kwargs, needle):
    from shared.functional import conv2d
    from shared.tensor import Tensor

    with pytest.raises(ValueError, match=needle):
        conv2d(Tensor(np.zeros(x_shape)), Tensor(np.zeros(w_shape)), **kwargs)


@pytest.mark.task(1)
def test_conv2d_refuses_a_bias_of_the_wrong_length():
    from shared.functional import conv2d
    from shared.tensor import Tensor

    with pytest.raises(ValueError, match=r"\(4,\)"):
        conv2d(Tensor(np.zeros((1, 3, 5, 5))), Tensor(np.zeros((4, 3, 3, 3))), Tensor(np.zeros(3)))
