"""Quarter plans as plain files (YAML or CSV): read, check, export. Formats in the README.

Reading never writes: `read_plan` checks the whole file and reports every problem with its line
and a plain reason; `services.create_plan` writes a checked plan in one transaction.
"""

from ..services import create_plan
from .checking import PlanChecker, read_plan
from .exporting import export_csv, export_yaml, plan_document
from .plan import Plan, PlannedKeyResult
from .reading import CSV_COLUMNS, PlanFileError, Problem

__all__ = [
    "CSV_COLUMNS",
    "Plan",
    "PlanChecker",
    "PlanFileError",
    "PlannedKeyResult",
    "Problem",
    "create_plan",
    "export_csv",
    "export_yaml",
    "plan_document",
    "read_plan",
]
