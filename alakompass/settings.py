"""ALA-kompassen settings: one module, driven by environment variables (see .env.example).

The embedded default (no variables set) is a SQLite file and Celery tasks run eagerly
in-process, so `make run` works on a fresh machine. Production sets DATABASE_URL
(PostgreSQL), CELERY_BROKER_URL (Redis) and DJANGO_SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ
import plotly
from csp.constants import NONE, SELF, UNSAFE_INLINE
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
    "axes",
    "csp",
    "programs",
    "assessments",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Permissions-Policy and no-store: outside everything below, so error pages get them too.
    "alakompass.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before CsrfViewMiddleware reads the body; after the middleware the 413 page needs.
    "alakompass.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "alakompass.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes: last, so it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "programs:home"
LOGOUT_REDIRECT_URL = "login"

# Password guessing (django-axes): a username, and separately a client address, that fails
# LOGIN_FAILURE_LIMIT times is locked out of the site login and the admin login for the
# cool-down, even with the right password; a successful login clears its failures. The
# attempts live in the database (axes' AccessAttempt, shown and deletable in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
LOGIN_COOLOFF_MINUTES = env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]  # either one locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "alakompass.errors.login_lockout"  # the lockout page in the layout
AXES_USERNAME_CALLABLE = "alakompass.errors.login_username"  # cut to axes' column
# Successful logins are not logged (personal data kept to what the lockout needs).
AXES_DISABLE_ACCESS_LOG = True

# Sessions: a working day at most, and logged out after an hour without activity
# (alakompass.middleware.SessionPolicyMiddleware enforces both; see README, Security).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=9 * 60 * 60)
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_TIMEOUT", default=60 * 60)

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

# Request bodies are bounded. A form's fields together (everything but files; Django refuses
# more with RequestDataTooBig, answered by alakompass.errors as a 413 page):
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_BYTES", default=2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # Django's default: the largest formset has tens
DATA_UPLOAD_MAX_NUMBER_FILES = 5  # one course list per import
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
# No upload may be larger than the largest import; the handler stops reading past it, and an
# upload that small is kept in memory (never a temporary file).
UPLOAD_MAX_BYTES = IMPORT_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# A whole request body (form fields + file + multipart framing). RequestBodyLimitMiddleware
# refuses a larger declared Content-Length before reading; the reverse proxy's
# client_max_body_size is the same number (docker-compose.yml passes it to both).
REQUEST_MAX_BYTES = env.int("DJANGO_REQUEST_MAX_BYTES", default=5 * 1024 * 1024)
if REQUEST_MAX_BYTES < DATA_UPLOAD_MAX_MEMORY_SIZE + UPLOAD_MAX_BYTES:
    raise ImproperlyConfigured(
        "DJANGO_REQUEST_MAX_BYTES must hold DJANGO_DATA_UPLOAD_MAX_BYTES + IMPORT_MAX_BYTES."
    )
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
ALA_UNIVERSITY_NAME = env("ALA_UNIVERSITY_NAME", default="Älvstads universitet")  # report covers

# Security by default; the production stack terminates TLS at (or in front of) the reverse
# proxy of docker-compose.yml, and gunicorn is reachable only through it.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS: on by default in production (SecurityMiddleware sends it on HTTPS responses only).
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)

# Behind the reverse proxy (and only then) its headers are believed: X-Forwarded-Proto says
# whether the browser used HTTPS, and X-Forwarded-For, which the proxy overwrites with the
# address it saw, is the client address django-axes counts failures for (through
# django-ipware). Without a proxy, a client could forge both, so neither is read.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if BEHIND_PROXY else ("REMOTE_ADDR",)
)

# Browser features no page uses are switched off (Permissions-Policy header).
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Content-Security-Policy (django-csp 4 format). Scripts come only from our own static files:
# no inline script, no eval. Page data travels as <script type="application/json">
# (json_script), which is data, not script. Plotly (plotly.min.js) needs no eval for the
# chart types we draw, but it styles the SVG it builds through style attributes and a
# <style> element it inserts at run time, so styles allow 'unsafe-inline' (no script can
# run from a style; our own templates carry no style attribute). Bootstrap's CSS draws its
# icons (menu button, select arrows, check marks) from data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
