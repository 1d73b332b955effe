"""Task 2 · max and average pooling: values, gradient routing (ties, overlapping windows),
padding, errors."""

from __future__ import annotations

import numpy as np
import pytest


def _max_pool_loops(x, k, s, p):
    x = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=-np.inf)
    oh, ow = (x.shape[2] - k) // s + 1, (x.shape[3] - k) // s + 1
    out = np.empty((*x.shape[:2], oh, ow))
    for y in range(oh):
        for z in range(ow):
            out[:, :, y, z] = x[:, :, y * s : y * s + k, z * s : z * s + k].max(axis=(2, 3))
    return out


@pytest.mark.task(2)
@pytest.mark.parametrize(("k", "s", "p"), [(2, 2, 0), (3, 1, 1), (3, 2, 0), (2, 1, 0), (3, 3, 1)])
def test_max_pool_values(k, s, p):
    from shared.functional import max_pool2d
    from shared.tensor import Tensor

    x = np.random.default_rng(10).normal(size=(2, 3, 7, 8))
    got = max_pool2d(Tensor(x), k, stride=s, padding=p)
    expected = _max_pool_loops(x, k, s, p)
    assert got.shape == expected.shape, f"max_pool2d(k={k}, s={s}, p={p}): shape {got.shape}"
    np.testing.assert_array_equal(got.data, expected, err_msg=f"max_pool2d(k={k}, s={s}, p={p})")


@pytest.mark.task(2)
@pytest.mark.points(2)
def test_overlapping_windows_add_their_gradients_on_a_shared_maximum():
    from shared.functional import max_pool2d
    from shared.tensor import Tensor

    # The 9 sits in all four 2 x 2 windows of stride 1: it receives all four gradients.
    x = Tensor(
        np.array([[[[1.0, 2.0, 0.0], [3.0, 9.0, 4.0], [0.0, 5.0, 1.0]]]]), requires_grad=True
    )
    out = max_pool2d(x, 2, stride=1)
    np.testing.assert_array_equal(
        out.data[0, 0],
        [[9.0, 9.0], [9.0, 9.0]],
        err_msg="every 2 x 2 window of this image has maximum 9",
    )
    out.backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    expected = np.zeros((3, 3))
    expected[1, 1] = 10.0
    np.testing.assert_array_equal(
        x.grad[0, 0],
        expected,
        err_msg="overlapping windows: the gradients of every window "
        "whose maximum is the same element add up there",
    )


@pytest.mark.task(2)
@pytest.mark.points(2)
def test_ties_go_to_the_first_maximum_of_each_window_in_row_major_order():
    from shared.functional import max_pool2d
    from shared.tensor import Tensor

    x = np.array(
        [[[[0.0, 7.0, 7.0, 1.0], [7.0, 7.0, 1.0, 1.0], [2.0, 2.0, 5.0, 0.0], [2.0, 2.0, 0.0, 5.0]]]]
    )
    xt = Tensor(x, requires_grad=True)
    max_pool2d(xt, 2).backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    expected = np.zeros((4, 4))
    expected[0, 1] = 1.0  # window (0, 0): 7 at (0, 1) comes before (1, 0) and (1, 1)
    expected[0, 2] = 2.0  # window (0, 1): 7 at (0, 2) is its only maximum
    expected[2, 0] = 3.0  # window (1, 0): four 2s, the first one
    expected[2, 2] = 4.0  # window (1, 1): 5 at (2, 2) before 5 at (3, 3)
    np.testing.assert_array_equal(
        xt.grad[0, 0],
        expected,
        err_msg="each window's gradient goes to its first maximal "
        "element (row-major within the window)",
    )


@pytest.mark.task(2)
def test_padding_is_never_the_maximum():
    from shared.functional import max_pool2d
    from shared.tensor import Tensor

    x = Tensor(-np.ones((1, 1, 2, 2)) * np.array([[1.0, 2.0], [3.0, 4.0]]), requires_grad=True)
    out = max_pool2d(x, 3, stride=1, padding=1)
    np.testing.assert_array_equal(
        out.data[0, 0],
        [[-1.0, -1.0], [-1.0, -1.0]],
        err_msg="max-pool padding must count as -inf, not 0: "
        "every window's maximum is the -1 of the image",
    )
    out.backward(np.ones((1, 1, 2, 2)))
    np.testing.assert_array_equal(
        x.grad[0, 0],
        [[4.0, 0.0], [0.0, 0.0]],
        err_msg="all four windows send their gradient to the -1",
    )


@pytest.mark.task(2)
@pytest.mark.points(2)
def test_avg_pool_values_and_its_gradient_spreads_evenly():
    from shared.functional import avg_pool2d
    from shared.tensor import Tensor

    x = Tensor(np.arange(16.0).reshape(1, 1, 4, 4), requires_grad=True)
    out = avg_pool2d(x, 2)
    np.testing.assert_allclose(
        out.data[0, 0],
        [[2.5, 4.5], [10.5, 12.5]],
        err_msg="avg_pool2d(arange(16) as 4 x 4, 2): window means",
    )
    out.backward(np.array([[[[4.0, 8.0], [12.0, 16.0]]]]))
    expected = np.kron(np.array([[1.0, 2.0], [3.0, 4.0]]), np.ones((2, 2)))
    np.testing.assert_allclose(
        x.grad[0, 0], expected, err_msg="each window's gradient is shared equally: g / 4"
    )
    # overlapping windows with zero padding counted in the mean
    y = Tensor(np.ones((1, 1, 3, 3)), requires_grad=True)
    out = avg_pool2d(y, 3, stride=1, padding=1)
    np.testing.assert_allclose(
        out.data[0, 0, 0, 0],
        4 / 9,
        rtol=1e-12,
        err_msg="a corner window holds 4 pixels and 5 zeros of padding: 4/9",
    )
    out.backward(np.ones((1, 1, 3, 3)))
    np.testing.assert_allclose(
        y.grad[0, 0],
        [[4 / 9, 6 / 9, 4 / 9], [6 / 9, 1.0, 6 / 9], [4 / 9, 6 / 9, 4 / 9]],
        rtol=1e-12,
        err_msg="a pixel receives 1/9 from every window that holds it",
    )


@pytest.mark.task(2)
@pytest.mark.parametrize("op", ["max_pool2d", "avg_pool2d"])
@pytest.mark.parametrize(
    ("shape", "kwargs", "needle"),
    [
        ((2, 4, 4), {"kernel_size": 2}, r"\(2, 4, 4\)"),
        ((1, 1, 4, 4), {"kernel_size": 0}, "kernel_size"),
        ((1, 1, 4, 4), {"kernel_size": 2, "stride": 0}, "stride"),
        ((1, 1, 4, 4), {"kernel_size": 2, "padding": 2}, "padding"),
    ],
    ids=["x-3d", "kernel", "stride", "padding"],
)
def test_pooling_errors_name_what_is_wrong(op, shape, kwargs, needle):
    import shared.functional as F
    from shared.tensor import Tensor

    with pytest.raises(ValueError, match=needle):
        getattr(F, op)(Tensor(np.zeros(shape)), **kwargs)
