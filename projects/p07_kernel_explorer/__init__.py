"""P07 · Convolutional Kernel Explorer: padding, three convolution routes, a kernel library.

Public names: the kernels (``identity``, ``box``, ``gaussian_1d``, ``gaussian``,
``sharpen``, ``sobel_x``, ``sobel_y``, ``laplacian``, ``emboss``, ``kernel_library``), the
filters (``filter2d``, ``convolve2d``, ``separable_filter``, ``gradient_magnitude``,
``feature_maps``), the images (``photo_gray``, ``mnist_digits``) and the timing
(``time_routes``, ``RouteTiming``). The convolution itself (padding, output sizes, naive
loops, im2col / col2im, conv2d, the FFT route) lives in ``shared.conv``.
"""

from .filters import convolve2d, feature_maps, filter2d, gradient_magnitude, separable_filter
from .images import mnist_digits, photo_gray
from .kernels import (
    box,
    emboss,
    gaussian,
    gaussian_1d,
    identity,
    kernel_library,
    laplacian,
    sharpen,
    sobel_x,
    sobel_y,
)
from .timing import RouteTiming, time_routes

__all__ = [
    "RouteTiming",
    "box",
    "convolve2d",
    "emboss",
    "feature_maps",
    "filter2d",
    "gaussian",
    "gaussian_1d",
    "gradient_magnitude",
    "identity",
    "kernel_library",
    "laplacian",
    "mnist_digits",
    "photo_gray",
    "separable_filter",
    "sharpen",
    "sobel_x",
    "sobel_y",
    "time_routes",
]
