"""Messages with files, as the tests of files in chats send them."""

from __future__ import annotations

import io

from bot.messages import Attachment, Message

CSV = b"konto;status\r\nBiblioteket;aktivt\r\n"


def png(width: int = 40, height: int = 30) -> bytes:
    """A real PNG (matplotlib, as the report's charts are made)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / 10, height / 10), dpi=10)
    figure.add_subplot().bar([1, 2], [3, 4])
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def with_files(text: str = "Rapporten för november") -> Message:
    return Message(
        title="Månadsrapport",
        text=text,
        attachments=[
            Attachment.of("diagram.png", "image/png", png(), personal=False),
            Attachment.of("kontoregister.csv", "text/csv", CSV),
        ],
    )
