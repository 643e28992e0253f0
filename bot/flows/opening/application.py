"""`nytt-konto`: the application form, a new application, and a resubmission after review."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.core import Core
from bot.flows.guideline_ack import record_acceptance
from bot.flows.opening import cards, names, updates
from bot.flows.opening.common import T, admins, org, record, rule_words, with_guideline_link
from bot.flows.opening.machine import TRANSITIONS, Event
from bot.flows.opening.nomination import nominate
from bot.flows.opening.steps import Step, asking, step
from bot.flows.opening.validation import Application, validate_application
from bot.guideline.acknowledgements import APPLIED
from bot.guideline.words import duty_texts, number
from bot.messages import Button, FieldKind, Form, FormField, Option
from bot.outbox import enqueue_update
from bot.registry import HelpGroup, Verbs
from bot.router import Context, Reply
from storage.models import Account, AccountAdmin, AdminStatus

verbs = Verbs()

FORM_ID = names.APPLY


def application_form(
    core: Core, account: Account | None = None, co_admins: list[int] | None = None
) -> Form:
    """The form, empty for a new application or filled in from `account` for an edit."""
    name = org(core)

    def initial(attribute: str) -> str | None:
        return getattr(account, attribute) or None if account is not None else None

    def described(
        field_id: str, kind: FieldKind, max_length: int, label: str, placeholder: str
    ) -> FormField:
        # The free-text answers differ only in size, label and example.
        return FormField(
            id=field_id,
            label=label,
            kind=kind,
            max_length=max_length,
            placeholder=placeholder,
            initial=initial(field_id),
        )

    return Form(
        id=FORM_ID,
        title=T.FORM_EDIT_TITLE if account else T.FORM_TITLE,
        submit_label=T.FORM_RESUBMIT if account else T.FORM_SUBMIT,
        context=str(account.id) if account else "",
        intro=(
            T.FORM_EDIT_INTRO.format(comment=account.completion_request or "")
            if account
            else with_guideline_link(core, T.FORM_INTRO.format(org=name, **rule_words(core)))
        ),
        # A new application may rather be made one question at a time in the chat.
        buttons=[] if account else [Button(label=texts.guided.START, action=names.GUIDED_START)],
        fields=[
            FormField(
                id="platform",
                label=T.LABEL_PLATFORM,
                kind="select",
                options=[Option(value=v, label=label) for v, label in T.PLATFORMS.items()],
                initial=initial("platform"),
            ),
            FormField(
                id="platform_other",
                label=T.LABEL_PLATFORM_OTHER,
                kind="text",
                required=False,
                max_length=60,
                initial=initial("platform_other"),
            ),
            described("name", "text", 80, T.LABEL_NAME, T.PLACEHOLDER_NAME),
            described("unit", "text", 120, T.LABEL_UNIT, T.PLACEHOLDER_UNIT),
            described("purpose", "textarea", 1500, T.LABEL_PURPOSE, T.PLACEHOLDER_PURPOSE),
            described("audience", "textarea", 1000, T.LABEL_AUDIENCE, T.PLACEHOLDER_AUDIENCE),
            described("resources", "textarea", 500, T.LABEL_RESOURCES, T.PLACEHOLDER_RESOURCES),
            FormField(
                id="manager",
                label=T.LABEL_MANAGER,
                kind="user",
                hint=T.HINT_MANAGER,
                initial=str(account.manager_id) if account else None,
            ),
            FormField(
                id="co_admins",
                label=T.LABEL_CO_ADMINS,
                kind="users",
                hint=T.HINT_CO_ADMINS.format(
                    **rule_words(core), others=number(core.guideline.rules.min_admins - 1)
                ),
                initial=[str(pid) for pid in co_admins or []] or None,
            ),
            FormField(
                id="duties",
                label=T.LABEL_DUTIES,
                kind="checkboxes",
                options=[
                    Option(value=duty, label=label)
                    for duty, label in duty_texts(core.guideline, name).items()
                ],
                initial=[d.key for d in core.guideline.duties] if account else None,
            ),
        ],
    )


@verbs.command("nytt-konto", T.COMMAND_NEW, group=HelpGroup.START)
def new_account(ctx: Context, text: str) -> Reply:
    return Reply(form=application_form(ctx.core))


@verbs.action(names.NEW_APPLICATION)
def new_application(ctx: Context, value: str) -> Reply:
    return new_account(ctx, "")


@verbs.form(FORM_ID)
def submit_application(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    application, errors = validate_application(
        values, ctx.actor.id, duty_texts(ctx.core.guideline, org(ctx.core))
    )
    if application is None:
        return Reply(errors=errors)
    if context:
        return _resubmit(ctx, application, context)
    return _create(ctx, application)


def _create(ctx: Context, application: Application) -> Reply:
    account = Account(
        platform=application.platform,
        platform_other=application.platform_other,
        name=application.name,
        unit=application.unit,
        purpose=application.purpose,
        audience=application.audience,
        resources=application.resources,
        owner_id=ctx.actor.id,
        manager_id=application.manager_id,
        created_at=ctx.now,
        submitted_at=ctx.now,
    )
    ctx.session.add(account)
    ctx.session.flush()
    assert account.id is not None
    owner = AccountAdmin(
        account_id=account.id,
        person_id=ctx.actor.id,
        is_owner=True,
        status=AdminStatus.ACCEPTED,
        nominated_at=ctx.now,
        nominated_by_id=ctx.actor.id,
        decided_at=ctx.now,
    )
    ctx.session.add(owner)
    submitted = Step(ctx, account, TRANSITIONS[Event.SUBMIT])
    guideline = ctx.core.guideline
    submitted.record(
        **_summary(application),
        duties_confirmed=[d.key for d in guideline.duties],
        # What the applicant saw and confirmed, word for word, and under which version.
        duty_texts=list(duty_texts(guideline, org(ctx.core)).values()),
        guideline_version=guideline.version,
    )
    # The applicant is the account's first admin and confirmed the duties under this version.
    record_acceptance(ctx, ctx.actor.id, APPLIED)
    nominate(ctx.session, ctx.core, account, application.co_admin_ids, ctx.actor.id, ctx.now)
    # After the nominations, so the manager's card shows the whole team.
    submitted.after()
    # The receipt (a DM with the status card) is the confirmation; nothing else to say.
    return Reply()


def _summary(application: Application) -> dict[str, Any]:
    return {
        "platform": application.platform,
        "platform_other": application.platform_other,
        "name": application.name,
        "unit": application.unit,
        "purpose": application.purpose,
        "audience": application.audience,
        "resources": application.resources,
        "manager_id": application.manager_id,
        "co_admin_ids": application.co_admin_ids,
    }


def _co_admin_ids(ctx: Context, account: Account) -> list[int]:
    assert account.id is not None
    return [
        a.person_id
        for a in admins(ctx.session, account.id, AdminStatus.NOMINATED, AdminStatus.ACCEPTED)
        if not a.is_owner
    ]


@verbs.action(names.EDIT)
@asking(Event.RESUBMIT)
def edit(step: Step) -> Reply:
    ctx, account = step.ctx, step.account
    return Reply(form=application_form(ctx.core, account, _co_admin_ids(ctx, account)))


@step(Event.RESUBMIT)
def _resubmit(step: Step, application: Application) -> Reply:
    ctx, account = step.ctx, step.account
    assert account.id is not None
    before = {
        "manager_id": account.manager_id,
        "co_admin_ids": _co_admin_ids(ctx, account),
        **{
            f: getattr(account, f)
            for f in (
                "platform",
                "platform_other",
                "name",
                "unit",
                "purpose",
                "audience",
                "resources",
            )
        },
    }
    after = _summary(application)
    changed = {f: after[f] for f in after if before.get(f) != after[f]}
    old_manager = account.manager_id
    for field in ("platform", "platform_other", "name", "unit", "purpose", "audience", "resources"):
        setattr(account, field, after[field])
    account.completion_request = None
    account.completion_requested_at = None
    account.completion_requested_by_id = None
    account.revision += 1
    account.submitted_at = ctx.now
    if application.manager_id != old_manager:
        # A new manager decides afresh; the old one's request is closed.
        account.manager_id = application.manager_id
        account.manager_approved_at = None
        updates.sync_manager_request(ctx.session, ctx.core, account, old_manager)
    ctx.session.add(account)
    _replace_co_admins(ctx, account, application.co_admin_ids)
    guideline = ctx.core.guideline
    # Confirmed again on resubmission: the texts and version as shown this time.
    step.record(
        revision=account.revision,
        changed=changed,
        duties_confirmed=[d.key for d in guideline.duties],
        duty_texts=list(duty_texts(guideline, org(ctx.core)).values()),
        guideline_version=guideline.version,
    )
    # The previous revision's review card loses its buttons and points to the new one.
    enqueue_update(
        ctx.session,
        ctx.core,
        updates.review_key(account, account.revision - 1),
        cards.superseded_review(account),
    )
    return Reply(notice=T.RESUBMITTED_NOTICE.format(name=account.name))


def _replace_co_admins(ctx: Context, account: Account, wanted: list[int]) -> None:
    assert account.id is not None
    for row in admins(ctx.session, account.id, AdminStatus.NOMINATED, AdminStatus.ACCEPTED):
        if row.is_owner or row.person_id in wanted:
            continue
        row.status = AdminStatus.REMOVED
        row.decided_at = ctx.now
        ctx.session.add(row)
        record(ctx, "nomination_withdrawn", account, admin_id=row.person_id)
        updates.sync_admin_request(ctx.session, ctx.core, account, row)
    nominate(ctx.session, ctx.core, account, wanted, ctx.actor.id, ctx.now)
