"""Root conftest of the graded suites.

The implementation tree (``--impl learner|solutions``, default ``$M2M_IMPL`` or
learner) is selected by the course's pytest plugin, loaded here, before any test
module imports ``shared`` or ``projects``.
"""

pytest_plugins = ["m2m.pytest_plugin"]
