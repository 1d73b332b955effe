"""Task 6 · the Tensor MLP (agreeing with the Value MLP), graph drawing, and the demo."""

from __future__ import annotations

import re

import numpy as np
import pytest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Any DOT node id (an identifier, a number or a quoted string): the brief names no format.
_ID = r'(?:[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")'
NODE = re.compile(
    rf'^\s*({_ID})\s*\[(?:[^\]]*?[,;\s])?label\s*=\s*"((?:[^"\\]|\\.)*)"[^\]]*\]\s*;?\s*$'
)
EDGE = re.compile(rf"^\s*({_ID})\s*->\s*({_ID})\s*(?:\[[^\]]*\])?\s*;?\s*$")


def _parse_dot(text):
    """node id -> label lines, and the list of edges, of the DOT text to_dot writes."""
    nodes, edges = {}, []
    for line in text.splitlines():
        if m := NODE.match(line):
            nodes[m.group(1)] = m.group(2).split("\\n")
        elif m := EDGE.match(line):
            edges.append((m.group(1), m.group(2)))
    return nodes, edges


def _moons_models(dtype=np.float64):
    from projects.p05_autograd import TensorMLP, ValueMLP

    value = ValueMLP((2, 4, 3, 1), activation="tanh", seed=3)
    return value, TensorMLP.from_value_mlp(value, dtype=dtype)


@pytest.mark.task(6)
def test_tensor_mlp_matches_the_value_mlp_forward_and_backward():
    from projects.p05_autograd import Value, make_moons, margin_loss, margin_loss_tensor

    X, y = make_moons(12, noise=0.1, seed=4)
    ys = np.where(y == 1, 1.0, -1.0)
    value, tensor = _moons_models()
    scores = tensor(X)
    assert scores.shape == (12,), "the Tensor MLP returns one score per row: shape (N,)"
    v_scores = [value([Value(float(a)), Value(float(b))]) for a, b in X]
    np.testing.assert_allclose(
        scores.data,
        [s.data for s in v_scores],
        rtol=1e-12,
        err_msg="Tensor MLP scores must equal the Value MLP's scores for the same weights",
    )

    margin_loss(v_scores, ys).backward()
    margin_loss_tensor(scores, ys).backward()
    for i, ((W, b), p) in enumerate(zip(_grads_of(value), _pairs(tensor.params), strict=True)):
        np.testing.assert_allclose(p[0].grad, W, rtol=1e-9, atol=1e-12, err_msg=f"dL/dW{i + 1}")
        np.testing.assert_allclose(p[1].grad, b, rtol=1e-9, atol=1e-12, err_msg=f"dL/db{i + 1}")


def _pairs(params):
    return [(params[i], params[i + 1]) for i in range(0, len(params), 2)]


def _grads_of(value_model):
    out = []
    for layer in value_model.layers:
        W = np.array([[w.grad for w in neuron.w] for neuron in layer]).T
        b = np.array([neuron.b.grad for neuron in layer])
        out.append((W, b))
    return out


@pytest.mark.task(6)
def test_margin_loss_tensor_by_hand():
    from projects.p05_autograd import margin_loss_tensor
    from shared.tensor import Tensor

    s = Tensor(np.array([2.0, -0.5, 0.25]), requires_grad=True)
    loss = margin_loss_tensor(s, np.array([1.0, 1.0, -1.0]))
    assert loss.shape == () and loss.item() == pytest.approx(2.75 / 3), (
        f"margin loss of scores [2, -0.5, 0.25] with labels [1, 1, -1]: expected a 0-d "
        f"tensor equal to mean(max(0, 1 - y s)) = 2.75 / 3, got shape {loss.shape}, "
        f"value {loss.data}"
    )
    loss.backward()
    np.testing.assert_allclose(
        s.grad,
        [0.0, -1 / 3, 1 / 3],
        err_msg="d(mean hinge)/ds: 0 where the margin is met, -y / N where it is not",
    )
    with pytest.raises(ValueError, match=r"\(3,\).*\(2,\)"):
        margin_loss_tensor(s, np.array([1.0, -1.0]))


@pytest.mark.task(6)
def test_both_engines_train_identically():
    from projects.p05_autograd import make_moons, train_tensor_mlp, train_value_mlp

    X, y = make_moons(64, noise=0.1, seed=2)
    value, tensor = _moons_models()
    v_hist = train_value_mlp(value, X, y, steps=15, lr=0.3, batch_size=16, seed=1)
    t_hist = train_tensor_mlp(tensor, X, y, steps=15, lr=0.3, batch_size=16, seed=1)
    assert len(t_hist) == 15 and all(isinstance(v, float) for v in t_hist), (
        f"train_tensor_mlp(steps=15) must return 15 Python floats (one loss per step); "
        f"got {len(t_hist)} values of types {sorted({type(v).__name__ for v in t_hist})}"
    )
    np.testing.assert_allclose(
        t_hist, v_hist, rtol=1e-9, err_msg="same weights, same batches: the same losses"
    )
    (W1, _), *_ = value.weights()
    np.testing.assert_allclose(
        tensor.params[0].data,
        W1,
        rtol=1e-9,
        err_msg="after the same 15 steps, the first weight matrix must equal the Value MLP's",
    )


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_tensor_mlp_learns_two_moons_in_float32():
    from projects.p05_autograd import (
        TensorMLP,
        ValueMLP,
        make_moons,
        predict_tensor,
        train_tensor_mlp,
    )

    X, y = make_moons(200, noise=0.1, seed=0)
    X_test, y_test = make_moons(1000, noise=0.1, seed=1)
    model = TensorMLP.from_value_mlp(ValueMLP((2, 8, 8, 1), activation="relu", seed=0))
    assert model.params[0].dtype == np.float32, (
        f"TensorMLP.from_value_mlp defaults to float32 parameters; got {model.params[0].dtype}"
    )
    history = train_tensor_mlp(model, X, y, steps=300, lr=0.6, batch_size=16, seed=0)
    accuracy = np.mean((predict_tensor(model, X_test) > 0) == (y_test == 1))
    assert np.mean(history[-20:]) < 0.1, (
        f"the mean loss of the last 20 of 300 steps must fall below 0.1; got "
        f"{np.mean(history[-20:]):.4f}"
    )
    assert accuracy >= 0.97, f"the reference reaches 0.99 test accuracy; yours {accuracy:.3f}"


