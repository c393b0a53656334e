"""Top-level URLs. Each app owns its namespace."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("programs.urls")),
    path("kompass/", include("assessments.urls")),
    path("rapporter/", include("reports.urls")),
    path("konto/login/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switch is in the header of every page, the login page too: someone who
    # is not logged in must be able to use it (LoginRequiredMiddleware would redirect).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

# A too-large or malformed request: a clear page in the user's language (413/400).
handler400 = "alakompass.errors.bad_request"
