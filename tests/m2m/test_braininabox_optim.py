"""braininabox.optim and optim.lr_scheduler behave as PyTorch's documentation says.

No PyTorch needed: each update rule is checked against the formula of PyTorch's
documentation written out here in NumPy, each schedule against its closed form or a
sequence worked out by hand; the state dicts are checked by resuming training exactly.
(tests/m2m/test_torch_parity.py compares against PyTorch itself where it is installed.)
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from braininabox.optim import lr_scheduler as sched

import braininabox as bb
from braininabox import optim

RNG = np.random.default_rng(0)
W0 = RNG.normal(size=(3, 2))
GRADS = [RNG.normal(size=(3, 2)) for _ in range(4)]


def _param(w=W0, dtype=np.float64):
    return bb.nn.Parameter(bb.from_numpy(np.array(w, dtype=dtype)))


def _run(make, grads=GRADS, dtype=np.float64):
    p = _param(dtype=dtype)
    opt = make([p])
    for g in grads:
        p.grad = np.array(g, dtype=dtype)
        opt.step()
    return p.data, opt


# ---------------------------------------------------------------- references (PyTorch's docs)


def _sgd_ref(lr, momentum, dampening, wd, nesterov, maximize):
    p, b = W0.copy(), None
    for g in GRADS:
        g = -g if maximize else g
        g = g + wd * p
        b = g.copy() if b is None else momentum * b + (1 - dampening) * g
        g = g + momentum * b if nesterov else b
        p = p - lr * g
    return p


def _adam_ref(lr, b1, b2, eps, wd, amsgrad, decoupled):
    p, m, v, vmax = W0.copy(), 0.0, 0.0, 0.0
    for t, g in enumerate(GRADS, start=1):
        if decoupled:
            p = p * (1 - lr * wd)
        else:
            g = g + wd * p
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        vmax = np.maximum(vmax, v)
        denom = np.sqrt(vmax if amsgrad else v) / math.sqrt(1 - b2**t) + eps
        p = p - lr / (1 - b1**t) * m / denom
    return p


def _rmsprop_ref(lr, alpha, eps, wd, momentum, centered):
    p, v, a, b = W0.copy(), 0.0, 0.0, 0.0
    for g in GRADS:
        g = g + wd * p
        v = alpha * v + (1 - alpha) * g * g
        a = alpha * a + (1 - alpha) * g
        d = g / (np.sqrt(v - a * a if centered else v) + eps)
        b = momentum * b + d
        p = p - lr * (b if momentum > 0 else d)
    return p


def _adagrad_ref(lr, lr_decay, wd, init, eps):
    p, s = W0.copy(), np.full_like(W0, init)
    for t, g in enumerate(GRADS, start=1):
        g = g + wd * p
        s = s + g * g
        p = p - lr / (1 + (t - 1) * lr_decay) * g / (np.sqrt(s) + eps)
    return p


def _adadelta_ref(lr, rho, eps, wd):
    p, v, u = W0.copy(), 0.0, 0.0
    for g in GRADS:
        g = g + wd * p
        v = rho * v + (1 - rho) * g * g
        d = np.sqrt(u + eps) / np.sqrt(v + eps) * g
        u = rho * u + (1 - rho) * d * d
        p = p - lr * d
    return p


CASES = {
    "sgd": (lambda ps: optim.SGD(ps, lr=0.1), _sgd_ref(0.1, 0, 0, 0, False, False)),
    "sgd-damped": (
        lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.1),
        _sgd_ref(0.1, 0.9, 0.5, 0.1, False, False),
    ),
    "sgd-nesterov-max": (
        lambda ps: optim.SGD(ps, lr=0.1, momentum=0.8, nesterov=True, maximize=True),
        _sgd_ref(0.1, 0.8, 0, 0, True, True),
    ),
    "adam-l2": (
        lambda ps: optim.Adam(ps, lr=0.01, weight_decay=0.1),
        _adam_ref(0.01, 0.9, 0.999, 1e-8, 0.1, False, False),
    ),
    "adam-amsgrad-decoupled": (
        lambda ps: optim.Adam(
            ps,
            lr=0.01,
            betas=(0.8, 0.9),
            amsgrad=True,
            weight_decay=0.1,
            decoupled_weight_decay=True,
        ),  # fmt: skip
        _adam_ref(0.01, 0.8, 0.9, 1e-8, 0.1, True, True),
    ),
    "adamw-default-decay": (
        lambda ps: optim.AdamW(ps, lr=0.01),
        _adam_ref(0.01, 0.9, 0.999, 1e-8, 1e-2, False, True),
    ),
    "rmsprop": (lambda ps: optim.RMSprop(ps), _rmsprop_ref(1e-2, 0.99, 1e-8, 0, 0, False)),
    "rmsprop-centered-momentum": (
        lambda ps: optim.RMSprop(ps, lr=0.01, momentum=0.5, centered=True, weight_decay=0.1),
        _rmsprop_ref(0.01, 0.99, 1e-8, 0.1, 0.5, True),
    ),
    "adagrad": (
        lambda ps: optim.Adagrad(
            ps, lr=0.1, lr_decay=0.1, weight_decay=0.1, initial_accumulator_value=0.2
        ),
        _adagrad_ref(0.1, 0.1, 0.1, 0.2, 1e-10),
    ),
    "adadelta": (
        lambda ps: optim.Adadelta(ps, weight_decay=0.1),
        _adadelta_ref(1.0, 0.9, 1e-6, 0.1),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_update_rule_is_pytorchs_formula(case):
    make, expected = CASES[case]
    got, _ = _run(make)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14, err_msg=case)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_updates_and_state_keep_the_parameters_dtype(dtype):
    for case, (make, expected) in CASES.items():
        got, opt = _run(make, dtype=dtype)
        assert got.dtype == dtype, f"{case}: parameter became {got.dtype}"
        for name, value in next(iter(opt.state.values())).items():
            if name != "step":
                assert np.asarray(value).dtype == dtype, f"{case}: state {name!r} is {value.dtype}"
        np.testing.assert_allclose(got, expected, rtol=1e-4 if dtype == np.float32 else 1e-12)


# ---------------------------------------------------------------- constructors


OPTIMIZERS = [optim.SGD, optim.Adam, optim.AdamW, optim.RMSprop, optim.Adagrad, optim.Adadelta]


@pytest.mark.parametrize("cls", [*OPTIMIZERS, optim.LBFGS], ids=lambda c: c.__name__)
def test_an_unknown_keyword_is_a_type_error(cls):
    with pytest.raises(TypeError, match="foo"):
        cls([_param()], lr=0.1, foo=1)
    cls([_param()])  # PyTorch's defaults are accepted


@pytest.mark.parametrize(
    "cls, switch, value",
    [
        (optim.SGD, "foreach", True),
        (optim.SGD, "fused", True),
        (optim.Adam, "capturable", True),
        (optim.AdamW, "differentiable", True),
        (optim.RMSprop, "foreach", True),
        (optim.Adagrad, "fused", True),
        (optim.Adadelta, "capturable", True),
    ],
)
def test_an_implementation_switch_off_its_default_is_refused(cls, switch, value):
    with pytest.raises(NotImplementedError, match=switch):
        cls([_param()], **{switch: value})
    cls([_param()], **{switch: False})  # False asks for the plain loop, which this is


def test_bad_hyper_parameters_name_themselves():
    with pytest.raises(ValueError, match="lr"):
        optim.SGD([_param()], lr=-1.0)
    with pytest.raises(TypeError, match="weight_decay"):
        optim.Adam([_param()], weight_decay="0.1")
    with pytest.raises(ValueError, match="nesterov"):
        optim.SGD([_param()], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="betas"):
        optim.Adam([_param()], betas=(0.9,))
    with pytest.raises(ValueError, match="rho"):
        optim.Adadelta([_param()], rho=1.5)
    with pytest.raises(ValueError, match="empty"):
        optim.SGD([], lr=0.1)
    with pytest.raises(TypeError, match="got a single"):
        optim.SGD(_param(), lr=0.1)
    p = _param()
    with pytest.raises(ValueError, match="more than one parameter group"):
        optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)
    with pytest.raises(NotImplementedError, match="strong_wolfe"):
        optim.LBFGS([_param()], line_search_fn="strong_wolfe")


# ---------------------------------------------------------------- groups and rates


def test_param_groups_are_plain_writable_dicts():
    a, b = _param(), _param()
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1, momentum=0.9)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert opt.param_groups[1]["momentum"] == 0.9, "a group takes the defaults it does not set"
    for group in opt.param_groups:
        group["lr"] = 0.0
    a.grad, b.grad = np.ones_like(W0), np.ones_like(W0)
    opt.step()
    np.testing.assert_array_equal(a.data, W0)
    assert "momentum_buffer" in opt.state[a], "a rate of 0 still advances the buffer"
    opt.param_groups[0]["lr"] = 0.25
    opt.step()
    np.testing.assert_allclose(a.data, W0 - 0.25 * (0.9 * 1 + 1))
    np.testing.assert_array_equal(b.data, W0)
    assert opt.lr == 0.25, "optimizer.lr is the first group's rate"
    with pytest.warns(DeprecationWarning, match="param_groups"):
        assert opt.params == [a, b]


def test_zero_grad_and_skipped_parameters():
    a, b = _param(), _param()
    opt = optim.Adam([a, b], lr=0.1)
    a.grad = np.ones_like(W0)
    opt.step()
    np.testing.assert_array_equal(b.data, W0)
    assert b not in opt.state or not opt.state[b], "a parameter without grad gets no state"
    opt.zero_grad(set_to_none=False)
    np.testing.assert_array_equal(a.grad, np.zeros_like(W0))
    opt.zero_grad()
    assert a.grad is None


# ---------------------------------------------------------------- state dicts


def _loss(model, x):
    return ((model(x) - 1.0) ** 2).mean()


def _train(model, opt, steps, x):
    for _ in range(steps):
        if isinstance(opt, optim.LBFGS):

            def closure():
                opt.zero_grad()
                loss = _loss(model, x)
                loss.backward()
                return loss

            opt.step(closure)
        else:
            opt.zero_grad()
            _loss(model, x).backward()
            opt.step()


def _copy(value):
    """A state dict as a file would give it back: every Tensor a fresh copy."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, bb.Tensor | np.ndarray):
        return bb.tensor(
            np.array(np.asarray(value.numpy() if isinstance(value, bb.Tensor) else value))
        )
    return value


