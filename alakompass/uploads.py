"""An upload handler that stops reading a file past settings.UPLOAD_MAX_BYTES.

Django reads a whole multipart body (to memory or a temporary file) before the view can
check a file's size; this handler stops at the limit so an oversized upload never fills
memory or disk. The view learns of it through `request.upload_too_large`.
"""

from typing import cast

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from alakompass.types import UploadRequest


class BoundedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            cast(UploadRequest, self.request).upload_too_large = True
            raise StopUpload(connection_reset=False)  # read and discard the rest
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file
