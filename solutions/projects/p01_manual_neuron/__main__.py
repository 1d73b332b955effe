"""``python -m projects.p01_manual_neuron`` runs the demo."""

from .demo import main

main()
