"""The six write actions; each takes a prepared input and makes exactly the model §4 calls."""
