"""The files put into chats are kept only as long as their links work (bot/chat_files.py)."""

from __future__ import annotations

from sqlmodel import Session

from bot import chat_files
from bot.core import Core
from bot.registry import Verbs

verbs = Verbs()


@verbs.sweep("chat-files-disposal")
def dispose(core: Core, session: Session) -> None:
    chat_files.dispose_expired(session, core.now())
