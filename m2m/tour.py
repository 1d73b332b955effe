"""``m2m demo`` and ``m2m tour``: run the projects' demos and summarise what they measured.

``m2m demo pNN`` activates one implementation tree in this process, runs the project's
``demo.main()`` and stores the metrics it returns in ``out/pNN/metrics.json``. ``m2m
tour`` runs every project's demo in its own child process (one crash cannot stop the
tour) and ends with a summary table.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from m2m import impl as _impl
from m2m.projects import Project, discover, select
from m2m.runtime.engine import stub_message


def out_root(root: Path) -> Path:
    return Path(os.environ.get("M2M_OUT_DIR") or (root / "out"))


def missing_reference(root: Path, impl: str | None, command: str) -> str | None:
    """Why ``command`` cannot run the reference's demos here (a checkout without
    ``solutions/``, as a learner has), with what to run instead; None when it can."""
    if _impl.resolve(impl) != "solutions" or (Path(root) / "solutions").is_dir():
        return None
    return (
        f"{command}: this checkout has no solutions/ (the reference implementation), so "
        "there is no reference demo to run; run your own with `m2m demo pNN --impl learner` "
        "(or every project with `m2m tour --impl learner`)"
    )


def run_demo(project: Project, impl: str | None, root: Path) -> int:
    """Run one demo in this process. Returns an exit status (2: no such tree here)."""
    why = missing_reference(root, impl, "m2m demo")
    if why:
        print(why, file=sys.stderr)
        return 2
    _impl.activate(impl, root)
    out = out_root(root)
    os.environ["M2M_OUT_DIR"] = str(out)
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        demo = importlib.import_module(f"{project.module}.demo")
        metrics = demo.main()
    except NotImplementedError as exc:
        stub = stub_message(exc)
        if stub is None:
            raise
        print(f"{project.id}: not implemented yet: {stub}", file=sys.stderr)
        return 3
    folder = out / project.id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(
        json.dumps(metrics or {}, indent=1, default=_jsonable), encoding="utf-8"
    )
    return 0


def _jsonable(value):
    try:
        return value.item()  # NumPy scalars
    except AttributeError:
        return str(value)


def tour(
    root: Path, impl: str | None = "solutions", wanted: list[str] | None = None, timeout: int = 600
) -> int:
    """Run every demo in a child process, print their output live, then a summary.

    Returns 0 when every demo ran, 1 when one failed, 2 when the selected tree is absent.
    """
    root = Path(root)
    why = missing_reference(root, impl, "m2m tour")
    if why:
        print(why, file=sys.stderr)
        return 2
    projects = select(root, wanted) if wanted else discover(root)
    out = out_root(root)
    rows = []
    for project in projects:
        tree = _impl.tree_root(impl, root)
        if not (tree / "projects" / project.name / "demo.py").is_file():
            rows.append((project, "no demo", 0.0, {}, 0))
            continue
        print(f"\n=== {project.id.upper()} · {project.title} ===", flush=True)
        env = _impl.subprocess_env(impl, root)
        env["M2M_OUT_DIR"] = str(out)
        metrics_file = out / project.id / "metrics.json"
        if metrics_file.exists():
            metrics_file.unlink()
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "m2m", "demo", project.id, f"--impl={_impl.resolve(impl)}"],
                cwd=root,
                env=env,
                timeout=timeout,
                check=False,
            )
            status = {0: "ok", 3: "not implemented"}.get(
                proc.returncode, f"failed (exit {proc.returncode})"
            )
        except subprocess.TimeoutExpired:
            status = f"timed out after {timeout} s"
        seconds = time.perf_counter() - start
        metrics = json.loads(metrics_file.read_text()) if metrics_file.is_file() else {}
        figures = (
            len(list((out / project.id).glob("*.png")))
            + len(list((out / project.id).glob("*.gif")))
            if (out / project.id).is_dir()
            else 0
        )
        rows.append((project, status, seconds, metrics, figures))
    print("\n" + summary_table(rows, out))
    return 0 if all(r[1] in ("ok", "no demo") for r in rows) else 1


def summary_table(rows, out: Path) -> str:
    lines = ["Tour summary", f"{'project':<34}{'status':<18}{'time':>8}{'figures':>9}  metrics"]
    for project, status, seconds, metrics, figures in rows:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in list(metrics.items())[:4])
        lines.append(
            f"{project.id + ' ' + project.title:<33.33} {status:<18}{seconds:>7.1f}s"
            f"{figures:>9}  {shown}"
        )
    lines.append(f"figures and metrics.json under {out}/pNN/")
    return "\n".join(lines)


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
