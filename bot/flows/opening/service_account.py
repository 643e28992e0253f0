"""Rule 3: the service account, set up with a communicator who holds the credentials.

The bot records the account's address, that the communicator confirmed receiving the
login credentials, and where they are kept. Never a password: password-looking input
is refused with the reason.
"""

from __future__ import annotations

import re
from typing import Any

from bot.flows.opening import names
from bot.flows.opening.common import T, platform_label
from bot.flows.opening.machine import Event
from bot.flows.opening.steps import Step, asking, step
from bot.flows.opening.validation import as_list, as_text, text_error
from bot.messages import Form, FormField, Option
from bot.registry import Verbs
from bot.router import Reply
from storage.models import Account

verbs = Verbs()

URL_MAX = 300
REFERENCE_MAX = 300
CONFIRMED = "received"
# An address (https://…, www.…) or a handle (@name or name): one word, no spaces.
_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|@?[\w.\-]+(?:/\S*)?)$", re.IGNORECASE)


def service_account_form(account: Account) -> Form:
    return Form(
        id=names.SERVICE_ACCOUNT,
        title=T.SERVICE_FORM_TITLE,
        submit_label=T.SERVICE_FORM_SUBMIT,
        context=str(account.id),
        intro=T.SERVICE_FORM_INTRO.format(name=account.name, platform=platform_label(account)),
        fields=[
            FormField(
                id="url",
                label=T.LABEL_SERVICE_URL,
                kind="text",
                max_length=URL_MAX,
                placeholder=T.PLACEHOLDER_SERVICE_URL,
            ),
            FormField(
                id="credentials",
                label=T.LABEL_CREDENTIALS,
                kind="checkboxes",
                options=[Option(value=CONFIRMED, label=T.CREDENTIALS_CONFIRM)],
            ),
            FormField(
                id="reference",
                label=T.LABEL_REFERENCE,
                kind="text",
                required=False,
                max_length=REFERENCE_MAX,
                placeholder=T.PLACEHOLDER_REFERENCE,
            ),
        ],
    )


@verbs.action(names.REGISTER_SERVICE_ACCOUNT)
@asking(Event.REGISTER_SERVICE_ACCOUNT)
def open_registration(step: Step) -> Reply:
    return Reply(form=service_account_form(step.account))


def _errors(url: str, reference: str, confirmed: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if error := text_error(url, max_length=URL_MAX):
        errors["url"] = error
    elif not _ADDRESS.match(url):
        errors["url"] = T.ERROR_SERVICE_URL
    if error := text_error(reference, required=False, max_length=REFERENCE_MAX):
        errors["reference"] = error
    if not confirmed:
        errors["credentials"] = T.ERROR_CREDENTIALS
    return errors


@verbs.form(names.SERVICE_ACCOUNT)
@step(Event.REGISTER_SERVICE_ACCOUNT)
def register(step: Step, values: dict[str, Any]) -> Reply:
    ctx, account = step.ctx, step.account
    url, reference = as_text(values, "url"), as_text(values, "reference")
    errors = _errors(url, reference, CONFIRMED in as_list(values, "credentials"))
    if errors:
        return Reply(errors=errors)
    account.service_account_url = url
    account.credentials_reference = reference or None
    account.credentials_confirmed_at = ctx.now
    account.credentials_confirmed_by_id = ctx.actor.id
    ctx.session.add(account)
    step.record(
        url=url,
        credentials_reference=reference or None,
        credentials_received=True,
    )
    return Reply(notice=T.SERVICE_ACCOUNT_NOTICE.format(name=account.name))
