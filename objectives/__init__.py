"""Quarters, key results and their progress: the domain, and every page that shows it."""
