"""Addresses of every page about quarters and key results."""

from django.urls import path

from . import views

app_name = "objectives"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("quarters/", views.QuarterListView.as_view(), name="quarter-list"),
    path("quarters/switch/", views.QuarterSwitchView.as_view(), name="quarter-switch"),
    path("quarters/<slug:slug>/", views.DashboardView.as_view(), name="quarter-dashboard"),
    path(
        "quarters/<slug:slug>/key-results/",
        views.KeyResultListView.as_view(),
        name="key-result-list",
    ),
    path(
        "quarters/<slug:slug>/key-results.csv",
        views.KeyResultExportView.as_view(format="csv"),
        name="key-result-csv",
    ),
    path(
        "quarters/<slug:slug>/key-results.json",
        views.KeyResultExportView.as_view(format="json"),
        name="key-result-json",
    ),
    path("quarters/<slug:slug>/report/", views.BoardPackView.as_view(), name="board-pack"),
    path("quarters/<slug:slug>/plan.txt", views.PlanTextView.as_view(), name="plan-text"),
    path(
        "quarters/<slug:slug>/borough-updates.csv",
        views.BoroughUpdateExportView.as_view(),
        name="borough-update-csv",
    ),
    path(
        "quarters/<slug:slug>/plan.md",
        views.PlanTextView.as_view(markdown=True),
        name="plan-markdown",
    ),
    path("quarters/<slug:slug>/plan/", views.PlanPreviewView.as_view(), name="plan-preview"),
    path("quarters/<slug:slug>/review/", views.ReviewView.as_view(), name="quarter-review"),
    path("quarters/<slug:slug>/review.txt", views.ReviewTextView.as_view(), name="review-text"),
    path(
        "quarters/<slug:slug>/review.md",
        views.ReviewTextView.as_view(markdown=True),
        name="review-markdown",
    ),
    path(
        "quarters/<slug:slug>/check-ins.csv",
        views.CheckInExportView.as_view(),
        name="check-in-csv",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/",
        views.KeyResultDetailView.as_view(),
        name="key-result-detail",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/history/",
        views.KeyResultHistoryView.as_view(),
        name="key-result-history",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/check-ins/new/",
        views.CheckInCreateView.as_view(),
        name="check-in-create",
    ),
    path(
        "quarters/<slug:slug>/key-results/<int:number>/updates/",
        views.BoroughUpdateCreateView.as_view(),
        name="borough-update-create",
    ),
    path(
        "borough-updates/<int:pk>/edit/",
        views.BoroughUpdateCorrectView.as_view(),
        name="borough-update-correct",
    ),
    path(
        "borough-updates/<int:pk>/withdraw/",
        views.BoroughUpdateWithdrawView.as_view(),
        name="borough-update-withdraw",
    ),
    path("my-borough/", views.MyBoroughView.as_view(), name="my-borough"),
    path("my-key-results/", views.MyKeyResultsView.as_view(), name="my-key-results"),
    path("workstreams/", views.WorkstreamListView.as_view(), name="workstream-list"),
    path(
        "workstreams/<slug:slug>/", views.WorkstreamDetailView.as_view(), name="workstream-detail"
    ),
    path("boroughs/", views.BoroughListView.as_view(), name="borough-list"),
    path("boroughs/<slug:slug>/", views.BoroughDetailView.as_view(), name="borough-detail"),
    path("partners/", views.PartnerListView.as_view(), name="partner-list"),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner-detail"),
]