RESUMABLE = {
    "SGD": lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True),
    "Adam": lambda ps: optim.Adam(ps, lr=0.01, amsgrad=True),
    "AdamW": lambda ps: optim.AdamW(ps, lr=0.01),
    "RMSprop": lambda ps: optim.RMSprop(ps, momentum=0.5, centered=True),
    "Adagrad": lambda ps: optim.Adagrad(ps, lr=0.1),
    "Adadelta": lambda ps: optim.Adadelta(ps),
    "LBFGS": lambda ps: optim.LBFGS(ps, lr=0.5, max_iter=3, history_size=2),
}


@pytest.mark.parametrize("name", list(RESUMABLE))
def test_training_resumes_from_a_state_dict_to_the_last_bit(name):
    make = RESUMABLE[name]
    x = bb.from_numpy(np.random.default_rng(1).normal(size=(8, 3)).astype(np.float32))

    def model():
        bb.manual_seed(0)
        return bb.nn.Sequential(bb.nn.Linear(3, 4), bb.nn.Tanh(), bb.nn.Linear(4, 1))

    straight = model()
    opt = make(straight.parameters())
    _train(straight, opt, 5, x)

    first = model()
    opt = make(first.parameters())
    _train(first, opt, 2, x)
    saved = _copy({"model": first.state_dict(), "optim": opt.state_dict()})
    resumed = model()
    resumed.load_state_dict(saved["model"])
    opt = make(resumed.parameters())
    opt.load_state_dict(saved["optim"])
    _train(resumed, opt, 3, x)
    for (key, a), b in zip(
        straight.state_dict().items(), resumed.state_dict().values(), strict=True
    ):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b), err_msg=f"{name}: {key}")


