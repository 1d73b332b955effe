"""Fixtures of the P05 suite, and the parametrization of the generic op tests.

``pytest_generate_tests`` gives every test that asks for ``op_name`` one case per op of
the registry that P05 owns and that the test's task implements (task 3: elementwise ops,
task 4: matmul and reductions, task 5: shapes and indexing), through the course's generic
op checks (``m2m.opcheck``). Only the registry's names are read at collection, never an
op's code, so an unfinished stub fails its own test cases instead of breaking the
collection. A newly registered P05 op is tested at once.
"""

from __future__ import annotations

import numpy as np
import pytest

OWNER = "p05"

# Used only when shared.functional cannot even be imported: the tests are then collected
# under these names and each one fails with the import error.
FALLBACK_OPS = {
    3: ("add", "sub", "mul", "div", "neg", "pow", "exp", "log", "relu", "sigmoid", "tanh"),
    4: ("matmul", "sum", "mean", "max"),
    5: ("reshape", "transpose", "getitem"),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m import opcheck

    opcheck.parametrize(metafunc, OWNER, FALLBACK_OPS)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240605)


@pytest.fixture
def probe_ops():
    """Three tiny ops written here, on the given ``Function`` machinery, so that the
    backward engine (task 2) can be tested before any op of ``shared.functional`` exists.

    scale(x, c) = c x; plus(x, y) = x + y (same shapes); times(x, y) = x * y (same shapes).
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
