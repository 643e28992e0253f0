"""Accounts after opening: registration, import, pause, closing, confirmed logins."""

COMMAND_REGISTER_ACCOUNT = (
    "registrera ett konto som redan finns, med samma uppgifter som en ansökan (kommunikatörer)"
)
COMMAND_PAUSE = "be om att pausa ett konto till ett datum, med skäl (kontoägaren)"
COMMAND_CLOSE = "börja avsluta ett konto, med skäl (kontoägaren eller en kommunikatör)"

REGISTER_FORM_TITLE = "Registrera befintligt konto"
REGISTER_FORM_SUBMIT = "Registrera"
REGISTER_FORM_INTRO = (
    "Ett konto som redan finns. Det blir aktivt direkt; administratörerna ombeds bekräfta "
    "och närmsta chef att godkänna."
)
LABEL_ADDRESS = "Adress till kontot"
LABEL_OWNER = "Kontoägare (ansvarig administratör)"
LABEL_ADMINS = "Övriga administratörer"
LABEL_DOCUMENTED = "Senast dokumenterat med skärmdumpar (ÅÅÅÅ-MM-DD, tomt: nu)"
ERROR_DATE = "Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-05-31."
ERROR_DATE_FUTURE = "Datumet kan inte ligga i framtiden."
ERROR_OWNER_MISSING = "Välj kontoägaren."
ERROR_TOO_FEW_ADMINS = "Kontot behöver minst {min} administratörer (kontoägaren räknas)."
ERROR_MANAGER_IS_OWNER = "Närmsta chef kan inte vara kontoägaren."
ERROR_DUPLICATE = "Det finns redan ett konto {name} på {platform}."
REGISTERED_NOTICE = (
    "{name} är registrerat och aktivt. Administratörerna och närmsta chef har fått var sin fråga."
)
MANAGER_CONFIRM_TITLE = "Bekräftar du ett befintligt konto i sociala medier?"
MANAGER_CONFIRM_TEXT = (
    "{registrar} har registrerat ett konto som {org} redan har, med dig som närmsta chef. "
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
IMPORT_MANAGER_IS_OWNER = "närmsta chef kan inte vara den sökande"
IMPORT_NEW = "Rad {row}: {name} ({platform}, {status}) importeras."
IMPORT_EXISTS = "Rad {row}: {name} ({platform}) finns redan – ingenting ändras."
IMPORT_INVALID_SUMMARY = "{count} rader är felaktiga; ingenting har importerats."
IMPORT_DRY_RUN_SUMMARY = "{new} konton skulle importeras, {existing} finns redan. Kör med --apply."
IMPORT_APPLIED_SUMMARY = "{new} konton importerade, {existing} fanns redan."

# "Jag kan logga in": each admin confirms they hold working login details
LOGIN_BUTTON = "Jag kan logga in"
LOGIN_TITLE = "Kan du logga in på {account}?"
LOGIN_TEXT = (
    "Du är administratör för **{account}**. Riktlinjen kräver att minst {min} personer kan "
    "logga in på varje konto. Kontrollera att du kan logga in (med inloggningsuppgifterna "
    "där ni förvarar dem) och tryck sedan på **Jag kan logga in**."
)
LOGIN_REMIND_TITLE = "Påminnelse: kan du logga in på {account}?"
LOGIN_REMIND_TEXT = (
    "Vi har väntat sedan {date} på att du bekräftar att du kan logga in på **{account}**. "
    "Har det inte {min} bekräftat den {escalated} får kommunikatörerna veta det."
)
LOGIN_CONFIRMED_FOOTER = "Bekräftat {at}."
LOGIN_CONFIRMED_NOTICE = "Tack! Du har bekräftat att du kan logga in på {account}."
LOGIN_ALREADY = "Du har redan bekräftat att du kan logga in på {account}."
LOGIN_NOT_ALLOWED = "Bara administratören som frågan gäller kan bekräfta sin inloggning."
LOGIN_STALLED = (
    "{account}: bara {confirmed} av minst {min} administratörer har bekräftat att de kan "
    "logga in ({days} arbetsdagar)"
)
LOGIN_FACT_CONFIRMED = "Kan logga in"
LOGIN_FACT_MISSING = "Har inte bekräftat"
LOGIN_RESOLVED = "tillräckligt många administratörer har bekräftat att de kan logga in"
LINE_LOGINS = "   Kan logga in: {names}"
WAIT_LOGIN = "{name} bekräftar inloggning"

# "Lösenordet är bytt": after an admin left
PASSWORD_BUTTON = "Lösenordet är bytt"
PASSWORD_TITLE = "Byt lösenordet till {account}"
PASSWORD_TEXT = (
    "{person} {how} och ska inte längre kunna logga in på **{account}**. Byt kontots "
    "lösenord, uppdatera inloggningsuppgifterna där ni förvarar dem och tryck sedan på "
    "**Lösenordet är bytt**. Är det inte gjort den {due} får kommunikatörerna veta det."
)
PASSWORD_HOW = {
    "departed": "har slutat i organisationen",
    "stepped_down": "har lämnat som administratör",
    "removed": "har tagits bort som administratör",
}
PASSWORD_DONE_FOOTER = "Lösenordet bytt av {name} {at}."
PASSWORD_DONE_NOTICE = "Tack! Lösenordet till {account} är markerat som bytt."
PASSWORD_ALREADY = "Lösenordet till {account} är redan markerat som bytt ({at})."
PASSWORD_NOT_ALLOWED = (
    "Bara kontots administratörer eller en kommunikatör kan markera lösenordet som bytt."
)
PASSWORD_STALLED = "{account}: lösenordet är inte bytt {days} arbetsdagar efter att {person} {how}"
PASSWORD_RESOLVED = "lösenordet är bytt"
FACT_LEFT = "Slutade/lämnade"
LINE_PASSWORD = "   Lösenordet ska bytas (sedan {date})"

# Departed people in listings and the register
DEPARTED = "{name} (slutat {date})"
LINE_DEPARTED = "   Slutat: {names}"

# `andra-konto` (Teams: `ändra konto`): owner, manager and admins change
COMMAND_CHANGE = (
    "ändra ägare, närmsta chef eller administratörer för ett konto (kontoägaren eller en "
    "kommunikatör)"
)
CHANGE_NOTHING_TO_CHANGE = (
    "Du är inte ägare till något aktivt konto. Kontoägaren eller en kommunikatör kan ändra det."
)
CHANGE_FORM_TITLE = "Ändra konto"
CHANGE_FORM_INTRO = (
    "Fyll i det som ska ändras. En ny ägare får acceptera och en ny chef bekräfta; nya "
    "administratörer får acceptera och bekräfta att de kan logga in. Minst {min} "
    "administratörer måste finnas kvar – nominera en ersättare i samma steg om du tar bort någon."
)
CHANGE_SUBMIT = "Ändra"
LABEL_ACCOUNT = "Konto"
LABEL_NEW_OWNER = "Ny kontoägare"
LABEL_NEW_MANAGER = "Ny närmsta chef"
LABEL_ADD_ADMINS = "Lägg till administratörer"
LABEL_REMOVE_ADMINS = "Ta bort administratörer"
CHANGE_ERR_ACCOUNT = "Välj ett konto som du är ägare till."
CHANGE_ERR_NOTHING = "Fyll i minst en ändring."
CHANGE_ERR_DEPARTED = "{name} finns inte längre i organisationen."
CHANGE_ERR_SAME_OWNER = "{name} är redan kontoägare."
CHANGE_ERR_SAME_MANAGER = "{name} är redan närmsta chef."
CHANGE_ERR_MANAGER_IS_OWNER = "Närmsta chef kan inte vara kontoägaren."
CHANGE_ERR_ALREADY_ADMIN = "{name} är redan administratör för kontot."
CHANGE_ERR_WAITING = "{name} är redan nominerad och har inte svarat än."
CHANGE_ERR_NOT_ADMIN = "{name} är inte administratör för kontot."
CHANGE_ERR_REMOVE_OWNER = "Kontoägaren kan inte tas bort – välj först en ny kontoägare."
CHANGE_ERR_TOO_FEW = (
    "Då finns bara {left} administratör(er) kvar och riktlinjen kräver minst {min}. "
    "Nominera en ersättare i samma steg."
)
CHANGE_DONE = "Ändrat för {account}: {what}."
CHANGE_WHAT_OWNER = "{name} har fått frågan att bli kontoägare"
CHANGE_WHAT_MANAGER = "{name} har fått frågan att bekräfta som närmsta chef"
CHANGE_WHAT_ADDED = "nominerade: {names}"
CHANGE_WHAT_REMOVED = "borttagna: {names} (de övriga ombeds byta lösenordet)"
REMOVED_TITLE = "Du är inte längre administratör för {account}"
REMOVED_TEXT = "{by} har tagit bort dig som administratör för **{account}**."

# A new owner or manager answers
HANDOVER_OWNER_TITLE = "Vill du bli kontoägare för {account}?"
HANDOVER_OWNER_TEXT = (
    "{by} vill att du blir kontoägare (ansvarig administratör) för **{account}**. Som ägare "
    "svarar du för kontot enligt riktlinjen och får frågorna om det."
)
HANDOVER_MANAGER_TITLE = "Bekräftar du att du är närmsta chef för {account}?"
HANDOVER_MANAGER_TEXT = (
    "{by} har angett dig som närmsta chef för kontot **{account}** ({unit}). Bekräfta att "
    "du är chef för verksamheten och att kontot ska finnas kvar."
)
ACCEPT = "Acceptera"
DECLINE = "Avböj"
HANDOVER_ANSWERED_ACCEPTED = "Du svarade ja {at}."
HANDOVER_ANSWERED_DECLINED = "Du avböjde {at}."
HANDOVER_REPLACED = "Frågan gäller inte längre: någon annan har angetts."
HANDOVER_NOT_ALLOWED = "Bara den som frågan gäller kan svara."
HANDOVER_ALREADY = "Frågan är redan besvarad."
HANDOVER_OWNER_DONE = "Du är nu kontoägare för {account}."
HANDOVER_MANAGER_DONE = "Du är nu närmsta chef för {account}."
HANDOVER_DECLINED_NOTICE = "Du har avböjt. {by} får veta det."
HANDOVER_TOLD_ACCEPTED = "{name} är nu {role} för **{account}**."
HANDOVER_TOLD_DECLINED = (
    "{name} avböjde att bli {role} för **{account}**. Välj någon annan med {command}."
)
ROLE_OWNER = "kontoägare"
ROLE_MANAGER = "närmsta chef"

# When the manager or the owner leaves the organisation
MANAGER_LEFT_TITLE = "{account} behöver en ny närmsta chef"
MANAGER_LEFT_TEXT = (
    "{name} har slutat och var närmsta chef för **{account}**. Ange vem som är chef nu – "
    "hen får bekräfta."
)
NAME_MANAGER_BUTTON = "Ange ny chef"
NAME_MANAGER_TITLE = "Ny närmsta chef"
NAME_MANAGER_NOT_ALLOWED = "Bara kontoägaren eller en kommunikatör kan ange en ny chef."
OWNER_LEFT_TITLE = "{account} behöver en ny kontoägare"
OWNER_LEFT_TEXT = (
    "{name} har slutat och var kontoägare för **{account}**. Utse en av de administratörer "
    "som är kvar till ny ägare – hen får acceptera."
)
OWNER_LEFT_NOBODY = (
    "{name} har slutat och var kontoägare för **{account}**, och ingen administratör finns "
    "kvar. Nominera administratörer med {command}."
)
APPOINT_OWNER_BUTTON = "Utse ny ägare"
APPOINT_OWNER_TITLE = "Ny kontoägare"
LABEL_APPOINT = "Administratör som blir ägare"
APPOINT_ERR = "Välj en av kontots administratörer."
MINE_LOGIN_ITEM = "- Bekräfta att du kan logga in på **{name}** ({platform})"
HANDOVER_REMIND_TITLE = "Påminnelse: {title}"
HANDOVER_STALLED = "{account}: {name} har inte svarat på om hen blir {role} ({days} arbetsdagar)"
HANDOVER_RESOLVED = "frågan är besvarad eller ersatt"
