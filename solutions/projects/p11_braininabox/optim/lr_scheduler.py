"""``braininabox.optim.lr_scheduler``: PyTorch's learning-rate schedulers.

Given code around the course's Task 4: ``StepLR``, ``CosineAnnealingLR`` and ``LambdaLR``
check their arguments and compute their rates with the code written in
``shared/optim.py``; this module gives every scheduler PyTorch's bookkeeping on top:

- one rate per parameter group; on the first scheduler built for an optimizer each group
  records ``"initial_lr"`` (its rate then), and every later scheduler starts from
  ``initial_lr`` (``base_lrs``), as in PyTorch;
- construction sets epoch 0's rates, ``step()`` the next epoch's; ``get_last_lr()`` is
  the list of rates last set; ``state_dict()`` / ``load_state_dict()`` save and restore
  everything but the optimizer (and, for LambdaLR, the function);
- ``last_epoch=k`` resumes at epoch k + 1 when the groups hold ``initial_lr``.

The rates are closed forms of the epoch e (PyTorch computes several of them by a
recurrence from the group's current rate; for one scheduler that is the same number up
to rounding, so the two agree to 1e-12). The closed form means two schedulers stepping
one optimizer do not multiply: the last to step sets the rate. ``ReduceLROnPlateau``
follows a metric rather than the epoch and ``OneCycleLR`` also cycles the momentum.
"""

from __future__ import annotations

import math
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

import shared.optim as _core

from .._missing import module_getattr
from .optimizer import Optimizer, check_number

__all__ = [
    "CosineAnnealingLR",
    "ExponentialLR",
    "LRScheduler",
    "LambdaLR",
    "LinearLR",
    "MultiStepLR",
    "OneCycleLR",
    "ReduceLROnPlateau",
    "StepLR",
]


def _check_optimizer(optimizer: Any, name: str) -> None:
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"{name}: expected a braininabox.optim Optimizer, got {type(optimizer).__name__}"
        )


class LRScheduler(_core.LRScheduler):
    """PyTorch's scheduler base over every parameter group.

    Subclasses implement ``get_lr() -> list[float]``, one rate per group at epoch
    ``last_epoch`` (``base_lrs[i]``: group i's ``initial_lr``).
    """

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1) -> None:
        name = type(self).__name__
        _check_optimizer(optimizer, name)
        if isinstance(last_epoch, bool) or not isinstance(last_epoch, int) or last_epoch < -1:
            raise ValueError(f"{name}: last_epoch must be an int >= -1, got {last_epoch!r}")
        for index, group in enumerate(optimizer.param_groups):
            if last_epoch == -1:
                group.setdefault("initial_lr", group["lr"])
            elif "initial_lr" not in group:
                raise KeyError(
                    f"{name}: param_groups[{index}] has no 'initial_lr'; resuming with "
                    f"last_epoch={last_epoch} needs the optimizer a scheduler already ran on"
                )
        self.optimizer = optimizer
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        self.step()

    def get_lr(self) -> list[float]:  # type: ignore[override]
        raise NotImplementedError  # every scheduler overrides it

    def step(self, epoch: int | None = None) -> None:  # type: ignore[override]
        """Move to the next epoch (or to ``epoch``, deprecated in PyTorch too) and write
        its rate into every group."""
        if epoch is None:
            self.last_epoch += 1
        else:
            warnings.warn(
                "scheduler.step(epoch) is deprecated (as in PyTorch); call step() once per epoch",
                UserWarning,
                stacklevel=2,
            )
            self.last_epoch = epoch
        for group, lr in zip(self.optimizer.param_groups, self.get_lr(), strict=True):
            group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def get_last_lr(self) -> list[float]:
        """The rates the last ``step()`` (or construction) set, one per group."""
        return list(self._last_lr)

    def state_dict(self) -> dict[str, Any]:
        """Every attribute but the optimizer (PyTorch's layout)."""
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self.__dict__.update(state_dict)

    def _closed_forms(self, formula: Callable[[Any], float]) -> list[float]:
        """``formula`` (a core scheduler's ``get_lr``, which reads ``self.base_lr``)
        evaluated once for each group's base rate."""
        rates = []
        for base in self.base_lrs:
            self.base_lr = base
            rates.append(float(formula(self)))
        return rates

    def __repr__(self) -> str:
        rates = ", ".join(f"{lr:.6g}" for lr in self._last_lr)
        return f"{type(self).__name__}(last_epoch={self.last_epoch}, lr=[{rates}])"


class StepLR(_core.StepLR, LRScheduler):
    """PyTorch's ``StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1)``:
    lr_e = base_lr * gamma ** floor(e / step_size), per group."""

    def get_lr(self) -> list[float]:  # type: ignore[override]
        return self._closed_forms(_core.StepLR.get_lr)