def test_state_dict_has_pytorchs_layout():
    a, b = _param(), _param()
    opt = optim.Adam([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1)
    b.grad = np.ones_like(W0)
    opt.step()
    sd = opt.state_dict()
    assert list(sd["state"]) == [1], "only parameters with state, numbered across groups"
    assert set(sd["state"][1]) == {"step", "exp_avg", "exp_avg_sq"}
    assert isinstance(sd["state"][1]["exp_avg"], bb.Tensor)
    assert sd["state"][1]["step"].item() == 1.0
    assert [g["params"] for g in sd["param_groups"]] == [[0], [1]]
    assert sd["param_groups"][1]["lr"] == 0.5 and sd["param_groups"][0]["betas"] == (0.9, 0.999)
    assert sd["param_groups"][0]["decoupled_weight_decay"] is False
    with pytest.raises(ValueError, match="parameter groups"):
        optim.Adam([a, b]).load_state_dict(sd)
    assert set(optim.Adagrad([a]).state_dict()["state"][0]) == {"step", "sum"}, (
        "Adagrad makes its state at construction, as PyTorch does"
    )
    adagrad = optim.Adagrad([a], lr=0.1)
    adagrad.add_param_group({"params": [b], "lr": 0.2})
    b.grad, before = np.ones_like(W0), b.data.copy()
    adagrad.step()
    np.testing.assert_allclose(b.data, before - 0.2 * 1 / (1 + 1e-10))


# ---------------------------------------------------------------- L-BFGS


def test_lbfgs_solves_a_least_squares_problem():
    rng = np.random.default_rng(3)
    A, y = rng.normal(size=(6, 3)), rng.normal(size=6)
    w = _param(np.zeros(3))
    opt = optim.LBFGS([w], max_iter=50)
    At, yt = bb.from_numpy(A), bb.from_numpy(y)

    def closure():
        opt.zero_grad()
        loss = ((At @ w - yt) ** 2).sum()
        loss.backward()
        return loss

    first = opt.step(closure)
    assert math.isclose(first.item(), float(y @ y)), "step returns the first closure's loss"
    np.testing.assert_allclose(w.data, np.linalg.lstsq(A, y, rcond=None)[0], atol=1e-6)
    state = opt.state_dict()["state"][0]
    assert {"d", "t", "old_dirs", "old_stps", "ro", "H_diag", "n_iter", "func_evals"} <= set(state)
    with pytest.raises(TypeError, match="closure"):
        opt.step()


# ---------------------------------------------------------------- schedulers


def _opt(lr=0.1, groups=False, cls=optim.SGD):
    if groups:
        return cls([{"params": [_param()]}, {"params": [_param()], "lr": 0.02}], lr=lr)
    return cls([_param()], lr=lr)


def _rates(scheduler, steps, metrics=None):
    out = []
    for e in range(steps):
        out.append(scheduler.get_last_lr())
        scheduler.step(metrics[e]) if metrics else scheduler.step()
    return np.array(out)


SCHEDULES = {
    "StepLR": (lambda o: sched.StepLR(o, 3, 0.5), lambda b, e: b * 0.5 ** (e // 3)),
    "MultiStepLR": (
        lambda o: sched.MultiStepLR(o, [2, 5, 5], gamma=0.5),
        lambda b, e: b * 0.5 ** ((e >= 2) + 2 * (e >= 5)),
    ),
    "ExponentialLR": (lambda o: sched.ExponentialLR(o, 0.9), lambda b, e: b * 0.9**e),
    "LinearLR": (
        lambda o: sched.LinearLR(o, start_factor=0.25, total_iters=4),
        lambda b, e: b * (0.25 + 0.75 * min(e, 4) / 4),
    ),
    "CosineAnnealingLR": (
        lambda o: sched.CosineAnnealingLR(o, T_max=6, eta_min=0.001),
        lambda b, e: 0.001 + (b - 0.001) * (1 + math.cos(math.pi * e / 6)) / 2,
    ),
    "LambdaLR": (lambda o: sched.LambdaLR(o, lambda e: 1 / (e + 1)), lambda b, e: b / (e + 1)),
}


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_each_schedule_follows_its_closed_form_in_every_group(name):
    make, formula = SCHEDULES[name]
    opt = _opt(groups=True)
    got = _rates(make(opt), 9)
    expected = [[formula(0.1, e), formula(0.02, e)] for e in range(9)]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert [g["initial_lr"] for g in opt.param_groups] == [0.1, 0.02]


def test_a_second_scheduler_starts_from_initial_lr():
    opt = _opt(lr=0.1)
    first = sched.ExponentialLR(opt, 0.5)
    first.step()
    first.step()
    assert opt.lr == pytest.approx(0.025)
    second = sched.StepLR(opt, step_size=10)
    assert second.base_lrs == [0.1] and opt.lr == 0.1


def test_a_scheduler_resumes_from_its_state_dict():
    opt = _opt()
    a = sched.CosineAnnealingLR(opt, T_max=10)
    for _ in range(4):
        a.step()
    saved = a.state_dict()
    assert "optimizer" not in saved and saved["last_epoch"] == 4
    b = sched.CosineAnnealingLR(_opt(), T_max=10)
    b.load_state_dict(saved)
    a.step()
    b.step()
    assert a.get_last_lr() == b.get_last_lr()
    assert "lr_lambda" not in sched.LambdaLR(_opt(), lambda e: 1.0).state_dict()
    with pytest.raises(KeyError, match="initial_lr"):
        sched.StepLR(_opt(), step_size=2, last_epoch=3)
    resumed = sched.StepLR(opt, step_size=2, last_epoch=3)
    assert resumed.last_epoch == 4 and resumed.get_last_lr() == [pytest.approx(0.001)]


def test_one_cycle_moves_rate_and_momentum_in_opposite_directions():
    opt = optim.SGD([_param()], lr=0.1, momentum=0.9)
    s = sched.OneCycleLR(opt, max_lr=1.0, total_steps=10, pct_start=0.3)
    seen = []
    for _ in range(10):
        seen.append((s.get_last_lr()[0], opt.param_groups[0]["momentum"]))
        s.step()
    cos = lambda a, b, pct: b + (a - b) / 2 * (math.cos(math.pi * pct) + 1)  # noqa: E731
    assert seen[0] == pytest.approx((1.0 / 25, 0.95))
    assert seen[2] == pytest.approx((1.0, 0.85)), "the peak at step pct_start * total - 1"
    assert seen[5] == pytest.approx((cos(1.0, 0.04 / 1e4, 3 / 7), cos(0.85, 0.95, 3 / 7)))
    assert seen[9] == pytest.approx((0.04 / 1e4, 0.95))
    with pytest.raises(ValueError, match="total_steps"):
        s.step()
    adam = optim.Adam([_param()])
    sched.OneCycleLR(adam, max_lr=0.1, epochs=2, steps_per_epoch=5)
    assert adam.param_groups[0]["betas"] == (0.95, 0.999), "Adam's beta1 is the momentum"
    with pytest.raises(ValueError, match="momentum"):
        sched.OneCycleLR(optim.Adagrad([_param()]), max_lr=0.1, total_steps=5)


def test_reduce_on_plateau_waits_patience_then_cools_down():
    opt = _opt(lr=1.0, groups=True)
    s = sched.ReduceLROnPlateau(opt, patience=1, cooldown=1, min_lr=[0.3, 0.0])
    metrics = [5.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 3.0]
    got = _rates(s, len(metrics), metrics)
    # bad epochs at 2, 3 (> patience: cut), cooldown at 4, then 5, 6 (cut again).
    assert got[:, 1].tolist() == pytest.approx(
        [0.02, 0.02, 0.02, 0.02, 0.002, 0.002, 0.002, 0.0002]
    )
    assert got[:, 0].tolist() == pytest.approx([1, 1, 1, 1, 0.3, 0.3, 0.3, 0.3]), (
        "group 0 stops at its min_lr"
    )
    with pytest.raises(ValueError, match="factor"):
        sched.ReduceLROnPlateau(_opt(), factor=1.5)


@pytest.mark.parametrize(
    "make",
    [
        lambda o: sched.StepLR(o, 2, gama=0.5),
        lambda o: sched.MultiStepLR(o, [1], gamm=0.5),
        lambda o: sched.ExponentialLR(o, 0.9, verbose=True),
        lambda o: sched.LinearLR(o, total_iter=3),
        lambda o: sched.OneCycleLR(o, 0.1, total_steps=5, foo=1),
        lambda o: sched.ReduceLROnPlateau(o, verbose=True),
    ],
)
def test_schedulers_refuse_unknown_keywords(make):
    with pytest.raises(TypeError):
        make(_opt())


def test_schedulers_check_their_arguments():
    with pytest.raises(ValueError, match="start_factor"):
        sched.LinearLR(_opt(), start_factor=0.0)
    with pytest.raises(ValueError, match="total_steps"):
        sched.OneCycleLR(_opt(), max_lr=0.1)
    with pytest.raises(ValueError, match="max_lr"):
        sched.OneCycleLR(_opt(groups=True), max_lr=[0.1], total_steps=5)
    with pytest.raises(TypeError, match="Optimizer"):
        sched.ExponentialLR(object(), 0.9)
    with pytest.warns(UserWarning, match="deprecated"):
        sched.ExponentialLR(_opt(), 0.5).step(3)
