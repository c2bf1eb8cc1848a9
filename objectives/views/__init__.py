"""The pages of the site, one module per section; a page's code is found by its section's name."""
