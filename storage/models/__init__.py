"""All tables. Importing this package registers every table on SQLModel.metadata."""

from storage.models.accounts import Account, AccountAdmin, AccountStatus, AdminStatus
from storage.models.activity import ActivityKind, ActivityLog, ActivitySource
from storage.models.audit import AuditEntry
from storage.models.comments import Comment, CommentStatus, PlatformLink, WebhookSecret
from storage.models.escalations import Escalation, EscalationStatus
from storage.models.evidence import Evidence
from storage.models.inbound import InboundEvent
from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.models.people import Person

__all__ = [
    "Account",
    "AccountAdmin",
    "AccountStatus",
    "ActivityKind",
    "ActivityLog",
    "ActivitySource",
    "AdminStatus",
    "AuditEntry",
    "Comment",
    "CommentStatus",
    "Escalation",
    "EscalationStatus",
    "Evidence",
    "InboundEvent",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "PlatformLink",
    "WebhookSecret",
]
