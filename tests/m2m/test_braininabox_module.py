"""BrainInABox's Module surface, ModuleList / ModuleDict and nn.init behave as PyTorch's.

PyTorch's behaviour is written out here as expected values (names, orders, bounds), so
these run without PyTorch; ``test_torch_parity.py`` compares the same things with
PyTorch itself when it is installed.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import braininabox as bb
from braininabox import nn


class Block(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(4, 3), "reg": nn.Sequential(nn.Linear(4, 2))})


def _model() -> nn.Module:
    return nn.Sequential(Block(), nn.ModuleList([nn.Linear(2, 2), nn.Tanh()]))


def test_named_modules_order_prefixes_and_duplicates() -> None:
    model = _model()
    names = [name for name, _ in model.named_modules()]
    assert names == [
        "", "0", "0.convs", "0.convs.0", "0.convs.1", "0.heads", "0.heads.cls",
        "0.heads.reg", "0.heads.reg.0", "1", "1.0", "1.1",
    ]  # fmt: skip
    assert [n for n, _ in model.named_modules(prefix="m")][:2] == ["m", "m.0"]
    shared = nn.Linear(2, 2)
    twice = nn.Sequential(shared, shared)
    assert [n for n, _ in twice.named_modules()] == ["", "0"]
    assert [n for n, _ in twice.named_modules(remove_duplicate=False)] == ["", "0", "1"]
    assert list(twice.children()) == [shared, shared], "Sequential runs a repeated layer twice"
    holder = nn.Module()
    holder.add_module("a", shared)
    holder.add_module("b", shared)
    assert [n for n, _ in holder.named_children()] == ["a"], "a child is listed once"
    assert list(model.modules())[1] is model[0]


def test_buffers_and_state_dict_keys() -> None:
    model = _model()
    assert [n for n, _ in model.named_buffers()] == [
        "0.convs.1.running_mean", "0.convs.1.running_var", "0.convs.1.num_batches_tracked",
    ]  # fmt: skip
    assert list(model.state_dict())[:7] == [
        "0.convs.0.weight", "0.convs.0.bias", "0.convs.1.weight", "0.convs.1.bias",
        "0.convs.1.running_mean", "0.convs.1.running_var", "0.convs.1.num_batches_tracked",
    ]  # fmt: skip
    assert list(model.state_dict())[7:] == [
        "0.heads.cls.weight", "0.heads.cls.bias", "0.heads.reg.0.weight", "0.heads.reg.0.bias",
        "1.0.weight", "1.0.bias",
    ]  # fmt: skip
    bn = model[0].convs[1]
    bn.register_buffer("scratch", np.zeros(2), persistent=False)
    assert "0.convs.1.scratch" in dict(model.named_buffers())
    assert "0.convs.1.scratch" not in model.state_dict(), "a non-persistent buffer is not saved"
    assert [n for n, _ in bn.named_buffers(recurse=False)][0] == "running_mean"
    assert model.buffers(recurse=False) == []


def test_add_module_checks_and_keeps_order() -> None:
    model = nn.Module()
    first, second = nn.Linear(1, 1), nn.Linear(1, 1)
    model.register_module("a", first)
    model.add_module("b", second)
    model.add_module("a", nn.ReLU())
    assert [n for n, _ in model.named_children()] == ["a", "b"], "re-registering keeps place"
    assert isinstance(model.a, nn.ReLU)
    with pytest.raises(TypeError, match="not a Module"):
        model.add_module("c", 3)
    with pytest.raises(KeyError, match="not contain a dot"):
        model.add_module("c.d", first)
    with pytest.raises(KeyError, match="not be empty"):
        model.add_module("", first)
    with pytest.raises(KeyError, match="already exists"):
        model.add_module("training", first)


def test_requires_grad_freezes_parameters() -> None:
    model = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))
    assert model[0].requires_grad_(False) is model[0]
    model(bb.randn(4, 3)).sum().backward()
    assert model[0].weight.grad is None and model[1].weight.grad is not None
    assert [p.requires_grad for p in model.parameters()] == [False, False, True, True]
    assert model.parameters(recurse=False) == []


def test_apply_visits_children_first_in_pytorch_order() -> None:
    seen: list[str] = []
    _model().apply(lambda m: seen.append(type(m).__name__))
    assert seen == [
        "Conv2d", "BatchNorm2d", "ModuleList", "Linear", "Linear", "Sequential",
        "ModuleDict", "Block", "Linear", "Tanh", "ModuleList", "Sequential",
    ]  # fmt: skip


def test_double_float_and_to_convert_in_place() -> None:
    bb.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 1))
    params = model.parameters()
    optimizer = bb.optim.SGD(params, lr=0.1)
    assert model.double() is model
    assert all(
        p is q and p.dtype == np.float64 for p, q in zip(model.parameters(), params, strict=True)
    )
    bn = model[1]
    assert bn.running_mean.dtype == np.float64 and bn.num_batches_tracked.dtype == np.int64
    before = params[0].data.copy()
    x = bb.tensor(np.random.default_rng(0).normal(size=(5, 3)))
    loss = model(x).sum()
    loss.backward()
    optimizer.step()
    assert params[0].dtype == np.float64 and not np.array_equal(params[0].data, before)
    assert model.to(np.float32) is model and params[0].grad.dtype == np.float32
    assert model.to("cpu", dtype=bb.float64) is model and params[2].dtype == np.float64
    assert model.float().to(bb.zeros(1, dtype=bb.float64)) is model
    assert params[0].dtype == np.float64


def test_to_refusals_name_what_was_asked() -> None:
    model = nn.Linear(2, 2)
    with pytest.raises(NotImplementedError, match="cuda"):
        model.to("cuda")
    with pytest.raises(NotImplementedError, match="cuda"):
        model.to("cuda", bb.float64)
    with pytest.raises(NotImplementedError, match="half"):
        model.half()
    with pytest.raises(TypeError, match="floating point"):
        model.to(bb.long)
    assert model.weight.dtype == np.float32, "a refused conversion changes nothing"


def test_module_list() -> None:
    layers = nn.ModuleList([nn.Linear(1, 1), nn.Linear(1, 2)])
    layers.append(nn.Linear(2, 3)).extend([nn.ReLU()])
    layers.insert(1, nn.Tanh())
    assert [type(m).__name__ for m in layers] == ["Linear", "Tanh", "Linear", "Linear", "ReLU"]
    assert [n for n, _ in layers.named_children()] == ["0", "1", "2", "3", "4"]
    assert isinstance(layers[1:3], nn.ModuleList) and layers[1:3][0] is layers[1]
    assert layers[-1] is layers[4] and len(layers) == 5
    del layers[1]
    assert [n for n, _ in layers.named_parameters()][-2:] == ["2.weight", "2.bias"]
    assert isinstance(layers.pop(), nn.ReLU) and len(layers) == 3
    layers[0] = nn.Linear(1, 5)
    assert layers[0].out_features == 5 and len(layers.parameters()) == 6
    assert len(layers + nn.ModuleList([nn.ReLU()])) == 4
    with pytest.raises(IndexError, match="out of range"):
        layers[3]
    with pytest.raises(TypeError, match="iterable"):
        layers.extend(nn.Linear(1, 1))


def test_module_dict() -> None:
    heads = nn.ModuleDict([("b", nn.Linear(2, 1)), ("a", nn.Linear(2, 3))])
    heads["c"] = nn.ReLU()
    assert list(heads) == ["b", "a", "c"] and list(heads.keys()) == ["b", "a", "c"]
    assert "a" in heads and len(heads) == 3 and heads["a"].out_features == 3
    assert [n for n, _ in heads.named_parameters()] == ["b.weight", "b.bias", "a.weight", "a.bias"]
    assert isinstance(heads.pop("c"), nn.ReLU) and "c" not in heads
    heads.update({"b": nn.Linear(2, 4)})
    assert list(heads) == ["b", "a"] and heads["b"].out_features == 4
    with pytest.raises(KeyError, match="already exists"):
        heads["keys"] = nn.ReLU()
    with pytest.raises(ValueError, match="length 1"):
        heads.update([("x",)])
    heads.clear()
    assert len(heads) == 0 and heads.parameters() == []


def test_calculate_gain_is_pytorchs_table() -> None:
    gain = nn.init.calculate_gain
    assert gain("linear") == gain("conv2d") == gain("sigmoid") == 1
    assert gain("tanh") == 5.0 / 3 and gain("relu") == math.sqrt(2.0)
    assert gain("leaky_relu") == math.sqrt(2.0 / (1 + 0.01**2))
    assert gain("leaky_relu", 0.2) == math.sqrt(2.0 / 1.04) and gain("selu") == 0.75
    with pytest.raises(ValueError, match="gelu"):
        gain("gelu")


@pytest.mark.parametrize(
    ("init", "kwargs", "bound"),
    [
        ("kaiming_uniform_", {}, math.sqrt(6.0 / (1 + 0.0) / 72)),
        ("kaiming_uniform_", {"mode": "fan_out", "nonlinearity": "relu"}, math.sqrt(6 / 144)),
        ("kaiming_uniform_", {"a": math.sqrt(5)}, 1 / math.sqrt(72)),
        ("xavier_uniform_", {"gain": 2.0}, 2.0 * math.sqrt(6 / (72 + 144))),
        ("uniform_", {"a": -0.3, "b": 0.1}, 0.3),
    ],
)
def test_uniform_inits_fill_in_place_within_pytorchs_bound(init, kwargs, bound) -> None:
    weight = nn.Parameter(np.zeros((16, 8, 3, 3), dtype=np.float32))  # fan_in 72, fan_out 144
    array = weight.data
    assert getattr(nn.init, init)(weight, **kwargs) is weight
    assert weight.data is array and weight.dtype == np.float32 and weight.grad is None
    assert np.abs(weight.data).max() <= bound + 1e-6
    assert np.abs(weight.data).max() > 0.95 * bound, "the draws reach out to the bound"


@pytest.mark.parametrize(
    ("init", "kwargs", "std"),
    [
        ("kaiming_normal_", {"nonlinearity": "relu"}, math.sqrt(2 / 72)),
        ("kaiming_normal_", {"mode": "fan_out", "nonlinearity": "tanh"}, 5 / 3 / 24),
        ("xavier_normal_", {}, math.sqrt(2 / (72 + 576))),
        ("normal_", {"mean": 0.0, "std": 0.02}, 0.02),
    ],
)
def test_normal_inits_have_pytorchs_std(init, kwargs, std) -> None:
    weight = nn.Parameter(np.zeros((64, 8, 3, 3)))  # fan_in 72, fan_out 576
    getattr(nn.init, init)(weight, **kwargs)
    assert abs(weight.data.std() / std - 1) < 0.05 and abs(weight.data.mean()) < 0.1 * std


def test_trunc_normal_orthogonal_eye_and_constants() -> None:
    w = bb.zeros(4000)
    nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04)
    assert np.abs(w.data).max() <= 0.04 and abs(w.data.std() / 0.0176 - 1) < 0.05
    nn.init.trunc_normal_(w, mean=1.0, a=0.9, b=1.2)  # a narrow window: uniform proposals
    assert w.data.min() >= 0.9 and w.data.max() <= 1.2
    q = nn.init.orthogonal_(bb.zeros(3, 5), gain=2.0)
    np.testing.assert_allclose(q.data @ q.data.T, 4 * np.eye(3), atol=1e-5)
    assert nn.init.eye_(bb.zeros(2, 3)).tolist() == [[1, 0, 0], [0, 1, 0]]
    assert nn.init.constant_(bb.zeros(2), 0.5).tolist() == [0.5, 0.5]
    assert nn.init.ones_(bb.zeros(2)).tolist() == [1, 1]
    assert nn.init.zeros_(bb.ones(2)).tolist() == [0, 0]
    with pytest.raises(ValueError, match="2-D"):
        nn.init.eye_(bb.zeros(2))
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        nn.init.xavier_uniform_(bb.zeros(3))
    with pytest.raises(ValueError, match="fan_in"):
        nn.init.kaiming_uniform_(bb.zeros(2, 2), mode="fan")
    with pytest.raises(TypeError, match="Tensor"):
        nn.init.zeros_(np.ones(2))
    with pytest.raises(NotImplementedError, match="dirac_"):
        nn.init.dirac_(bb.zeros(2, 2, 3, 3))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nn.init.kaiming_uniform_(bb.zeros(0, 3))
    assert "no-op" in str(caught[0].message)


def test_init_draws_repeat_under_manual_seed() -> None:
    def draw() -> np.ndarray:
        bb.manual_seed(7)
        layer = nn.Conv2d(2, 3, 3)
        nn.init.kaiming_normal_(layer.weight)
        nn.init.trunc_normal_(layer.bias)
        return np.concatenate([layer.weight.data.ravel(), layer.bias.data])

    np.testing.assert_array_equal(draw(), draw())
    seeded = nn.init.uniform_(bb.zeros(3), generator=np.random.default_rng(1))
    np.testing.assert_array_equal(
        seeded.data, np.random.default_rng(1).uniform(size=3).astype(np.float32)
    )
