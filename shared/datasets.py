"""Loaders for the datasets shipped in ``data/``, each file checked against its SHA-256.

Given code (never stubbed): every project reads its real data through this module.

- ``REGISTRY`` lists every shipped file (path relative to the data folder) with its
  SHA-256 and size in bytes.
- :func:`data_dir` says where the files are: ``$M2M_DATA_DIR`` when set, else the
  repository's ``data/`` folder.
- Every loader verifies the files it reads the first time it reads them in a process
  (a file is re-hashed only if its size or modification time changes), so a truncated
  download or an edited file fails loudly with :class:`DatasetError` instead of
  training on garbage.
- :func:`fetch` downloads a canonical file into a cache folder, verified before it is
  moved into place; :func:`check_all` lists every problem for ``m2m doctor``.

Arrays come back as NumPy arrays in the dtypes each docstring states; loaders never cache
the arrays themselves, so a caller may modify what it gets.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "DATA_DIR_ENV",
    "FASHION_MNIST_CLASSES",
    "IRIS_CLASSES",
    "REGISTRY",
    "AutoMPG",
    "CaliforniaHousing",
    "ChecksumMismatchError",
    "DatasetError",
    "FileInfo",
    "MissingDataError",
    "check_all",
    "data_dir",
    "fetch",
    "load_auto_mpg",
    "load_california_housing",
    "load_fashion_mnist",
    "load_iris",
    "load_mnist",
    "load_names",
    "load_sample_image",
    "load_sms_spam",
    "load_thyroid",
    "load_tiny_shakespeare",
    "load_wdbc",
    "verify",
]

DATA_DIR_ENV = "M2M_DATA_DIR"
_FIX_HINT = "Run `m2m doctor` to check every dataset and see how to restore it."


# ================================================================ errors


class DatasetError(ValueError):
    """A dataset file is missing, differs from the shipped version, or cannot be parsed."""


class MissingDataError(DatasetError, FileNotFoundError):
    """A dataset file is not where the data folder says it should be."""


class ChecksumMismatchError(DatasetError):
    """A dataset file exists but its SHA-256 differs from the registered one."""


# ============================================================== registry


@dataclass(frozen=True)
class FileInfo:
    """What a shipped file must be: its SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


