"""Bundles carry their data: the datasets a project reads (``data/README.md``'s manifest),
checked against the registry when the bundle is written, so a learner's bundle runs its
public tests in a folder with nothing else."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from m2m.release import bundles, data_manifest
from m2m.release import tree as release

from .conftest import REPO, per_project, write

# Which data folder each loader of shared/datasets.py reads. A test below checks that it
# names every loader, so a new loader cannot slip past the manifest check.
LOADER_FOLDERS = {
    "load_iris": "iris",
    "load_mnist": "mnist",
    "load_fashion_mnist": "fashion-mnist",
    "load_sms_spam": "sms_spam",
    "load_names": "names",
    "load_tiny_shakespeare": "tinyshakespeare",
    "load_california_housing": "california_housing",
    "load_auto_mpg": "auto_mpg",
    "load_thyroid": "thyroid_ann",
    "load_wdbc": "wdbc",
    "load_sample_image": "sample_images",
}


def _projects() -> dict[str, str]:
    """Project id -> package folder name, for every project in the reference tree."""
    base = REPO / "solutions" / "projects"
    return {d.name[:3]: d.name for d in sorted(base.iterdir()) if re.match(r"p\d\d_", d.name)}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _clean_env() -> dict[str, str]:
    """The environment of a learner who unpacked a bundle: no course variable at all."""
    env = dict(os.environ)
    for key in ("M2M_DATA_DIR", "M2M_IMPL", "M2M_ROOT", "M2M_OUT_DIR", "PYTHONPATH"):
        env.pop(key, None)
    env["MPLBACKEND"] = "Agg"
    return env


# ------------------------------------------------------------------ the real manifest


def test_the_loader_table_names_every_loader():
    text = (REPO / "solutions" / "shared" / "datasets.py").read_text(encoding="utf-8")
    loaders = set(re.findall(r"^def (load_\w+)\(", text, flags=re.M))
    assert loaders == set(LOADER_FOLDERS), "update LOADER_FOLDERS for the new loader"
    manifest = data_manifest.read_manifest(REPO / "data" / "README.md")
    listed = {folder for folders in manifest.values() for folder in folders}
    registry = data_manifest.read_registry(REPO)
    folders = {name.split("/", 1)[0] for name in registry}
    assert listed <= folders, f"the manifest names unknown folders: {sorted(listed - folders)}"


@pytest.mark.parametrize("project", sorted(_projects()))
def test_the_manifest_lists_every_dataset_a_project_loads(project):
    """Every loader called by the project's package (demo included) or its tests reads a
    folder that data/README.md lists for the project, and nothing listed goes unused."""
    name = _projects()[project]
    used: set[str] = set()
    for folder in (REPO / "solutions" / "projects" / name, REPO / "tests" / name):
        for path in folder.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                ident = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
                if ident in LOADER_FOLDERS:
                    used.add(LOADER_FOLDERS[ident])
    manifest = data_manifest.read_manifest(REPO / "data" / "README.md")
    listed = set(manifest.get(project, ()))
    assert used <= listed, f"{project} loads {sorted(used - listed)} but data/README.md omits it"
    # Stretch goals may name a dataset in prose only (P08's Fashion-MNIST); the manifest
    # carries what the code loads.
    assert listed <= used, f"data/README.md lists {sorted(listed - used)} for {project} unused"


@pytest.mark.parametrize("project", sorted(_projects()))
def test_each_brief_says_where_its_data_is_in_its_first_lines(project):
    """A brief names its data folders and data/README.md at the top; how data is shipped,
    checked and moved (checksums, M2M_DATA_DIR, m2m doctor) is said once, in the
    repository's README and in data/README.md, which every bundle carries."""
    folders = data_manifest.datasets_for(REPO, [project])
    head = "\n".join(
        (REPO / "solutions" / "projects" / _projects()[project] / "README.md")
        .read_text(encoding="utf-8")
        .splitlines()[:8]
    )
    for folder in folders:
        assert f"`data/{folder}/`" in head, f"{project}'s brief must name data/{folder}/ early"
    if folders:
        assert "data/README.md" in head, f"{project}'s brief must point to data/README.md"


