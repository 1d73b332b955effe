"""Maintainers' tests of ``shared.datasets`` (given code, never stubbed, not graded).

Known facts come from ``data/README.md`` and from the files' own descriptions; checksums
are recomputed here with hashlib, independently of the module.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from shared import datasets

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def tmp_data(tmp_path, monkeypatch) -> Path:
    """An empty data folder that the loaders use instead of the repository's."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(folder))
    return folder


def _copy_into(folder: Path, name: str) -> Path:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO_DATA / name, target)
    return target


# ======================================================= data folder and registry


def test_data_dir_finds_repository_data(monkeypatch):
    monkeypatch.delenv(datasets.DATA_DIR_ENV, raising=False)
    found = datasets.data_dir()
    assert found.resolve() == REPO_DATA.resolve()
    assert (found / "README.md").is_file()


def test_data_dir_follows_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert datasets.data_dir() == tmp_path / "elsewhere"


def test_registry_matches_files_on_disk():
    shipped = {
        p.relative_to(REPO_DATA).as_posix()
        for p in REPO_DATA.rglob("*")
        if p.is_file() and p.name not in {"README.md", "LICENSE"}
    }
    assert shipped == set(datasets.REGISTRY), "every shipped data file must be registered"
    for name, info in datasets.REGISTRY.items():
        path = REPO_DATA / name
        assert path.stat().st_size == info.size, name
        assert _sha256(path) == info.sha256, name


def test_readme_lists_every_checksum():
    readme = (REPO_DATA / "README.md").read_text(encoding="utf-8")
    for name, info in datasets.REGISTRY.items():
        assert info.sha256 in readme, f"data/README.md lacks the SHA-256 of {name}"


def test_check_all_is_clean_on_shipped_data(monkeypatch):
    monkeypatch.delenv(datasets.DATA_DIR_ENV, raising=False)
    assert datasets.check_all() == []


def test_check_all_reports_each_missing_file(tmp_data):
    _copy_into(tmp_data, "iris/iris.names")
    problems = datasets.check_all()
    assert len(problems) == len(datasets.REGISTRY) - 1
    assert not any("iris/iris.names" in p for p in problems)
    assert any("mnist/train-images-idx3-ubyte.gz" in p for p in problems)


def test_verify_unknown_name():
    with pytest.raises(ValueError, match="unknown dataset file"):
        datasets.verify("iris/iris.csv")


# ======================================================= checksum errors


def test_missing_file_raises_clear_error(tmp_data):
    with pytest.raises(datasets.MissingDataError) as info:
        datasets.load_wdbc()
    message = str(info.value)
    assert isinstance(info.value, FileNotFoundError)
    assert isinstance(info.value, datasets.DatasetError)
    assert "wdbc/wdbc.data" in message
    assert "missing" in message
    assert datasets.REGISTRY["wdbc/wdbc.data"].sha256 in message
    assert "m2m doctor" in message


def test_changed_file_raises_checksum_error(tmp_data):
    path = _copy_into(tmp_data, "iris/bezdekIris.data")
    data = bytearray(path.read_bytes())
    data[0:3] = b"9.9"  # same size, different content
    path.write_bytes(bytes(data))
    with pytest.raises(datasets.ChecksumMismatchError) as info:
        datasets.load_iris()
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert "iris/bezdekIris.data" in message
    assert datasets.REGISTRY["iris/bezdekIris.data"].sha256 in message
    assert _sha256(path) in message, "the error must say which checksum was found"
    assert "m2m doctor" in message


def test_good_copy_loads_and_later_change_is_caught(tmp_data):
    path = _copy_into(tmp_data, "iris/bezdekIris.data")
    X, _, _ = datasets.load_iris()
    assert X.shape == (150, 4)
    path.write_bytes(path.read_bytes()[:-1])  # truncated after the first verification
    with pytest.raises(datasets.ChecksumMismatchError):
        datasets.load_iris()


def test_verification_is_cached_per_process(tmp_data, monkeypatch):
    _copy_into(tmp_data, "names/names.txt")
    calls = []
    real = datasets._sha256_of
    monkeypatch.setattr(datasets, "_sha256_of", lambda p: calls.append(p) or real(p))
    for _ in range(3):
        assert len(datasets.load_names()) == 32033
    assert len(calls) == 1, "an unchanged file is hashed once per process"


