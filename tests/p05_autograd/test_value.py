"""Task 1 · the scalar Value engine and the tiny MLP built from it."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest


def _grads(f, *xs):
    """Values for xs, f applied, backward; returns (output, [grads])."""
    from projects.p05_autograd import Value

    vs = [Value(x) for x in xs]
    out = f(*vs)
    out.backward()
    return out, [v.grad for v in vs]


@pytest.mark.task(1)
@pytest.mark.points(0.5)
@pytest.mark.parametrize(
    ("expr", "x", "value", "grad"),
    [
        ("x + 3", 2.0, 5.0, 1.0),
        ("x * x", 3.0, 9.0, 6.0),
        ("x ** 3", 2.0, 8.0, 12.0),
        ("x ** -1", 4.0, 0.25, -1 / 16),
        ("x ** 0.5", 4.0, 2.0, 0.25),
        ("x.exp()", 1.5, math.exp(1.5), math.exp(1.5)),
        ("x.log()", 4.0, math.log(4.0), 0.25),
        ("x.tanh()", 0.5, math.tanh(0.5), 1 - math.tanh(0.5) ** 2),
        ("x.relu()", 1.5, 1.5, 1.0),
        ("x.relu()", -1.5, 0.0, 0.0),
        ("x.sigmoid()", 0.0, 0.5, 0.25),
        ("x.sigmoid()", 2.0, 1 / (1 + math.exp(-2)), math.exp(-2) / (1 + math.exp(-2)) ** 2),
        ("-x", 2.0, -2.0, -1.0),
        ("x - 5", 2.0, -3.0, 1.0),
        ("5 - x", 2.0, 3.0, -1.0),
        ("x / 4", 2.0, 0.5, 0.25),
        ("4 / x", 2.0, 2.0, -1.0),
        ("2 * x + 1", 3.0, 7.0, 2.0),
    ],
)
def test_each_operation_value_and_derivative(expr, x, value, grad):
    out, (g,) = _grads(lambda x: eval(expr), x)
    assert out.data == pytest.approx(value, rel=1e-12), f"{expr} at x = {x}: wrong value"
    assert g == pytest.approx(grad, rel=1e-12, abs=1e-15), (
        f"d({expr})/dx at x = {x} should be {grad}, your backward gave {g}"
    )


@pytest.mark.task(1)
def test_two_variables_by_hand():
    # z = x * y + tanh(x): dz/dx = y + 1 - tanh(x)^2, dz/dy = x
    out, (gx, gy) = _grads(lambda x, y: x * y + x.tanh(), 2.0, -3.0)
    assert out.data == pytest.approx(-6.0 + math.tanh(2.0)), (
        f"z = x y + tanh(x) at x = 2, y = -3: expected {-6.0 + math.tanh(2.0)!r}, got {out.data!r}"
    )
    assert gx == pytest.approx(-3.0 + 1.0 - math.tanh(2.0) ** 2, rel=1e-12), (
        f"dz/dx = y + 1 - tanh(x)^2 = {-3.0 + 1.0 - math.tanh(2.0) ** 2!r} at x = 2, "
        f"y = -3; your backward gave {gx!r}"
    )
    assert gy == pytest.approx(2.0, rel=1e-12), f"dz/dy = x = 2.0; your backward gave {gy!r}"


@pytest.mark.task(1)
def test_value_used_twice_and_diamond():
    _, (g,) = _grads(lambda a: a + a, 3.0)
    assert g == 2.0, "a + a: both uses contribute, the gradient is 2 (accumulate with +=)"
    _, (g,) = _grads(lambda a: a * a * a, 2.0)
    assert g == pytest.approx(12.0), "a * a * a at 2: 3 a^2 = 12"

    def diamond(a):
        b = a * 2.0
        c = a + 1.0
        return b * c  # d = 2a (a + 1), dd/da = 4a + 2

    _, (g,) = _grads(diamond, 3.0)
    assert g == pytest.approx(14.0), "diamond 2a(a + 1) at a = 3: the gradient is 4a + 2 = 14"


@pytest.mark.task(1)
def test_gradients_match_central_differences():
    from m2m.opchecks.numgrad import assert_gradient
    from projects.p05_autograd import Value

    def f_values(x, y, z):
        return ((x * y).tanh() + (x**2).exp() / (z.sigmoid() + 1.0) - (y - z).relu()).log()

    point = np.array([0.3, -0.7, 1.1])
    vs = [Value(float(v)) for v in point]
    f_values(*vs).backward()
    analytic = np.array([v.grad for v in vs])

    def f_numeric(p):
        return f_values(*(Value(float(v)) for v in p)).data

    assert_gradient(f_numeric, point.copy(), analytic, tol=1e-6)


@pytest.mark.task(1)
def test_backward_twice_accumulates_on_leaves_only():
    from projects.p05_autograd import Value

    x = Value(2.0)
    h = x * 3.0
    y = h * h  # 9 x^2, dy/dx = 18 x = 36
    y.backward()
    assert x.grad == pytest.approx(36.0), f"y = (3x)^2 at x = 2: dy/dx = 18 x = 36; got {x.grad!r}"
    y.backward()
    assert x.grad == pytest.approx(72.0), (
        "a second backward adds into the leaves' grad (36 + 36); intermediate gradients "
        "must be recomputed, not accumulated, or the result is wrong"
    )


@pytest.mark.task(1)
def test_topological_order_and_a_long_chain():
    from projects.p05_autograd import Value

    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    order = d.topological_order()
    assert order[-1] is d and len(order) == len({id(v) for v in order}) == 4, (
        f"topological_order of d = a b + a: expected the 4 nodes once each with d last; got "
        f"{len(order)} entries, {len({id(v) for v in order})} distinct, last is d: "
        f"{order[-1] is d}"
    )
    position = {id(v): i for i, v in enumerate(order)}
    for node in order:
        for p in node.parents:
            assert position[id(p)] < position[id(node)], "a node must come after its parents"

    x = Value(0.5)
    y = x
    for _ in range(10_000):
        y = y * 1.0001
    start = time.perf_counter()
    y.backward()  # no RecursionError
    assert time.perf_counter() - start < 5.0, (
        f"backward through a 10,000-op chain must take under 5 s; took "
        f"{time.perf_counter() - start:.2f} s"
    )
    assert x.grad == pytest.approx(1.0001**10_000, rel=1e-9), (
        f"10,000 multiplications by 1.0001: expected dy/dx = {1.0001**10_000!r}, got {x.grad!r}"
    )


@pytest.mark.task(1)
def test_powers_at_zero_follow_the_docstring():
    from projects.p05_autograd import Value

    x = Value(0.0)
    root = x**0.5
    root.backward()
    assert root.data == 0.0 and x.grad == float("inf"), (
        f"Value(0) ** 0.5 is 0 with slope +inf; got value {root.data}, grad {x.grad}"
    )
    y = Value(0.0)
    one = y**0
    one.backward()
    assert one.data == 1.0 and y.grad == 0.0, (
        f"Value(0) ** 0 is 1 with slope 0; got value {one.data}, grad {y.grad}"
    )


@pytest.mark.task(1)
def test_errors_are_clear():
    from projects.p05_autograd import Value

    with pytest.raises(ValueError, match=r"-1"):
        Value(-1.0).log()
    with pytest.raises(ValueError, match=r"\b0(\.0)?\b"):  # names the offending x
        Value(0.0).log()
    with pytest.raises(TypeError, match="exponent"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match=r"-2|negative"):  # names the base or says why
        Value(-2.0) ** 0.5
    s_low, s_high = Value(-1000.0).sigmoid(), Value(1000.0).sigmoid()
    assert s_low.data == 0.0 and s_high.data == 1.0, "sigmoid must not overflow at +-1000"


@pytest.mark.task(1)
def test_neuron_and_mlp_forward():
    from projects.p05_autograd import Neuron, Value, ValueMLP

    n = Neuron(2, activation="tanh", rng=np.random.default_rng(0))
    n.w[0].data, n.w[1].data, n.b.data = 0.5, -1.0, 0.25
    out = n([2.0, 1.0])
    assert out.data == pytest.approx(math.tanh(0.5 * 2 - 1 + 0.25)), "tanh(w . x + b)"
    out.backward()
    assert n.w[0].grad == pytest.approx(2.0 * (1 - math.tanh(0.25) ** 2)), (
        f"d tanh(w . x + b)/dw0 = x0 (1 - tanh^2) = {2.0 * (1 - math.tanh(0.25) ** 2)!r}; "
        f"got {n.w[0].grad!r}"
    )

    model = ValueMLP((2, 8, 8, 1), activation="relu", seed=0)
    assert len(model.parameters()) == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1, (
        f"ValueMLP((2, 8, 8, 1)) has 2*8 + 8 + 8*8 + 8 + 8 + 1 = 105 parameters; got "
        f"{len(model.parameters())}"
    )
    score = model([Value(0.1), Value(-0.2)])
    assert isinstance(score, Value), (
        f"a 1-output ValueMLP must return one Value, not a list; got {type(score).__name__}"
    )
    (W1, b1), (W2, b2), (W3, b3) = model.weights()
    h = np.maximum(np.array([0.1, -0.2]) @ W1 + b1, 0)
    h = np.maximum(h @ W2 + b2, 0)
    assert score.data == pytest.approx(float((h @ W3 + b3)[0]), rel=1e-12), (
        "the MLP must be relu(relu(x W1 + b1) W2 + b2) W3 + b3 (linear output layer)"
    )


@pytest.mark.task(1)
def test_margin_loss_by_hand():
    from projects.p05_autograd import Value, margin_loss

    s = [Value(2.0), Value(-0.5), Value(0.25)]
    loss = margin_loss(s, [1.0, 1.0, -1.0])
    # max(0, 1 - 2) = 0, max(0, 1.5) = 1.5, max(0, 1.25) = 1.25 -> mean 2.75 / 3
    assert loss.data == pytest.approx(2.75 / 3), (
        f"mean(max(0, 1 - y s)) of s = [2, -0.5, 0.25], y = [1, 1, -1] is 2.75 / 3; got "
        f"{loss.data!r}"
    )
    loss.backward()
    assert [v.grad for v in s] == pytest.approx([0.0, -1 / 3, 1 / 3]), (
        f"d(mean hinge)/ds: 0 where the margin is met, -y / N where it is not: expected "
        f"[0, -1/3, 1/3], got {[v.grad for v in s]}"
    )


@pytest.mark.task(1)
@pytest.mark.points(3)
def test_value_mlp_learns_two_moons():
    from projects.p05_autograd import ValueMLP, make_moons, predict_value, train_value_mlp

    X, y = make_moons(200, noise=0.1, seed=0)
    X_test, y_test = make_moons(500, noise=0.1, seed=1)
    model = ValueMLP((2, 8, 8, 1), activation="relu", seed=0)
    history = train_value_mlp(model, X, y, steps=200, lr=0.6, batch_size=16, seed=0)
    assert len(history) == 200, (
        f"train_value_mlp(steps=200) must return one loss per step: 200; got {len(history)}"
    )
    assert np.mean(history[-20:]) < 0.5 * np.mean(history[:20]), "the loss must fall"
    accuracy = np.mean((predict_value(model, X_test) > 0) == (y_test == 1))
    assert accuracy >= 0.97, (
        f"after 200 steps (lr 0.6, batch 16, seed 0) the reference reaches 0.99 test "
        f"accuracy; yours is {accuracy:.3f}"
    )
