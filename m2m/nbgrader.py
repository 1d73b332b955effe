"""``m2m nbgrader``: build and drive an nbgrader course from the same source."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``nbgrader`` command to the ``m2m`` parser."""
    p = sub.add_parser("nbgrader", help="build and run an nbgrader course (instructor extra)")
    p.set_defaults(func=lambda args: (print("m2m nbgrader: not available yet"), 2)[1])