# Paths are relative to the data folder and always use "/". The description files are
# registered too: they travel with the data and must stay unchanged.
REGISTRY: dict[str, FileInfo] = {
    "auto_mpg/Index.uci": FileInfo(
        "841000f240b9562fc3985ef5eeba74db747b07cee8c10633608f6e6e5f7bde22", 161
    ),
    "auto_mpg/auto-mpg.data": FileInfo(
        "48b830e11feee5572525f8f1691ddb9d38d3d7b7063edcd8fca672c2a5e17d8d", 30286
    ),
    "auto_mpg/auto-mpg.names": FileInfo(
        "f6ac336f3b11955d71adee2100faf30f8c1be20e6727476836d437d35804599c", 1660
    ),
    "california_housing/README.handson-ml2.md": FileInfo(
        "6bbd4ce0fad7eada99621e0c1e24d6df9ada498a1bb5d3750c1075c894593875", 3680
    ),
    "california_housing/housing.csv": FileInfo(
        "8a3727f4cf54ac1a327f69b1d5b4db54c5834ea81c6e4efc0d163300022a685e", 1423529
    ),
    "fashion-mnist/t10k-images-idx3-ubyte.gz": FileInfo(
        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4422102
    ),
    "fashion-mnist/t10k-labels-idx1-ubyte.gz": FileInfo(
        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5148
    ),
    "fashion-mnist/train-images-idx3-ubyte.gz": FileInfo(
        "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26421880
    ),
    "fashion-mnist/train-labels-idx1-ubyte.gz": FileInfo(
        "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29515
    ),
    "iris/bezdekIris.data": FileInfo(
        "0fed2a99db77ec533a62dc66894d3ec6df3b58b6a8f3cf4a6b47e4086b7f97dc", 4551
    ),
    "iris/iris.data": FileInfo(
        "6f608b71a7317216319b4d27b4d9bc84e6abd734eda7872b71a458569e2656c0", 4551
    ),
    "iris/iris.names": FileInfo(
        "9d58f1fbf31d862ae4114d0170c2e32ed8202fd73fcaf9cfbe87de7895641a9f", 2999
    ),
    "mnist/t10k-images-idx3-ubyte.gz": FileInfo(
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1648877
    ),
    "mnist/t10k-labels-idx1-ubyte.gz": FileInfo(
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4542
    ),
    "mnist/train-images-idx3-ubyte.gz": FileInfo(
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9912422
    ),
    "mnist/train-labels-idx1-ubyte.gz": FileInfo(
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28881
    ),
    "names/names.txt": FileInfo(
        "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d", 228145
    ),
    "sample_images/grace_hopper.jpg": FileInfo(
        "a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130", 61306
    ),
    "sms_spam/SMSSpamCollection": FileInfo(
        "7d039a24a6083ed9ef0f806ebad56bbb976e3aeb8de05669173bfdc4996c239d", 477907
    ),
    "sms_spam/readme": FileInfo(
        "656da9ff765ddeb69841ef429e3ad65f2207a9f410892a6f04f06542426fb75c", 5793
    ),
    "thyroid_ann/ann-Readme": FileInfo(
        "b24e7cc5863fbee5bf28b89794558e1e222bed4c57941992398265bee41c9351", 4421
    ),
    "thyroid_ann/ann-test.data": FileInfo(
        "c649ea19416e78c7996cfaaa2a9e281cb597d4b075aaa68c494fc3e4ee3aa30b", 241196
    ),
    "thyroid_ann/ann-thyroid.names": FileInfo(
        "c415558f6732c82cc2eaa5aa6558ad2cff8bb4769e04b7f7d8765b0909309677", 4237
    ),
    "thyroid_ann/ann-train.data": FileInfo(
        "3da53a156bda36cb0c97e9f4b6b111c9226c54c4aa00230de5604b787c47e3a6", 264725
    ),
    "tinyshakespeare/input.txt": FileInfo(
        "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed", 1115394
    ),
    "wdbc/wdbc.data": FileInfo(
        "d606af411f3e5be8a317a5a8b652b425aaf0ff38ca683d5327ffff94c3695f4a", 124103
    ),
    "wdbc/wdbc.names": FileInfo(
        "840e04e3f20f8a5b326892f3b9cbc01c4cd6f7e6c597630b701ef6c0ac79f5ef", 4708
    ),
}

IRIS_CLASSES: tuple[str, ...] = ("setosa", "versicolor", "virginica")

# Label i of Fashion-MNIST names class FASHION_MNIST_CLASSES[i] (Xiao, Rasul & Vollgraf 2017).
FASHION_MNIST_CLASSES: tuple[str, ...] = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)

_SPLITS = ("train", "test")
_SAMPLE_IMAGES = {"grace_hopper": "sample_images/grace_hopper.jpg"}


# =========================================================== data folder


def data_dir() -> Path:
    """The folder that holds the datasets.

    ``$M2M_DATA_DIR`` when set (it need not exist yet: loaders then report the missing
    file). Otherwise the first ``data/`` folder containing a ``README.md`` found walking up
    from this module's location (this file exists both as ``<repo>/shared/datasets.py``
    and ``<repo>/solutions/shared/datasets.py``), then from the working directory.
    """
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    starts = (Path(__file__).resolve().parent, Path.cwd().resolve())
    for start in starts:
        for folder in (start, *start.parents):
            candidate = folder / "data"
            if (candidate / "README.md").is_file():
                return candidate
    raise MissingDataError(
        "no data folder found: looked for a 'data/' folder with a README.md above "
        f"{starts[0]} and above {starts[1]}. Run from inside the course repository or set "
        f"{DATA_DIR_ENV} to a folder holding the datasets. {_FIX_HINT}"
    )


# ============================================================ checksums


# Files already verified in this process, keyed by (path, size, mtime in ns): a file that
# changes on disk gets a new key and is hashed again.
_VERIFIED: set[tuple[str, int, int]] = set()


