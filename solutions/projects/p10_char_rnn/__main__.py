"""``python -m projects.p10_char_rnn`` runs the demo."""

from .demo import main

main()
