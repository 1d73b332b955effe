"""``python -m projects.p08_mnist`` runs the demo."""

from .demo import main

main()
