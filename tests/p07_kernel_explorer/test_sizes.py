"""Task 1: output sizes, "same" padding, pad2d."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def count_positions(size, kernel, stride, padding, dilation):
    """How many window starts p·stride fit the dilated kernel inside the padded input."""
    extent = dilation * (kernel - 1) + 1
    return sum(
        1 for start in range(0, size + 2 * padding, stride) if start + extent <= size + 2 * padding
    )


@pytest.mark.task(1)
@pytest.mark.points(2)
@settings(max_examples=80)
@given(
    size=st.integers(1, 40),
    kernel=st.integers(1, 7),
    stride=st.integers(1, 4),
    padding=st.integers(0, 3),
    dilation=st.integers(1, 3),
)
def test_output_size_counts_the_window_positions(size, kernel, stride, padding, dilation):
    from shared.conv import conv_output_size

    expected = count_positions(size, kernel, stride, padding, dilation)
    args = (size, kernel, stride, padding, dilation)
    if expected < 1:
        with pytest.raises(ValueError, match="kernel"):
            conv_output_size(*args)
        return
    got = conv_output_size(*args)
    assert got == expected, f"conv_output_size{args} returned {got}; {expected} windows fit"


@pytest.mark.task(1)
@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"stride": 0}, "stride"),
        ({"stride": -2}, "stride"),
        ({"dilation": 0}, "dilation"),
        ({"padding": -1}, "padding"),
    ],
)
def test_output_size_rejects_bad_arguments_by_name(kwargs, word):
    from shared.conv import conv_output_size

    with pytest.raises(ValueError, match=word):
        conv_output_size(10, 3, **kwargs)


@pytest.mark.task(1)
def test_output_size_rejects_a_kernel_larger_than_the_padded_input():
    from shared.conv import conv_output_size

    with pytest.raises(ValueError, match="kernel"):
        conv_output_size(4, 7, padding=1)
    with pytest.raises(ValueError, match="kernel"):
        conv_output_size(5, 3, dilation=3)  # extent 7 > 5


@pytest.mark.task(1)
@pytest.mark.parametrize(
    "kernel, dilation, expected",
    [
        (1, 1, (0, 0)),
        (3, 1, (1, 1)),
        (4, 1, (1, 2)),
        (5, 1, (2, 2)),
        (3, 2, (2, 2)),
        (2, 3, (1, 2)),
    ],
)
def test_same_padding_puts_the_odd_pixel_after(kernel, dilation, expected):
    from shared.conv import same_padding

    got = tuple(same_padding(kernel, dilation))
    assert got == expected, (
        f"same_padding({kernel}, {dilation}) returned {got}, expected {expected} "
        "(total dilation·(kernel−1), the odd extra pixel after)"
    )


@pytest.mark.task(1)
def test_resolve_padding_forms():
    from shared.conv import resolve_padding

    cases = [
        ((2, 3), {}, ((2, 2), (2, 2))),
        ((1, 2), {}, ((1, 1), (1, 1))),
        (((1, 0), (3, 3)), {}, ((1, 1), (0, 0))),
        (("same", (4, 2)), {}, ((1, 2), (0, 1))),
        (("same", 3), {"dilation": 2}, ((2, 2), (2, 2))),
    ]
    for args, kwargs, expected in cases:
        got = resolve_padding(*args, **kwargs)
        got = tuple(tuple(int(v) for v in side) for side in got)
        assert got == expected, (
            f"resolve_padding{args} {kwargs} returned {got}, expected {expected}"
        )


@pytest.mark.task(1)
def test_resolve_padding_errors_name_the_argument():
    from shared.conv import resolve_padding

    with pytest.raises(ValueError, match="stride"):
        resolve_padding("same", 3, stride=2)
    with pytest.raises(ValueError, match="padding"):
        resolve_padding(-1, 3)
    with pytest.raises(ValueError, match="valid"):
        resolve_padding("valid", 3)


@pytest.mark.task(1)
def test_pad2d_asymmetric_padding_keeps_leading_axes_and_dtype():
    from shared.conv import pad2d

    x = np.arange(1, 13, dtype=np.float32).reshape(2, 1, 2, 3)
    got = pad2d(x, ((1, 2), (0, 1)))
    assert got.shape == (2, 1, 5, 4), f"expected shape (2, 1, 5, 4), got {got.shape}"
    assert got.dtype == np.float32, f"pad2d must keep x's dtype float32, got {got.dtype}"
    expected = np.zeros((2, 1, 5, 4), dtype=np.float32)
    expected[:, :, 1:3, 0:3] = x
    np.testing.assert_array_equal(got, expected, err_msg="top 1, bottom 2, left 0, right 1")
    pair_pad = pad2d(x[0, 0], (2, 1))
    assert pair_pad.shape == (6, 5), f"pad2d of (2, 3) with (2, 1): shape {pair_pad.shape}"
    np.testing.assert_array_equal(pair_pad[2:4, 1:4], x[0, 0], err_msg="x sits in the middle")
    assert pair_pad.sum() == x[0, 0].sum(), "pad2d must add only zeros"


@pytest.mark.task(1)
def test_pad2d_errors_name_the_argument():
    from shared.conv import pad2d

    x = np.ones((1, 1, 3, 3))
    with pytest.raises(ValueError, match="padding"):
        pad2d(x, -1)
    with pytest.raises(ValueError, match="circular"):
        pad2d(x, 1, mode="circular")
