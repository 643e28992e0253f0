"""The guided application: the form's questions one at a time in the chat.

Started by writing "nytt konto" or "guida mig" in a direct chat with the bot (a Slack DM, the
Teams personal chat, the console) or by **Guida mig steg för steg** on the form, the App Home
and the welcome card. The form stays the fast path: the first question has **Fyll i formuläret
i stället**, and Slack's `/nytt-konto`, the App Home's and the welcome card's **Ansök om nytt
konto** open it (a Teams channel is no place for either: the Teams bot answers there itself).
Each question comes with the guideline's reason, each answer is checked as it is given
(with the form's own validation), **Tillbaka** and **Ändra** are on every step, and the
summary's **Skicka ansökan** hands the answers to the form's submit handler, so the
application is the one the form would have made. The conversation is a row in the database
(one per person): it survives restarts and waits for days; `avbryt` deletes it. Nothing is an
application before Skicka ansökan.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot import texts
from bot.flows.opening import names
from bot.flows.opening.application import FORM_ID, application_form
from bot.flows.opening.common import T as OPENING
from bot.flows.opening.common import org
from bot.flows.opening.guided_steps import (
    PEOPLE_STEPS,
    STEPS,
    SUMMARY,
    TEXT_STEPS,
    applicable,
    applies,
    next_step,
    people_in,
    previous_step,
    question,
    reason,
    shown,
)
from bot.flows.opening.validation import validate_application
from bot.guideline.words import duty_texts
from bot.markup import escape
from bot.messages import Button, Fact, Form, FormField, Message
from bot.people import display_name
from bot.registry import Verbs
from bot.router import Context, Reply, Say
from bot.secrets_guard import refuse_secrets
from storage.models import GuidedConversation, Person

G = texts.guided
verbs = Verbs()


# ---- the conversation row ------------------------------------------------------------------


def _load(ctx: Context) -> GuidedConversation | None:
    # FOR UPDATE: two answers at once (two devices) are taken one after the other.
    statement = (
        select(GuidedConversation)
        .where(GuidedConversation.person_id == ctx.actor.id)
        .with_for_update()
    )
    return ctx.session.exec(statement).first()


def _save(ctx: Context, conversation: GuidedConversation, step: str, answers: dict) -> None:
    conversation.step = step
    conversation.answers = dict(answers)  # a new dict: the JSON column sees the change
    conversation.updated_at = ctx.now
    ctx.session.add(conversation)


def _words(text: str) -> str:
    return " ".join(text.strip().lower().lstrip("/").replace("-", " ").split()).rstrip(".!")


# ---- hearing words in the chat -------------------------------------------------------------


@verbs.say
def heard(ctx: Context, said: Say) -> Reply | None:
    """Claims the words of a person in a conversation, and the words that start one."""
    words = _words(said.text)
    conversation = _load(ctx)
    if conversation is None:
        # Words written in a direct chat, where "nytt konto" is a conversation on every
        # platform, even where the words are also a command (Teams, the console): the
        # conversation's first question offers the form.
        starts = words in G.START_PHRASES or words in G.NEW_ACCOUNT_PHRASES
        return _start(ctx) if starts else None
    if words in G.CANCEL_PHRASES:
        ctx.session.delete(conversation)
        ctx.audit("guided.cancelled", step=conversation.step)
        return Reply(notice=G.CANCELLED)
    if words in G.START_PHRASES or words in G.NEW_ACCOUNT_PHRASES:
        return _show(ctx, conversation, G.WELCOME_BACK)
    return _typed(ctx, conversation, said.text.strip(), words)


def _typed(ctx: Context, conversation: GuidedConversation, text: str, words: str) -> Reply:
    step, answers = conversation.step, conversation.answers
    if step in TEXT_STEPS:
        return _answer(ctx, conversation, step, text)
    if step == "platform":
        choice = next(
            (v for v, label in OPENING.PLATFORMS.items() if words in (v, label.lower())), words
        )
        return _answer(ctx, conversation, step, choice)
    if step in answers and words in G.KEEP_PHRASES:
        return _keep(ctx, conversation)
    if step == "duties" and words in G.YES_PHRASES:
        return _confirm_duties(ctx, conversation)
    if step == SUMMARY and words in G.YES_PHRASES:
        return _send(ctx, conversation)
    return _show(ctx, conversation, _how_to_answer(step))


def _how_to_answer(step: str) -> str:
    if step in PEOPLE_STEPS:
        button = G.PICK_MANAGER if step == "manager" else G.PICK_CO_ADMINS
        return G.PEOPLE_BY_BUTTON.format(button=button)
    return G.USE_BUTTONS


def _start(ctx: Context) -> Reply:
    conversation = _load(ctx)
    if conversation is not None:
        return _show(ctx, conversation, G.WELCOME_BACK)
    conversation = GuidedConversation(
        person_id=ctx.actor.id, step=STEPS[0], answers={}, started_at=ctx.now, updated_at=ctx.now
    )
    ctx.session.add(conversation)
    ctx.session.flush()
    ctx.audit("guided.started")
    return _show(ctx, conversation, G.STARTED)


# ---- answering ---------------------------------------------------------------------------


def _check(ctx: Context, step: str, answers: dict[str, Any]) -> str | None:
    """The form's own validation, for this one answer: its error, or None."""
    values = _form_values(answers)
    duties = duty_texts(ctx.core.guideline, org(ctx.core))
    _, errors = validate_application(values, ctx.actor.id, duties)
    refused = refuse_secrets(FORM_ID, {step: values.get(step)})
    return refused.get(step) or errors.get(step)


