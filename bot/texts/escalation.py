CHANNEL_TITLE = "Eskalering: {summary}"
CHANNEL_TEXT = (
    "Det här behöver en kommunikatör. Tryck **Jag tar den** så att de andra ser att du "
    "tar hand om det, och **Löst** när det är klart."
)
# What to do, per kind of escalation; {contacts} are the people to reach, as mentions.
HOW_TO = {
    "opening.manager": (
        "**Gör så här:** påminn {contacts} om att godkänna eller avslå ansökan. Går chefen "
        "inte att nå kan den sökande byta chef med **Ändra ansökan**."
    ),
    "opening.review": (
        "**Gör så här:** förankra ansökan eller begär komplettering – knapparna finns på "
        "ansökan i den här kanalen. Den sökande är {contacts}."
    ),
    "opening.service-account": (
        "**Gör så här:** sätt upp tjänstekontot med {contacts} och lägg in det på ansökan."
    ),
    "no-posts": (
        "**Gör så här:** kontakta {contacts} och fråga hur det går med kontot. Behöver det "
        "pausas eller avslutas?"
    ),
    "too-few-admins": "**Gör så här:** be {contacts} nominera en ny administratör.",
    "comment-overdue": (
        "**Gör så här:** be {contacts} svara på kommentaren, eller vidarebefordra den till "
        "någon som kan svara."
    ),
    "illegal-content": (
        "**Gör så här:** se till att {contacts} tar bort kommentaren nu (beviset är sparat), "
        "och bedöm om den ska polisanmälas."
    ),
    "illegal-not-removed": (
        "**Gör så här:** kontakta {contacts} så att kommentaren tas bort nu, eller ta bort den "
        "själv med tjänstekontot och tryck **Markera som borttagen** på kommentaren."
    ),
    "documentation-overdue": (
        "**Gör så här:** påminn {contacts} om att ladda upp skärmdumpar av kontot."
    ),
    "major-change-undocumented": (
        "**Gör så här:** be {contacts} ladda upp skärmdumpar av kontot före ändringen."
    ),
}
HOW_TO_DEFAULT = "**Gör så här:** kontakta {contacts}."
CONFIRM_RESOLVE = "Markera eskaleringen som löst? Den försvinner från listan över olösta."
TAKE = "Jag tar den"
RESOLVE = "Löst"
TAKEN_FOOTER = "Tas om hand av {name} sedan {when}."
RESOLVED_FOOTER = "Löst av {name} {when}."
AUTO_RESOLVED_FOOTER = "Löst {when}: {reason}"
ALREADY_RESOLVED = "Den här eskaleringen är redan löst – inget ändrades."
ALREADY_TAKEN_BY_YOU = "Du har redan tagit den här eskaleringen."
TAKEN_NOTICE = "Du har tagit eskaleringen. Markera **Löst** när det är klart."
RESOLVED_NOTICE = "Eskaleringen är markerad som löst."
UNKNOWN = "Eskaleringen finns inte."
ACCOUNT = "Konto"
OPENED = "Eskalerad"
DIGEST_TITLE = "Olösta eskaleringar – {date}"
DIGEST_TEXT = "{count} väntar på kommunikatörerna:"
DIGEST_LINE = "{summary} ({status}, sedan {since})"
# After a digest line, to the escalation's own card (where its buttons are).
DIGEST_LINK = "Öppna ärendet"
STATUS_OPEN = "ingen har tagit den"
STATUS_TAKEN = "tas om hand av {name}"