def _sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _info(name: str) -> FileInfo:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown dataset file {name!r}: expected one of the registered names, "
            f"e.g. {', '.join(sorted(REGISTRY)[:3])}, ... (see datasets.REGISTRY)"
        ) from None


def verify(name: str) -> Path:
    """Check that the registered file ``name`` (e.g. ``"iris/bezdekIris.data"``) is present
    under :func:`data_dir` with the registered SHA-256, and return its path.

    Raises :class:`MissingDataError` when the file is absent and
    :class:`ChecksumMismatchError` when its contents differ; both name the file, the
    expected checksum and what was found. A file is hashed once per process unless it
    changes on disk.
    """
    info = _info(name)
    path = data_dir() / name
    try:
        stat = path.stat()
    except FileNotFoundError:
        where = (
            f" (the data folder comes from {DATA_DIR_ENV}; unset it to use the shipped data)"
            if os.environ.get(DATA_DIR_ENV)
            else ""
        )
        raise MissingDataError(
            f"dataset file {name} is missing: expected {path} with SHA-256 {info.sha256} "
            f"({info.size} bytes), found no file there{where}. {_FIX_HINT}"
        ) from None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _VERIFIED:
        return path
    actual = _sha256_of(path)
    if actual != info.sha256 or stat.st_size != info.size:
        raise ChecksumMismatchError(
            f"dataset file {name} at {path} differs from the shipped version: expected "
            f"SHA-256 {info.sha256} ({info.size} bytes), found SHA-256 {actual} "
            f"({stat.st_size} bytes). The file is damaged, truncated or was edited. "
            f"{_FIX_HINT}"
        )
    _VERIFIED.add(key)
    return path


def check_all() -> list[str]:
    """Every problem with the data folder, one message per file; empty when all is well.

    Meant for ``m2m doctor``, so the messages leave out the advice to run it.
    """

    def plain(err: DatasetError) -> str:
        return str(err).replace(f" {_FIX_HINT}", "")

    try:
        data_dir()
    except DatasetError as err:
        return [plain(err)]
    problems = []
    for name in sorted(REGISTRY):
        try:
            verify(name)
        except DatasetError as err:
            problems.append(plain(err))
    return problems


# =============================================================== download


def fetch(name: str, url: str, dest_dir: str | os.PathLike | None = None) -> Path:
    """Download the registered file ``name`` from ``url`` into a cache folder, verified.

    The file lands at ``<dest>/<name>`` where ``dest`` is ``dest_dir``, else
    :func:`data_dir` (``$M2M_DATA_DIR`` when set); point ``M2M_DATA_DIR`` at ``dest_dir``
    to load from it. A file already there with the right checksum is not downloaded again.
    The download streams into a temporary file beside the target and is moved into place
    (``os.replace``, atomic on one file system) only after its SHA-256 matches; on a
    mismatch or any error the partial file is deleted and the error names the expected and
    the actual checksum.
    """
    info = _info(name)
    root = Path(dest_dir).expanduser() if dest_dir is not None else data_dir()
    target = root / name
    if target.is_file() and _sha256_of(target) == info.sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as response:
            while block := response.read(1 << 20):
                digest.update(block)
                out.write(block)
        actual = digest.hexdigest()
        if actual != info.sha256:
            raise ChecksumMismatchError(
                f"download of {name} from {url} has the wrong checksum: expected SHA-256 "
                f"{info.sha256}, got {actual}. Nothing was saved; check the URL. {_FIX_HINT}"
            )
        os.replace(tmp, target)
    except BaseException as err:
        tmp.unlink(missing_ok=True)
        if isinstance(err, OSError) and not isinstance(err, DatasetError):
            raise DatasetError(
                f"could not download {name} from {url}: {err}. Expected a file with "
                f"SHA-256 {info.sha256}; nothing was saved. {_FIX_HINT}"
            ) from err
        raise
    return target


# ============================================================== readers


def _read_bytes(name: str) -> bytes:
    return verify(name).read_bytes()


def _read_text(name: str) -> str:
    return verify(name).read_bytes().decode("utf-8")


