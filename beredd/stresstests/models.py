"""Models of the stresstests app."""
