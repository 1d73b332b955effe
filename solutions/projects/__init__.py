"""The eleven graded projects of From Math to Machine, one package each."""
