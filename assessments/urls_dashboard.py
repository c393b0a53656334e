"""URLs of the SAM dashboard and the faculty view, included in assessments/urls.py."""

from django.urls import path

from assessments.views import dashboard

urlpatterns = [
    path("oversikt/", dashboard.university_dashboard, name="dashboard"),
    path("oversikt/excel/", dashboard.university_dashboard_export, name="dashboard_export"),
    path("fakultet/<int:faculty_pk>/", dashboard.faculty_dashboard, name="faculty_dashboard"),
    path(
        "fakultet/<int:faculty_pk>/excel/",
        dashboard.faculty_dashboard_export,
        name="faculty_dashboard_export",
    ),
]
