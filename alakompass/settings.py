"""ALA-kompassen settings: one module, driven by environment variables (see .env.example).

The embedded default (no variables set) is a SQLite file and Celery tasks run eagerly
in-process, so `make run` works on a fresh machine. Production sets DATABASE_URL
(PostgreSQL), CELERY_BROKER_URL (Redis) and DJANGO_SECRET_KEY.
"""

from pathlib import Path

import django_stubs_ext
import environ
import plotly
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets the type checker's generic classes (ModelAdmin[Model], Manager[Model]) be written at run
# time too (django-stubs' documented runtime companion).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # local convenience; real env vars win

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-not-secret")
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")  # missing -> ImproperlyConfigured at boot
    # An empty value or .env.example's placeholder is as bad as none at all.
    if SECRET_KEY.strip() in {"", "change-me"}:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY to a long random value when DJANGO_DEBUG is false."
        )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_celery_beat",
    "programs",
    "assessments",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "alakompass.urls"
WSGI_APPLICATION = "alakompass.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assessments.context_processors.dashboard_nav",
            ],
        },
    },
]

SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db("DATABASE_URL", default=SQLITE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "programs:home"
LOGOUT_REDIRECT_URL = "login"

# Swedish first, English complete.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# plotly.js is served from the plotly package itself (no CDN, no second copy).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/plotly", Path(plotly.__file__).resolve().parent / "package_data"),
]
# The report archive lives in the default storage: files under MEDIA_ROOT (a local disk or a
# mounted file share) unless DJANGO_DEFAULT_STORAGE names another backend (an object store).
# Archived files are written read-only; they are never served from MEDIA_URL, only through
# the archive's download view, which checks who may see them.
FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
DEFAULT_STORAGE: dict[str, object] = {
    "BACKEND": env("DJANGO_DEFAULT_STORAGE", default="") or FILE_SYSTEM_STORAGE
}
if DEFAULT_STORAGE["BACKEND"] == FILE_SYSTEM_STORAGE:
    DEFAULT_STORAGE["OPTIONS"] = {"file_permissions_mode": 0o444}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Uploads are bounded: course-list imports are small files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
# No upload may be larger than the largest import; the handler stops reading past it.
UPLOAD_MAX_BYTES = IMPORT_MAX_BYTES
FILE_UPLOAD_HANDLERS = [
    "alakompass.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A course list has tens of rows; 500 keeps an all-or-nothing save (about 20 statements a
# row with validation and history) well inside the web timeout.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=500)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: no broker configured -> tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# django-celery-beat's DatabaseScheduler, except that the code's schedule is only a default:
# an administrator's change in the admin sticks (alakompass/beat.py).
CELERY_BEAT_SCHEDULER = "alakompass.beat:CodeDefaultScheduler"
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)  # django-environ's documented pattern: sets EMAIL_BACKEND etc.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ala-kompassen@localhost")
# The public address of the site: periodic mails link to its pages with absolute URLs.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Security by default; the production stack terminates TLS in front of gunicorn.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
