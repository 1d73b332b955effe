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
