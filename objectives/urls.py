"""Addresses of every page about quarters and key results."""

from django.urls import path

from .views import (
    boroughs,
    exports,
    key_results,
    my_key_results,
    partners,
    plans,
    quarters,
    reviews,
    workstreams,
)

app_name = "objectives"

urlpatterns = [
    path("", quarters.HomeView.as_view(), name="home"),
    path("quarters/", quarters.QuarterListView.as_view(), name="quarter-list"),
    path("quarters/switch/", quarters.QuarterSwitchView.as_view(), name="quarter-switch"),
    path("quarters/<slug:slug>/", quarters.DashboardView.as_view(), name="quarter-dashboard"),
    path(
        "quarters/<slug:slug>/key-results/",
        key_results.KeyResultListView.as_view(),
        name="key-result-list",
    ),
    path(
        "quarters/<slug:slug>/key-results.csv",
        exports.KeyResultExportView.as_view(format="csv"),
        name="key-result-csv",
    ),
    path(
        "quarters/<slug:slug>/key-results.json",
        exports.KeyResultExportView.as_view(format="json"),
        name="key-result-json",
    ),
    path("quarters/<slug:slug>/report/", quarters.BoardPackView.as_view(), name="board-pack"),
    path("quarters/<slug:slug>/plan.txt", plans.PlanTextView.as_view(), name="plan-text"),
    path(
        "quarters/<slug:slug>/borough-updates.csv",
        exports.BoroughUpdateExportView.as_view(),
        name="borough-update-csv",
    ),
    path(
        "quarters/<slug:slug>/plan.md",
        plans.PlanTextView.as_view(markdown=True),
        name="plan-markdown",
    ),
    path("quarters/<slug:slug>/plan/", plans.PlanPreviewView.as_view(), name="plan-preview"),
    path("quarters/<slug:slug>/review/", reviews.ReviewView.as_view(), name="quarter-review"),
    path("quarters/<slug:slug>/review.txt", reviews.ReviewTextView.as_view(), name="review-text"),
    path(
        "quarters/<slug:slug>/review.md",
        reviews.ReviewTextView.as_view(markdown=True),
        name="review-markdown",
    ),
    path(
        "quarters/<slug:slug>/check-ins.csv",
        exports.CheckInExportView.as_view(),
        name="check-in-csv",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/",
        key_results.KeyResultDetailView.as_view(),
        name="key-result-detail",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/history/",
        key_results.KeyResultHistoryView.as_view(),
        name="key-result-history",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/check-ins/new/",
        key_results.CheckInCreateView.as_view(),
        name="check-in-create",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/updates/",
        boroughs.BoroughUpdateCreateView.as_view(),
        name="borough-update-create",
    ),
    path(
        "borough-updates/<int:pk>/edit/",
        boroughs.BoroughUpdateCorrectView.as_view(),
        name="borough-update-correct",
    ),
    path(
        "borough-updates/<int:pk>/withdraw/",
        boroughs.BoroughUpdateWithdrawView.as_view(),
        name="borough-update-withdraw",
    ),
    path("my-borough/", boroughs.MyBoroughView.as_view(), name="my-borough"),
    path("my-key-results/", my_key_results.MyKeyResultsView.as_view(), name="my-key-results"),
    path("workstreams/", workstreams.WorkstreamListView.as_view(), name="workstream-list"),
    path(
        "workstreams/<slug:slug>/",
        workstreams.WorkstreamDetailView.as_view(),
        name="workstream-detail",
    ),
    path("boroughs/", boroughs.BoroughListView.as_view(), name="borough-list"),
    path("boroughs/<slug:slug>/", boroughs.BoroughDetailView.as_view(), name="borough-detail"),
    path("partners/", partners.PartnerListView.as_view(), name="partner-list"),
    path("partners/<slug:slug>/", partners.PartnerDetailView.as_view(), name="partner-detail"),
]
