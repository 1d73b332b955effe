"""The ``m2m`` command line.

Every command is added the same way: a module of this package owns a group of commands, and
its ``register(sub)`` adds each one's parser with ``set_defaults(func=cmd_...)``, a function
that takes the parsed arguments and returns the exit status. :func:`build_parser` calls the
modules in :data:`COMMAND_GROUPS`' order.

- :mod:`m2m.cli.author`: ``release``, ``audit``, ``check-ops``, ``timings`` (course authors);
- :mod:`m2m.cli.learner`: ``grade``, ``demo``, ``tour``, ``doctor``, ``package`` (learners);
- :mod:`m2m.cli.nbgrader`: ``nbgrader build|release|autograde|...`` (instructors).

This package sits on top: it may import every other part of :mod:`m2m`, and nothing imports it.
"""

from __future__ import annotations

import argparse
import sys

from m2m import impl as _impl
from m2m.cli import author, learner, nbgrader

COMMAND_GROUPS = (author, learner, nbgrader)


def build_parser() -> argparse.ArgumentParser:
    """The ``m2m`` parser with every command of :data:`COMMAND_GROUPS`."""
    parser = argparse.ArgumentParser(prog="m2m", description="From Math to Machine course tool")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except _impl.ImplError as exc:
        print(f"m2m: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())


if __name__ == "__main__":
    raise SystemExit(main())
