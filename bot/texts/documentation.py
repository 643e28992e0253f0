"""Documentation (skärmdumpar): reminders, uploads, major changes and closing."""

from bot.command_refs import cmd

# Commands
SKARMDUMP_HELP = "Ladda upp skärmdumpar som dokumenterar ett konto"
MAJOR_CHANGE_HELP = "Anmäl en större ändring av ett konto (dokumentera före ändringen)"

# Reminders and escalation
UPLOAD_BUTTON = "Ladda upp skärmdumpar"
REMINDER_FIRST_TITLE = "Dags att dokumentera {account}"
REMINDER_FIRST_TEXT = (
    "Kontot **{account}** ska dokumenteras med skärmdumpar senast **{due}** "
    "({every} enligt riktlinjen). Ta skärmdumpar av profilen, "
    "informationstexten och de senaste inläggen, och ladda upp dem till mig."
)
REMINDER_LAST_TITLE = "Påminnelse: dokumentera {account} senast {due}"
REMINDER_LAST_TEXT = (
    "Dokumentationen av **{account}** ska vara klar senast **{due}**. "
    "Om den inte kommer in eskaleras det till kommunikatörerna."
)
OVERDUE_TITLE = "Dokumentationen av {account} är försenad"
OVERDUE_TEXT = (
    "Kontot **{account}** skulle ha dokumenterats senast **{due}**. "
    "Kommunikatörerna har fått veta det. Ladda upp skärmdumparna så snart du kan."
)
OVERDUE_SUMMARY = "{account}: dokumentation (skärmdumpar) saknas sedan {due}"
DUE_FACT = "Dokumentera senast"
LAST_DOCUMENTED_FACT = "Senast dokumenterat"
NEVER = "aldrig"
RESOLVED_BY_UPLOAD = "skärmdumpar har laddats upp"

# Morning summary lines
SUMMARY_DUE = "Dokumentation (skärmdumpar) senast {due}"
SUMMARY_OVERDUE = "Dokumentation (skärmdumpar) försenad sedan {due}"
SUMMARY_MAJOR_CHANGE = "Dokumentera före den större ändringen {planned}: {description}"
SUMMARY_CLOSING = "Dokumentera före stängningen {planned}"

# Asking for an upload
NO_ACCOUNTS = "Du är inte administratör för något aktivt konto, så det finns inget att dokumentera."
NOT_YOUR_ACCOUNT = "Du kan bara ladda upp skärmdumpar för konton där du är administratör."
UNKNOWN_ACCOUNT = "Kontot finns inte eller är inte aktivt."
PICK_TITLE = "Skärmdumpar"
PICK_INTRO = "Vilket konto vill du dokumentera?"
PICK_FIELD = "Konto"
PICK_SUBMIT = "Fortsätt"
PICK_REQUIRED = "Välj ett av dina konton."
UPLOAD_TITLE = "Ladda upp skärmdumpar för {account}"
UPLOAD_TEXT = (
    "Skicka skärmdumparna som filer till mig här i chatten, "
    "inom {hours} timmar. Bilder (PNG, JPEG, GIF, WebP, HEIC) eller PDF, högst {max} per fil. "
    "Varje fil arkiveras med kontrollsumma, tid och uppladdare, och du får ett kvitto."
)

# Receiving files
NO_PENDING = (
    "Jag vet inte vilket konto filen dokumenterar, så den arkiverades inte. "
    f"Skriv **{cmd('skarmdump')}** först och välj kontot, och skicka sedan filerna igen."
)
TOO_LARGE = (
    "Filen {filename} är för stor ({size}). Största tillåtna storlek är {max}. Inget arkiverades."
)
WRONG_TYPE = "Filen {filename} är varken en bild (PNG, JPEG, GIF, WebP, HEIC) eller en PDF. Inget arkiverades."
EMPTY_FILE = "Filen {filename} är tom. Inget arkiverades."
DOWNLOAD_FAILED = "Jag kunde inte hämta filen {filename}. Försök skicka den igen om en stund."
DUPLICATE_TITLE = "Redan arkiverad"
DUPLICATE_TEXT = (
    "Samma fil arkiverades för **{account}** redan {when}. Den sparades inte en gång till."
)
ARCHIVED_TITLE = "Arkiverad: {filename}"
ARCHIVED_TEXT = "Skärmdumpen är arkiverad för **{account}**. Tack!"
FACT_ACCOUNT = "Konto"
FACT_SIZE = "Storlek"
FACT_SHA256 = "SHA-256"
FACT_UPLOADED = "Tid"
FACT_NEXT_DUE = "Nästa dokumentation senast"

# Major change (storre-andring)
MAJOR_FORM_TITLE = "Större ändring"
MAJOR_FORM_INTRO = (
    "Före en större ändring (nytt namn, ny inriktning, ny profilbild eller informationstext, "
    "ändrad målgrupp …) ska kontot dokumenteras med skärmdumpar."
)
MAJOR_FORM_SUBMIT = "Anmäl"
MAJOR_FIELD_ACCOUNT = "Konto"
MAJOR_FIELD_WHAT = "Vad ändras?"
MAJOR_FIELD_WHEN = "När görs ändringen?"
MAJOR_ERR_ACCOUNT = "Välj ett konto där du är administratör."
MAJOR_ERR_WHAT_EMPTY = "Beskriv kort vad som ändras."
MAJOR_ERR_WHAT_LONG = "Beskrivningen får vara högst {max} tecken."
MAJOR_ERR_WHEN_FORMAT = "Välj ett datum (ÅÅÅÅ-MM-DD)."
MAJOR_ERR_WHEN_PAST = "Datumet har redan passerat."
MAJOR_ERR_WHEN_FAR = "Datumet ligger mer än ett år fram i tiden."
MAJOR_RECORDED = "Den större ändringen är registrerad. Administratörerna ombeds dokumentera kontot före {planned}."
MAJOR_ASK_TITLE = "Dokumentera {account} före ändringen {planned}"
MAJOR_ASK_TEXT = (
    "{who} har anmält en större ändring av **{account}** den **{planned}**: {description}\n"
    "Ta skärmdumpar av kontot som det ser ut nu och ladda upp dem före ändringen."
)
MAJOR_REMINDER_TITLE = "Påminnelse: dokumentera {account} före ändringen {planned}"
MAJOR_REMINDER_TEXT = (
    "Den större ändringen av **{account}** är planerad till **{planned}** och inga skärmdumpar "
    "har kommit in sedan den anmäldes. Ladda upp dem före ändringen."
)
MAJOR_ESCALATION_SUMMARY = "{account}: ingen dokumentation före den större ändringen {planned}"
MAJOR_FACT_CHANGE = "Ändring"
CLOSING_DESCRIPTION = "Kontot stängs"
CLOSING_ASK_TITLE = "Dokumentera {account} innan kontot stängs {planned}"
CLOSING_ASK_TEXT = (
    "Kontot **{account}** ska stängas den **{planned}**. Ta skärmdumpar av kontot som det ser ut nu "
    "och ladda upp dem innan det stängs – de arkiveras."
)
CLOSING_ESCALATION_SUMMARY = "{account}: ingen dokumentation före stängningen {planned}"
