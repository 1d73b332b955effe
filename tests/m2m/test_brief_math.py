"""The worked numbers and formulas of the briefs, checked numerically.

Each test recomputes a formula or a hand example of a brief in plain NumPy (no course
code, so the checks hold on either implementation tree), compares it with a numerical
gradient or a direct computation, and checks that the brief states the numbers it shows.
A brief that changes a worked example must change the test with it.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pytest

from .conftest import REPO


def _brief(name: str) -> str:
    """A brief's text with typographic minus signs made plain, for number lookups."""
    path = REPO / "solutions" / "projects" / name / "README.md"
    return path.read_text(encoding="utf-8").replace("−", "-")


def _central_difference(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (f(up) - f(down)) / (2 * h)
    return grad


# ------------------------------------------------------------------ P09: convolution


def _conv(x, w, stride, pad, dil):
    """Cross-correlation by its definition: (N, C, H, W), (O, C, k, k) -> (N, O, oH, oW)."""
    n, _, h, width = x.shape
    k = w.shape[2]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh = (h + 2 * pad - dil * (k - 1) - 1) // stride + 1
    ow = (width + 2 * pad - dil * (k - 1) - 1) // stride + 1
    out = np.zeros((n, w.shape[0], oh, ow))
    for i, j in itertools.product(range(k), repeat=2):
        rows = slice(i * dil, i * dil + stride * (oh - 1) + 1, stride)
        cols = slice(j * dil, j * dil + stride * (ow - 1) + 1, stride)
        out += np.einsum("nchw,oc->nohw", xp[:, :, rows, cols], w[:, :, i, j])
    return out


def _transposed_input_gradient(g, w, x_shape, stride, pad, dil):
    """P09's general form: correlate the stride-dilated G, read at
    u + P - d(k - 1) + i d, with the flipped kernel, channel axes swapped."""
    n, c, h, width = x_shape
    k = w.shape[2]
    oh, ow = g.shape[2:]
    gt = np.zeros((n, g.shape[1], stride * (oh - 1) + 1, stride * (ow - 1) + 1))
    gt[:, :, ::stride, ::stride] = g
    dx = np.zeros(x_shape)
    for u, v, i, j in itertools.product(range(h), range(width), range(k), range(k)):
        a = u + pad - dil * (k - 1) + i * dil
        b = v + pad - dil * (k - 1) + j * dil
        if 0 <= a < gt.shape[2] and 0 <= b < gt.shape[3]:
            dx[:, :, u, v] += gt[:, :, a, b] @ w[:, :, k - 1 - i, k - 1 - j]
    return dx


@pytest.mark.parametrize(
    "stride, pad, dil", [(1, 0, 1), (1, 1, 1), (2, 1, 1), (1, 2, 2), (2, 1, 2), (3, 0, 1)]
)
def test_p09_general_transposed_convolution_is_the_input_gradient(stride, pad, dil):
    rng = np.random.default_rng(9)
    x = rng.normal(size=(2, 2, 7, 6))
    w = rng.normal(size=(3, 2, 3, 3))
    g = rng.normal(size=_conv(x, w, stride, pad, dil).shape)
    numeric = _central_difference(lambda v: float(np.sum(_conv(v, w, stride, pad, dil) * g)), x)
    formula = _transposed_input_gradient(g, w, x.shape, stride, pad, dil)
    np.testing.assert_allclose(formula, numeric, atol=1e-6, err_msg=f"s={stride} P={pad} d={dil}")


def test_p09_padding_k_minus_1_alone_is_wrong_once_the_layer_pads():
    """The stride-1 shortcut (pad G by k - 1) ignores the layer's own padding P."""
    rng = np.random.default_rng(9)
    x, w = rng.normal(size=(1, 2, 6, 6)), rng.normal(size=(2, 2, 3, 3))
    g = rng.normal(size=_conv(x, w, 1, 1, 1).shape)
    right = _transposed_input_gradient(g, w, x.shape, 1, 1, 1)
    shortcut = _transposed_input_gradient(g, w, x.shape, 1, 0, 1)  # as if P were 0
    assert np.abs(right - shortcut).max() > 1.0


def test_p09_brief_states_the_general_form():
    text = _brief("p09_cnn")
    assert "u + P_H - d_H(k_H - 1) + i\\,d_H" in text
    assert "for every stride, padding and" in text


# ------------------------------------------------------------------ P09: batch norm


def _batch_norm_gradient(x, g, gamma, eps):
    mu, var = x.mean(), x.var()
    s = 1.0 / math.sqrt(var + eps)
    x_hat = (x - mu) * s
    g_hat = gamma * g
    return s * (g_hat - g_hat.mean() - x_hat * np.mean(g_hat * x_hat)), x_hat, s


@pytest.mark.parametrize("eps", [0.0, 1e-5])
def test_p09_batch_norm_example_by_hand(eps):
    x, g = np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 0.0])
    dx, x_hat, s = _batch_norm_gradient(x, g, 1.0, eps)

    def loss(v):
        return float(np.sum(g * (v - v.mean()) / math.sqrt(v.var() + eps)))

    np.testing.assert_allclose(dx, _central_difference(loss, x), atol=1e-7)
    np.testing.assert_allclose(dx, [0.204, -0.408, 0.204], atol=5e-4)
    assert abs(dx.sum()) < 1e-12, "the mean is removed: the gradient sums to 0"
    # the step of the derivation: s³ (x_i - μ) Σ ĝ_j (x_j - μ) / m = s x̂_i mean(ĝ x̂)
    left = s**3 * (x - x.mean()) * np.sum(g * (x - x.mean())) / 3
    np.testing.assert_allclose(left, s * x_hat * np.mean(g * x_hat), rtol=1e-12)
    # blind to a rescaling only at ε = 0: the component along x̂ is s Σ ĝ x̂ ε / (σ² + ε)
    along = s * np.sum(g * x_hat) * eps / (x.var() + eps)
    assert dx @ x_hat == pytest.approx(along, abs=1e-15)
    text = _brief("p09_cnn")
    assert "(0.204, -0.408, 0.204)" in text and "\\varepsilon = 0" in text


