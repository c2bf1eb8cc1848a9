"""Reference data: the workstreams (themes) that key results are grouped in."""
