"""Management commands of the objectives app."""
