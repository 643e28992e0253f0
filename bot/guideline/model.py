"""The guideline file's shape: one pydantic model per table, strict so a typo is an error."""

from __future__ import annotations

import string
from datetime import date, time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The governing-document rules (seed: "Riktlinje ... Beslutas av kommunchef, förvaltningschef
# eller ledningsgruppen") name who may decide a riktlinje.
DecisionRole = Literal["kommunchef", "förvaltningschef", "ledningsgruppen"]

Positive = Annotated[int, Field(ge=1)]
NonNegative = Annotated[int, Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rules(Strict):
    """The numbers the bot enforces; every text that states one reads it from here."""

    reply_within_working_days: Positive = 1
    office_day_end: time = time(17, 0)
    min_admins: Positive = 2
    documentation_interval_months: Positive = 6
    documentation_first_reminder_days: NonNegative = 14
    working_days_without_post: Positive = 3
    disposal_after_days: Positive = 90
    opening_reminder_after_working_days: Positive = 2
    opening_escalation_after_working_days: Positive = 5
    review_reminder_days: NonNegative = 30
    # Admins who have not acknowledged a new version are reminded every so many working days.
    acknowledgement_reminder_working_days: Positive = 5
    # The yearly follow-up of each account (from activation or its last review).
    account_review_interval_months: Positive = 12
    password_change_within_working_days: Positive = 2

    @model_validator(mode="after")
    def _escalation_after_reminder(self) -> Rules:
        if self.opening_escalation_after_working_days <= self.opening_reminder_after_working_days:
            raise ValueError(
                "opening_escalation_after_working_days måste vara större än "
                "opening_reminder_after_working_days"
            )
        return self


class DecidedBy(Strict):
    role: DecisionRole
    # Empty until the municipality fills it in; `check-config` points it out.
    name: str = ""


# Names a duty text may use in braces, e.g. "svar inom {reply_within}".
DUTY_FIELDS = frozenset(
    {"org", "reply_within", "min_admins", "documentation_every", "days_without_post"}
)


class Duty(Strict):
    key: Key
    text: Text

    @field_validator("text")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        unknown = sorted(used - DUTY_FIELDS)
        if unknown:
            allowed = ", ".join("{" + f + "}" for f in sorted(DUTY_FIELDS))
            raise ValueError(f"okänt fält {{{unknown[0]}}}; tillåtna: {allowed}")
        return value


class Section(Strict):
    key: Key
    title: Text
    text: Text
    # Everyday words people use for what the section governs ("privat konto" for the
    # section on service accounts): indexed with the text, never shown as guideline text.
    words: str = ""


class Guideline(Strict):
    title: Text
    version: Text
    decided_by: DecidedBy
    decided_on: date | None = None
    diarienummer: str = ""
    review_date: date | None = None
    link: Annotated[str, Field(pattern=r"^https?://\S+$")]
    rules: Rules = Rules()
    duties: list[Duty] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    # The reasons the guideline gives for being on social media, offered as suggestions
    # when an applicant is asked for the account's purpose in the guided conversation.
    motives: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_keys(self) -> Guideline:
        for kind, keys in (
            ("duties", [d.key for d in self.duties]),
            ("sections", [s.key for s in self.sections]),
        ):
            seen: set[str] = set()
            for key in keys:
                if key in seen:
                    raise ValueError(f"{kind}: nyckeln {key!r} finns två gånger")
                seen.add(key)
        return self

    def missing(self) -> list[str]:
        """Facts the document should state but the file leaves empty."""
        facts = {
            "decided_by.name": self.decided_by.name,
            "decided_on": self.decided_on,
            "diarienummer": self.diarienummer,
            "review_date": self.review_date,
        }
        return [key for key, value in facts.items() if not value]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
