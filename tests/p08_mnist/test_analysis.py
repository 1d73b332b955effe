"""Task 6 · looking inside the classifier (analysis.py), the figures and the demo."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.task(6)
def test_confident_mistakes_against_brute_force():
    from projects.p08_mnist import confident_mistakes

    rng = np.random.default_rng(9)
    y = rng.integers(0, 10, size=400)
    logits = rng.normal(0.0, 2.0, size=(400, 10))
    idx, pred, conf = confident_mistakes(y, logits, k=30)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    wrong = [i for i in range(400) if np.argmax(p[i]) != y[i]]
    brute = sorted(wrong, key=lambda i: (-p[i].max(), i))[:30]
    assert idx.tolist() == brute, "the 30 surest mistakes, surest first"
    np.testing.assert_array_equal(
        pred,
        np.argmax(logits[brute], axis=1),
        err_msg="predicted labels must be the argmax of each mistake's logits",
    )
    np.testing.assert_allclose(
        conf,
        p[brute].max(axis=1),
        rtol=1e-10,
        err_msg="confidence must be the softmax probability of the predicted class",
    )
    idx, _, _ = confident_mistakes(np.array([0, 1]), np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert idx.size == 0, "no mistakes: empty arrays"
    with pytest.raises(ValueError, match=r"\(2, 3\)"):  # names the shapes
        confident_mistakes(np.array([0, 1, 2]), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="k"):
        confident_mistakes(np.array([0]), np.zeros((1, 3)), k=0)


@pytest.mark.task(6)
def test_most_confused_lists_the_largest_off_diagonal_cells():
    from projects.p08_mnist import most_confused

    cm = np.array([[50, 3, 0], [7, 40, 3], [0, 1, 60]])
    assert most_confused(cm, k=3) == [(1, 0, 7), (0, 1, 3), (1, 2, 3)], (
        "largest count first, ties in row-major order, the diagonal left out"
    )
    assert most_confused(np.diag([5, 5]), k=4) == [], "no mistakes, nothing to list"
    with pytest.raises(ValueError, match=r"\(2, 3\)"):  # names the shape
        most_confused(np.zeros((2, 3)))


@pytest.mark.task(6)
def test_weight_images_reshape_each_row_and_scale_it():
    from projects.p08_mnist import weight_images

    rng = np.random.default_rng(1)
    W = rng.normal(size=(6, 784)).astype(np.float32)
    W[2] = 0.0
    images = weight_images(W)
    assert images.shape == (6, 28, 28), (
        f"weight_images of a (6, 784) weight: expected (6, 28, 28) images, got {images.shape}"
    )
    np.testing.assert_allclose(
        images[0, 3, 5],
        W[0, 3 * 28 + 5] / np.abs(W[0]).max(),
        rtol=1e-6,
        err_msg="pixel (3, 5) of image 0 is W[0, 3 * 28 + 5] divided by max |W[0]| (row-major)",
    )
    np.testing.assert_allclose(
        np.abs(images[[0, 1, 3, 4, 5]]).max(axis=(1, 2)),
        1.0,
        err_msg="each non-zero row is scaled so that its largest |value| is 1",
    )
    assert np.all(images[2] == 0.0) and np.all(np.isfinite(images)), "a zero row stays zero"
    with pytest.raises(ValueError, match="784"):
        weight_images(np.zeros((4, 100)))


@pytest.mark.task(6)
def test_mnist_mistakes_are_plausible(mnist_run):
    from projects.p08_mnist import confident_mistakes, most_confused

    run = mnist_run()
    idx, pred, conf = confident_mistakes(run.y_test, run.test_logits, k=25)
    assert len(idx) == 25 and np.all(pred != run.y_test[idx]), (
        f"confident_mistakes(k=25) on MNIST: expected 25 misclassified samples; got "
        f"{len(idx)}, of which {int(np.sum(pred == run.y_test[idx]))} are predicted right"
    )
    assert np.all(np.diff(conf) <= 0) and conf[0] > 0.9, (
        f"confidences must be sorted highest first and the surest MNIST mistake above 0.9; "
        f"got first {conf[:5]}"
    )
    top = most_confused(run.confusion, k=10)
    assert all(t != p for t, p, _ in top) and top[0][2] >= top[-1][2], (
        f"most_confused must list off-diagonal cells (true != predicted), largest count "
        f"first; got {top}"
    )


@pytest.mark.task(6)
def test_demo_prints_returns_metrics_and_saves_the_figures(
    small_run, tmp_path, monkeypatch, capsys
):
    import projects.p08_mnist.demo as demo

    run = small_run()
    monkeypatch.setattr(demo, "run_mnist", lambda seed=0, log=None: run)
    metrics = demo.main(out_dir=tmp_path)
    out = capsys.readouterr().out
    assert "Test accuracy" in out and "→" in out, (
        f"the demo must print 'Test accuracy' and the epochs' progress ('→'); printed:\n{out}"
    )
    assert metrics["test_accuracy"] == round(run.test_accuracy, 4), (
        f"metrics['test_accuracy'] must be the run's test accuracy rounded to 4 digits, "
        f"{round(run.test_accuracy, 4)}; got {metrics['test_accuracy']!r}"
    )
    assert metrics["epochs"] == len(run.history) and metrics["n_parameters"] == 109_386, (
        f"metrics: expected epochs {len(run.history)} and n_parameters 109,386 (784-128-64-10); "
        f"got {metrics['epochs']!r} and {metrics['n_parameters']!r}"
    )
    for name in ("learning_curves", "confusion", "mistakes", "weights"):
        path = tmp_path / f"{name}.png"
        assert path.is_file(), f"the demo should save {path.name} under out_dir"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
