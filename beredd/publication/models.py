"""Models of the publication app."""
