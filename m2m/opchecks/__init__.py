"""The generic checks every registered op of the core gets, in the grade and in
``m2m check-ops``.

- :mod:`m2m.opchecks.specs`: each op's NumPy reference, input domains and parameters;
- :mod:`m2m.opchecks.kinds`: the kinds of op (elementwise, reduction, ...) and what each
  kind's checks draw;
- :mod:`m2m.opchecks.numgrad`: central-difference gradients and their comparison;
- :mod:`m2m.opchecks.checks`: forward, backward, shapes (hypothesis) and pitfall checks.

Needs NumPy (and hypothesis for the shape checks); imports nothing else of :mod:`m2m`
except :mod:`m2m.impl`.
"""
