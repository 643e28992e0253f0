"""The workflows, one package per domain; `bot/app.py` lists the verbs the bot runs."""
