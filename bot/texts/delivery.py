"""Messages that could not be delivered: to whoever waits, and to the communicators."""

# The waiting person (the applicant, when the manager or a nominee cannot be reached).
WAITER_TITLE = "{name} kan inte nås i {platform} än"
WAITER = (
    "Be {name} öppna appen smbot i {platform} (under Appar, sök på smbot). Förrän hen har "
    "gjort det kommer inget från smbot fram till hen.\n"
    "Det gäller {about}. Kommunikatörerna har fått veta det och skickar meddelandet igen när "
    "{name} har öppnat appen. Du får besked här när något händer."
)
WAITER_NO_ABOUT = "ett meddelande som du väntar på svar på"
# The communicators' notice.
NOTICE_TITLE = "{about}: {name} kan inte nås i {platform}"
NOTICE_TITLE_NO_ABOUT = "{name} kan inte nås i {platform}"
NOTICE = (
    "smbot kunde inte skicka ett meddelande till {name} i {platform}: appen smbot är inte "
    "installerad hos hen, och inte i något team där hen finns.\n"
    "Be {name} öppna appen smbot i {platform} (eller lägg till appen i ett team där hen är "
    "medlem). Tryck sedan **Skicka igen**."
)
NOTICE_WAITING = "{names} väntar på svar och har fått veta det."
NOTICE_MESSAGE = "Meddelandet som inte kom fram"
RESEND = "Skicka igen"
RESENT_FOOTER = "🔁 Skickat igen av {name} {at}."
RESENT = "Meddelandet skickas igen till {name}. Kommer det inte fram får ni ett nytt besked här."
RESEND_ALREADY = "Meddelandet är redan skickat igen – inget ändrades."
RESEND_NOT_FAILED = "Meddelandet har redan kommit fram – inget ändrades."
RESEND_UNKNOWN = "Meddelandet finns inte längre – inget skickades."
