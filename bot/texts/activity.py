from bot.command_refs import cmd

MORNING_TITLE = "God morgon! Dina konton {date}"
MORNING_INTRO = (
    "Riktlinjen: varje konto ska uppdateras och ses över varje arbetsdag. "
    "Tryck på knapparna när du har gjort det."
)
ACCOUNT_HEADING = "**{name}** ({platform})"
POSTED_TODAY = "Publicerat idag: ja ({when})"
NOT_POSTED_TODAY = "Publicerat idag: nej"
LAST_POST = "Senaste inlägg: {date}"
NO_POST_YET = "Senaste inlägg: inget loggat ännu"
SILENT_WARNING = (
    "⚠️ Inget inlägg på {days}. Efter {limit} utan inlägg får kommunikatörerna veta det."
)
SILENT_ESCALATED = "⚠️ Inget inlägg sedan {since}. Kommunikatörerna har fått veta det."
LOOKED_OVER_TODAY = "Översett idag: ja ({when})"
NOT_LOOKED_OVER_TODAY = "Översett idag: nej"
POSTED_BUTTON = "Publicerat idag"
LOOKED_OVER_BUTTON = "Jag har sett över kontot"
POSTED_BUTTON_FOR = "Publicerat idag: {name}"
LOOKED_OVER_BUTTON_FOR = "Översett: {name}"
MORNING_FOOTER = (
    "Du får det här för att du är administratör. Du kan också skriva **"
    + cmd("publicerat")
    + "** till mig när du har publicerat."
)

POST_LOGGED = "Inlägget på {name} är loggat för idag. Tack!"
LOOKOVER_LOGGED = "Det är loggat att du har sett över {name} idag. Tack!"
POST_ALREADY = "Ett inlägg på {name} är redan loggat idag – inget nytt sparades."
LOOKOVER_ALREADY = "{name} är redan markerat som översett idag – inget nytt sparades."
NOT_ADMIN = "Bara kontots administratörer och kommunikatörerna kan logga aktivitet på {name}."
UNKNOWN_ACCOUNT = "Kontot finns inte eller är inte aktivt."
NO_ACCOUNTS = "Du är inte administratör för något aktivt konto, så det finns inget att logga."
NO_SUCH_NAME = "Inget av dina konton heter ”{text}”. Dina konton: {names}."

PUBLISH_COMMAND = (
    "Logga att du har publicerat på ett konto idag (" + cmd("publicerat") + " [kontonamn])"
)
PUBLISH_FORM_TITLE = "Logga publicering"
PUBLISH_FORM_SUBMIT = "Logga"
PUBLISH_FORM_INTRO = "Vilket konto har du publicerat på idag?"
PUBLISH_FORM_ACCOUNT = "Konto"
CHOOSE_ACCOUNT = "Välj ett konto."

NO_POSTS_SUMMARY = "{name} har inte publicerat på {days} arbetsdagar"
NO_POSTS_LAST = "Senaste inlägg"
NO_POSTS_NEVER = "inget sedan kontot aktiverades {date}"
NO_POSTS_ADMINS = "Administratörer"
NO_POSTS_RESOLVED = "kontot har publicerat igen"
