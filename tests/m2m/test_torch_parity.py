"""BrainInABox and PyTorch agree: weights exported from one as NumPy arrays load into the
same architecture in the other and give the same outputs, both ways, and the schedulers
follow the same curves.

These tests need PyTorch (the ``bench`` extra) and skip without it. They check the
reference library against PyTorch, not a learner's work, so they live with the course's
own tests rather than in P11's graded suite.
"""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

ATOL = 1e-5  # float32 on both sides


def _mlp(nn):
    return nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 3))


def _cnn(nn):
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3, stride=1, padding=0, dilation=1),
        nn.ReLU(),
        nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(6, 5),
    )


def _char(nn, cell: str):
    class CharNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(11, 5)
            self.rnn = getattr(nn, cell)(5, 7, num_layers=2, batch_first=True)
            self.head = nn.Linear(7, 11)

        def forward(self, ids):
            out, _ = self.rnn(self.embed(ids))
            return self.head(out)

    return CharNet()


def _numpy_state(model) -> dict[str, np.ndarray]:
    return {k: np.array(v.detach().numpy()) for k, v in model.state_dict().items()}


def _to_torch(state: dict) -> dict:
    return {k: torch.from_numpy(np.array(np.asarray(v))) for k, v in state.items()}


def _ours(out) -> np.ndarray:
    return np.asarray(out.numpy())


def _check_both_ways(make, x: np.ndarray, *, train: bool = False) -> None:
    import braininabox as bb
    from braininabox import nn

    def mode(model):
        return model.train() if train else model.eval()

    torch.manual_seed(0)
    theirs = make(torch.nn)
    # Move PyTorch's batch-norm statistics away from 0/1 first, so the buffers matter.
    theirs.train()
    with torch.no_grad():
        for _ in range(3):
            theirs(torch.from_numpy(x))
    ours = make(nn)
    ours.load_state_dict(_numpy_state(theirs))
    with torch.no_grad():
        expected = mode(theirs)(torch.from_numpy(x)).numpy()
    with bb.no_grad():
        got = _ours(mode(ours)(bb.from_numpy(x)))
    np.testing.assert_allclose(got, expected, atol=ATOL, err_msg="PyTorch -> BrainInABox")

    bb.manual_seed(9)
    ours = make(nn)
    theirs = make(torch.nn)
    theirs.load_state_dict(_to_torch(ours.state_dict()))
    with bb.no_grad():
        got = _ours(mode(ours)(bb.from_numpy(x)))
    with torch.no_grad():
        expected = mode(theirs)(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(expected, got, atol=ATOL, err_msg="BrainInABox -> PyTorch")


def test_an_mlp_moves_both_ways():
    x = np.random.default_rng(0).normal(size=(5, 6)).astype(np.float32)
    _check_both_ways(_mlp, x)


@pytest.mark.parametrize("train", [False, True], ids=["eval", "train"])
def test_a_cnn_with_batch_norm_moves_both_ways(train):
    x = np.random.default_rng(1).normal(size=(4, 1, 8, 8)).astype(np.float32)
    _check_both_ways(_cnn, x, train=train)


@pytest.mark.parametrize("cell", ["LSTM", "GRU", "RNN"])
def test_a_recurrent_character_model_moves_both_ways(cell):
    ids = np.random.default_rng(2).integers(0, 11, size=(3, 9)).astype(np.int64)
    _check_both_ways(lambda nn: _char(nn, cell), ids)


def test_the_same_gradients_after_one_step_of_training():
    """One cross-entropy backward from the same weights: the same parameter gradients."""
    import braininabox as bb
    from braininabox import nn

    F = nn.functional
    torch.manual_seed(3)
    theirs = _char(torch.nn, "LSTM")
    ours = _char(nn, "LSTM")
    ours.load_state_dict(_numpy_state(theirs))
    ids = np.random.default_rng(4).integers(0, 11, size=(2, 6)).astype(np.int64)
    target = np.random.default_rng(5).integers(0, 11, size=(2 * 6,)).astype(np.int64)
    loss_t = torch.nn.functional.cross_entropy(
        theirs(torch.from_numpy(ids)).reshape(-1, 11), torch.from_numpy(target)
    )
    loss_t.backward()
    loss_o = F.cross_entropy(ours(bb.from_numpy(ids)).reshape(-1, 11), bb.from_numpy(target))
    loss_o.backward()
    assert abs(loss_o.item() - loss_t.item()) < ATOL, (loss_o.item(), loss_t.item())
    grads = {name: p.grad.numpy() for name, p in theirs.named_parameters()}
    for name, p in ours.named_parameters():
        np.testing.assert_allclose(
            np.asarray(p.grad), grads[name], atol=1e-4, err_msg=f"d loss / d {name}"
        )


def test_schedulers_follow_pytorch():
    from braininabox import nn, optim

    StepLR = optim.lr_scheduler.StepLR
    CosineAnnealingLR = optim.lr_scheduler.CosineAnnealingLR
    LambdaLR = optim.lr_scheduler.LambdaLR

    def curve_theirs(make):
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.3)
        sched = make(opt, torch.optim.lr_scheduler)
        out = []
        for _ in range(15):
            out.append(sched.get_last_lr()[0])
            opt.step()
            sched.step()
        return out

    def curve_ours(make):
        opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.3)
        sched = make(opt, None)
        out = []
        for _ in range(15):
            out.append(sched.get_last_lr()[0])
            opt.step()
            sched.step()
        return out

    cases = {
        "StepLR": (
            lambda o, m: (m.StepLR if m else StepLR)(o, step_size=4, gamma=0.5),
            1e-12,
        ),
        "CosineAnnealingLR": (
            lambda o, m: (m.CosineAnnealingLR if m else CosineAnnealingLR)(
                o, T_max=7, eta_min=0.01
            ),
            1e-9,
        ),
        "LambdaLR": (
            lambda o, m: (m.LambdaLR if m else LambdaLR)(o, lr_lambda=lambda e: 0.9**e),
            1e-12,
        ),
    }
    for name, (make, rtol) in cases.items():
        np.testing.assert_allclose(
            curve_ours(make), curve_theirs(make), rtol=rtol, err_msg=f"{name} learning rates"
        )


