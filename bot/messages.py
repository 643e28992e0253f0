"""The platform-neutral message model: what the core says, before Slack or Teams shape it.

A Message is text, facts and buttons. A Form is a set of fields the user fills in
(a Slack modal, an Adaptive Card form). Handlers render both; the core never sees blocks.
"""

from __future__ import annotations

import base64
from typing import Any, Literal

from pydantic import BaseModel, Field

ButtonStyle = Literal["primary", "danger"]
# Pictures a chat shows inline (Slack in the message flow, Teams as a card Image).
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")
# "date": a day picked ("2026-12-01"); "datetime": a day and time picked (bot/moments.py).
FieldKind = Literal[
    "text", "textarea", "select", "user", "users", "checkboxes", "date", "datetime"
]


class Fact(BaseModel):
    label: str
    value: str


class Button(BaseModel):
    label: str
    action: str  # a registered action name, e.g. "opening.approve"
    value: str = ""  # what the action needs, typically an id
    style: ButtonStyle | None = None
    # A question asked before an action that cannot be undone ("Är du säker? …"): Slack shows
    # a confirm dialog, Teams a confirming step with the real button inside.
    confirm: str | None = None


class Attachment(BaseModel):
    """A file that goes with a message (the account register as CSV, a report's charts).

    Slack uploads it into the conversation (pictures shown in the message flow), Teams shows
    a picture on the card and a file as a signed, expiring download link, the console
    writes it to a directory. See docs/files.md.
    """

    name: str
    content_type: str
    # The bytes, base64: the message is stored in the outbox as JSON.
    data_base64: str
    # Holds personal data (names, accounts' admins): a Teams link to it expires soon
    # (FILE_LINK_HOURS) instead of after FILE_LINK_DAYS, and its stored bytes with it.
    personal: bool = True

    @classmethod
    def of(
        cls, name: str, content_type: str, content: bytes, *, personal: bool = True
    ) -> Attachment:
        return cls(
            name=name,
            content_type=content_type,
            data_base64=base64.b64encode(content).decode("ascii"),
            personal=personal,
        )

    @property
    def content(self) -> bytes:
        return base64.b64decode(self.data_base64)

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_TYPES


class Deferred(BaseModel):
    """A message's content made when the outbox sends it, not when it is enqueued.

    For answers too slow to make inside a request (a report's charts and PDF): the request
    enqueues the message with its key and answers at once; the dispatcher runs the
    renderer registered under `kind` (`Verbs.renderer`) with `args`, keeps what it made in
    the row, then sends it like any other message.
    """

    kind: str
    args: dict[str, Any] = Field(default_factory=dict)


class LineLink(BaseModel):
    """A checklist line that links to an earlier message (by its outbox message key), such as
    a digest line to its escalation card. Each platform makes the link when it sends
    (`Sender.link_to`); a message not found there, or a platform without links, keeps the
    line as it is."""

    line: int
    message_key: str
    label: str


class Message(BaseModel):
    text: str
    title: str | None = None
    facts: list[Fact] = Field(default_factory=list)
    buttons: list[Button] = Field(default_factory=list)
    # Small print under the message (status lines, who decided).
    footer: str | None = None
    # Lines rendered as a checklist (duties, what is missing).
    checklist: list[str] = Field(default_factory=list)
    # Person ids who may press the buttons (e.g. the named manager). Empty: whoever sees the
    # message. Platforms that can show buttons per user (Teams' card refresh) hide them from
    # everyone else; the action handlers check again on the server either way.
    actors: list[int] = Field(default_factory=list)
    # People waiting on the recipient's answer (the applicant, for the manager's card) and
    # what it is about (the account's name): told and named if it cannot be delivered.
    waiting: list[int] = Field(default_factory=list)
    about: str | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    # Made by the dispatcher just before sending (see Deferred); None for a ready message.
    deferred: Deferred | None = None
    line_links: list[LineLink] = Field(default_factory=list)

    def plain_text(self) -> str:
        """The fallback text: notifications and clients that cannot render rich layout."""
        parts = [self.title] if self.title else []
        parts.append(self.text)
        return "\n".join(parts)


class Option(BaseModel):
    value: str
    label: str


class FormField(BaseModel):
    id: str
    label: str
    kind: FieldKind
    required: bool = True
    options: list[Option] = Field(default_factory=list)
    max_length: int | None = None
    placeholder: str | None = None
    hint: str | None = None
    # The value shown when the form opens: str, list[str] (users/checkboxes) or a person ref.
    initial: str | list[str] | None = None


class Form(BaseModel):
    id: str  # the registered form handler, e.g. "opening.apply"
    title: str
    submit_label: str = "Skicka"
    fields: list[FormField]
    # Opaque context handed back on submit (e.g. the account id being edited).
    context: str = ""
    intro: str | None = None
    # Buttons shown with the intro, for another way to the same end (the application form's
    # "Guida mig steg för steg"); pressing one leaves the form.
    buttons: list[Button] = Field(default_factory=list)
    # "default" for a submit that gives something up (stepping down): not shown as the go-ahead.
    submit_style: Literal["primary", "default"] = "primary"
