"""Template filters of the network app."""
