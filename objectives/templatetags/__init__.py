"""Template tags and filters of the objectives app."""