class CosineAnnealingLR(_core.CosineAnnealingLR, LRScheduler):
    """PyTorch's ``CosineAnnealingLR(optimizer, T_max, eta_min=0.0, last_epoch=-1)``:
    lr_e = eta_min + (base_lr - eta_min) * (1 + cos(pi e / T_max)) / 2, per group."""

    def get_lr(self) -> list[float]:  # type: ignore[override]
        return self._closed_forms(_core.CosineAnnealingLR.get_lr)


class LambdaLR(_core.LambdaLR, LRScheduler):
    """PyTorch's ``LambdaLR(optimizer, lr_lambda, last_epoch=-1)``: lr_e = base_lr *
    lr_lambda(e), per group (one function for every group; a list of functions raises
    NotImplementedError). ``state_dict()`` leaves the function out, as PyTorch does."""

    def get_lr(self) -> list[float]:  # type: ignore[override]
        return self._closed_forms(_core.LambdaLR.get_lr)

    def state_dict(self) -> dict[str, Any]:
        return {k: v for k, v in super().state_dict().items() if k != "lr_lambda"}


def _gamma(value: Any, where: str) -> float:
    return check_number(value, "gamma", where)


class MultiStepLR(LRScheduler):
    """PyTorch's ``MultiStepLR(optimizer, milestones, gamma=0.1, last_epoch=-1)``:
    lr_e = base_lr * gamma ** (number of milestones <= e; a repeated milestone counts
    each time)."""

    def __init__(
        self, optimizer: Optimizer, milestones: Iterable[int], gamma: float = 0.1,
        last_epoch: int = -1,
    ) -> None:  # fmt: skip
        self.milestones = sorted(
            _core._check_int(m, "milestones", "MultiStepLR", low=0) for m in milestones
        )
        self.gamma = _gamma(gamma, "MultiStepLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        passed = bisect_right(self.milestones, self.last_epoch)
        return [base * self.gamma**passed for base in self.base_lrs]


class ExponentialLR(LRScheduler):
    """PyTorch's ``ExponentialLR(optimizer, gamma, last_epoch=-1)``:
    lr_e = base_lr * gamma ** e."""

    def __init__(self, optimizer: Optimizer, gamma: float, last_epoch: int = -1) -> None:
        self.gamma = _gamma(gamma, "ExponentialLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        return [base * self.gamma**self.last_epoch for base in self.base_lrs]


class LinearLR(LRScheduler):
    """PyTorch's ``LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5,
    last_epoch=-1)``: the factor moves linearly from start_factor to end_factor over
    total_iters epochs, then stays: lr_e = base_lr * (start + (end - start) *
    min(e, total_iters) / total_iters). start_factor in (0, 1], end_factor in [0, 1]."""

    def __init__(
        self, optimizer: Optimizer, start_factor: float = 1.0 / 3, end_factor: float = 1.0,
        total_iters: int = 5, last_epoch: int = -1,
    ) -> None:  # fmt: skip
        start = check_number(start_factor, "start_factor", "LinearLR")
        end = check_number(end_factor, "end_factor", "LinearLR")
        if not 0 < start <= 1:
            raise ValueError(f"LinearLR: start_factor must lie in (0, 1], got {start_factor!r}")
        if end > 1:
            raise ValueError(f"LinearLR: end_factor must lie in [0, 1], got {end_factor!r}")
        self.start_factor, self.end_factor = start, end
        self.total_iters = _core._check_int(total_iters, "total_iters", "LinearLR")
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        done = min(self.total_iters, self.last_epoch) / self.total_iters
        factor = self.start_factor + (self.end_factor - self.start_factor) * done
        return [base * factor for base in self.base_lrs]


def _per_group(value: Any, name: str, optimizer: Optimizer) -> list[Any]:
    """A scalar for every group, or a list/tuple with one value per group (ValueError
    when its length is not the number of groups)."""
    groups = len(optimizer.param_groups)
    if isinstance(value, list | tuple):
        if len(value) != groups:
            raise ValueError(
                f"{name} must have one value per parameter group ({groups}), got {len(value)}"
            )
        return list(value)
    return [value] * groups


def _anneal(start: float, end: float, pct: float, strategy: str) -> float:
    """From start (pct = 0) to end (pct = 1): half a cosine, or a straight line."""
    if strategy == "cos":
        return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
    return (end - start) * pct + start


class OneCycleLR(LRScheduler):
    """PyTorch's ``OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None,
    steps_per_epoch=None, pct_start=0.3, anneal_strategy="cos", cycle_momentum=True,
    base_momentum=0.85, max_momentum=0.95, div_factor=25.0, final_div_factor=1e4,
    three_phase=False, last_epoch=-1)`` (Smith & Topin 2017), stepped once per batch.

    The rate climbs from max_lr / div_factor to max_lr over the first pct_start of
    ``total_steps`` (or epochs * steps_per_epoch), then anneals to
    initial_lr / final_div_factor; the momentum (SGD's ``momentum``, Adam's beta1)
    moves the opposite way between max_momentum and base_momentum. ``three_phase``
    comes back down to the initial rate first and then anneals to the minimum.
    Stepping past total_steps is a ValueError, as in PyTorch.
    """

    def __init__(
        self, optimizer: Optimizer, max_lr: float | list[float], total_steps: int | None = None,
        epochs: int | None = None, steps_per_epoch: int | None = None, pct_start: float = 0.3,
        anneal_strategy: str = "cos", cycle_momentum: bool = True,
        base_momentum: float | list[float] = 0.85, max_momentum: float | list[float] = 0.95,
        div_factor: float = 25.0, final_div_factor: float = 1e4, three_phase: bool = False,
        last_epoch: int = -1,
    ) -> None:  # fmt: skip
        _check_optimizer(optimizer, "OneCycleLR")
        self.total_steps = _total_steps(total_steps, epochs, steps_per_epoch)
        if (
            isinstance(pct_start, bool)
            or not isinstance(pct_start, float)
            or not 0 <= pct_start <= 1
        ):
            raise ValueError(f"OneCycleLR: pct_start must be a float in [0, 1], got {pct_start!r}")
        if anneal_strategy not in ("cos", "linear"):
            raise ValueError(
                f"OneCycleLR: anneal_strategy must be 'cos' or 'linear', got {anneal_strategy!r}"
            )
        self.anneal_strategy = anneal_strategy
        self.phases = _phases(self.total_steps, pct_start, three_phase)
        if last_epoch == -1:
            for top, group in zip(
                _per_group(max_lr, "max_lr", optimizer), optimizer.param_groups, strict=True
            ):
                group["initial_lr"] = top / div_factor
                group["max_lr"] = top
                group["min_lr"] = group["initial_lr"] / final_div_factor
        self.cycle_momentum = cycle_momentum
        if cycle_momentum:
            self._setup_momentum(optimizer, base_momentum, max_momentum, last_epoch)
        super().__init__(optimizer, last_epoch)

    def _setup_momentum(self, optimizer, base_momentum, max_momentum, last_epoch) -> None:
        if "momentum" not in optimizer.defaults and "betas" not in optimizer.defaults:
            raise ValueError(
                "OneCycleLR: cycle_momentum=True needs an optimizer with momentum or betas, "
                f"got {type(optimizer).__name__}; pass cycle_momentum=False"
            )
        self.use_beta1 = "betas" in optimizer.defaults
        if last_epoch != -1:
            return
        tops = _per_group(max_momentum, "max_momentum", optimizer)
        bases = _per_group(base_momentum, "base_momentum", optimizer)
        for top, base, group in zip(tops, bases, optimizer.param_groups, strict=True):
            self._set_momentum(group, top)
            group["max_momentum"], group["base_momentum"] = top, base

    def _set_momentum(self, group: dict[str, Any], value: float) -> None:
        if self.use_beta1:
            group["betas"] = (value, *group["betas"][1:])
        else:
            group["momentum"] = value

    def get_lr(self) -> list[float]:
        """Each group's rate at step ``last_epoch`` (and, as a side effect that PyTorch
        has too, its momentum)."""
        step = self.last_epoch
        if step > self.total_steps:
            raise ValueError(
                f"OneCycleLR: tried to step {step} times; total_steps is {self.total_steps}"
            )
        rates = []
        for group in self.optimizer.param_groups:
            start = 0.0
            for index, phase in enumerate(self.phases):
                end = phase["end_step"]
                if step <= end or index == len(self.phases) - 1:
                    pct = (step - start) / (end - start)
                    break
                start = end
            rates.append(_anneal(group[phase["start_lr"]], group[phase["end_lr"]], pct,
                                 self.anneal_strategy))  # fmt: skip
            if self.cycle_momentum:
                self._set_momentum(group, _anneal(group[phase["start_momentum"]],
                                                  group[phase["end_momentum"]], pct,
                                                  self.anneal_strategy))  # fmt: skip
        return rates


def _total_steps(total_steps: Any, epochs: Any, steps_per_epoch: Any) -> int:
    """OneCycleLR's length: total_steps, or epochs * steps_per_epoch (positive ints)."""
    if total_steps is not None:
        return _core._check_int(total_steps, "total_steps", "OneCycleLR")
    if epochs is None or steps_per_epoch is None:
        raise ValueError("OneCycleLR: give either total_steps or (epochs and steps_per_epoch)")
    epochs = _core._check_int(epochs, "epochs", "OneCycleLR")
    return epochs * _core._check_int(steps_per_epoch, "steps_per_epoch", "OneCycleLR")


def _phases(total: int, pct_start: float, three_phase: bool) -> list[dict[str, Any]]:
    """OneCycleLR's phases: the last step of each and the group keys it moves between."""

    def phase(end, lr_from, lr_to, m_from, m_to):
        return {"end_step": end, "start_lr": lr_from, "end_lr": lr_to,
                "start_momentum": m_from, "end_momentum": m_to}  # fmt: skip

    up = phase(
        float(pct_start * total) - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"
    )
    if not three_phase:
        return [up, phase(total - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")]
    down = phase(float(2 * pct_start * total) - 2, "max_lr", "initial_lr", "base_momentum",
                 "max_momentum")  # fmt: skip
    return [up, down, phase(total - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")]


class ReduceLROnPlateau(LRScheduler):
    """PyTorch's ``ReduceLROnPlateau(optimizer, mode="min", factor=0.1, patience=10,
    threshold=1e-4, threshold_mode="rel", cooldown=0, min_lr=0, eps=1e-8)``:
    ``step(metric)`` after each validation; when the metric has not improved for more
    than ``patience`` epochs, every group's rate is multiplied by ``factor`` (not below
    its ``min_lr``; a change smaller than eps is skipped), then ``cooldown`` epochs pass
    before bad epochs count again. "Improved" means below best * (1 - threshold) for
    mode="min", threshold_mode="rel" (best - threshold for "abs"; above best * (1 +
    threshold) or best + threshold for mode="max").
    """

    def __init__(
        self, optimizer: Optimizer, mode: str = "min", factor: float = 0.1, patience: int = 10,
        threshold: float = 1e-4, threshold_mode: str = "rel", cooldown: int = 0,
        min_lr: list[float] | float = 0, eps: float = 1e-8,
    ) -> None:  # fmt: skip
        _check_optimizer(optimizer, "ReduceLROnPlateau")
        if check_number(factor, "factor", "ReduceLROnPlateau") >= 1.0:
            raise ValueError(f"ReduceLROnPlateau: factor must be < 1.0, got {factor!r}")
        if mode not in ("min", "max") or threshold_mode not in ("rel", "abs"):
            raise ValueError(
                "ReduceLROnPlateau: mode must be 'min' or 'max' and threshold_mode 'rel' or "
                f"'abs', got mode={mode!r}, threshold_mode={threshold_mode!r}"
            )
        self.optimizer, self.factor, self.mode = optimizer, float(factor), mode
        self.min_lrs = _per_group(min_lr, "min_lr", optimizer)
        self.patience = _core._check_int(patience, "patience", "ReduceLROnPlateau", low=0)
        self.cooldown = _core._check_int(cooldown, "cooldown", "ReduceLROnPlateau", low=0)
        self.threshold, self.threshold_mode, self.eps = threshold, threshold_mode, eps
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad_epochs = self.cooldown_counter = 0
        self.last_epoch = 0
        self._last_lr = [group["lr"] for group in optimizer.param_groups]

    def is_better(self, a: float, best: float) -> bool:
        if self.mode == "min":
            limit = (
                best * (1.0 - self.threshold)
                if self.threshold_mode == "rel"
                else best - self.threshold
            )
            return a < limit
        limit = (
            best * (self.threshold + 1.0) if self.threshold_mode == "rel" else best + self.threshold
        )
        return a > limit

    def step(self, metrics: float, epoch: int | None = None) -> None:  # type: ignore[override]
        """Record one epoch's metric (a number or a one-element Tensor)."""
        current = float(metrics.item() if hasattr(metrics, "item") else metrics)
        self.last_epoch = self.last_epoch + 1 if epoch is None else epoch
        if self.is_better(current, self.best):
            self.best, self.num_bad_epochs = current, 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            for group, floor in zip(self.optimizer.param_groups, self.min_lrs, strict=True):
                new = max(float(group["lr"]) * self.factor, floor)
                if float(group["lr"]) - new > self.eps:
                    group["lr"] = new
            self.cooldown_counter, self.num_bad_epochs = self.cooldown, 0
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]


__getattr__ = module_getattr(
    "braininabox.optim.lr_scheduler",
    {
        name: "not provided; LambdaLR expresses most schedules as a function of the epoch"
        for name in (
            "CyclicLR",
            "SequentialLR",
            "ChainedScheduler",
            "CosineAnnealingWarmRestarts",
            "PolynomialLR",
            "ConstantLR",
            "MultiplicativeLR",
        )
    },
)
