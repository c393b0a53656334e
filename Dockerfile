# ALA-kompassen production image: gunicorn serves the site; the same image runs the Celery
# worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext: compilemessages. pango/harfbuzz/fonts: WeasyPrint's PDFs (harfbuzz-subset keeps them
# fast). chromium: kaleido exports the Plotly compass charts to SVG for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        chromium \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Build-time only: settings refuse to load without a secret key when DEBUG is off.
RUN DJANGO_SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v0 \
    && DJANGO_SECRET_KEY=build-only-not-secret python manage.py compilemessages -v0 \
    && useradd --system --create-home --home-dir /home/app --uid 1000 app \
    && mkdir -p /var/lib/alakompass/media \
    && chown -R app:app /var/lib/alakompass

USER app
ENV DJANGO_MEDIA_ROOT=/var/lib/alakompass/media
EXPOSE 8000
CMD ["gunicorn", "alakompass.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
