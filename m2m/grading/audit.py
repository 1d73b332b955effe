"""``m2m audit``: prove that every solution region is caught by a test of its owner.

For each region, a scratch copy of the reference has that one region stubbed, and the
owner's suite runs against it (first the region's own task, stopping at the first
failure; then, if nothing failed, the whole suite). A region whose stubbing no test
notices is reported, and the audit exits non-zero.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from m2m import impl as _impl
from m2m.grading import sandbox
from m2m.projects import discover
from m2m.release import tree as release
from m2m.release.regions import Region


@dataclass
class Finding:
    region: Region
    caught: bool
    seconds: float
    how: str  # "task tests", "whole suite" or "not caught"


def _changed_files(root: Path, base: str) -> set[str]:
    """Reference files (relative to solutions/) changed since ``base`` or not committed."""
    out: set[str] = set()
    for args in (
        ["diff", "--name-only", base, "--", "solutions"],
        ["ls-files", "--others", "--exclude-standard", "solutions"],
    ):
        proc = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
        out |= {n.removeprefix("solutions/") for n in proc.stdout.split() if n}
    return out


def _caught(box: Path, project_dir: str, task: int | None, timeout: int) -> bool:
    env = _impl.subprocess_env("learner", box)
    env["M2M_DATA_DIR"] = str(box / "data")
    env["M2M_OUT_DIR"] = str(box / "out")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        f"tests/{project_dir}",
        "-p",
        "m2m.pytest_plugin",
        "-x",
        "-q",
        "--no-header",
        "--tb=no",
        "-p",
        "no:cacheprovider",
        f"--timeout={timeout}",
    ]
    if task is not None:
        cmd.append(f"--task={task}")
    proc = subprocess.run(cmd, cwd=box, env=env, capture_output=True, text=True, check=False)
    # 1: some test failed (the region was noticed); 5: no test selected.
    return proc.returncode not in (0, 5)


def audit(
    root: Path,
    projects: list[str] | None = None,
    *,
    jobs: int = 2,
    changed_since: str | None = None,
    timeout: int = 60,
    progress=print,
) -> list[Finding]:
    root = Path(root)
    source = release.Source(root)
    regions = source.regions
    if projects:
        regions = [r for r in regions if r.project in projects]
    if changed_since is not None:
        changed = _changed_files(root, changed_since)
        regions = [r for r in regions if r.path in changed]
    if not regions:
        return []
    everything = discover(root)
    reference = source.generate(keep=lambda r: True)
    with tempfile.TemporaryDirectory(prefix="m2m-audit-") as tmp:
        template = Path(tmp) / "template"
        sandbox.build(root, "solutions", template, everything)
        workers = [Path(tmp) / f"w{i}" for i in range(max(1, jobs))]
        for w in workers:
            shutil.copytree(template, w, symlinks=True)
        free = list(workers)

        def check(region: Region) -> Finding:
            box = free.pop()
            try:
                start = time.perf_counter()
                target = box / region.path
                target.write_text(
                    source.generate(
                        keep=lambda r: r.key != region.key, include=lambda rel: rel == region.path
                    )[region.path].decode()
                )
                name = source.project_dirs[region.project]
                if _caught(box, name, region.task, timeout):
                    how = "task tests"
                elif _caught(box, name, None, timeout):
                    how = "whole suite"
                else:
                    how = "not caught"
                target.write_bytes(reference[region.path])
                finding = Finding(region, how != "not caught", time.perf_counter() - start, how)
                mark = "ok " if finding.caught else "MISSED"
                progress(
                    f"{mark} {region.label} ({region.path}:{region.begin}) {finding.seconds:.1f} s"
                )
                return finding
            finally:
                free.append(box)

        with ThreadPoolExecutor(max_workers=len(workers)) as pool:
            return list(pool.map(check, regions))
