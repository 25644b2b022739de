"""The cagraph HTTP service."""