def _check_choice(what: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(
            f"{what}: expected one of {', '.join(repr(a) for a in allowed)}, got {value!r}"
        )
    return value


def _read_idx(name: str, magic: int, ndim: int) -> np.ndarray:
    """Parse a gzipped IDX file of unsigned bytes (LeCun's MNIST format).

    Layout: a big-endian int32 magic number (0x08 = uint8 data in its third byte, the
    number of dimensions in its fourth), then one big-endian int32 per dimension, then the
    data in C order.
    """
    raw = gzip.decompress(_read_bytes(name))
    header = 4 * (1 + ndim)
    if len(raw) < header:
        raise DatasetError(f"{name}: expected an IDX header of {header} bytes, got {len(raw)}")
    fields = np.frombuffer(raw, dtype=">i4", count=1 + ndim)
    if int(fields[0]) != magic:
        raise DatasetError(
            f"{name}: expected IDX magic number {magic}, got {int(fields[0])}; "
            "this is not the file the loader expects"
        )
    shape = tuple(int(d) for d in fields[1:])
    expected = int(np.prod(shape)) + header
    if len(raw) != expected:
        raise DatasetError(
            f"{name}: header announces shape {shape} ({expected} bytes with the header), "
            f"but the file holds {len(raw)} bytes"
        )
    # frombuffer gives a read-only view of the bytes object; copy so callers may write.
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape).copy()


def _load_idx_pair(folder: str, split: str) -> tuple[np.ndarray, np.ndarray]:
    prefix = "train" if split == "train" else "t10k"
    images = _read_idx(f"{folder}/{prefix}-images-idx3-ubyte.gz", 2051, 3)
    labels = _read_idx(f"{folder}/{prefix}-labels-idx1-ubyte.gz", 2049, 1)
    if images.shape[0] != labels.shape[0]:
        raise DatasetError(
            f"{folder} {split}: {images.shape[0]} images but {labels.shape[0]} labels"
        )
    return images, labels.astype(np.int64)


# ============================================================== loaders


def load_iris() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Fisher's Iris data, the corrected UCI file (``iris/bezdekIris.data``).

    Returns:
        X: (150, 4) float64 — sepal length, sepal width, petal length, petal width, in cm.
        y: (150,) int64 in {0, 1, 2} — index into ``class_names``; 50 flowers per class.
        class_names: ``("setosa", "versicolor", "virginica")``.
    """
    name = "iris/bezdekIris.data"
    codes = {f"Iris-{c}": i for i, c in enumerate(IRIS_CLASSES)}
    features, labels = [], []
    for lineno, line in enumerate(_read_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        *values, species = line.split(",")
        if len(values) != 4 or species not in codes:
            raise DatasetError(
                f"{name} line {lineno}: expected 4 numbers and a species, got {line!r}"
            )
        features.append(values)
        labels.append(codes[species])
    return (
        np.array(features, dtype=np.float64),
        np.array(labels, dtype=np.int64),
        IRIS_CLASSES,
    )


def load_mnist(split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """The MNIST handwritten digits (LeCun, Cortes & Burges).

    Args:
        split: ``"train"`` (60,000 digits) or ``"test"`` (10,000).
    Returns:
        images: (N, 28, 28) uint8, 0 = background, 255 = ink.
        labels: (N,) int64 digits 0-9.
    """
    split = _check_choice("load_mnist split", split, _SPLITS)
    return _load_idx_pair("mnist", split)


def load_fashion_mnist(split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): Zalando article photos in MNIST's format.

    Args:
        split: ``"train"`` (60,000 images) or ``"test"`` (10,000).
    Returns:
        images: (N, 28, 28) uint8 grey levels.
        labels: (N,) int64 in 0-9; ``FASHION_MNIST_CLASSES[label]`` names the class.
    """
    split = _check_choice("load_fashion_mnist split", split, _SPLITS)
    return _load_idx_pair("fashion-mnist", split)


