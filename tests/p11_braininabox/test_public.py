"""P11 public tests: one or two per task, shipped with the assignment."""

from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.public


def seed(n: int) -> None:
    """Seed the core's generator directly, so tests of Tasks 2-7 do not need Task 1."""
    from shared.init import manual_seed

    manual_seed(n)


@pytest.mark.task(1)
def test_tensor_follows_pytorchs_dtype_rules(bb):
    assert bb.tensor([1.5, 2.0]).dtype == np.float32, "Python floats become float32"
    assert bb.tensor([1, 2]).dtype == np.int64, "Python ints become int64 (torch.long)"
    assert bb.tensor([1, 2], dtype=bb.float32).dtype == np.float32, "dtype= wins"
    assert bb.resolve_dtype("long") == np.int64, "'long' names int64"
    with pytest.raises(NotImplementedError, match="cuda"):
        bb.tensor([1.0], device="cuda")
    with pytest.raises(NotImplementedError, match="bfloat16"):
        bb.resolve_dtype("bfloat16")


@pytest.mark.task(2)
def test_state_dict_round_trip_is_bit_exact(bb):
    from braininabox import nn

    seed(0)
    a = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    seed(1)
    b = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    sd = a.state_dict()
    assert list(sd) == ["0.weight", "0.bias", "2.weight", "2.bias"], (
        f"state_dict keys must be PyTorch's, got {list(sd)}"
    )
    b.load_state_dict(sd)
    for key, value in b.state_dict().items():
        np.testing.assert_array_equal(value, sd[key], err_msg=f"{key} differs after loading")


@pytest.mark.task(3)
def test_save_then_load_gives_the_same_arrays(bb, tmp_path):
    arrays = {"w": np.arange(6, dtype=np.float32).reshape(2, 3), "n": np.array(3, np.int64)}
    path = tmp_path / "ckpt.npz"
    bb.save(arrays, path)
    got = bb.load(path)
    assert sorted(got) == ["n", "w"], f"expected keys ['n', 'w'], got {sorted(got)}"
    np.testing.assert_array_equal(got["w"], arrays["w"], err_msg="w changed in the round trip")
    assert got["w"].dtype == np.float32, f"dtype must survive, got {got['w'].dtype}"


@pytest.mark.task(4)
def test_step_lr_follows_the_closed_form(bb):
    from braininabox import nn, optim

    opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.5)
    sched = optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)
    seen = []
    for _ in range(6):
        seen.append(sched.get_last_lr()[0])
        sched.step()
    expected = [0.5 * 0.1 ** math.floor(e / 2) for e in range(6)]
    np.testing.assert_allclose(seen, expected, rtol=1e-12, err_msg="StepLR rates")


@pytest.mark.task(5)
def test_trainer_records_one_history_entry_per_epoch(bb, blobs):
    from braininabox.utils.data import DataLoader, TensorDataset

    from braininabox import nn, optim

    X, y = blobs()
    seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)
    trainer = bb.Trainer(model, optim.Adam(model.parameters(), lr=0.05), nn.CrossEntropyLoss(),
                         progress=False)  # fmt: skip
    history = trainer.fit(loader, loader, epochs=3)
    assert len(history["loss"]) == 3 and len(history["val_loss"]) == 3, (
        f"expected 3 entries of loss and val_loss, got {history}"
    )
    assert history["loss"][-1] < history["loss"][0], "the training loss must fall"
    assert trainer.evaluate(loader)["accuracy"] > 0.9, "blobs are easy: accuracy > 0.9"


@pytest.mark.task(6)
def test_early_stopping_stops_after_patience_epochs_without_improvement(bb):
    from braininabox import EarlyStopping

    class FakeTrainer:
        stop_training = False
        model = None

    stopper = EarlyStopping(monitor="val_loss", patience=2, restore_best=False)
    trainer = FakeTrainer()
    for epoch, value in enumerate([1.0, 0.5, 0.6, 0.7, 0.4]):
        stopper.on_epoch_end(trainer, epoch, {"val_loss": value})
        if trainer.stop_training:
            break
    assert trainer.stop_training and stopper.stopped_epoch == 3, (
        f"best at epoch 1, two epochs without improvement: stop after epoch 3, got "
        f"stop={trainer.stop_training}, stopped_epoch={stopper.stopped_epoch}"
    )
    assert stopper.best == 0.5 and stopper.best_epoch == 1, "best value 0.5 at epoch 1"


@pytest.mark.task(7)
def test_summary_counts_parameters(bb):
    from braininabox import nn

    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    s = bb.summary(model, (32, 784))
    assert [r.params for r in s.rows] == [784 * 128 + 128, 0, 128 * 10 + 10], (
        f"parameters per layer: expected [100480, 0, 1290], got {[r.params for r in s.rows]}"
    )
    assert s.rows[0].output_shape == (32, 128), f"got {s.rows[0].output_shape}"
    assert s.total_params == 101770, f"total 101770, got {s.total_params}"
    assert "101,770" in str(s), "the table prints the total with thousands separators"
