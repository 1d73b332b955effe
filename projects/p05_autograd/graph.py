"""Drawing a computation graph: Graphviz DOT text for a Tensor and everything behind it.

    loss.backward()
    Path("graph.dot").write_text(to_dot(loss))
    # dot -Tpng graph.dot -o graph.png   (Graphviz, when it is installed)

Each tensor is one node, labelled with the op that produced it (or its name, for a leaf),
its shape and, once a gradient is there, the norm of that gradient; each edge goes from an
input to the tensor computed from it, so the picture reads from the inputs to the loss.
"""

from __future__ import annotations

import numpy as np

from shared.tensor import Tensor

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["dot_label", "to_dot"]


def _quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as \\n."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot_label(tensor: Tensor) -> str:
    """The text of a node, one fact per line: title, shape, gradient norm.

    Given helper. Title: the op for an op's output; the name (or "leaf") for a leaf that
    requires grad; the name (or "input") for a tensor that does not. The last line, only
    when ``tensor.grad`` is set, is the gradient's Euclidean norm: ``|grad| = 0.123``.
    """
    if tensor.op is not None:
        title = tensor.op if tensor.name is None else f"{tensor.name} = {tensor.op}"
    else:
        title = tensor.name or ("leaf" if tensor.requires_grad else "input")
    lines = [title, str(tuple(tensor.shape))]
    if tensor.grad is not None:
        lines.append(f"|grad| = {float(np.linalg.norm(tensor.grad)):.4g}")
    return "\n".join(lines)


def to_dot(root: Tensor, *, name: str = "autograd") -> str:
    """Graphviz DOT text of the graph that computed ``root``.

    Inputs: root, any Tensor (a leaf gives a one-node graph); name, the graph's name.
    Returns text starting ``digraph "<name>" {`` (the name quoted as a DOT string): one node
    statement per distinct tensor reachable from root through ``.parents`` (a tensor used
    twice is one node with two edges), its label from ``dot_label``, and one edge
    ``parent -> child`` per use of a parent (twice for ``a * a``), each statement on its
    own line. Node ids are yours to
    choose (any DOT id: ``t0``, ``n17``, ...). Leaves are drawn as boxes, op outputs as
    ellipses. Iterative: graphs of any depth work.
    """
    if not isinstance(root, Tensor):
        raise TypeError(f"to_dot: expected a Tensor, got {type(root).__name__}")
    raise NotImplementedError('P05 Task 6 · to_dot (projects/p05_autograd/graph.py) — see projects/p05_autograd/README.md#task-6')