def load_sms_spam() -> tuple[list[str], np.ndarray]:
    """The SMS Spam Collection v.1 (Almeida & Gómez Hidalgo 2011).

    Returns:
        texts: list of 5,574 messages (str, as written, not normalised).
        labels: (5574,) int64, 1 = spam (747 messages), 0 = ham (4,827).
    """
    name = "sms_spam/SMSSpamCollection"
    codes = {"ham": 0, "spam": 1}
    texts, labels = [], []
    for lineno, line in enumerate(_read_text(name).split("\n"), start=1):
        if not line:
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in codes:
            raise DatasetError(
                f"{name} line {lineno}: expected 'ham' or 'spam', a tab and "
                f"the message, got {line[:40]!r}"
            )
        texts.append(text)
        labels.append(codes[label])
    return texts, np.array(labels, dtype=np.int64)


def load_names() -> list[str]:
    """The 32,033 most common U.S. first names of 2018, lower case a-z, one per entry
    (``names/names.txt``, from karpathy/makemore). Repeats are kept (29,494 unique)."""
    return [n for n in _read_text("names/names.txt").split("\n") if n]


def load_tiny_shakespeare() -> str:
    """Tiny Shakespeare (Karpathy, char-rnn): 1,115,394 ASCII characters of plays, one str."""
    return _read_text("tinyshakespeare/input.txt")


@dataclass(frozen=True, eq=False)
class CaliforniaHousing:
    """The 1990 California census block groups (Pace & Barry 1997), Géron's version.

    Attributes:
        X: (20640, 8) float64 — longitude, latitude, housing_median_age, total_rooms,
            total_bedrooms (NaN in 207 rows), population, households, median_income
            (tens of thousands of USD, capped at 15.0001).
        y: (20640,) float64 — median_house_value in USD, capped at 500001 in the source.
        feature_names: the 8 column names of ``X`` in order.
        ocean_proximity: (20640,) str array — "<1H OCEAN", "INLAND", "NEAR OCEAN",
            "NEAR BAY" or "ISLAND".
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    ocean_proximity: np.ndarray


_HOUSING_COLUMNS = (
    "longitude",
    "latitude",
    "housing_median_age",
    "total_rooms",
    "total_bedrooms",
    "population",
    "households",
    "median_income",
    "median_house_value",
    "ocean_proximity",
)


def load_california_housing() -> CaliforniaHousing:
    """California housing (``california_housing/housing.csv``); see :class:`CaliforniaHousing`."""
    name = "california_housing/housing.csv"
    header, *rows = _read_text(name).splitlines()
    if tuple(header.split(",")) != _HOUSING_COLUMNS:
        raise DatasetError(
            f"{name}: expected the header {','.join(_HOUSING_COLUMNS)}, got {header!r}"
        )
    # The category is the last field and holds no comma, so one rsplit per row separates it;
    # the numeric part is then parsed in one go. An empty field is a missing value.
    numeric, categories = zip(*(row.rsplit(",", 1) for row in rows), strict=True)
    cells = ",".join(numeric).split(",")
    if len(cells) != 9 * len(rows):
        raise DatasetError(
            f"{name}: expected 9 numeric fields per row, got {len(cells)} "
            f"fields in {len(rows)} rows"
        )
    values = np.array([c if c else "nan" for c in cells], dtype=np.float64).reshape(-1, 9)
    return CaliforniaHousing(
        X=values[:, :8].copy(),
        y=values[:, 8].copy(),
        feature_names=_HOUSING_COLUMNS[:8],
        ocean_proximity=np.array(categories, dtype=str),
    )


@dataclass(frozen=True, eq=False)
class AutoMPG:
    """UCI Auto MPG (Quinlan 1993): 398 cars from 1970-1982.

    Attributes:
        X: (398, 7) float64 — cylinders, displacement (cu. in.), horsepower (NaN in 6
            rows), weight (lb), acceleration (s for 0-60 mph), model_year (70-82),
            origin (1 = USA, 2 = Europe, 3 = Japan).
        y: (398,) float64 — fuel economy in miles per US gallon.
        feature_names: the 7 column names of ``X`` in order.
        car_names: 398 model names, e.g. "chevrolet chevelle malibu".
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    car_names: list[str]


