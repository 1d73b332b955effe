"""``python -m projects.p11_braininabox`` runs the demo."""

from .demo import main

main()
