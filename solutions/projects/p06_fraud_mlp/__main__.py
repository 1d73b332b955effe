"""``python -m projects.p06_fraud_mlp`` runs the demo."""

from .demo import main

main()
