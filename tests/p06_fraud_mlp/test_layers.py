"""Task 3 · layers (shared/nn.py): Linear, ReLU/Tanh/Sigmoid, Sequential, Dropout."""

from __future__ import annotations

import math

import numpy as np
import pytest


@pytest.mark.task(3)
def test_linear_shapes_init_and_errors():
    from shared.nn import Linear
    from shared.tensor import Tensor

    layer = Linear(5, 3, rng=0)
    assert layer.weight.dtype == np.float32 and np.all(layer.bias.data == 0), (
        "Linear holds float32 weights and a zero bias at the start"
    )
    assert np.abs(layer.weight.data).max() <= math.sqrt(6 / 5) + 1e-6, "default init: he_uniform"
    assert [n for n, _ in layer.named_parameters()] == ["weight", "bias"], (
        f"Linear registers 'weight' then 'bias'; got {[n for n, _ in layer.named_parameters()]}"
    )
    out = layer(Tensor(np.ones((4, 7, 5), dtype=np.float32)))
    assert out.shape == (4, 7, 3), f"(..., 5) -> (..., 3), got {out.shape}"
    no_bias = Linear(5, 3, bias=False, rng=0)
    assert no_bias.bias is None and len(no_bias.parameters()) == 1, (
        f"Linear(bias=False) has bias None and one parameter; got bias {no_bias.bias!r} "
        f"and {len(no_bias.parameters())} parameters"
    )
    with pytest.raises(ValueError, match="5"):
        layer(Tensor(np.ones((2, 4), dtype=np.float32)))
    with pytest.raises(ValueError, match=r"(?i)in_features"):
        Linear(0, 3)
    with pytest.raises(ValueError, match=r"zeros"):
        Linear(3, 2, init="zeros")


@pytest.mark.task(3)
def test_linear_init_choice_and_seed():
    from shared.nn import Linear

    a = Linear(400, 300, init="xavier_normal", rng=1).weight.data.astype(np.float64)
    target = 2.0 / 700
    sd = target * math.sqrt(2.0 / (a.size - 1))
    assert abs(np.var(a, ddof=1) - target) < 5 * sd, "init='xavier_normal' must reach the init"
    assert np.array_equal(Linear(4, 2, rng=9).weight.data, Linear(4, 2, rng=9).weight.data), (
        "two Linear(4, 2, rng=9) layers must draw the same weights"
    )


@pytest.mark.task(3)
def test_linear_gradients_match_gradcheck():
    from m2m.opchecks.numgrad import assert_gradient
    from shared.nn import Linear
    from shared.tensor import Tensor

    rng = np.random.default_rng(3)
    layer = Linear(4, 3, rng=0)
    layer.weight.data = rng.normal(size=(3, 4))  # float64 for the check
    layer.bias.data = rng.normal(size=3)
    x = rng.normal(size=(5, 4))
    upstream = rng.normal(size=(5, 3))
    xt = Tensor(x.copy(), requires_grad=True)
    layer(xt).backward(upstream)

    def loss_of(W=None, b=None, xx=None):
        W = layer.weight.data if W is None else W
        b = layer.bias.data if b is None else b
        xx = x if xx is None else xx
        return float(np.sum((xx @ W.T + b) * upstream))

    assert_gradient(lambda W: loss_of(W=W), layer.weight.data.copy(), layer.weight.grad)
    assert_gradient(lambda b: loss_of(b=b), layer.bias.data.copy(), layer.bias.grad)
    assert_gradient(lambda xx: loss_of(xx=xx), x.copy(), xt.grad)


@pytest.mark.task(3)
def test_activation_modules():
    from shared.nn import ReLU, Sigmoid, Tanh
    from shared.tensor import Tensor

    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(
        ReLU()(Tensor(x)).data, [0.0, 0.0, 3.0], err_msg="ReLU of [-2, 0, 3]"
    )
    np.testing.assert_allclose(
        Tanh()(Tensor(x)).data, np.tanh(x), err_msg="Tanh must be np.tanh elementwise"
    )
    np.testing.assert_allclose(
        Sigmoid()(Tensor(x)).data,
        1 / (1 + np.exp(-x)),
        err_msg="Sigmoid must be 1 / (1 + exp(-x)) elementwise",
    )
    assert ReLU().parameters() == [], "activation modules have no parameters"