# ----------------------------------------------------- Module surface and nn.init


def _nested(nn):
    class Block(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.convs = nn.ModuleList([nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2)])
            self.heads = nn.ModuleDict(
                {"cls": nn.Linear(4, 3), "reg": nn.Sequential(nn.Linear(4, 2), nn.ReLU())}
            )

    model = nn.Sequential(Block(), nn.ModuleList([nn.Linear(2, 2)]))
    model[1].append(nn.Tanh())
    model[1].insert(0, nn.Linear(3, 3))
    model[1].extend([nn.Linear(3, 1), nn.ReLU()])
    del model[1][3]
    return model


def _names(model) -> dict[str, list]:
    order: list[str] = []
    model.apply(lambda m: order.append(type(m).__name__))
    return {
        "modules": [n for n, _ in model.named_modules()],
        "children": [n for n, _ in model[0].named_children()],
        "parameters": [n for n, _ in model.named_parameters()],
        "buffers": [n for n, _ in model.named_buffers()],
        "state_dict": list(model.state_dict()),
        "apply": order,
    }


def test_module_tree_names_and_orders_match_pytorch():
    from braininabox import nn

    assert _names(_nested(nn)) == _names(_nested(torch.nn))


def test_a_shared_layer_is_listed_as_pytorch_lists_it():
    from braininabox import nn

    def names(nn_):
        layer = nn_.Linear(2, 2)
        model = nn_.Sequential(layer, nn_.ReLU(), layer)
        return (
            [n for n, _ in model.named_modules()],
            [n for n, _ in model.named_modules(remove_duplicate=False)],
            [n for n, _ in model.named_parameters()],
        )

    assert names(nn) == names(torch.nn)


def test_double_converts_what_pytorch_converts():
    from braininabox import nn

    def dtypes(model):
        model.double()
        return [
            str(np.dtype(str(v.dtype).removeprefix("torch."))) for v in model.state_dict().values()
        ]

    assert dtypes(_nested(nn)) == dtypes(_nested(torch.nn))


