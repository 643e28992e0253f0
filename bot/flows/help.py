"""`hjälp`, and the two buttons every first contact has: "Ansök om konto", "Mina konton"."""

from bot import texts
from bot.core import Core
from bot.flows.opening import names
from bot.flows.opening.application import new_account
from bot.flows.opening.common import with_guideline_link
from bot.flows.opening.listing import my_accounts
from bot.messages import Button, Message
from bot.registry import HelpGroup, Verbs, action_name
from bot.router import Context, Reply, help_message

verbs = Verbs()

START_APPLICATION = action_name("start.application")
START_MINE = action_name("start.mine")


def start_text(core: Core, intro: str) -> str:
    """The first contact: what smbot is for, how an application goes, where the rules are."""
    return with_guideline_link(core, intro + "\n\n" + texts.common.HOW_IT_GOES)


def start_message(core: Core, title: str, intro: str) -> Message:
    return Message(title=title, text=start_text(core, intro), buttons=start_buttons())


def start_buttons() -> list[Button]:
    """What a person who has never used smbot looks for first."""
    return [
        Button(label=texts.common.START_APPLY, action=START_APPLICATION, style="primary"),
        Button(label=texts.common.START_MINE, action=START_MINE),
        Button(label=texts.guided.START, action=names.GUIDED_START),
    ]


@verbs.command("hjälp", texts.common.HELP_COMMAND, group=HelpGroup.HIDDEN)
def show_help(ctx: Context, text: str) -> Reply:
    return Reply(message=help_message(ctx.registry, ctx.actor))


@verbs.action(START_APPLICATION)
def start_application(ctx: Context, value: str) -> Reply:
    return new_account(ctx, "")


@verbs.action(START_MINE)
def start_mine(ctx: Context, value: str) -> Reply:
    return my_accounts(ctx, "")
