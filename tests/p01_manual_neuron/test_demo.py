"""Task 5 · the demo runs end to end, reports its metrics and writes its figures."""

from __future__ import annotations

import matplotlib.image as mpimg
import pytest

from projects.p01_manual_neuron.demo import main

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.task(5)
def test_demo_metrics_and_figures(tmp_path, capsys):
    metrics = main(out_dir=tmp_path)
    out = capsys.readouterr().out
    assert metrics["xor_reason"] == "cycle", "the demo must show XOR stopping with a cycle"
    assert metrics["iris_train_accuracy"] == 1.0, "setosa vs versicolor: 100 % training accuracy"
    assert 0 < metrics["iris_updates"] <= metrics["iris_bound"], "updates <= (R/gamma)^2"
    assert metrics["and_updates"] == 11, "the AND run of the demo is the hand trace: 11 updates"
    assert "cycle" in out or "repeat" in out, "print the XOR message"
    for name in ("gates.png", "iris_boundary.png", "mistakes.png", "activations.png"):
        path = tmp_path / name
        assert path.is_file(), f"the demo must save {name} into out_dir"
        assert path.read_bytes()[:8] == PNG_SIGNATURE, f"{name} is not a PNG file"
        image = mpimg.imread(path)
        assert image.ndim == 3 and image.shape[0] > 50 and image.shape[1] > 50, (
            f"{name} is empty or tiny: {image.shape}"
        )