# ------------------------------------------------------------------ P08: softmax


def test_p08_softmax_example_by_hand():
    z, y = np.array([2.0, 1.0, 0.1]), 0
    s = np.exp(z) / np.exp(z).sum()
    loss = -math.log(s[y])
    grad = s - np.eye(3)[y]
    np.testing.assert_allclose(s, [0.659, 0.242, 0.099], atol=5e-4)
    assert loss == pytest.approx(0.417, abs=5e-4)
    np.testing.assert_allclose(grad, [-0.341, 0.242, 0.099], atol=5e-4)
    np.testing.assert_allclose(
        grad, _central_difference(lambda v: math.log(np.exp(v).sum()) - v[y], z), atol=1e-8
    )
    text = _brief("p08_mnist")
    for number in ("0.659", "0.242", "0.099", "0.417", "-0.341", "11.212"):
        assert number in text, f"P08's softmax example must show {number}"
    assert "label 1 (labels count from 0)" in text


# ------------------------------------------------------------------ P05: backprop by hand


def test_p05_worked_example_and_the_matmul_rule():
    x, y = 3.0, -2.0
    u = x * y
    v = u + x
    assert (u, v, v * v) == (-6.0, -3.0, 9.0)
    v_bar = 2 * v
    u_bar = v_bar
    assert (u_bar * x, v_bar + u_bar * y) == (-18.0, 6.0)  # ȳ, x̄ (two users added)
    assert (2 * x * (y + 1) ** 2, 2 * x**2 * (y + 1)) == (6.0, -18.0)  # the closed form
    text = _brief("p05_autograd")
    assert "-6 + 12 = 6" in text and "-18" in text
    rng = np.random.default_rng(5)
    a, b, c_bar = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(2, 4))
    numeric = _central_difference(lambda m: float(np.sum((m @ b) * c_bar)), a)
    np.testing.assert_allclose(c_bar @ b.T, numeric, atol=1e-8)  # Ā_il = Σ_j C̄_ij B_lj


# ------------------------------------------------------------------ P10: BPTT and the LSTM


