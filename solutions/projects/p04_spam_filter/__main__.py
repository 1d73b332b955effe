"""``python -m projects.p04_spam_filter`` runs the demo."""

from .demo import main

main()