_AUTO_MPG_FEATURES = (
    "cylinders",
    "displacement",
    "horsepower",
    "weight",
    "acceleration",
    "model_year",
    "origin",
)


def load_auto_mpg() -> AutoMPG:
    """UCI Auto MPG (``auto_mpg/auto-mpg.data``); see :class:`AutoMPG`."""
    name = "auto_mpg/auto-mpg.data"
    cells, car_names = [], []
    for lineno, line in enumerate(_read_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        # Eight whitespace-separated numbers, a tab, then the car name in double quotes.
        numbers, sep, car = line.partition("\t")
        fields = numbers.split()
        if not sep or len(fields) != 8:
            raise DatasetError(
                f"{name} line {lineno}: expected 8 numbers, a tab and a name, got {line!r}"
            )
        cells.append(["nan" if f == "?" else f for f in fields])
        car_names.append(car.strip().strip('"'))
    values = np.array(cells, dtype=np.float64)
    return AutoMPG(
        X=values[:, 1:].copy(),
        y=values[:, 0].copy(),
        feature_names=_AUTO_MPG_FEATURES,
        car_names=car_names,
    )


def load_thyroid(split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """The UCI ann-thyroid data (Quinlan; Werner's split), an imbalanced 3-class table.

    Args:
        split: ``"train"`` (3,772 patients) or ``"test"`` (3,428).
    Returns:
        X: (N, 21) float64, all in [0, 1] — column 0 is age, columns 1-15 are binary
            indicators (sex, medication, history), columns 16-20 are the lab measurements
            TSH, T3, TT4, T4U and FTI; the continuous columns come already scaled.
        y: (N,) int64 — 1 = hyperfunction, 2 = subnormal function, 3 = normal.
            Abnormal (1 or 2) is 7.5 % of train and 7.3 % of test.
    """
    split = _check_choice("load_thyroid split", split, _SPLITS)
    name = f"thyroid_ann/ann-{split}.data"
    values = np.array(_read_text(name).split(), dtype=np.float64)
    if values.size % 22:
        raise DatasetError(f"{name}: expected 22 numbers per row, got {values.size} in all")
    values = values.reshape(-1, 22)
    y = values[:, 21].astype(np.int64)
    if not np.isin(y, (1, 2, 3)).all():
        raise DatasetError(f"{name}: expected classes 1, 2 or 3, got {sorted(set(y.tolist()))}")
    return values[:, :21].copy(), y


def load_wdbc() -> tuple[np.ndarray, np.ndarray]:
    """Breast Cancer Wisconsin (Diagnostic), Wolberg, Street & Mangasarian 1995.

    Returns:
        X: (569, 30) float64 — mean, standard error and worst value of 10 measurements of
            cell nuclei (column order as in ``wdbc/wdbc.names``).
        y: (569,) int64 — 1 = malignant (212), 0 = benign (357).
    """
    name = "wdbc/wdbc.data"
    codes = {"M": 1, "B": 0}
    cells, labels = [], []
    for lineno, line in enumerate(_read_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        _id, diagnosis, *values = line.split(",")
        if diagnosis not in codes or len(values) != 30:
            raise DatasetError(
                f"{name} line {lineno}: expected an id, M or B and 30 numbers, got {line[:40]!r}"
            )
        cells.append(values)
        labels.append(codes[diagnosis])
    return np.array(cells, dtype=np.float64), np.array(labels, dtype=np.int64)


def load_sample_image(name: str = "grace_hopper") -> np.ndarray:
    """A shipped photograph as an RGB array.

    Args:
        name: ``"grace_hopper"`` — the U.S. Navy portrait of Grace M. Hopper that matplotlib
            ships as sample data (public domain).
    Returns:
        (H, W, 3) uint8; (600, 512, 3) for ``"grace_hopper"``.
    """
    name = _check_choice("load_sample_image name", name, tuple(_SAMPLE_IMAGES))
    path = verify(_SAMPLE_IMAGES[name])
    from PIL import Image  # Pillow is a dependency of matplotlib; import only when needed

    with Image.open(path) as img:
        return np.array(img.convert("RGB"), dtype=np.uint8)
