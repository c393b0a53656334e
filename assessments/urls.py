"""Compass URLs (under /kompass/): programme compass, rounds, actions; dashboards apart."""

from django.urls import path

from assessments.urls_dashboard import urlpatterns as dashboard_urlpatterns
from assessments.views import compass, rounds

app_name = "assessments"
urlpatterns = [
    path("program/<int:pk>/", compass.program_compass, name="program_compass"),
    path("program/<int:pk>/omgang/ny/", rounds.round_start, name="round_start"),
    path("omgang/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("omgang/<int:pk>/andra/", rounds.round_edit, name="round_edit"),
    path("omgang/<int:pk>/status/", rounds.round_status, name="round_status"),
    path("omgang/<int:pk>/malbild/", rounds.round_targets, name="round_targets"),
    path("omgang/<int:pk>/faststall/", rounds.round_freeze, name="round_freeze"),
    path("omgang/<int:pk>/atgard/ny/", rounds.action_create, name="action_create"),
    path("atgard/<int:pk>/andra/", rounds.action_edit, name="action_edit"),
    path("atgard/<int:pk>/uppfoljning/", rounds.action_follow_up, name="action_follow_up"),
    path("atgard/<int:pk>/ta-bort/", rounds.action_delete, name="action_delete"),
    *dashboard_urlpatterns,
]
