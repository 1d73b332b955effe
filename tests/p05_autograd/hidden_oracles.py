"""The hidden tests' probes for P05 (hidden support: never shipped with the public tests).

Hidden test modules load this file with ``m2m.testing.hidden_support(__file__, "oracles")``
and take the fixtures they use from it.
"""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def probe_ops():
    """Four tiny ops written here, on the given ``Function`` machinery, so that the
    backward engine (task 2) can be tested before any op of ``shared.functional`` exists.

    scale(x, c) = c x; plus(x, y) = x + y (same shapes); times(x, y) = x * y (same shapes);
    total(x) = the sum of x's entries.
    """
    from shared.tensor import Function

    class Scale(Function):
        name = "scale"

        @staticmethod
        def forward(ctx, x, c):
            ctx.c = c
            return x * c

        @staticmethod
        def backward(ctx, grad):
            return (grad * ctx.c, None)

    class Plus(Function):
        name = "plus"

        @staticmethod
        def forward(ctx, x, y):
            return x + y

        @staticmethod
        def backward(ctx, grad):
            return (grad, grad)  # the same array twice: the engine must not alias .grad

    class Times(Function):
        name = "times"

        @staticmethod
        def forward(ctx, x, y):
            ctx.x, ctx.y = x, y
            return x * y

        @staticmethod
        def backward(ctx, grad):
            return (grad * ctx.y, grad * ctx.x)

    class Total(Function):
        name = "total"

        @staticmethod
        def forward(ctx, x):
            ctx.shape = x.shape
            return np.sum(x)

        @staticmethod
        def backward(ctx, grad):
            return (np.full(ctx.shape, grad),)

    class Ops:
        def scale(self, x, c):
            return Scale.apply(x, c)

        def plus(self, x, y):
            return Plus.apply(x, y)

        def times(self, x, y):
            return Times.apply(x, y)

        def total(self, x):
            return Total.apply(x)

    return Ops()
