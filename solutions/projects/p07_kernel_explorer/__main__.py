"""``python -m projects.p07_kernel_explorer`` runs the demo."""

from .demo import main

main()