@pytest.mark.task(6)
def test_to_dot_draws_every_tensor_once():
    from projects.p05_autograd import to_dot
    from shared.tensor import Tensor

    a = Tensor(np.array([1.0, 2.0]), requires_grad=True, name="a")
    x = Tensor(np.array([3.0, 4.0]), name="x")
    b = a * a  # a used twice: one node, two edges
    c = (b + x).sum()
    text = to_dot(c)
    assert text.lstrip().startswith("digraph"), "DOT text starts with 'digraph'"
    assert text.count("{") == text.count("}") and text.rstrip().endswith("}"), (
        f"DOT text must balance its braces and end with '}}'; got {text.count('{')} "
        f"'{{' and {text.count('}')} '}}', ending {text.rstrip()[-20:]!r}"
    )
    nodes, edges = _parse_dot(text)
    assert len(nodes) == 5, f"a, x, a*a, +, sum: 5 tensors, 5 nodes; got {len(nodes)}"
    labels = {lines[0]: node for node, lines in nodes.items()}
    assert {"a", "x", "mul", "add", "sum"} <= set(labels), f"node titles: {sorted(labels)}"
    assert nodes[labels["mul"]][1] == "(2,)" and nodes[labels["sum"]][1] == "()", (
        f"a node's second label line is its shape: expected mul (2,) and sum (); got "
        f"mul {nodes[labels['mul']]}, sum {nodes[labels['sum']]}"
    )
    assert edges.count((labels["a"], labels["mul"])) == 2, "a * a: two edges from a"
    assert (labels["x"], labels["add"]) in edges and (labels["add"], labels["sum"]) in edges, (
        f"expected edges x -> add and add -> sum (input to output); got edges "
        f"{edges}, nodes {labels}"
    )
    assert len(edges) == 5, "edges: a->mul twice, mul->add, x->add, add->sum"
    assert "|grad|" not in text, "no gradient norm before backward"

    c.backward()
    nodes, _ = _parse_dot(to_dot(c))
    by_title = {lines[0]: lines for lines in nodes.values()}
    assert by_title["a"][2] == f"|grad| = {np.linalg.norm([2.0, 4.0]):.4g}", (
        "after backward a leaf's label ends with its gradient norm |grad| = ..."
    )
    assert len(by_title["x"]) == 2, "a tensor without a gradient shows no norm"


@pytest.mark.task(6)
def test_to_dot_handles_a_deep_graph_and_a_leaf():
    from projects.p05_autograd import to_dot
    from shared.tensor import Tensor

    a = Tensor(np.array([1.0]), requires_grad=True)
    y = a
    for _ in range(5_000):
        y = y * 1.0
    nodes, edges = _parse_dot(to_dot(y))
    assert len(nodes) == 5_001 and len(edges) == 5_000, (
        f"a chain of 5,000 ops from one leaf: expected 5,001 nodes and 5,000 edges, got "
        f"{len(nodes)} nodes and {len(edges)} edges"
    )
    nodes, edges = _parse_dot(to_dot(a))
    assert len(nodes) == 1 and not edges, (
        f"a lone leaf: expected 1 node and no edges, got {len(nodes)} nodes and {len(edges)} edges"
    )


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_demo_reports_metrics_and_writes_figures_and_graph(tmp_path, capsys):
    from projects.p05_autograd.demo import main

    metrics = main(out_dir=tmp_path)
    out = capsys.readouterr().out
    assert metrics["value_test_accuracy"] >= 0.97 and metrics["tensor_test_accuracy"] >= 0.97, (
        f"demo: both engines must reach test accuracy >= 0.97; got Value "
        f"{metrics['value_test_accuracy']:.3f}, Tensor {metrics['tensor_test_accuracy']:.3f}"
    )
    assert metrics["max_loss_gap"] < 1e-4, "both engines must follow the same loss curve"
    assert metrics["speedup"] > 1.0, "the Tensor engine must be faster than the Value one"
    assert "faster" in out, (
        f"demo must print how much faster the Tensor engine is ('faster'); printed {out!r}"
    )
    for name in ("boundaries.png", "losses.png"):
        path = tmp_path / name
        assert path.is_file() and path.read_bytes()[:8] == PNG_SIGNATURE, f"{name} missing"
    dot = (tmp_path / "graph.dot").read_text(encoding="utf-8")
    nodes, edges = _parse_dot(dot)
    assert dot.startswith("digraph") and len(nodes) > 10 and edges, (
        f"graph.dot must be DOT text ('digraph ...') of the trained model with more than "
        f"10 nodes and some edges; got {len(nodes)} nodes, {len(edges)} edges, "
        f"starting {dot[:30]!r}"
    )
    assert "|grad|" in dot and "matmul" in dot, (
        f"graph.dot is drawn after backward, so it must show gradient norms ('|grad|') "
        f"and a 'matmul' node; '|grad|' found: {'|grad|' in dot}, "
        f"'matmul' found: {'matmul' in dot}"
    )
