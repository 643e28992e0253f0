"""`hjälp`: what the bot can do."""

from bot import texts
from bot.router import Context, Reply, command, help_message


@command("hjälp", texts.common.HELP_COMMAND)
def show_help(ctx: Context, text: str) -> Reply:
    return Reply(message=help_message())