def test_p10_bptt_sums_over_every_later_loss_with_the_latest_jacobian_first():
    rng = np.random.default_rng(1)
    hidden, steps, t = 4, 5, 1
    w = rng.normal(size=(hidden, hidden)) * 0.7
    u, xs = rng.normal(size=(hidden, hidden)), rng.normal(size=(steps + 1, hidden))
    readout = rng.normal(size=hidden)

    def run(h_t):
        hs, loss = {t: h_t}, float(readout @ h_t)
        for k in range(t + 1, steps + 1):
            hs[k] = np.tanh(u @ xs[k] + w @ hs[k - 1])
            loss += float(readout @ hs[k])
        return loss, hs

    h = np.zeros(hidden)
    for k in range(1, t + 1):
        h = np.tanh(u @ xs[k] + w @ h)
    _, hs = run(h)
    numeric = _central_difference(lambda v: run(v)[0], h)

    def jacobian(k):
        return np.diag(1 - hs[k] ** 2) @ w

    def product(ks):
        return functools.reduce(np.matmul, [jacobian(k) for k in ks], np.eye(hidden))

    total = sum(readout @ product(range(s, t, -1)) for s in range(t, steps + 1))
    np.testing.assert_allclose(total, numeric, atol=1e-8)
    reversed_order = sum(readout @ product(range(t + 1, s + 1)) for s in range(t, steps + 1))
    assert np.abs(reversed_order - numeric).max() > 1e-2, "the order of the product matters"
    # the recursion δ_t = ∂L_t/∂h_t + δ_{t+1} J_{t+1} gives the same sum
    delta = readout.copy()
    for k in range(steps - 1, t - 1, -1):
        delta = readout + delta @ jacobian(k + 1)
    np.testing.assert_allclose(delta, numeric, atol=1e-8)


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def test_p10_lstm_backward_as_derived_in_the_brief():
    rng = np.random.default_rng(3)
    n, hidden = 2, 3
    xw = rng.uniform(-1, 1, size=(n, 4 * hidden))
    h, c = rng.uniform(-1, 1, size=(2, n, hidden))
    w_hh, b_hh = rng.uniform(-1, 1, size=(4 * hidden, hidden)), rng.uniform(-1, 1, 4 * hidden)
    h_bar, c_bar = rng.normal(size=(2, n, hidden))

    def step(xw, h, c, w_hh, b_hh):
        a = xw + h @ w_hh.T + b_hh
        i, f, g, o = np.split(a, 4, axis=1)
        i, f, g, o = _sigmoid(i), _sigmoid(f), np.tanh(g), _sigmoid(o)
        c_new = f * c + i * g
        return o * np.tanh(c_new), c_new, (i, f, g, o)

    h_new, c_new, (i, f, g, o) = step(xw, h, c, w_hh, b_hh)
    # lines 1-4 of the derivation
    o_bar = h_bar * np.tanh(c_new)
    c_tot = c_bar + h_bar * o * (1 - np.tanh(c_new) ** 2)
    f_bar, c_prev_bar, i_bar, g_bar = c_tot * c, c_tot * f, c_tot * g, c_tot * i
    a_bar = np.concatenate(
        [i_bar * i * (1 - i), f_bar * f * (1 - f), g_bar * (1 - g * g), o_bar * o * (1 - o)],
        axis=1,
    )
    derived = [a_bar, a_bar @ w_hh, c_prev_bar, a_bar.T @ h, a_bar.sum(axis=0)]
    inputs = [xw, h, c, w_hh, b_hh]
    for k, (name, grad) in enumerate(zip(["xw", "h", "c", "W_hh", "b_hh"], derived, strict=True)):

        def loss(v, k=k):
            args = list(inputs)
            args[k] = v
            hn, cn, _ = step(*args)
            return float(np.sum(hn * h_bar) + np.sum(cn * c_bar))

        numeric = _central_difference(loss, inputs[k])
        np.testing.assert_allclose(grad, numeric, atol=1e-7, err_msg=f"d loss / d {name}")


def test_p10_vanishing_numbers_and_the_temperature_table():
    assert 0.5**20 == pytest.approx(9.5e-7, rel=1e-2) and round(0.95**20, 2) == 0.36
    assert round(1.5**20, -2) == 3300
    z = np.array([2.0, 1.0, 0.0])
    text = _brief("p10_char_rnn")
    for tau, shown in ((1, "(0.665, 0.245, 0.090)"), (0.5, "(0.867, 0.117, 0.016)"),
                       (2, "(0.506, 0.307, 0.186)")):  # fmt: skip
        p = np.exp(z / tau) / np.exp(z / tau).sum()
        assert shown == "(" + ", ".join(f"{v:.3f}" for v in p) + ")"
        assert shown in text, f"P10's temperature table must show {shown} for τ = {tau}"
    bigram = -(2 * math.log(3 / 5) + 2 * math.log(2 / 5)) / 4
    assert f"{bigram:.3f}" == "0.714" and "≈ 0.714 nats" in text


# ------------------------------------------------------------------ P06: the variance test


def test_p06_a_missing_factor_two_in_standard_deviations():
    n = 1e5
    normal, uniform = 0.5 / math.sqrt(2 / (n - 1)), 0.5 / math.sqrt(0.8 / n)
    assert round(normal) == 112 and round(uniform) == 177
    text = _brief("p06_fraud_mlp")
    assert "\\approx 112" in text and "\\approx 177" in text
