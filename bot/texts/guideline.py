"""The guideline's versions and acknowledgements: what admins and communicators read."""

NEW_VERSION_TITLE = "Riktlinjen har ändrats: version {version}"
NEW_VERSION_TEXT = (
    "Från {date} gäller version {version} av **{title}**, beslutad av {decided_by}. "
    "Som administratör ska du känna till vad som är ändrat:"
)
NO_CHANGES_LISTED = "Inga regler eller åtaganden är ändrade; texten är omarbetad."
NEW_VERSION_FOOTER = "Läs hela riktlinjen: [{title}]({link}). Tryck Jag har läst när du har läst."
ACKNOWLEDGE = "Jag har läst"
ACKNOWLEDGED_FOOTER = "✅ Du bekräftade att du har läst version {version} {at}."
ACKNOWLEDGED_NOTICE = "Tack! Du har bekräftat att du har läst version {version} av riktlinjen."
ALREADY_ACKNOWLEDGED = "Du har redan bekräftat version {version} ({at})."
UNKNOWN_VERSION = "Den versionen av riktlinjen känner jag inte till."

REMINDER_TITLE = "Påminnelse: har du läst riktlinjen version {version}?"
REMINDER_TEXT = (
    "Version {version} av **{title}** gäller sedan {date}, och du har inte bekräftat att du "
    "har läst den. Det här är ändrat:"
)

STATUS_TITLE = "Vilka har läst riktlinjen version {version}?"
STATUS_TEXT = "Version {version} gäller sedan {date}. {done} av {total} har bekräftat."
STATUS_ALL_DONE = "Alla administratörer har bekräftat version {version}."
STATUS_MISSING = "Har inte bekräftat:"
STATUS_FIRST_VERSION = (
    "Version {version} är den första som smbot tillämpar, så ingen har ombetts bekräfta den; "
    "de som ansöker eller blir administratörer bekräftar den då. När en ny version gäller får "
    "alla administratörer ett meddelande med Jag har läst."
)
STATUS_MISSING_LINE = "{name} ({accounts})"
STATUS_FOOTER = (
    "De som inte har bekräftat påminns var {every}. Nya administratörer bekräftar när de "
    "accepterar."
)
STATUS_ARGS = ("status", "läst", "last")

CHANNEL_TITLE = "{count} har inte bekräftat riktlinjen version {version}"
CHANNEL_TEXT = (
    "Version {version} gäller sedan {date}. De här administratörerna har fått en påminnelse "
    "i dag. Hela listan: riktlinjer status"
)

REGISTER_NOT_ACKNOWLEDGED = "   Har inte bekräftat riktlinjen version {version}: {names}"
CSV_ACKNOWLEDGED = "bekräftat riktlinjen {version}"
