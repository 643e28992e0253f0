"""The outbox: every message the bot sends is first a row here.

`queue` is the write side flows use (enqueue, edit in place, questions by exact key),
`dispatcher` sends due rows through the platforms' senders, `admin` serves the CLI and
health checks. The write API is re-exported here because every flow uses it.
"""

from bot.outbox.queue import enqueue_to_communicators, enqueue_to_person, enqueue_update

__all__ = ["enqueue_to_communicators", "enqueue_to_person", "enqueue_update"]