# ======================================================= fetch


def test_fetch_from_file_url(tmp_path, monkeypatch):
    monkeypatch.delenv(datasets.DATA_DIR_ENV, raising=False)
    src = tmp_path / "mirror" / "names.txt"
    src.parent.mkdir()
    shutil.copyfile(REPO_DATA / "names" / "names.txt", src)
    cache = tmp_path / "cache"
    path = datasets.fetch("names/names.txt", src.as_uri(), dest_dir=cache)
    assert path == cache / "names" / "names.txt"
    assert _sha256(path) == datasets.REGISTRY["names/names.txt"].sha256
    assert sorted(p.name for p in path.parent.iterdir()) == ["names.txt"]
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(cache))
    assert datasets.load_names()[:3] == ["emma", "olivia", "ava"]


def test_fetch_defaults_to_data_dir_env(tmp_data, tmp_path):
    src = tmp_path / "wdbc.names"
    shutil.copyfile(REPO_DATA / "wdbc" / "wdbc.names", src)
    path = datasets.fetch("wdbc/wdbc.names", src.as_uri())
    assert path == tmp_data / "wdbc" / "wdbc.names"


def test_fetch_wrong_checksum_leaves_nothing(tmp_path):
    src = tmp_path / "not-names.txt"
    src.write_text("alice\nbob\n")
    cache = tmp_path / "cache"
    with pytest.raises(datasets.ChecksumMismatchError) as info:
        datasets.fetch("names/names.txt", src.as_uri(), dest_dir=cache)
    message = str(info.value)
    assert datasets.REGISTRY["names/names.txt"].sha256 in message
    assert hashlib.sha256(b"alice\nbob\n").hexdigest() in message
    leftovers = [p for p in cache.rglob("*") if p.is_file()]
    assert leftovers == [], f"partial files left behind: {leftovers}"


def test_fetch_unreachable_url_leaves_nothing(tmp_path):
    cache = tmp_path / "cache"
    missing = (tmp_path / "nowhere" / "names.txt").as_uri()
    with pytest.raises(datasets.DatasetError, match="could not download"):
        datasets.fetch("names/names.txt", missing, dest_dir=cache)
    assert [p for p in cache.rglob("*") if p.is_file()] == []


# ======================================================= IDX parsing on crafted files


