"""All tables. Importing this package registers every table on SQLModel.metadata."""

from storage.models.accounts import (
    LIVE_STATUSES,
    Account,
    AccountAdmin,
    AccountReview,
    AccountStatus,
    AdminStatus,
)
from storage.models.activity import ActivityKind, ActivityLog, ActivitySource
from storage.models.admin_shortages import AdminShortage
from storage.models.audit import AuditEntry
from storage.models.chat_files import ChatFile
from storage.models.comments import (
    Comment,
    CommentKind,
    CommentMessage,
    CommentStatus,
    CommentVersion,
    CommentVersionKind,
    GdprRequest,
    PlatformLink,
    WebhookSecret,
)
from storage.models.documentation import (
    DocumentationFile,
    MajorChange,
    MajorChangeKind,
    PendingUpload,
)
from storage.models.escalations import Escalation, EscalationStatus
from storage.models.evidence import Evidence
from storage.models.guided import GuidedConversation
from storage.models.guideline import GuidelineAcknowledgement, GuidelineVersion
from storage.models.inbound import InboundEvent
from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.models.people import Person, PersonIdentity
from storage.models.people_changes import (
    AccountHandover,
    HandoverKind,
    HandoverOutcome,
    PasswordChange,
)
from storage.models.sweeps import SweepRun
from storage.models.teams import TeamsConversation

__all__ = [
    "LIVE_STATUSES",
    "Account",
    "AccountAdmin",
    "AccountHandover",
    "AccountReview",
    "AccountStatus",
    "ActivityKind",
    "ActivityLog",
    "ActivitySource",
    "AdminShortage",
    "AdminStatus",
    "AuditEntry",
    "ChatFile",
    "Comment",
    "CommentKind",
    "CommentMessage",
    "CommentStatus",
    "CommentVersion",
    "CommentVersionKind",
    "DocumentationFile",
    "Escalation",
    "EscalationStatus",
    "Evidence",
    "GdprRequest",
    "GuidedConversation",
    "GuidelineAcknowledgement",
    "GuidelineVersion",
    "HandoverKind",
    "HandoverOutcome",
    "InboundEvent",
    "MajorChange",
    "MajorChangeKind",
    "OutboxMessage",
    "OutboxStatus",
    "PasswordChange",
    "PendingUpload",
    "Person",
    "PersonIdentity",
    "PlatformLink",
    "SweepRun",
    "TeamsConversation",
    "WebhookSecret",
]