@pytest.mark.parametrize(
    "name", ["linear", "conv2d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]
)
def test_calculate_gain_matches_pytorch(name):
    from braininabox import nn

    assert nn.init.calculate_gain(name) == pytest.approx(torch.nn.init.calculate_gain(name))
    assert nn.init.calculate_gain("leaky_relu", 0.3) == pytest.approx(
        torch.nn.init.calculate_gain("leaky_relu", 0.3)
    )


# Uniform initialisers: the largest |value| of many draws approaches the bound from below,
# so both libraries' maxima must agree to within a fraction of a percent.
@pytest.mark.parametrize(
    ("init", "kwargs"),
    [
        ("kaiming_uniform_", {}),
        ("kaiming_uniform_", {"a": 5**0.5}),
        ("kaiming_uniform_", {"mode": "fan_out", "nonlinearity": "relu"}),
        ("xavier_uniform_", {"gain": 1.5}),
    ],
)
def test_uniform_bounds_match_pytorch(init, kwargs):
    import braininabox as bb
    from braininabox import nn

    bb.manual_seed(0)
    torch.manual_seed(0)
    ours = getattr(nn.init, init)(bb.zeros(32, 16, 5, 5), **kwargs).numpy()
    theirs = getattr(torch.nn.init, init)(torch.empty(32, 16, 5, 5), **kwargs).numpy()
    assert np.abs(ours).max() == pytest.approx(np.abs(theirs).max(), rel=3e-3)
    assert np.abs(ours).max() <= np.abs(theirs).max() / (1 - 3e-3)


@pytest.mark.parametrize(
    ("init", "kwargs"),
    [
        ("kaiming_normal_", {"nonlinearity": "relu"}),
        ("kaiming_normal_", {"mode": "fan_out"}),
        ("xavier_normal_", {}),
        ("trunc_normal_", {"std": 0.02, "a": -0.04, "b": 0.04}),
        ("orthogonal_", {"gain": 2.0}),
    ],
)
def test_normal_stds_match_pytorch(init, kwargs):
    import braininabox as bb
    from braininabox import nn

    bb.manual_seed(0)
    torch.manual_seed(0)
    ours = getattr(nn.init, init)(bb.zeros(32, 16, 5, 5), **kwargs).numpy()
    theirs = getattr(torch.nn.init, init)(torch.empty(32, 16, 5, 5), **kwargs).numpy()
    assert ours.std() == pytest.approx(theirs.std(), rel=0.03)
    assert np.abs(ours).max() <= np.abs(theirs).max() * 1.3


# ---------------------------------------------------------------- optimizers and schedulers

OPTIMIZER_CASES = {
    "SGD": ("SGD", dict(lr=0.1)),
    "SGD-momentum": ("SGD", dict(lr=0.1, momentum=0.9, dampening=0.2, weight_decay=0.01)),
    "SGD-nesterov": ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, maximize=True)),
    "Adam": ("Adam", dict(lr=0.01, weight_decay=0.1)),
    "Adam-amsgrad": ("Adam", dict(lr=0.01, amsgrad=True, decoupled_weight_decay=True)),
    "AdamW": ("AdamW", dict(lr=0.01, amsgrad=True)),
    "RMSprop": ("RMSprop", dict(lr=0.01)),
    "RMSprop-centered": ("RMSprop", dict(lr=0.01, centered=True, momentum=0.5, weight_decay=0.1)),
    "Adagrad": ("Adagrad", dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1)),
    "Adadelta": ("Adadelta", dict(weight_decay=0.1)),
}
DTYPES = [
    pytest.param(np.float32, 1e-5, id="float32"),
    pytest.param(np.float64, 1e-9, id="float64"),
]


def _both_optimizers(name, kwargs, arrays):
    """The same optimizer on both sides, over two parameter groups (the second at half
    the rate), from the same starting arrays."""
    from braininabox import nn, optim

    ours = [nn.Parameter(np.array(a)) for a in arrays]
    theirs = [torch.nn.Parameter(torch.from_numpy(np.array(a))) for a in arrays]
    lr = kwargs.get("lr", 1.0) / 2

    def groups(ps):
        return [{"params": ps[:1]}, {"params": ps[1:], "lr": lr}]

    return (
        (ours, getattr(optim, name)(groups(ours), **kwargs)),
        (theirs, getattr(torch.optim, name)(groups(theirs), **kwargs)),
    )


