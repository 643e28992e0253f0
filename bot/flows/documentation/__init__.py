"""Documentation (screenshots): the six-monthly deadline, uploads, major changes, closing."""

from bot.flows.documentation.archive import UploadOutcome, archive_upload, receive_upload
from bot.flows.documentation.major_change import request_documentation_before_closing

__all__ = [
    "UploadOutcome",
    "archive_upload",
    "receive_upload",
    "request_documentation_before_closing",
]
