"""Course tooling for From Math to Machine: release, grade, tour, doctor.

Nothing in this package is ever stubbed; learners use it, they do not write it.
"""

__version__ = "0.1.0"
