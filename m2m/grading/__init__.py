"""``m2m grade`` and what stands around it.

- :mod:`m2m.grading.sandbox`: scratch copies where graded code runs, and one run in them;
- :mod:`m2m.grading.grade`: scores by task, the report and its JSON;
- :mod:`m2m.grading.measure`: the reference's time for every test (``m2m timings``);
- :mod:`m2m.grading.audit`: every solution region, stubbed, must fail a test.

Imports :mod:`m2m.runtime`, :mod:`m2m.release` and the top-level modules (``impl``,
``projects``, ``timings``); never :mod:`m2m.nbgrader` or :mod:`m2m.cli`.
"""
