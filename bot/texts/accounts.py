"""Accounts after opening: registration, import, pause, closing, confirmed logins."""

COMMAND_REGISTER_ACCOUNT = (
    "Registrera ett konto som redan finns, med samma uppgifter som en ansökan"
)
COMMAND_PAUSE = "be om att pausa ett konto till ett datum, med skäl (kontoägaren)"
COMMAND_CLOSE = "börja avsluta ett konto, med skäl (kontoägaren eller en kommunikatör)"

REGISTER_FORM_TITLE = "Registrera befintligt konto"
REGISTER_FORM_SUBMIT = "Registrera"
REGISTER_FORM_INTRO = (
    "Ett konto som redan finns. Det blir aktivt direkt; administratörerna ombeds bekräfta "
    "och närmaste chef att godkänna."
)
LABEL_ADDRESS = "Adress till kontot"
LABEL_OWNER = "Kontoägare (ansvarig administratör)"
LABEL_ADMINS = "Övriga administratörer"
LABEL_DOCUMENTED = "Senast dokumenterat med skärmdumpar (ÅÅÅÅ-MM-DD, tomt: nu)"
ERROR_DATE = "Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-05-31."
ERROR_DATE_FUTURE = "Datumet kan inte ligga i framtiden."
ERROR_OWNER_MISSING = "Välj kontoägaren."
ERROR_TOO_FEW_ADMINS = "Kontot behöver minst {min} administratörer (kontoägaren räknas)."
ERROR_MANAGER_IS_OWNER = "Närmaste chef kan inte vara kontoägaren."
ERROR_DUPLICATE = "Det finns redan ett konto {name} på {platform}."
REGISTERED_NOTICE = (
    "{name} är registrerat och aktivt. Administratörerna och närmaste chef har fått var sin fråga."
)
MANAGER_CONFIRM_TITLE = "Bekräftar du ett befintligt konto i sociala medier?"
MANAGER_CONFIRM_TEXT = (
    "{registrar} har registrerat ett konto som {org} redan har, med dig som närmaste chef. "
    "Bekräfta att uppgifterna stämmer och att kontot ska finnas kvar."
)
CONFIRM = "Bekräfta"

# `smbot import accounts`
IMPORT_ROW_ERROR = "Rad {row}, kolumn ”{column}”: {what}"
IMPORT_FILE_ERROR = "Rad 1 (rubrikraden): kolumnen ”{column}” saknas."
IMPORT_UNKNOWN_EMAIL = "ingen person med e-postadressen {email} är känd av smbot"
IMPORT_BAD_EMAIL = "{value!r} är ingen e-postadress"
IMPORT_UNKNOWN_PLATFORM = "okänd plattform {value!r} (tillåtna: {allowed})"
IMPORT_UNKNOWN_STATUS = "okänd status {value!r} (tillåtna: {allowed})"
IMPORT_BAD_DATE = "{value!r} är ingen tidpunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM)"
IMPORT_EMPTY = "får inte vara tom"
IMPORT_TOO_FEW_ADMINS = "ett aktivt konto behöver minst {min} administratörer, raden har {count}"
IMPORT_DUPLICATE = "samma konto som på rad {first}"
IMPORT_MANAGER_IS_OWNER = "närmaste chef kan inte vara den sökande"
IMPORT_NEW = "Rad {row}: {name} ({platform}, {status}) importeras."
IMPORT_EXISTS = "Rad {row}: {name} ({platform}) finns redan – ingenting ändras."
IMPORT_INVALID_SUMMARY = "{count} rader är felaktiga; ingenting har importerats."
IMPORT_DRY_RUN_SUMMARY = "{new} konton skulle importeras, {existing} finns redan. Kör med --apply."
IMPORT_APPLIED_SUMMARY = "{new} konton importerade, {existing} fanns redan."
