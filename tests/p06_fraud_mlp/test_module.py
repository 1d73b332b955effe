"""Task 2 · Module and Parameter (shared/nn.py): registration, names, modes, zero_grad.

These tests build modules from Parameters directly (no Linear, which is Task 3)."""

from __future__ import annotations

import numpy as np
import pytest


def _classes():
    from shared.nn import Module, Parameter

    class Affine(Module):
        def __init__(self, n=2):
            super().__init__()
            self.w = Parameter(np.full(n, 2.0))
            self.b = Parameter(np.zeros(n))

        def forward(self, x):
            return x * self.w + self.b

    class Stack(Module):
        def __init__(self):
            super().__init__()
            self.first = Affine()
            self.second = Affine()

        def forward(self, x):
            return self.second(self.first(x))

    return Module, Parameter, Affine, Stack


@pytest.mark.task(2)
def test_parameters_are_found_once_in_order():
    _, _, _, Stack = _classes()
    model = Stack()
    params = model.parameters()
    expected = [model.first.w, model.first.b, model.second.w, model.second.b]
    assert len(params) == 4 and all(p is q for p, q in zip(params, expected, strict=True)), (
        "parameters() must list first.w, first.b, second.w, second.b (the objects themselves)"
    )
    assert model.num_parameters() == 8, (
        f"two Affine layers of 2 weights and 2 biases hold 8 numbers: num_parameters() must "
        f"be 8, got {model.num_parameters()}"
    )


@pytest.mark.task(2)
def test_shared_parameter_and_shared_module_are_listed_once():
    Module, Parameter, Affine, _ = _classes()

    class Tied(Module):
        def __init__(self):
            super().__init__()
            self.a = Affine()
            self.b = Affine()
            self.b.w = self.a.w  # weight tying
            self.c = self.a  # the same layer used twice

    model = Tied()
    names = [n for n, _ in model.named_parameters()]
    assert names == ["a.w", "a.b", "b.b"], (
        f"named_parameters gave {names}; a parameter reachable twice (tied weights, a reused "
        "layer) must be listed once, under its first name"
    )


@pytest.mark.task(2)
def test_reassignment_unregisters():
    _, Parameter, _, Stack = _classes()
    model = Stack()
    model.second = None
    assert [n for n, _ in model.named_parameters()] == ["first.w", "first.b"], (
        "assigning None over a sub-module must unregister it"
    )
    model.first.w = np.ones(2)  # a plain array is not a Parameter
    assert [n for n, _ in model.named_parameters()] == ["first.b"], (
        "replacing a Parameter by a plain array must unregister it"
    )
    model.extra = Parameter(np.ones(3))
    assert [n for n, _ in model.named_parameters()] == ["extra", "first.b"], (
        "a module's own parameters come before its sub-modules' ones"
    )
    del model.extra
    assert "extra" not in [n for n, _ in model.named_parameters()], (
        f"del model.extra must unregister it; named_parameters() still lists "
        f"{[n for n, _ in model.named_parameters()]}"
    )


@pytest.mark.task(2)
def test_setattr_before_super_init_is_a_clear_error():
    Module, Parameter, _, _ = _classes()

    class Forgetful(Module):
        def __init__(self):
            self.w = Parameter(np.ones(2))

    with pytest.raises(AttributeError, match="super"):
        Forgetful()


@pytest.mark.task(2)
def test_zero_grad_clears_every_gradient():
    from shared.tensor import Tensor

    _, _, _, Stack = _classes()
    model = Stack()
    out = model(Tensor(np.array([1.0, -1.0]))).sum()
    out.backward()
    assert all(p.grad is not None for p in model.parameters()), (
        f"after backward every parameter must have a gradient; parameters() positions "
        f"without one: {[i for i, p in enumerate(model.parameters()) if p.grad is None]}"
    )
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters()), "zero_grad must set every grad to None"


@pytest.mark.task(2)
def test_train_and_eval_reach_every_submodule():
    _, _, _, Stack = _classes()
    model = Stack()
    assert model.training and model.first.training, "modules start in training mode"
    returned = model.eval()
    assert returned is model, "eval() / train() return the module itself"
    assert not any(m.training for m in model.modules()), "eval() must reach every sub-module"
    model.train()
    assert all(m.training for m in model.modules()), (
        f"train() must reach every sub-module; training flags: "
        f"{[m.training for m in model.modules()]}"
    )
    model.first.train(False)
    assert model.training and not model.first.training and model.second.training, (
        f"model.first.train(False) must switch off only model.first; got model "
        f"{model.training}, first {model.first.training}, second {model.second.training} "
        f"(expected True, False, True)"
    )
    with pytest.raises(TypeError, match="yes"):
        model.train("yes")


@pytest.mark.task(2)
def test_parameter_is_a_leaf_requiring_grad():
    from shared.nn import Parameter

    p = Parameter(np.ones(3, dtype=np.float32))
    assert p.requires_grad and p.is_leaf, (
        f"a Parameter is a leaf that requires grad; got requires_grad={p.requires_grad}, "
        f"is_leaf={p.is_leaf}"
    )
    with pytest.raises(TypeError, match=r"(?i)int"):
        Parameter(np.arange(3))  # integers cannot have a gradient
    _, _, Affine, _ = _classes()
    layer = Affine()
    assert [n for n, _ in layer.named_parameters(prefix="enc")] == ["enc.w", "enc.b"], (
        f"named_parameters(prefix='enc') must prefix every name with 'enc.'; got "
        f"{[n for n, _ in layer.named_parameters(prefix='enc')]}"
    )
