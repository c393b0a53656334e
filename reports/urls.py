from django.urls import path

from reports.views import archive, health, jobs, preferences

app_name = "reports"
urlpatterns = [
    path("halsa/", health.health, name="health"),
    path("skapa/", jobs.job_create, name="job_create"),
    path("jobb/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("arkiv/", archive.archive, name="archive"),
    path("arkiv/<int:pk>/ladda-ner/", archive.download, name="download"),
    path("mina-installningar/", preferences.preferences, name="preferences"),
]
