"""The project: settings, addresses, error pages and middleware that span the apps."""