@pytest.mark.parametrize("dtype, tol", DTYPES)
@pytest.mark.parametrize("case", list(OPTIMIZER_CASES))
def test_optimizers_follow_pytorch(case, dtype, tol):
    name, kwargs = OPTIMIZER_CASES[case]
    rng = np.random.default_rng(7)
    arrays = [rng.normal(size=(3, 4)).astype(dtype), rng.normal(size=5).astype(dtype)]
    (ours, opt_o), (theirs, opt_t) = _both_optimizers(name, kwargs, arrays)
    for _ in range(8):
        for p_o, p_t in zip(ours, theirs, strict=True):
            g = rng.normal(size=p_o.shape).astype(dtype)
            p_o.grad, p_t.grad = g.copy(), torch.from_numpy(g.copy())
        opt_o.step()
        opt_t.step()
    for p_o, p_t in zip(ours, theirs, strict=True):
        assert p_o.data.dtype == dtype
        np.testing.assert_allclose(p_o.data, p_t.detach().numpy(), atol=tol, rtol=0, err_msg=case)
    sd_o, sd_t = opt_o.state_dict(), opt_t.state_dict()
    assert sd_o["param_groups"] == sd_t["param_groups"], f"{case}: param_groups differ"
    assert {k: set(v) for k, v in sd_o["state"].items()} == {
        k: set(v) for k, v in sd_t["state"].items()
    }, f"{case}: state entries differ"


@pytest.mark.parametrize("case", ["SGD-momentum", "Adam-amsgrad", "RMSprop-centered", "Adagrad"])
def test_a_pytorch_optimizer_state_loads_and_training_continues_alike(case):
    """PyTorch's state dict, its tensors turned into ours, resumes our optimizer where
    PyTorch's left off."""
    import braininabox as bb

    name, kwargs = OPTIMIZER_CASES[case]
    rng = np.random.default_rng(8)
    arrays = [rng.normal(size=(3, 4)), rng.normal(size=5)]
    (ours, opt_o), (theirs, opt_t) = _both_optimizers(name, kwargs, arrays)
    grads = [[rng.normal(size=a.shape) for a in arrays] for _ in range(6)]
    for step in grads[:3]:
        for p_t, g in zip(theirs, step, strict=True):
            p_t.grad = torch.from_numpy(g.copy())
        opt_t.step()
    sd = opt_t.state_dict()
    converted = {
        "state": {
            i: {k: bb.from_numpy(v.numpy().copy()) for k, v in s.items()}
            for i, s in sd["state"].items()
        },
        "param_groups": sd["param_groups"],
    }
    opt_o.load_state_dict(converted)
    for p_o, p_t in zip(ours, theirs, strict=True):
        p_o.data = p_t.detach().numpy().copy()
    for step in grads[3:]:
        for p_o, p_t, g in zip(ours, theirs, step, strict=True):
            p_o.grad, p_t.grad = g.copy(), torch.from_numpy(g.copy())
        opt_o.step()
        opt_t.step()
    for p_o, p_t in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(p_o.data, p_t.detach().numpy(), atol=1e-12, err_msg=case)


@pytest.mark.parametrize("dtype, tol", DTYPES)
def test_lbfgs_follows_pytorch(dtype, tol):
    import braininabox as bb
    from braininabox import nn, optim

    rng = np.random.default_rng(9)
    A, y, w0 = rng.normal(size=(6, 3)), rng.normal(size=6), rng.normal(size=3)
    A, y, w0 = A.astype(dtype), y.astype(dtype), w0.astype(dtype)

    def run(lib, param, make):
        p = param(w0.copy())
        opt = make([p], lr=0.5, max_iter=6, history_size=3)
        A_, y_ = lib.from_numpy(A), lib.from_numpy(y)

        def closure():
            opt.zero_grad()
            loss = ((A_ @ p - y_) ** 2).sum() + (p**4).sum()
            loss.backward()
            return loss

        losses = [float(opt.step(closure).item()) for _ in range(3)]
        state = opt.state_dict()["state"][0]
        return np.asarray(p.detach().numpy()), losses, (state["n_iter"], state["func_evals"])

    ours = run(bb, lambda a: nn.Parameter(bb.from_numpy(a)), optim.LBFGS)
    theirs = run(torch, lambda a: torch.nn.Parameter(torch.from_numpy(a)), torch.optim.LBFGS)
    np.testing.assert_allclose(ours[0], theirs[0], atol=tol, rtol=0)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=tol)
    assert ours[2] == theirs[2], "the same number of iterations and closure calls"