def _answer(ctx: Context, conversation: GuidedConversation, step: str, value: Any) -> Reply:
    answers = {**conversation.answers, step: value}
    if step == "platform" and value != "annat":
        answers.pop("platform_other", None)
    error = _check(ctx, step, answers)
    if error:
        # Nothing is kept: the question is asked again with what was wrong.
        return _show(ctx, conversation, error)
    _save(ctx, conversation, next_step(answers, step), answers)
    return _show(ctx, conversation)


def _keep(ctx: Context, conversation: GuidedConversation) -> Reply:
    _save(
        ctx, conversation, next_step(conversation.answers, conversation.step), conversation.answers
    )
    return _show(ctx, conversation)


def _confirm_duties(ctx: Context, conversation: GuidedConversation) -> Reply:
    keys = [d.key for d in ctx.core.guideline.duties]
    return _answer(ctx, conversation, "duties", keys)


def _form_values(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as the application form submits them (field id → value)."""
    values: dict[str, Any] = {step: answers.get(step) for step in STEPS}
    values["platform_other"] = answers.get("platform_other") or ""
    values["co_admins"] = [str(v) for v in answers.get("co_admins") or []]
    values["duties"] = list(answers.get("duties") or [])
    values["manager"] = str(answers["manager"]) if answers.get("manager") else ""
    for step in TEXT_STEPS | {"platform"}:
        values[step] = values[step] or ""
    return values


# ---- showing a step ------------------------------------------------------------------------


def _names(session: Session, answers: dict[str, Any]) -> dict[int, str]:
    wanted = people_in(answers)
    if not wanted:
        return {}
    rows = session.exec(select(Person).where(col(Person.id).in_(wanted))).all()
    return {row.id: display_name(row) for row in rows if row.id is not None}


def _show(ctx: Context, conversation: GuidedConversation, note: str | None = None) -> Reply:
    if conversation.step == SUMMARY:
        return Reply(message=_summary(ctx, conversation, note))
    return Reply(message=_step_message(ctx, conversation, note))


def _step_message(ctx: Context, conversation: GuidedConversation, note: str | None) -> Message:
    core, step, answers = ctx.core, conversation.step, conversation.answers
    steps = applicable(answers)
    parts = [note] if note else []
    parts.append(f"**{question(core, step)}**")
    buttons: list[Button] = []
    if step == "platform":
        buttons += [
            Button(label=label, action=names.GUIDED_CHOOSE, value=f"{step}|{value}")
            for value, label in OPENING.PLATFORMS.items()
        ]
    elif step == "purpose" and core.guideline.motives:
        parts.append(G.MOTIVES)
        buttons += [
            Button(label=motive, action=names.GUIDED_CHOOSE, value=f"{step}|{index}")
            for index, motive in enumerate(core.guideline.motives)
        ]
    elif step in PEOPLE_STEPS:
        label = G.PICK_MANAGER if step == "manager" else G.PICK_CO_ADMINS
        buttons.append(Button(label=label, action=names.GUIDED_PICK, value=step, style="primary"))
    elif step == "duties":
        label = G.CONFIRM_DUTIES
        buttons.append(
            Button(label=label, action=names.GUIDED_CONFIRM, value=step, style="primary")
        )
    parts.append(reason(core, step))
    if step in answers:
        parts.append(G.NOW.format(answer=shown(core, step, answers, _names(ctx.session, answers))))
        buttons.append(Button(label=G.KEEP, action=names.GUIDED_KEEP, value=step))
    parts.append(G.TYPE_ANSWER if step in TEXT_STEPS else G.USE_BUTTONS)
    if previous_step(answers, step) is not None:
        buttons.append(Button(label=G.BACK, action=names.GUIDED_BACK, value=step))
    if answers:
        buttons.append(Button(label=G.CHANGE, action=names.GUIDED_CHANGE, value=step))
    else:
        # Nothing answered yet: the form, all at once, is one press away.
        buttons.append(Button(label=G.TO_FORM, action=names.GUIDED_FORM, value=step))
    checklist = list(duty_texts(core.guideline, org(core)).values()) if step == "duties" else []
    return Message(
        title=G.STEP_TITLE.format(
            n=steps.index(step) + 1, total=len(steps), heading=G.HEADINGS[step]
        ),
        text="\n\n".join(parts),
        checklist=checklist,
        buttons=buttons,
        actors=[ctx.actor.id],
    )


def _summary(ctx: Context, conversation: GuidedConversation, note: str | None) -> Message:
    answers = conversation.answers
    people = _names(ctx.session, answers)
    facts = [
        Fact(label=G.LABELS[step], value=shown(ctx.core, step, answers, people))
        for step in applicable(answers)
    ]
    manager = people.get(int(answers["manager"]), "") if answers.get("manager") else ""
    text = G.SUMMARY_TEXT.format(manager=escape(manager))
    return Message(
        title=G.SUMMARY_TITLE,
        text=f"{note}\n\n{text}" if note else text,
        facts=facts,
        buttons=[
            Button(label=G.SEND, action=names.GUIDED_SEND, value=SUMMARY, style="primary"),
            Button(label=G.CHANGE, action=names.GUIDED_CHANGE, value=SUMMARY),
            Button(label=G.BACK, action=names.GUIDED_BACK, value=SUMMARY),
        ],
        actors=[ctx.actor.id],
    )


# ---- buttons -----------------------------------------------------------------------------


def _current(ctx: Context, step: str) -> tuple[GuidedConversation | None, Reply | None]:
    """The actor's own conversation, if the button pressed belongs to the step they are at."""
    conversation = _load(ctx)
    if conversation is None:
        return None, Reply(notice=G.NOTHING_GOING_ON)
    if step != conversation.step:
        return None, _show(ctx, conversation, G.STALE)
    return conversation, None


@verbs.action(names.GUIDED_START)
def start_pressed(ctx: Context, value: str) -> Reply:
    return _start(ctx)


@verbs.action(names.GUIDED_FORM)
def to_form(ctx: Context, value: str) -> Reply:
    """Fyll i formuläret i stället: the application form; a conversation with nothing answered
    ends, so words written to the bot afterwards are not taken as answers to it."""
    conversation = _load(ctx)
    if conversation is not None and not conversation.answers:
        ctx.session.delete(conversation)
        ctx.audit("guided.to_form")
    return Reply(form=application_form(ctx.core))


@verbs.action(names.GUIDED_CHOOSE)
def choose(ctx: Context, value: str) -> Reply:
    step, _, choice = value.partition("|")
    conversation, refusal = _current(ctx, step)
    if conversation is None:
        return refusal or Reply()
    if step == "purpose":
        motives = ctx.core.guideline.motives
        if not choice.isdigit() or int(choice) >= len(motives):
            return _show(ctx, conversation, G.USE_BUTTONS)
        choice = G.MOTIVE_ANSWER.format(motive=motives[int(choice)])
    return _answer(ctx, conversation, step, choice)


@verbs.action(names.GUIDED_KEEP)
def keep(ctx: Context, value: str) -> Reply:
    conversation, refusal = _current(ctx, value)
    if conversation is None:
        return refusal or Reply()
    if value not in conversation.answers:
        return _show(ctx, conversation)
    return _keep(ctx, conversation)


@verbs.action(names.GUIDED_BACK)
def back(ctx: Context, value: str) -> Reply:
    conversation, refusal = _current(ctx, value)
    if conversation is None:
        return refusal or Reply()
    earlier = previous_step(conversation.answers, conversation.step)
    if earlier is not None:
        _save(ctx, conversation, earlier, conversation.answers)
    return _show(ctx, conversation)


@verbs.action(names.GUIDED_CHANGE)
def change(ctx: Context, value: str) -> Reply:
    conversation, refusal = _current(ctx, value)
    if conversation is None:
        return refusal or Reply()
    answers = conversation.answers
    people = _names(ctx.session, answers)
    buttons = [
        Button(
            label=f"{G.LABELS[step]}: {shown(ctx.core, step, answers, people, markup=False)}"[:70],
            action=names.GUIDED_GOTO,
            value=f"{conversation.step}|{step}",
        )
        for step in applicable(answers)
        if step in answers
    ]
    return Reply(
        message=Message(
            title=G.CHANGE_TITLE, text=G.CHANGE_TEXT, buttons=buttons, actors=[ctx.actor.id]
        )
    )


@verbs.action(names.GUIDED_GOTO)
def goto(ctx: Context, value: str) -> Reply:
    at, _, step = value.partition("|")
    conversation, refusal = _current(ctx, at)
    if conversation is None:
        return refusal or Reply()
    if step not in STEPS or not applies(step, conversation.answers):
        return _show(ctx, conversation)
    _save(ctx, conversation, step, conversation.answers)
    return _show(ctx, conversation)


@verbs.action(names.GUIDED_PICK)
def pick(ctx: Context, value: str) -> Reply:
    conversation, refusal = _current(ctx, value)
    if conversation is None or value not in PEOPLE_STEPS:
        return refusal or Reply()
    initial = conversation.answers.get(value)
    one = value == "manager"
    field = FormField(
        id=value,
        label=OPENING.LABEL_MANAGER if one else OPENING.LABEL_CO_ADMINS,
        kind="user" if one else "users",
        hint=question(ctx.core, value),
        initial=(str(initial) if one else [str(v) for v in initial]) if initial else None,
    )
    return Reply(
        form=Form(
            id=names.GUIDED_PEOPLE,
            title=G.PICK_MANAGER_TITLE if one else G.PICK_CO_ADMINS_TITLE,
            submit_label=G.PICK_SUBMIT,
            fields=[field],
            context=value,
        )
    )


@verbs.form(names.GUIDED_PEOPLE)
def people_picked(ctx: Context, values: dict[str, Any], context: str) -> Reply:
    conversation, refusal = _current(ctx, context)
    if conversation is None or context not in PEOPLE_STEPS:
        return refusal or Reply(notice=G.NOTHING_GOING_ON)
    picked = values.get(context)
    if context == "manager":
        value: Any = int(picked) if isinstance(picked, str) and picked.isdigit() else None
    else:
        listed = picked if isinstance(picked, list) else [picked] if picked else []
        value = list(dict.fromkeys(int(v) for v in listed if str(v).isdigit()))
    answers = {**conversation.answers, context: value}
    error = _check(ctx, context, answers)
    if error:
        return Reply(errors={context: error})  # the small form shows it, as the big one would
    _save(ctx, conversation, next_step(answers, context), answers)
    return _show(ctx, conversation)


@verbs.action(names.GUIDED_CONFIRM)
def confirm(ctx: Context, value: str) -> Reply:
    conversation, refusal = _current(ctx, value)
    if conversation is None:
        return refusal or Reply()
    return _confirm_duties(ctx, conversation)


@verbs.action(names.GUIDED_SEND)
def send(ctx: Context, value: str) -> Reply:
    conversation, refusal = _current(ctx, value)
    if conversation is None:
        return refusal or Reply()
    return _send(ctx, conversation)


def _send(ctx: Context, conversation: GuidedConversation) -> Reply:
    """Skicka ansökan: the form's own submit handler, with the answers as the form's values."""
    values = _form_values(conversation.answers)
    submit = ctx.registry.forms[FORM_ID].handler
    refused = refuse_secrets(FORM_ID, values)
    reply = Reply(errors=refused) if refused else submit(ctx, values, "")
    if reply.errors:
        # E.g. the guideline changed its duties while the conversation waited: ask again.
        step, error = next(iter(reply.errors.items()))
        answers = {k: v for k, v in conversation.answers.items() if k != step}
        _save(ctx, conversation, step if step in STEPS else SUMMARY, answers)
        return _show(ctx, conversation, G.FIX_FIRST.format(error=error))
    name = conversation.answers.get("name", "")
    ctx.session.delete(conversation)
    return Reply(notice=G.SENT.format(name=escape(str(name))))
