from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("omgang/<int:pk>/", views.round_detail, name="round_detail"),
]
