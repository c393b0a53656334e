from django.urls import path

from programs.urls_io import urlpatterns as io_urlpatterns
from programs.views import pages

app_name = "programs"
urlpatterns = [
    path("", pages.home, name="home"),
    path("program/<int:pk>/", pages.program_detail, name="program_detail"),
    *io_urlpatterns,
]