def _write_idx_gz(path: Path, magic: int, dims: tuple[int, ...], payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = struct.pack(f">{1 + len(dims)}i", magic, *dims)
    path.write_bytes(gzip.compress(header + payload))


def _register(monkeypatch, folder: Path, name: str) -> None:
    path = folder / name
    info = datasets.FileInfo(_sha256(path), path.stat().st_size)
    monkeypatch.setitem(datasets.REGISTRY, name, info)


@pytest.fixture
def fake_mnist_test(tmp_data, monkeypatch):
    """Write a tiny MNIST test split (3 images) and register it; returns a writer."""

    def write(image_magic=2051, label_magic=2049, n_images=3, n_pixels=3 * 28 * 28):
        pixels = (np.arange(n_pixels) % 256).astype(np.uint8).tobytes()
        _write_idx_gz(
            tmp_data / "mnist/t10k-images-idx3-ubyte.gz", image_magic, (n_images, 28, 28), pixels
        )
        _write_idx_gz(
            tmp_data / "mnist/t10k-labels-idx1-ubyte.gz", label_magic, (3,), bytes([7, 2, 1])
        )
        for kind in ("images-idx3", "labels-idx1"):
            _register(monkeypatch, tmp_data, f"mnist/t10k-{kind}-ubyte.gz")

    return write


def test_idx_parsing_on_crafted_file(fake_mnist_test):
    fake_mnist_test()
    images, labels = datasets.load_mnist("test")
    expected = (np.arange(3 * 28 * 28) % 256).reshape(3, 28, 28)
    assert images.dtype == np.uint8 and images.shape == (3, 28, 28)
    assert np.array_equal(images, expected)
    assert labels.dtype == np.int64 and labels.tolist() == [7, 2, 1]
    images[0, 0, 0] = 1  # the caller may write into what it gets


def test_idx_wrong_magic(fake_mnist_test):
    fake_mnist_test(label_magic=2051)
    with pytest.raises(datasets.DatasetError, match="magic number 2049, got 2051"):
        datasets.load_mnist("test")


def test_idx_size_mismatch(fake_mnist_test):
    fake_mnist_test(n_images=4)  # header says 4 images, data holds 3
    with pytest.raises(datasets.DatasetError, match=r"announces shape \(4, 28, 28\)"):
        datasets.load_mnist("test")


# ======================================================= bad arguments


@pytest.mark.parametrize(
    ("loader", "arg"),
    [
        ("load_mnist", "valid"),
        ("load_fashion_mnist", "Train"),
        ("load_thyroid", "dev"),
        ("load_sample_image", "lena"),
        ("load_mnist", 0),
    ],
)
def test_bad_argument_names_allowed_values(loader, arg):
    with pytest.raises(ValueError, match="expected one of") as info:
        getattr(datasets, loader)(arg)
    allowed = "'grace_hopper'" if loader == "load_sample_image" else "'train', 'test'"
    assert allowed in str(info.value)
    assert repr(arg) in str(info.value)


# ======================================================= loaders on the shipped data


def test_iris():
    X, y, names = datasets.load_iris()
    assert X.shape == (150, 4) and X.dtype == np.float64
    assert y.shape == (150,) and y.dtype == np.int64
    assert names == ("setosa", "versicolor", "virginica")
    assert np.bincount(y).tolist() == [50, 50, 50]
    assert X[0].tolist() == [5.1, 3.5, 1.4, 0.2]
    # Rows 35 and 38 are the two corrections of the "bezdek" file.
    assert X[34].tolist() == [4.9, 3.1, 1.5, 0.2]
    assert X[37].tolist() == [4.9, 3.6, 1.4, 0.1]
    assert y[0] == 0 and y[50] == 1 and y[149] == 2
    np.testing.assert_allclose(X.mean(axis=0), [5.843333, 3.057333, 3.758, 1.199333], atol=1e-6)


@pytest.fixture(scope="module")
def mnist_train():
    return datasets.load_mnist("train")


def test_mnist_train(mnist_train):
    images, labels = mnist_train
    assert images.shape == (60000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (60000,) and labels.dtype == np.int64
    assert np.bincount(labels).tolist() == [
        5923,
        6742,
        5958,
        6131,
        5842,
        5421,
        5918,
        6265,
        5851,
        5949,
    ]
    assert images.mean() == pytest.approx(33.318, abs=5e-4)
    assert images.max() == 255 and images.min() == 0
    assert labels[:5].tolist() == [5, 0, 4, 1, 9]


def test_mnist_test():
    images, labels = datasets.load_mnist("test")
    assert images.shape == (10000, 28, 28) and images.dtype == np.uint8
    assert np.bincount(labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert images.mean() == pytest.approx(33.791, abs=5e-4)
    assert labels[:5].tolist() == [7, 2, 1, 0, 4]


@pytest.mark.parametrize(
    ("split", "n", "mean"), [("train", 60000, 72.940), ("test", 10000, 73.147)]
)
def test_fashion_mnist(split, n, mean):
    images, labels = datasets.load_fashion_mnist(split)
    assert images.shape == (n, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (n,) and labels.dtype == np.int64
    assert np.bincount(labels).tolist() == [n // 10] * 10
    assert images.mean() == pytest.approx(mean, abs=5e-4)
    assert len(datasets.FASHION_MNIST_CLASSES) == 10
    assert datasets.FASHION_MNIST_CLASSES[9] == "Ankle boot"


def test_sms_spam():
    texts, labels = datasets.load_sms_spam()
    assert len(texts) == 5574 and all(isinstance(t, str) for t in texts)
    assert labels.shape == (5574,) and labels.dtype == np.int64
    assert int(labels.sum()) == 747
    assert texts[0].startswith("Go until jurong point") and labels[0] == 0
    assert texts[2].startswith("Free entry in 2 a wkly comp") and labels[2] == 1


def test_names():
    names = datasets.load_names()
    assert len(names) == 32033 and len(set(names)) == 29494
    assert names[:3] == ["emma", "olivia", "ava"] and names[-1] == "zzyzx"
    assert set("".join(names)) <= set("abcdefghijklmnopqrstuvwxyz")
    assert max(map(len, names)) == 15


def test_tiny_shakespeare():
    text = datasets.load_tiny_shakespeare()
    assert isinstance(text, str) and len(text) == 1115394
    assert text.startswith("First Citizen:\n")
    assert len(set(text)) == 65 and text.count("\n") == 40000


def test_california_housing():
    data = datasets.load_california_housing()
    assert data.X.shape == (20640, 8) and data.X.dtype == np.float64
    assert data.y.shape == (20640,) and data.y.dtype == np.float64
    assert data.feature_names == (
        "longitude",
        "latitude",
        "housing_median_age",
        "total_rooms",
        "total_bedrooms",
        "population",
        "households",
        "median_income",
    )
    assert np.isnan(data.X).sum(axis=0).tolist() == [0, 0, 0, 0, 207, 0, 0, 0]
    np.testing.assert_array_equal(
        data.X[0], [-122.23, 37.88, 41.0, 880.0, 129.0, 322.0, 126.0, 8.3252]
    )
    assert data.y[0] == 452600.0
    assert data.y.max() == 500001.0 and int((data.y == 500001.0).sum()) == 965
    assert data.ocean_proximity.shape == (20640,) and data.ocean_proximity.dtype.kind == "U"
    values, counts = np.unique(data.ocean_proximity, return_counts=True)
    assert dict(zip(values.tolist(), counts.tolist(), strict=True)) == {
        "<1H OCEAN": 9136,
        "INLAND": 6551,
        "NEAR OCEAN": 2658,
        "NEAR BAY": 2290,
        "ISLAND": 5,
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.X = None


def test_auto_mpg():
    data = datasets.load_auto_mpg()
    assert data.X.shape == (398, 7) and data.X.dtype == np.float64
    assert data.y.shape == (398,) and data.y.dtype == np.float64
    assert data.feature_names == (
        "cylinders",
        "displacement",
        "horsepower",
        "weight",
        "acceleration",
        "model_year",
        "origin",
    )
    assert np.isnan(data.X).sum(axis=0).tolist() == [0, 0, 6, 0, 0, 0, 0]
    assert data.X[0].tolist() == [8, 307.0, 130.0, 3504.0, 12.0, 70, 1]
    assert data.y[0] == 18.0
    assert np.bincount(data.X[:, 6].astype(int)).tolist() == [0, 249, 70, 79]
    assert len(data.car_names) == 398 and data.car_names[0] == "chevrolet chevelle malibu"


@pytest.mark.parametrize(
    ("split", "counts"), [("train", [93, 191, 3488]), ("test", [73, 177, 3178])]
)
def test_thyroid(split, counts):
    X, y = datasets.load_thyroid(split)
    n = sum(counts)
    assert X.shape == (n, 21) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.bincount(y, minlength=4)[1:].tolist() == counts
    assert X.min() >= 0.0 and X.max() <= 1.0


def test_thyroid_first_test_row():
    X, y = datasets.load_thyroid("test")
    # age, 15 binary indicators, then TSH, T3, TT4, T4U and FTI.
    assert X[1, 0] == 0.32 and X[1, 16:].tolist() == [0.0013, 0.019, 0.084, 0.078, 0.107]
    assert y[1] == 3


def test_wdbc():
    X, y = datasets.load_wdbc()
    assert X.shape == (569, 30) and X.dtype == np.float64
    assert y.shape == (569,) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [357, 212]
    assert X[0, :4].tolist() == [17.99, 10.38, 122.8, 1001.0] and y[0] == 1
    assert X[-1, :3].tolist() == [7.76, 24.54, 47.92] and y[-1] == 0


def test_sample_image():
    image = datasets.load_sample_image()
    assert image.shape == (600, 512, 3) and image.dtype == np.uint8
    # JPEG decoders may differ by a grey level here and there; the mean is stable.
    assert image.mean() == pytest.approx(80.45, abs=1.0)
    assert image.flags.writeable
