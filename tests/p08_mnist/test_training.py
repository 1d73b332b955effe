"""Task 5 · features, the model and the training loop (features.py, model.py,
training.py), and the training run on MNIST."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
cross_entropy64 = oracles.cross_entropy64


@pytest.mark.task(5)
def test_flatten_pixels_scales_to_unit_interval_row_major():
    from projects.p08_mnist import flatten_pixels

    images = np.arange(2 * 3 * 4).reshape(2, 3, 4).astype(np.uint8) * 10
    X = flatten_pixels(images)
    assert X.shape == (2, 12) and X.dtype == np.float32, (
        f"expected (N, H·W) = (2, 12) float32, got {X.shape} {X.dtype}"
    )
    np.testing.assert_allclose(
        X[1, 5],
        images[1, 1, 1] / 255.0,
        rtol=1e-6,
        err_msg="pixel (1, 1) of image 1 becomes column 1 * 4 + 1 = 5 of row 1, scaled by 1/255",
    )
    np.testing.assert_allclose(
        X,
        images.reshape(2, 12) / 255.0,
        rtol=1e-6,
        err_msg="flatten_pixels = images.reshape(N, H * W) / 255, row-major",
    )
    full = flatten_pixels(np.full((1, 28, 28), 255, dtype=np.uint8))
    assert full.max() == 1.0 and full.shape == (1, 784), (
        f"a white 28x28 image must give one row of 784 values with maximum 1.0; got shape "
        f"{full.shape}, max {full.max()!r}"
    )
    with pytest.raises(ValueError, match=r"shape|3-D|\(5, 784\)"):  # says why or what came
        flatten_pixels(np.zeros((5, 784)))
    with pytest.raises(ValueError, match="255"):
        flatten_pixels(np.full((1, 2, 2), 300.0))


@pytest.mark.task(5)
def test_build_mlp_is_the_784_128_64_10_relu_network():
    from projects.p08_mnist import build_mlp
    from shared.nn import Linear, ReLU
    from shared.tensor import Tensor

    model = build_mlp()
    layers = list(model)
    kinds = [type(layer) for layer in layers]
    assert kinds == [Linear, ReLU, Linear, ReLU, Linear], (
        f"expected Linear, ReLU, Linear, ReLU, Linear, got {[k.__name__ for k in kinds]}"
    )
    shapes = [p.shape for p in model.parameters()]
    assert shapes == [(128, 784), (128,), (64, 128), (64,), (10, 64), (10,)], shapes
    assert model.num_parameters() == 109_386, (
        f"784-128-64-10 has 784*128 + 128 + 128*64 + 64 + 64*10 + 10 = 109,386 parameters; "
        f"got {model.num_parameters()}"
    )
    out = model(Tensor(np.zeros((3, 784), dtype=np.float32)))
    assert out.shape == (3, 10) and out.dtype == np.float32, (
        f"3 images of 784 pixels must give (3, 10) float32 logits; got {out.shape} {out.dtype}"
    )
    again = build_mlp()
    np.testing.assert_array_equal(
        layers[0].weight.data, again[0].weight.data, err_msg="the same seed, the same weights"
    )
    assert not np.array_equal(layers[0].weight.data, build_mlp(rng=1)[0].weight.data), (
        "build_mlp(rng=1) must draw other weights than the default seed"
    )
    small = build_mlp(hidden=(5,), n_inputs=3, n_classes=2)
    assert [p.shape for p in small.parameters()] == [(5, 3), (5,), (2, 5), (2,)], (
        f"build_mlp(hidden=(5,), n_inputs=3, n_classes=2): expected parameter shapes "
        f"[(5, 3), (5,), (2, 5), (2,)], got {[p.shape for p in small.parameters()]}"
    )
    with pytest.raises(ValueError, match=r"(?i)hidden"):
        build_mlp(hidden=())


def _setup(blobs, lr=0.1, batch_size=32, seed=0):
    from projects.p08_mnist import build_mlp
    from shared.data import DataLoader, TensorDataset
    from shared.optim import SGD

    X, y = blobs()
    model = build_mlp(hidden=(16,), n_inputs=X.shape[1], n_classes=3, rng=seed)
    optimizer = SGD(model.parameters(), lr=lr, momentum=0.9)
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True, seed=seed)
    return model, optimizer, loader, X, y


@pytest.mark.task(5)
def test_train_epoch_reports_sample_weighted_means(blobs, cross_entropy64):
    from projects.p08_mnist import train_epoch

    # A learning rate so small that the model does not move: the epoch's mean loss is
    # then the full-batch loss, if each batch (the last one has 16 samples, the others
    # 32) is weighted by its size.
    model, optimizer, loader, X, y = _setup(blobs, lr=1e-12, batch_size=32)
    from shared.tensor import Tensor

    logits = model(Tensor(X)).data.astype(np.float64)
    loss, acc = train_epoch(model, loader, optimizer, progress=False)
    assert loss == pytest.approx(cross_entropy64(logits, y), rel=1e-5), (
        f"train_epoch returned mean loss {loss}; the mean over all samples is "
        f"{cross_entropy64(logits, y)} (weight each batch's mean by its size)"
    )
    assert acc == pytest.approx(np.mean(np.argmax(logits, axis=1) == y)), (
        f"train_epoch's accuracy must be the share of samples classified right, "
        f"{np.mean(np.argmax(logits, axis=1) == y):.4f}; got {acc!r}"
    )


@pytest.mark.task(5)
def test_train_epoch_takes_a_step_per_batch_and_learns(blobs):
    from projects.p08_mnist import evaluate, train_epoch

    model, optimizer, loader, X, y = _setup(blobs)
    before, _ = evaluate(model, X, y)
    losses = [train_epoch(model, loader, optimizer, progress=False)[0] for _ in range(3)]
    after, acc = evaluate(model, X, y)
    assert optimizer.steps == 3 * len(loader), (
        f"3 epochs of {len(loader)} batches must take {3 * len(loader)} optimizer steps, "
        f"took {optimizer.steps}"
    )
    assert after < 0.3 * before and acc > 0.95, (
        f"three epochs on separable blobs should learn them: loss {before:.3f} -> "
        f"{after:.3f}, accuracy {acc:.3f}"
    )
    assert losses[-1] < losses[0], (
        f"the training loss must fall over 3 epochs; epoch losses {losses}"
    )


@pytest.mark.task(5)
def test_evaluation_records_no_graph_and_batches_do_not_matter(blobs):
    from projects.p08_mnist import evaluate, predict_logits
    from shared.tensor import Tensor, is_grad_enabled

    model, _, _, X, y = _setup(blobs)
    whole = predict_logits(model, X, batch_size=len(X))
    chunked = predict_logits(model, X, batch_size=7)
    assert isinstance(whole, np.ndarray) and whole.shape == (len(X), 3), (
        f"predict_logits must return an (N, 3) NumPy array for {len(X)} samples; got "
        f"{type(whole).__name__} of shape {getattr(whole, 'shape', None)}"
    )
    np.testing.assert_allclose(
        chunked,
        whole,
        rtol=1e-6,
        atol=1e-6,
        err_msg="predict_logits must not depend on batch_size (7 vs all at once)",
    )
    np.testing.assert_allclose(
        whole,
        model(Tensor(X)).data,
        rtol=1e-6,
        atol=1e-6,
        err_msg="predict_logits must return the model's logits",
    )
    loss, acc = evaluate(model, X, y)
    assert all(p.grad is None for p in model.parameters()), "evaluation must not backpropagate"
    assert is_grad_enabled(), "evaluation must leave gradient recording switched back on"

    # No graph: the model's Linear layers must see no_grad while predicting.
    seen = []
    first = model[0]
    original = type(first).forward

    def spy(self, x):
        out = original(self, x)
        seen.append(out.requires_grad)
        return out

    try:
        type(first).forward = spy
        predict_logits(model, X, batch_size=100)
    finally:
        type(first).forward = original
    assert seen and not any(seen), "predict_logits must run the model under no_grad()"
    assert isinstance(loss, float) and 0 <= acc <= 1, (
        f"evaluate must return (loss as a float, accuracy in [0, 1]); got "
        f"{type(loss).__name__} {loss!r}, {acc!r}"
    )


@pytest.mark.task(5)
def test_fit_returns_one_record_per_epoch_and_follows_the_schedule(blobs, capsys):
    from projects.p08_mnist import EpochStats, cosine_lr, fit

    model, optimizer, loader, X, y = _setup(blobs, lr=0.2)
    logged = []
    history = fit(model, optimizer, loader, X, y, 4, progress=False, log=logged.append)
    assert len(history) == 4 and all(isinstance(h, EpochStats) for h in history), (
        f"fit for 4 epochs must return 4 EpochStats; got {len(history)} of types "
        f"{sorted({type(h).__name__ for h in history})}"
    )
    assert logged == history, "log must be called once per epoch with that epoch's stats"
    assert [h.epoch for h in history] == [1, 2, 3, 4], (
        f"epochs are numbered from 1: expected [1, 2, 3, 4], got {[h.epoch for h in history]}"
    )
    np.testing.assert_allclose(
        [h.lr for h in history],
        [cosine_lr(0.2, e, 4) for e in range(4)],
        err_msg="each epoch's lr must follow cosine_lr(0.2, epoch, 4), epochs counted from 0",
    )
    assert optimizer.lr == 0.2, "fit must restore the optimizer's starting learning rate"
    assert history[-1].test_accuracy > 0.95 and history[-1].train_loss < history[0].train_loss, (
        f"after 4 epochs on blobs: test accuracy above 0.95 and a training loss below the "
        f"first epoch's; got accuracy {history[-1].test_accuracy:.3f}, loss "
        f"{history[0].train_loss:.4f} -> {history[-1].train_loss:.4f}"
    )
    assert all(h.seconds > 0 for h in history), (
        f"every epoch must record its time in seconds > 0; got {[h.seconds for h in history]}"
    )
    assert capsys.readouterr().err == "", "progress=False must print nothing"
    with pytest.raises(ValueError, match="epochs"):
        fit(model, optimizer, loader, X, y, 0)


@pytest.mark.task(5)
def test_progress_bar_only_when_asked(blobs, capsys):
    from projects.p08_mnist import train_epoch

    model, optimizer, loader, _, _ = _setup(blobs)
    train_epoch(model, loader, optimizer)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == "", "no progress bar unless stderr is a terminal"
    train_epoch(model, loader, optimizer, progress=True)
    assert capsys.readouterr().err != "", "progress=True must show a tqdm bar on stderr"


@pytest.mark.task(5)
def test_mnist_run_learns(mnist_run):
    h = mnist_run().history
    assert h[-1].train_loss < h[0].train_loss / 3, (
        f"the training loss must fall to under a third over the run: {h[0].train_loss:.4f} "
        f"-> {h[-1].train_loss:.4f}"
    )
    assert h[-1].train_accuracy > 0.99, f"final training accuracy {h[-1].train_accuracy:.4f}"


@pytest.mark.task(5)
def test_mnist_run_reports_the_test_set_it_scored(mnist_run):
    run = mnist_run()
    assert run.test_logits.shape == (10_000, 10), (
        f"test_logits: expected shape (10000, 10), got {run.test_logits.shape}"
    )
    assert abs(run.history[-1].test_accuracy - run.test_accuracy) < 1e-12, (
        f"the last epoch's test accuracy {run.history[-1].test_accuracy} must be the run's "
        f"test_accuracy {run.test_accuracy}"
    )


@pytest.mark.task(5)
def test_mnist_run_standardizes_with_the_training_pixels(mnist_run):
    run = mnist_run()
    assert abs(run.pixel_mean - 0.1307) < 1e-3 and abs(run.pixel_std - 0.3081) < 1e-3, (
        f"pixel mean/std of the training digits are 0.1307/0.3081, got "
        f"{run.pixel_mean:.4f}/{run.pixel_std:.4f}"
    )


@pytest.mark.task(5)
def test_mnist_run_confusion_counts_every_test_digit(mnist_run):
    confusion = mnist_run().confusion
    assert confusion.shape == (10, 10) and confusion.sum() == 10_000, (
        f"expected a (10, 10) confusion matrix summing to 10000, got {confusion.shape} "
        f"summing to {confusion.sum()}"
    )


@pytest.mark.task(5)
def test_a_quick_run_uses_the_first_digits_only(small_run):
    run = small_run()
    assert run.n_train == 2000 and len(run.history) == 2 and run.settings["epochs"] == 2, (
        f"n_train=2000, epochs=2 give 2 epochs on 2000 digits; got n_train={run.n_train}, "
        f"{len(run.history)} epochs"
    )
    assert run.test_logits.shape == (1000, 10) and run.confusion.sum() == 1000, (
        f"n_test=1000 scores 1000 test digits; got logits {run.test_logits.shape}"
    )


@pytest.mark.task(5)
def test_a_quick_run_already_learns(small_run):
    run = small_run()
    assert run.test_accuracy > 0.5, (
        f"two epochs on 2,000 digits already beat chance by far; got {run.test_accuracy:.3f}"
    )


@pytest.mark.task(5)
def test_run_mnist_refuses_bad_settings(small_run):
    from projects.p08_mnist import run_mnist

    small_run()  # the experiment runs (on the stubs it does not, so this test fails there)
    with pytest.raises(ValueError, match="n_train"):
        run_mnist(n_train=0)
    with pytest.raises(ValueError, match="epoch"):
        run_mnist(epoch=3)
