"""The implementation switch: the one place that decides which tree answers imports.

Both trees have the same shape, so ``from shared.tensor import Tensor`` and
``from projects.p01_manual_neuron import Perceptron`` work against either:

- ``learner``   -> the repository root (``shared/`` and ``projects/`` with stubs)
- ``solutions`` -> ``solutions/`` (the reference implementation)

The choice comes from an explicit argument (``--impl``) or else from the
environment variable ``M2M_IMPL``; the default is ``learner``. Tests, the grader,
the demos and the tour all call :func:`activate` (in-process) or
:func:`subprocess_env` (for a child process); nothing else touches ``sys.path``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

IMPLS = ("learner", "solutions")
ENV_VAR = "M2M_IMPL"
ROOT_ENV_VAR = "M2M_ROOT"
TREE_PACKAGES = ("shared", "projects")


class ImplError(RuntimeError):
    """The requested implementation tree cannot be used."""


def _is_root(path: Path) -> bool:
    return (
        (path / "tests").is_dir()
        and ((path / "solutions").is_dir() or (path / "projects").is_dir())
        and (path / "pyproject.toml").is_file()
    )


def repo_root() -> Path:
    """The course repository: ``$M2M_ROOT``, else the nearest course folder above the
    working directory, else the folder this package was installed from."""
    env = os.environ.get(ROOT_ENV_VAR)
    if env:
        root = Path(env).resolve()
        if not _is_root(root):
            raise ImplError(
                f"{ROOT_ENV_VAR}={env} is not a course repository "
                "(expected pyproject.toml, tests/ and solutions/ or projects/)"
            )
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _is_root(candidate):
            return candidate
    fallback = Path(__file__).resolve().parent.parent
    if _is_root(fallback):
        return fallback
    raise ImplError(
        f"no course repository found above {here}; run from inside the repository "
        f"or set {ROOT_ENV_VAR}"
    )


def resolve(impl: str | None = None) -> str:
    """The implementation to use: ``impl`` if given, else ``$M2M_IMPL``, else learner."""
    choice = impl or os.environ.get(ENV_VAR) or "learner"
    if choice not in IMPLS:
        raise ImplError(f"unknown implementation {choice!r}: expected one of {', '.join(IMPLS)}")
    return choice


def tree_root(impl: str | None = None, root: Path | None = None) -> Path:
    """The folder that holds ``shared/`` and ``projects/`` for ``impl``."""
    root = root or repo_root()
    return root / "solutions" if resolve(impl) == "solutions" else root


def activate(impl: str | None = None, root: Path | None = None) -> Path:
    """Make ``impl``'s tree answer ``import shared`` / ``import projects`` in this process.

    Must run before either package is imported; importing them from another tree first
    is an error, not a silent mix of two implementations.
    """
    choice = resolve(impl)
    tree = tree_root(choice, root).resolve()
    for name in TREE_PACKAGES:
        mod = sys.modules.get(name)
        if mod is not None:
            where = Path(next(iter(getattr(mod, "__path__", [])), "")).resolve()
            if where.parent != tree:
                raise ImplError(
                    f"'{name}' was already imported from {where}, but the {choice} tree is "
                    f"{tree}; select the implementation before importing course code"
                )
    while str(tree) in sys.path:
        sys.path.remove(str(tree))
    sys.path.insert(0, str(tree))
    os.environ[ENV_VAR] = choice
    return tree


def subprocess_env(
    impl: str | None = None, root: Path | None = None, base: dict[str, str] | None = None
) -> dict[str, str]:
    """Environment for a child process that must see ``impl``'s tree first."""
    choice = resolve(impl)
    root = (root or repo_root()).resolve()
    env = dict(os.environ if base is None else base)
    env[ENV_VAR] = choice
    env[ROOT_ENV_VAR] = str(root)
    tree = str(tree_root(choice, root))
    env["PYTHONPATH"] = os.pathsep.join(
        [tree] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != tree]
    )
    env.setdefault("MPLBACKEND", "Agg")
    return env
