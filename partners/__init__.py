"""Reference data: the partner organisations plans name."""