def test_the_readmes_say_once_how_data_is_checked_and_moved():
    for readme in (REPO / "README.md", REPO / "data" / "README.md"):
        text = readme.read_text(encoding="utf-8")
        for needed in ("M2M_DATA_DIR", "m2m doctor"):
            assert needed in text, f"{readme.relative_to(REPO)} must mention {needed}"
    assert "SHA-256" in (REPO / "README.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ real bundles


@pytest.mark.parametrize("project", per_project(sorted(_projects())))
def test_each_bundle_carries_its_data_and_passes_its_public_tests_alone(project, tmp_path):
    """The bundle, filled with the reference, passes its public tests in a clean
    environment (no M2M_DATA_DIR, no PYTHONPATH, cwd the bundle), and every dataset file
    it carries is the registered one."""
    out = tmp_path / project
    files = bundles.bundle(REPO, project, out)
    folders = data_manifest.datasets_for(REPO, [project])
    registry = data_manifest.read_registry(REPO)
    carried = sorted(f.removeprefix("data/") for f in files if f.startswith("data/"))
    expected = sorted(n for n in registry if n.split("/", 1)[0] in folders)
    if folders:
        expected.append("README.md")
        expected += [  # licence notes travel with their data
            p.relative_to(REPO / "data").as_posix()
            for f in folders
            for p in (REPO / "data" / f).iterdir()
            if data_manifest.NOTE_FILE.match(p.name)
        ]
    assert carried == sorted(expected)
    for name in carried:
        if name in registry:
            assert _sha256(out / "data" / name) == registry[name][0], name
    size = sum((out / "data" / n).stat().st_size for n in carried)
    # Fashion-MNIST alone is 31 MB compressed; P09 trains on it and on MNIST.
    limit = 45e6 if "fashion-mnist" in folders else 15e6
    assert size < limit, f"{project}'s bundle carries {size / 1e6:.1f} MB of data"

    reference = release.Source(REPO).generate(keep=lambda r: True)
    for rel, data in reference.items():
        if (out / rel).is_file():
            (out / rel).write_bytes(data)
    env = _clean_env()
    if folders:
        _check_the_loaders_find_the_bundles_data(out, env, set(registry) - set(carried))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
    assert " passed" in proc.stdout.splitlines()[-1]


def _check_the_loaders_find_the_bundles_data(out: Path, env: dict, absent: set[str]) -> None:
    """In the bundle, ``shared.datasets`` finds ``out/data`` on its own and every file it
    carries passes the loaders' checksum check (the others are reported missing)."""
    check = (
        "import json\nfrom shared import datasets\n"
        "print(json.dumps([str(datasets.data_dir()), datasets.check_all()]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", check],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    where, problems = json.loads(proc.stdout.splitlines()[-1])
    assert Path(where).resolve() == (out / "data").resolve()
    missing = {p.split()[2] for p in problems}  # "dataset file NAME is missing: ..."
    assert missing == absent, problems[:3]


# ------------------------------------------------------------------ a toy course


TOY_README = """\
# Toy data

| folder | dataset | used in | licence |
|---|---|---|---|
| `toy/` | seven | P01 | MIT |
"""

TOY_DATASETS = """
class FileInfo:
    def __init__(self, sha256, size):
        self.sha256, self.size = sha256, size


REGISTRY: dict[str, FileInfo] = {
    "toy/numbers.txt": FileInfo("SHA", 2),
}
"""


@pytest.fixture
def toy(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("M2M_DATA_DIR", raising=False)
    write(mini_course / "data" / "README.md", TOY_README)
    numbers = write(mini_course / "data" / "toy" / "numbers.txt", "7\n")
    write(mini_course / "data" / "toy" / "LICENSE", "MIT\n")
    write(mini_course / "data" / "other" / "secret.txt", "not for p01\n")
    write(
        mini_course / "solutions" / "shared" / "datasets.py",
        TOY_DATASETS.replace("SHA", _sha256(numbers)),
    )
    return mini_course


def test_a_bundle_carries_the_manifest_data_and_its_licence(toy: Path, tmp_path: Path):
    files = bundles.bundle(toy, "p01", tmp_path / "b")
    assert [f for f in files if f.startswith("data/")] == [
        "data/README.md",
        "data/toy/LICENSE",
        "data/toy/numbers.txt",
    ]
    assert (tmp_path / "b" / "data" / "toy" / "numbers.txt").read_text() == "7\n"
    assert not (tmp_path / "b" / "data" / "other").exists()
    files = bundles.bundle(toy, "p02", tmp_path / "b2")
    assert not [f for f in files if f.startswith("data/")], "P02 reads no dataset"
    assert not (tmp_path / "b2" / "data").exists()


def test_a_damaged_dataset_stops_the_bundle_before_anything_is_written(toy, tmp_path):
    (toy / "data" / "toy" / "numbers.txt").write_text("8\n")
    with pytest.raises(data_manifest.DataManifestError) as info:
        bundles.bundle(toy, "p01", tmp_path / "b")
    message = str(info.value)
    assert "data/toy/numbers.txt" in message and "expected SHA-256" in message
    assert not (tmp_path / "b").exists()
    (toy / "data" / "toy" / "numbers.txt").unlink()
    with pytest.raises(data_manifest.DataManifestError, match="found no file"):
        bundles.bundle(toy, "p01", tmp_path / "b")


def test_an_unregistered_file_stops_the_bundle(toy: Path, tmp_path: Path):
    write(toy / "data" / "toy" / "extra.csv", "1,2\n")
    with pytest.raises(data_manifest.DataManifestError, match=r"data/toy/extra.csv is not in"):
        bundles.bundle(toy, "p01", tmp_path / "b")


def test_a_manifest_folder_without_registered_files_is_an_error(toy: Path, tmp_path: Path):
    readme = toy / "data" / "README.md"
    readme.write_text(TOY_README + "| `other/` | other | P01 | MIT |\n")
    with pytest.raises(data_manifest.DataManifestError, match="uses other/"):
        bundles.bundle(toy, "p01", tmp_path / "b")


def test_a_course_without_a_manifest_bundles_no_data(toy: Path, tmp_path: Path):
    (toy / "data" / "README.md").write_text("# Toy data\n")
    files = bundles.bundle(toy, "p01", tmp_path / "b")
    assert not [f for f in files if f.startswith("data/")]
