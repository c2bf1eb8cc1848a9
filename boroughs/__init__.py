"""Reference data: the 33 London authorities, with the names plans use for them."""
