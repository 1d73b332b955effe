"""Tasks 5-6 · the network, a short training run that learns, and the look inside it
(layer table, receptive fields, feature maps); the demo's plumbing."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
lenet = oracles.lenet


@pytest.mark.task(5)
def test_lenet_layers_in_the_order_of_the_brief():
    from projects.p09_cnn import build_lenet

    model = build_lenet(rng=0)
    names = [type(layer).__name__ for layer in model]
    expected = [
        "Conv2d",
        "BatchNorm2d",
        "ReLU",
        "MaxPool2d",
        "Conv2d",
        "BatchNorm2d",
        "ReLU",
        "MaxPool2d",
        "Flatten",
        "Linear",
        "BatchNorm1d",
        "ReLU",
        "Linear",
    ]
    assert names == expected, f"layers: expected {expected}, got {names}"
    shapes = [p.shape for p in model.parameters()]
    assert shapes[0] == (16, 1, 5, 5) and shapes[4] == (32, 16, 5, 5), (
        "the convolutions' weights are (16, 1, 5, 5) and (32, 16, 5, 5), got "
        f"{shapes[0]}, {shapes[4]}"
    )
    other = build_lenet(in_channels=3, n_classes=7, widths=(4, 8, 16), rng=1)
    assert other[0].weight.shape == (4, 3, 5, 5) and other[-1].weight.shape == (7, 16), (
        "build_lenet(in_channels=3, n_classes=7, widths=(4, 8, 16)): first weight "
        f"{other[0].weight.shape}, last {other[-1].weight.shape}; expected (4, 3, 5, 5), (7, 16)"
    )
    a, b = build_lenet(rng=5), build_lenet(rng=5)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data, err_msg="the same seed, the same network")


@pytest.mark.task(5)
@pytest.mark.points(3)
def test_a_short_training_run_learns(small_run):
    run = small_run()
    first = run.history[0]
    assert run.test_accuracy >= 0.80, (
        f"1 epoch on 2,000 MNIST digits should reach 80 % on 500 test digits; got "
        f"{run.test_accuracy:.1%} (train loss {first.train_loss:.3f})"
    )
    assert first.train_loss < 1.5, f"mean training loss of the epoch {first.train_loss:.3f} >= 1.5"
    assert run.model.training is False, "fit ends with an evaluation, in eval mode"
    assert int(run.model[1].num_batches_tracked) == 32, (
        "2,000 digits in batches of 64 are 32 training steps of the first BatchNorm2d, got "
        f"{int(run.model[1].num_batches_tracked)}"
    )


@pytest.mark.task(6)
def test_layer_summary_lists_shapes_and_parameters(lenet):
    from projects.p09_cnn import conv_parameters, layer_summary

    model = lenet()
    rows = layer_summary(model, (1, 28, 28))
    assert [r[1] for r in rows] == [
        (16, 28, 28),
        (16, 28, 28),
        (16, 28, 28),
        (16, 14, 14),
        (32, 10, 10),
        (32, 10, 10),
        (32, 10, 10),
        (32, 5, 5),
        (800,),
        (128,),
        (128,),
        (128,),
        (10,),
    ], f"output shapes per layer: got {[r[1] for r in rows]}"
    counts = [r[2] for r in rows]
    assert counts[0] == conv_parameters(1, 16, 5) == 416, f"Conv2d(1, 16, 5): got {counts[0]}"
    assert counts[4] == 12_832 and counts[1] == 32 and counts[9] == 102_528, (
        f"parameters per layer: got {counts}"
    )
    assert sum(counts) == 117_418, f"total parameters: got {sum(counts)}"
    assert model.training, "layer_summary must leave the model in the mode it found"
    assert int(model[1].num_batches_tracked) == 0, "layer_summary must not train BatchNorm"


@pytest.mark.task(6)
def test_receptive_fields_with_strides_and_dilation():
    from projects.p09_cnn import receptive_fields
    from shared.nn import AvgPool2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential

    model = Sequential(
        Conv2d(1, 2, 3, stride=2),
        ReLU(),
        Conv2d(2, 2, 3, dilation=2),
        MaxPool2d(3, stride=1),
        AvgPool2d(2),
        Flatten(),
        Linear(2, 2),
    )
    # r: 1 + 2 = 3 (j = 2); 3 + 4*2 = 11; 11 + 2*2 = 15; 15 + 1*2 = 17 (j = 4)
    got = receptive_fields(model)
    assert got == [3, 3, 11, 15, 17], f"expected [3, 3, 11, 15, 17], got {got}"


@pytest.mark.task(6)
def test_feature_maps_follow_the_image_through_every_layer(lenet):
    from projects.p09_cnn import feature_maps
    from shared.tensor import Tensor, no_grad

    model = lenet()
    image = np.random.default_rng(16).normal(size=(1, 28, 28)).astype(np.float32)
    maps = feature_maps(model, image)
    names = [name for name, _ in maps]
    assert names[:4] == ["Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d"], (
        f"one (class name, output) pair per layer, in order; got names {names}"
    )
    assert maps[3][1].shape == (16, 14, 14), f"after the first pooling: {maps[3][1].shape}"
    assert maps[-1][1].shape == (10,), (
        f"the last entry is the logits (10,), got {maps[-1][1].shape}"
    )
    assert model.training, "feature_maps must restore the training mode"
    model.eval()
    with no_grad():
        logits = model(Tensor(image[None])).data[0]
    np.testing.assert_allclose(
        maps[-1][1],
        logits,
        rtol=1e-5,
        atol=1e-6,
        err_msg="the last map must be the eval-mode logits of the image",
    )
    with pytest.raises(ValueError, match=r"\(28, 28\)"):
        feature_maps(model, image[0])


@pytest.mark.task(6)
def test_demo_prints_returns_metrics_and_saves_the_figures(monkeypatch, tmp_path, capsys):
    import projects.p09_cnn.demo as demo
    import projects.p09_cnn.experiment as experiment

    real = experiment.run_cnn

    def small(dataset, seed=0, **kwargs):
        kwargs.update(n_train=640, n_test=200)
        return real(dataset, seed, **kwargs)

    monkeypatch.setattr(demo, "run_cnn", small)
    metrics = demo.main(out_dir=tmp_path, full=False)
    printed = capsys.readouterr().out
    assert "mnist test accuracy" in printed and "fashion test accuracy" in printed, (
        "the demo prints the test accuracy of both data sets"
    )
    assert set(metrics) >= {"mnist_test_accuracy", "fashion_test_accuracy", "epochs"}, (
        f"the demo returns both test accuracies and the epochs, got {sorted(metrics)}"
    )
    assert len(list(tmp_path.glob("*.png"))) == 10, "five figures per dataset"
