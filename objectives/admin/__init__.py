"""The admin LOTI staff use, one module per part: quarters (with roll-over), key results (with
their check-in form) and check-ins (with voiding)."""

from . import check_ins, key_results, quarters  # noqa: F401 (each registers its models)
