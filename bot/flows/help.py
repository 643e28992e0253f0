"""`hjälp`: what the bot can do."""

from bot import texts
from bot.registry import Verbs
from bot.router import Context, Reply, help_message

verbs = Verbs()


@verbs.command("hjälp", texts.common.HELP_COMMAND)
def show_help(ctx: Context, text: str) -> Reply:
    return Reply(message=help_message(ctx.registry))
