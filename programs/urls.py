from django.urls import path

from programs import views

app_name = "programs"
urlpatterns = [
    path("", views.home, name="home"),
    path("program/<int:pk>/", views.program_detail, name="program_detail"),
]
