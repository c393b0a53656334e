"""Inventory URLs (Swedish paths, English names). Import/export lives in urls_io.py."""

from django.urls import path

from programs.urls_io import urlpatterns as io_urlpatterns
from programs.views import (
    activities,
    agreements,
    councils,
    courses,
    outcomes,
    pages,
    partners,
)

app_name = "programs"
P = "program/<int:program_pk>/"
urlpatterns = [
    path("", pages.home, name="home"),
    path("program/<int:pk>/", pages.program_detail, name="program_detail"),
    path("program/<int:pk>/redigera/", pages.program_edit, name="program_edit"),
    path("program/<int:pk>/historik/", pages.program_history, name="program_history"),
    # Activities
    path(P + "aktiviteter/ny/", activities.activity_create, name="activity_create"),
    path(P + "aktiviteter/<int:pk>/", activities.activity_edit, name="activity_edit"),
    path(
        P + "aktiviteter/<int:pk>/kopiera/",
        activities.activity_duplicate,
        name="activity_duplicate",
    ),
    path(P + "aktiviteter/<int:pk>/ta-bort/", activities.activity_delete, name="activity_delete"),
    # Courses
    path(P + "kurser/ny/", courses.course_add, name="course_add"),
    path(P + "kurser/<int:pk>/", courses.course_place_edit, name="course_place_edit"),
    path(P + "kurser/<int:pk>/ta-bort/", courses.course_place_delete, name="course_place_delete"),
    # Learning outcomes
    path(P + "larandemal/ny/", outcomes.outcome_create, name="outcome_create"),
    path(P + "larandemal/<int:pk>/", outcomes.outcome_edit, name="outcome_edit"),
    path(P + "larandemal/<int:pk>/ta-bort/", outcomes.outcome_delete, name="outcome_delete"),
    # Council, members, meetings
    path(P + "rad/", councils.council_edit, name="council_edit"),
    path(P + "rad/ledamoter/ny/", councils.member_create, name="member_create"),
    path(P + "rad/ledamoter/<int:pk>/", councils.member_edit, name="member_edit"),
    path(P + "rad/ledamoter/<int:pk>/ta-bort/", councils.member_delete, name="member_delete"),
    path(P + "rad/moten/ny/", councils.meeting_create, name="meeting_create"),
    path(P + "rad/moten/<int:pk>/", councils.meeting_edit, name="meeting_edit"),
    path(P + "rad/moten/<int:pk>/ta-bort/", councils.meeting_delete, name="meeting_delete"),
    # Agreements
    path(P + "avtal/ny/", agreements.agreement_create, name="agreement_create"),
    path(P + "avtal/<int:pk>/", agreements.agreement_edit, name="agreement_edit"),
    path(P + "avtal/<int:pk>/ta-bort/", agreements.agreement_delete, name="agreement_delete"),
    # The partner register
    path("partner/", partners.partner_list, name="partner_list"),
    path("partner/sok/", partners.partner_search, name="partner_search"),
    path("partner/ny/", partners.partner_create, name="partner_create"),
    path("partner/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("partner/<int:pk>/redigera/", partners.partner_edit, name="partner_edit"),
    path("partner/<int:pk>/sammanfoga/", partners.partner_merge, name="partner_merge"),
    *io_urlpatterns,
]
