"""P07 · Convolutional Kernel Explorer: padding, three convolution routes, a kernel library."""
