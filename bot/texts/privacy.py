"""Texts of /gdpr (a commenter's rights), disposed-of chat messages and private messages."""

from bot.command_refs import cmd

# --- /gdpr -----------------------------------------------------------------------------
GDPR_HELP = (
    "Vad smbot har om en kommentarsskribent (namn eller plattforms-id): "
    "som fil, och radering av det som får raderas (kommunikatörer)"
)
GDPR_USAGE = (
    "Skriv: `" + cmd("gdpr") + " <namn eller plattforms-id>` – till exempel "
    "`" + cmd("gdpr") + " Vera Väljare` eller skribentens id på Facebook eller Instagram."
)
GDPR_KEY_TOO_LONG = "Sökningen får vara högst {max} tecken."
GDPR_NOTHING = (
    "smbot har inget om den personen: inga kommentarer, meddelanden, bevis eller "
    "diarieförda inlägg. Sökningen är loggad (utan namnet)."
)
GDPR_TITLE = "GDPR-begäran nr {id}: det smbot har om en person"
GDPR_FOUND = (
    "Sökningen gav {items} på {accounts}. Namnet du sökte på sparas inte i loggen, "
    "bara ett kontrollvärde (SHA-256) och antalet träffar."
)
GDPR_LINE = "Nr {id}, {kind} på **{account}** ({platform}), mottagen {received}: {fate}"
GDPR_ITEM_KINDS = {"comment": "kommentar", "message": "privat meddelande"}
GDPR_FATE_ERASABLE = "kan raderas"
GDPR_FATE_EVIDENCE = "sparas – bevis på olagligt innehåll"
GDPR_FATE_REGISTERED = "sparas – diariefört ({number})"
GDPR_FATE_ERASED = "raderat"
GDPR_WHY_TITLE = "Det här sparas och varför"
GDPR_WHY_EVIDENCE = (
    "**Bevis på olagligt innehåll** sparas: kommunen ska kunna visa vad som skrevs om det "
    "polisanmäls eller prövas i domstol (lagen om elektroniska anslagstavlor och "
    "dataskyddsförordningen artikel 17.3 e – rättsliga anspråk). Det gallras inte av smbot."
)
GDPR_WHY_REGISTERED = (
    "**Diarieförda inlägg** är allmänna handlingar. De ska bevaras enligt arkivlagen och "
    "får bara gallras enligt kommunens dokumenthanteringsplan (dataskyddsförordningen "
    "artikel 17.3 b – rättslig förpliktelse). Radering begärs hos registraturen."
)
GDPR_WHY_ERASABLE = (
    "**Vanliga kommentarer och meddelanden** raderas: texten, alla versioner, namnet, id:t "
    "och profilen tas bort, och smbots chattmeddelanden om dem ändras till att de är raderade."
)
GDPR_CHECK_BEFORE = (
    "Granska filen innan du lämnar ut den: texterna kan nämna andra personer, och deras "
    "uppgifter ska inte lämnas ut (dataskyddsförordningen artikel 15.4)."
)
GDPR_BUTTON_EXPORT = "Skicka som fil"
GDPR_BUTTON_ERASE = "Radera det som får raderas"
GDPR_CONFIRM_ERASE = (
    "{count} raderas för gott: text, versioner och uppgifter om skribenten. "
    "Det som ska sparas lämnas kvar. Det går inte att ångra."
)
GDPR_UNKNOWN_REQUEST = "Den GDPR-begäran finns inte."
GDPR_EXPORT_SENT = "Filerna (JSON och text) kommer i ett direktmeddelande till dig."
GDPR_EXPORT_ALREADY = "Du har redan fått filerna för begäran nr {id}."
GDPR_EXPORT_TITLE = "GDPR-begäran nr {id}: utdrag"
GDPR_EXPORT_TEXT = (
    "Här är allt smbot har om personen ({items}), som JSON och som läsbar text. {check}"
)
GDPR_ERASED_NOTICE = "Raderat: {erased}. Sparat: {kept}."
GDPR_ERASED_NOTHING = "Inget att radera – det som finns ska sparas. Sparat: {kept}."
GDPR_ALREADY_ERASED = "Begäran nr {id} är redan raderad ({when})."
GDPR_NONE = "inget"
GDPR_EXPORT_FORGOTTEN = "_Filerna för GDPR-begäran nr {id} finns inte längre kvar i smbot._"

# The readable export
EXPORT_HEADING = "Det smbot har om en person – GDPR-begäran nr {id}"
EXPORT_MADE = "Utdraget gjordes {when} av {name}."
EXPORT_ITEM = "{kind} nr {id} på {account} ({platform})"
EXPORT_FIELDS = {
    "author_name": "Namn",
    "author_id": "Id på plattformen",
    "author_profile": "Profil",
    "received_at": "Mottagen",
    "permalink": "Länk",
    "status": "Status",
    "diarienummer": "Diarienummer",
}
EXPORT_VERSION = "Version {number} ({kind} {when}):"
EXPORT_DELETED = "Borttagen på plattformen {when}."
EXPORT_EVIDENCE = "Bevis nr {id} sparat {when} (kategori: {category}, version {version}):"
EXPORT_FATE = "Vad som händer vid radering: {fate}"
EXPORT_STATUS = {
    "open": "väntar på svar",
    "answered": "besvarad",
    "no_reply_needed": "kräver inget svar",
    "illegal": "olagligt innehåll, ska tas bort",
    "removed": "borttagen",
}

# --- Chat messages about a comment that is no longer kept -------------------------------
DISPOSED_TITLE = "{kind} nr {id} på {account}"
DISPOSED_TEXT = (
    "_Gallrad {when}: texten och uppgifterna om skribenten finns inte längre kvar i smbot._"
)
ERASED_TEXT = (
    "_Raderad {when} på skribentens begäran (GDPR): texten och uppgifterna om skribenten "
    "finns inte längre kvar i smbot._"
)

# --- Private messages (Messenger, Instagram Direct) --------------------------------------
MESSAGE_ALERT_TITLE = "Privat meddelande att besvara – {account}"
MESSAGE_ALERT_TITLE_CLOSED = "Privat meddelande – {account}"
MESSAGE_THREAT_TITLE = "Privat meddelande med ord som tyder på hot eller hat – {account}"
MESSAGE_THREAT_TEXT = (
    "Meddelande nr {id} kom {received}. Det är privat, så texten visas bara för kontots "
    "administratörer, som har fått den nu. Hör av er till dem om de behöver stöd."
)
