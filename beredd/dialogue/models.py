"""Models of the dialogue app."""