SCHEDULER_CASES = {
    "StepLR": lambda m, o: m.StepLR(o, step_size=4, gamma=0.5),
    "MultiStepLR": lambda m, o: m.MultiStepLR(o, milestones=[3, 7, 7, 12], gamma=0.5),
    "ExponentialLR": lambda m, o: m.ExponentialLR(o, gamma=0.9),
    "LinearLR": lambda m, o: m.LinearLR(o, start_factor=0.1, end_factor=0.9, total_iters=8),
    "CosineAnnealingLR": lambda m, o: m.CosineAnnealingLR(o, T_max=7, eta_min=0.01),
    "LambdaLR": lambda m, o: m.LambdaLR(o, lr_lambda=lambda e: 0.9**e),
    "OneCycleLR": lambda m, o: m.OneCycleLR(o, max_lr=[1.0, 0.5], total_steps=30),
    "OneCycleLR-3-linear": lambda m, o: m.OneCycleLR(
        o, max_lr=1.0, epochs=3, steps_per_epoch=11, three_phase=True, anneal_strategy="linear"
    ),
    "ReduceLROnPlateau": lambda m, o: m.ReduceLROnPlateau(o, patience=2, cooldown=1),
    "ReduceLROnPlateau-max": lambda m, o: m.ReduceLROnPlateau(
        o, mode="max", patience=1, threshold=0.01, threshold_mode="abs", min_lr=[0.05, 0.0]
    ),
}
METRICS = [1.0, 0.9, 0.9, 0.95, 0.91, 0.92, 0.93, 0.8, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.95]


def _schedule(lib, make, optimizer: str, steps: int = 30):
    """Each step's rates and momentum (SGD's momentum, Adam's beta1) on two groups."""
    from braininabox import nn, optim

    if lib == "ours":
        params, module, opt_cls = [nn.Parameter(np.zeros(1)) for _ in range(2)], None, optim
    else:
        params, opt_cls = [torch.nn.Parameter(torch.zeros(1)) for _ in range(2)], torch.optim
        module = torch.optim.lr_scheduler
    opt = getattr(opt_cls, optimizer)(
        [{"params": params[:1]}, {"params": params[1:], "lr": 0.05}], lr=0.3
    )
    sched = make(module or optim.lr_scheduler, opt)
    rows = []
    for e in range(steps):
        group = opt.param_groups[0]
        momentum = group["momentum"] if "momentum" in group else group["betas"][0]
        rows.append([*sched.get_last_lr(), *(g["lr"] for g in opt.param_groups), momentum])
        opt.step()
        if "Plateau" in type(sched).__name__:
            sched.step(METRICS[e % len(METRICS)])
        else:
            sched.step()
    return np.array(rows, dtype=float)


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
@pytest.mark.parametrize("case", list(SCHEDULER_CASES))
def test_every_scheduler_follows_pytorch(case, optimizer):
    make = SCHEDULER_CASES[case]
    np.testing.assert_allclose(
        _schedule("ours", make, optimizer),
        _schedule("torch", make, optimizer),
        rtol=1e-9,
        atol=1e-12,
        err_msg=f"{case} on {optimizer}: rates of both groups, then beta1/momentum",
    )


def test_a_second_scheduler_starts_where_pytorchs_does():
    from braininabox import nn, optim

    def rates(lib_optim, lib_sched, param):
        opt = lib_optim.SGD([param], lr=0.4)
        first = lib_sched.ExponentialLR(opt, gamma=0.5)
        for _ in range(3):
            opt.step()
            first.step()
        second = lib_sched.CosineAnnealingLR(opt, T_max=4)
        return [second.base_lrs[0], opt.param_groups[0]["initial_lr"]]

    ours = rates(optim, optim.lr_scheduler, nn.Parameter(np.zeros(1)))
    theirs = rates(torch.optim, torch.optim.lr_scheduler, torch.nn.Parameter(torch.zeros(1)))
    assert ours == theirs
