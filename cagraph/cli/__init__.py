"""Command-line interface: thin commands over library functions."""
