"""The project: settings, addresses, error pages and the page cache, which span the apps."""
