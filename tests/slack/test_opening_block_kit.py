"""What the opening flow shows fits Slack's Block Kit limits, so Slack never cuts or refuses it."""

from __future__ import annotations

from typing import Any

from bot.app import create_core
from bot.config import Settings
from bot.flows.opening.application import application_form
from bot.flows.opening.manager import reject_form
from bot.flows.opening.nomination import nominate_form
from bot.flows.opening.review import completion_form
from bot.flows.opening.service_account import service_account_form
from bot.messages import Form
from storage.models import Account
from tests.support.opening_helpers import (
    COMMUNICATOR,
    add_people,
    apply,
    approve_and_accept,
    open_service_account_form,
    submit,
)


def _forms() -> list[Form]:
    core = create_core(Settings(_env_file=None, database_url="sqlite://"))  # type: ignore[call-arg]
    account = Account(
        id=7, platform="annat", platform_other="M" * 60, name="N" * 80, unit="U", purpose="P",
        audience="A", resources="R", owner_id=1, manager_id=2, created_at=core.now(),
        completion_request="C" * 1000,
    )  # fmt: skip
    return [
        application_form(core),
        application_form(core, account, [3, 4]),
        reject_form(account),
        completion_form(account),
        service_account_form(account),
        nominate_form(account),
    ]


def test_forms_fit_modal_limits_without_cutting() -> None:
    for form in _forms():
        assert len(form.title) <= 24, form.title
        assert len(form.submit_label) <= 24, form.submit_label
        assert len(form.intro or "") <= 3000
        for field in form.fields:
            assert len(field.label) <= 2000
            assert len(field.hint or "") <= 2000
            assert len(field.placeholder or "") <= 150
            for option in field.options:
                assert len(option.label) <= 75, option.label


def check_blocks(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "section":
            assert len(block.get("text", {}).get("text", "")) <= 3000
            assert len(block.get("fields", [])) <= 10
            assert all(len(f["text"]) <= 2000 for f in block.get("fields", []))
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25
            assert all(len(b["text"]["text"]) <= 75 for b in block["elements"])
            assert len({b["action_id"] for b in block["elements"]}) == len(block["elements"])


async def test_the_longest_application_still_fits_every_message(bot, fake_slack) -> None:
    add_people(fake_slack)
    longest = {
        "name": "N" * 80, "unit": "U" * 120, "purpose": "p " * 750, "audience": "a " * 500,
        "resources": "r " * 250, "platform": "annat", "platform_other": "M" * 60,
    }  # fmt: skip
    _, body = await apply(bot, fake_slack, **longest)
    assert body == {}
    await bot.dispatch()
    await approve_and_accept(bot, fake_slack)
    form = await open_service_account_form(bot, fake_slack)
    await submit(bot, COMMUNICATOR, form,
                 {"url": "https://www.example.se/" + "x" * 250, "credentials": ["received"],
                  "reference": "r" * 300})  # fmt: skip
    await bot.dispatch()
    sent = fake_slack.calls_to("chat.postMessage") + fake_slack.calls_to("chat.update")
    assert len(sent) > 10
    for call in sent:
        check_blocks(call.args.get("blocks") or [])
    for call in fake_slack.calls_to("views.open"):
        check_blocks(call.args["view"]["blocks"])
