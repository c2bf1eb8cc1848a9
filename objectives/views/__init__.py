"""The pages of the site, one module per section; a page's code is found by its section's name."""

from .announcements import PlanPreviewView, PlanTextView
from .boroughs import (
    BoroughDetailView,
    BoroughListView,
    BoroughUpdateCorrectView,
    BoroughUpdateCreateView,
    BoroughUpdateWithdrawView,
    MyBoroughView,
)
from .exports import BoroughUpdateExportView, CheckInExportView, KeyResultExportView
from .key_results import (
    CheckInCreateView,
    KeyResultDetailView,
    KeyResultHistoryView,
    KeyResultListView,
)
from .my_key_results import MyKeyResultsView
from .partners import PartnerDetailView, PartnerListView
from .quarters import BoardPackView, DashboardView, HomeView, QuarterListView, QuarterSwitchView
from .reviews import ReviewTextView, ReviewView
from .workstreams import WorkstreamDetailView, WorkstreamListView

__all__ = [
    "BoardPackView",
    "BoroughDetailView",
    "BoroughListView",
    "BoroughUpdateCorrectView",
    "BoroughUpdateCreateView",
    "BoroughUpdateExportView",
    "BoroughUpdateWithdrawView",
    "CheckInCreateView",
    "CheckInExportView",
    "DashboardView",
    "HomeView",
    "KeyResultDetailView",
    "KeyResultExportView",
    "KeyResultHistoryView",
    "KeyResultListView",
    "MyBoroughView",
    "MyKeyResultsView",
    "PartnerDetailView",
    "PartnerListView",
    "PlanPreviewView",
    "PlanTextView",
    "QuarterListView",
    "QuarterSwitchView",
    "ReviewTextView",
    "ReviewView",
    "WorkstreamDetailView",
    "WorkstreamListView",
]