@pytest.mark.task(3)
def test_sequential_chains_and_names_layers():
    from shared.nn import Linear, ReLU, Sequential
    from shared.tensor import Tensor

    model = Sequential(Linear(2, 4, rng=0), ReLU(), Linear(4, 1, rng=1))
    names = [n for n, _ in model.named_parameters()]
    assert names == ["0.weight", "0.bias", "2.weight", "2.bias"], names
    assert len(model) == 3 and isinstance(model[1], ReLU), (
        f"Sequential(Linear, ReLU, Linear): expected len 3 and model[1] a ReLU; got len "
        f"{len(model)}, model[1] {type(model[1]).__name__}"
    )
    x = np.array([[1.0, -1.0], [0.5, 2.0]], dtype=np.float32)
    first, last = model[0], model[2]
    hidden = np.maximum(x @ first.weight.data.T + first.bias.data, 0)
    expected = hidden @ last.weight.data.T + last.bias.data
    np.testing.assert_allclose(
        model(Tensor(x)).data,
        expected,
        rtol=1e-6,
        err_msg="Sequential must apply its layers in order: Linear, ReLU, Linear",
    )
    with pytest.raises(TypeError, match=r"\bstr\b"):
        Sequential(Linear(2, 2), "relu")


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_dropout_in_training_mode_scales_survivors_and_drops_about_p():
    from shared.nn import Dropout
    from shared.tensor import Tensor

    p, n = 0.3, 100_000
    layer = Dropout(p, rng=0)
    x = Tensor(np.ones(n, dtype=np.float32), requires_grad=True)
    out = layer(x)
    kept = out.data != 0
    np.testing.assert_allclose(
        out.data[kept],
        1 / (1 - p),
        rtol=1e-6,
        err_msg=("inverted dropout scales the kept units by 1 / (1 - p)"),
    )
    dropped = 1 - kept.mean()
    sd = math.sqrt(p * (1 - p) / n)  # binomial standard deviation of the dropped share
    assert abs(dropped - p) < 5 * sd, f"dropped {dropped:.4f} of the units, expected p = {p}"
    assert abs(out.data.mean() - 1.0) < 0.02, "inverted dropout preserves the expectation"
    out.sum().backward()
    np.testing.assert_allclose(
        x.grad,
        out.data,
        err_msg=("the gradient flows through the kept units only, scaled by 1 / (1 - p)"),
    )
    second = layer(Tensor(np.ones(n, dtype=np.float32))).data != 0
    assert not np.array_equal(kept, second), "each call draws a new mask"


@pytest.mark.task(3)
def test_dropout_seeding_modes_and_errors():
    from shared.init import manual_seed
    from shared.nn import Dropout, Sequential
    from shared.tensor import Tensor

    x = Tensor(np.ones((50, 20), dtype=np.float32))
    layer = Dropout(0.5)
    manual_seed(4)
    a = layer(x).data
    manual_seed(4)
    b = layer(x).data
    assert np.array_equal(a, b), "with rng=None, manual_seed decides the masks"
    model = Sequential(Dropout(0.9, rng=0))
    model.eval()
    assert np.array_equal(model(x).data, x.data), "eval() on a container reaches its Dropout"
    model.train()
    assert not np.array_equal(model(x).data, x.data), (
        "Dropout(0.9) in training mode must change the input; the output equals it"
    )
    assert np.array_equal(Dropout(0.0)(x).data, x.data), "p = 0 keeps everything"
    for bad in (1.0, -0.1, "half"):
        with pytest.raises(ValueError, match=str(bad)):
            Dropout(bad)
