"""``optim.LBFGS``: PyTorch's limited-memory BFGS with a fixed step (no line search).

Given code. Quasi-Newton: instead of the Hessian H, remember the last ``history_size``
pairs s_k = x_{k+1} - x_k (a step) and y_k = g_{k+1} - g_k (the change of gradient it
caused); a pair is kept only when y.s > 1e-10 (the curvature condition, so the implied
H^-1 stays positive definite). The **two-loop recursion** applies that H^-1 to -g
without ever forming a matrix, with rho_k = 1 / (y_k . s_k):

    q <- -g;  for k newest..oldest:  a_k = rho_k s_k . q;  q <- q - a_k y_k
    r <- gamma q   with gamma = (y . s) / (y . y) of the newest pair (1 at the start)
    for k oldest..newest:  b = rho_k y_k . r;  r <- r + (a_k - b) s_k
    d = r,  x <- x + t d

The first step length is t = lr * min(1, 1 / sum|g|), later ones t = lr. One ``step``
runs up to ``max_iter`` such iterations, calling ``closure()`` (which must zero the
gradients, compute the loss, call backward and return the loss) after each, and stops
early when the gradient, the step or the loss stops changing (the tolerances).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .optimizer import Optimizer, State, check_number


class LBFGS(Optimizer):
    """PyTorch's ``LBFGS(params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7,
    tolerance_change=1e-9, history_size=100, line_search_fn=None)``; ``max_eval``
    defaults to max_iter * 5 // 4. One parameter group only (as in PyTorch);
    ``line_search_fn="strong_wolfe"`` is not implemented (NotImplementedError).

    ``step(closure)`` returns the loss of the first closure call. All state lives in
    the first parameter's entry, in PyTorch's names (``"d"``, ``"t"``, ``"old_dirs"``,
    ``"old_stps"``, ``"ro"``, ``"H_diag"``, ``"prev_flat_grad"``, ``"prev_loss"``,
    ``"al"``, ``"n_iter"``, ``"func_evals"``); flat vectors have shape (n,), n the total
    number of parameter elements.
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1,
        max_iter: int = 20,
        max_eval: int | None = None,
        tolerance_grad: float = 1e-7,
        tolerance_change: float = 1e-9,
        history_size: int = 100,
        line_search_fn: str | None = None,
    ) -> None:
        check_number(lr, "lr", "optim.LBFGS")
        if line_search_fn is not None:
            raise NotImplementedError(
                f"optim.LBFGS: line_search_fn={line_search_fn!r} is not supported; only the "
                "fixed step (line_search_fn=None) is implemented"
            )
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        defaults = dict(
            lr=lr, max_iter=max_iter, max_eval=max_eval, tolerance_grad=tolerance_grad,
            tolerance_change=tolerance_change, history_size=history_size,
            line_search_fn=line_search_fn,
        )  # fmt: skip
        super().__init__(params, defaults)
        if len(self.param_groups) != 1:
            raise ValueError("optim.LBFGS doesn't support per-parameter options (parameter groups)")
        self._params = self.param_groups[0]["params"]

    def _flat_grad(self) -> np.ndarray:
        """Every gradient in one vector, shape (n,); a missing grad counts as zeros."""
        parts = [np.zeros(p.data.size, p.data.dtype) if p.grad is None
                 else np.asarray(p.grad).reshape(-1) for p in self._params]  # fmt: skip
        return np.concatenate(parts)

    def _move(self, t: float, d: np.ndarray) -> None:
        """x <- x + t d, d of shape (n,) cut back into the parameters' shapes."""
        offset = 0
        for p in self._params:
            n = p.data.size
            p.data = (p.data + t * d[offset : offset + n].reshape(p.data.shape)).astype(
                p.data.dtype, copy=False
            )
            offset += n

    def step(self, closure: Callable[[], Any] | None = None) -> Any:  # type: ignore[override]
        """Up to ``max_iter`` L-BFGS iterations; returns the first ``closure()`` loss."""
        if closure is None:
            raise TypeError("optim.LBFGS.step needs a closure that recomputes the loss")
        group = self.param_groups[0]
        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)
        orig_loss = closure()
        state["func_evals"] += 1
        flat_grad = self._flat_grad()
        if np.abs(flat_grad).max() <= group["tolerance_grad"]:
            return orig_loss
        run = {"closure": closure, "loss": float(orig_loss), "grad": flat_grad, "evals": 1}
        for n_iter in range(1, group["max_iter"] + 1):
            if _iterate(self, state, group, run, last=n_iter == group["max_iter"]):
                break
        return orig_loss


def _iterate(
    opt: LBFGS, state: State, group: dict[str, Any], run: dict[str, Any], last: bool
) -> bool:
    """One L-BFGS iteration (direction, step, new loss and gradient); True when it is
    time to stop. ``run`` holds the closure, the current loss and flat gradient (n,)
    and the number of closure calls in this ``step``."""
    state["n_iter"] += 1
    flat_grad, prev_loss = run["grad"], run["loss"]
    _direction(state, flat_grad, group["history_size"])
    state["prev_flat_grad"] = flat_grad.copy()
    state["prev_loss"] = prev_loss
    lr = group["lr"]
    t = min(1.0, 1.0 / np.abs(flat_grad).sum()) * lr if state["n_iter"] == 1 else lr
    state["t"] = t
    if flat_grad.dot(state["d"]) > -group["tolerance_change"]:
        return True  # not a descent direction
    opt._move(t, state["d"])
    if last:
        return True  # max_iter reached: PyTorch does not evaluate the last point
    run["loss"] = float(run["closure"]())
    run["grad"] = opt._flat_grad()
    run["evals"] += 1
    state["func_evals"] += 1
    return (
        run["evals"] >= group["max_eval"]
        or np.abs(run["grad"]).max() <= group["tolerance_grad"]
        or np.abs(state["d"] * t).max() <= group["tolerance_change"]
        or abs(run["loss"] - prev_loss) < group["tolerance_change"]
    )


def _direction(state: State, g: np.ndarray, history_size: int) -> None:
    """Set ``state["d"]``, the quasi-Newton direction -H^-1 g (shape (n,)), updating the
    remembered pairs from the last step first (the two-loop recursion above)."""
    if state["n_iter"] == 1:
        state.update(d=-g, old_dirs=[], old_stps=[], ro=[], H_diag=1)
        return
    y = g - state["prev_flat_grad"]
    s = state["d"] * state["t"]
    ys = y.dot(s)
    if ys > 1e-10:
        if len(state["old_dirs"]) == history_size:
            for key in ("old_dirs", "old_stps", "ro"):
                state[key].pop(0)
        state["old_dirs"].append(y)
        state["old_stps"].append(s)
        state["ro"].append(1.0 / ys)
        state["H_diag"] = ys / y.dot(y)
    dirs, stps, ro = state["old_dirs"], state["old_stps"], state["ro"]
    al = state.setdefault("al", [None] * history_size)
    q = -g
    for i in range(len(dirs) - 1, -1, -1):
        al[i] = stps[i].dot(q) * ro[i]
        q = q - al[i] * dirs[i]
    r = q * state["H_diag"]
    for i in range(len(dirs)):
        be_i = dirs[i].dot(r) * ro[i]
        r = r + (al[i] - be_i) * stps[i]
    state["d"] = r
