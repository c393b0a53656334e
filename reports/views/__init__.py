"""Report views: health, report jobs (request, progress) and the archive (list, download)."""
