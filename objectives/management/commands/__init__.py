"""Commands for plans, progress, sample and benchmark data, backup and restore."""
