"""The hidden tests' references for P10 (hidden support: never shipped with the public tests).

Float64 references of the recurrent cells, written from their equations. Hidden test
modules load this file with ``m2m.testing.hidden_support(__file__, "oracles")`` and take
the fixtures they use from it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest


def _sig(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def lstm_reference(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One LSTM step in float64 from the equations, gate by gate (i, f, g, o), each gate's
    rows of the stacked weights taken explicitly."""
    H = h.shape[1]
    rows = {name: slice(k * H, (k + 1) * H) for k, name in enumerate("ifgo")}

    def pre(name):
        r = rows[name]
        return x @ w_ih[r].T + b_ih[r] + h @ w_hh[r].T + b_hh[r]

    i, f, o = _sig(pre("i")), _sig(pre("f")), _sig(pre("o"))
    g = np.tanh(pre("g"))
    c_new = f * c + i * g
    return o * np.tanh(c_new), c_new


def gru_reference(x, h, w_ih, w_hh, b_ih, b_hh):
    """One GRU step in float64 from the equations (r, z, n; b_hn inside the reset product)."""
    H = h.shape[1]
    r_, z_, n_ = (slice(k * H, (k + 1) * H) for k in range(3))
    r = _sig(x @ w_ih[r_].T + b_ih[r_] + h @ w_hh[r_].T + b_hh[r_])
    z = _sig(x @ w_ih[z_].T + b_ih[z_] + h @ w_hh[z_].T + b_hh[z_])
    n = np.tanh(x @ w_ih[n_].T + b_ih[n_] + r * (h @ w_hh[n_].T + b_hh[n_]))
    return (1.0 - z) * n + z * h


@pytest.fixture
def lstm_ref() -> Callable:
    return lstm_reference


@pytest.fixture
def gru_ref() -> Callable:
    return gru_reference
