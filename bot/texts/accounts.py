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
LABEL_DOCUMENTED = "Senast dokumenterat med skärmdumpar"
HINT_DOCUMENTED = "Lämna tomt om kontot aldrig har dokumenterats: då ska det dokumenteras nu."
ERROR_DATE = "Välj ett datum (ÅÅÅÅ-MM-DD, t.ex. 2026-05-31)."
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

# Who may act on an account's life (shared by pause, closing and review)
NO_SUCH_ACCOUNT = "Kontot finns inte."
ERROR_PICK_ACCOUNT = "Välj ett av kontona i listan."
ERROR_REASON = "Skriv ett skäl."
LABEL_ACCOUNT = "Konto"
LABEL_REASON = "Skäl"
FACT_REASON = "Skäl"
FACT_ASKED_BY = "Begärt av"

# `pausa-konto`
PAUSE_NO_ACCOUNTS = (
    "Du är inte kontoägare för något aktivt konto. Det är kontoägaren som ber om en paus."
)
PAUSE_FORM_TITLE = "Pausa konto"
PAUSE_FORM_SUBMIT = "Be om paus"
PAUSE_FORM_INTRO = (
    "Under pausen kommer inga påminnelser om inlägg, och kommunikatörerna meddelas inte om "
    "tystnad. Kommentarer bevakas som vanligt, med sina svarstider. Pausen slutar av sig själv "
    "på datumet; administratörerna får besked dagen innan. En kommunikatör godkänner pausen."
)
LABEL_PAUSE_UNTIL = "Pausa till"
HINT_PAUSE_UNTIL = "Kontot är aktivt igen från och med den dagen."
ERROR_PAUSE_NOT_OWNER = "Bara kontoägaren kan be om en paus för det här kontot."
ERROR_PAUSE_WAITING = "En begäran om paus för kontot väntar redan på en kommunikatör."
ERROR_PAUSE_DATE_PAST = "Pausen måste sluta efter i dag."
ERROR_PAUSE_TOO_LONG = "En paus kan vara högst ett år; välj ett datum senast {last}."
PAUSE_REQUESTED_NOTICE = (
    "Din begäran om att pausa {account} till {until} har gått till kommunikatörerna."
)
PAUSE_REQUEST_TITLE = "{owner} ber om att pausa {account} till {until}"
PAUSE_REQUEST_TEXT = (
    "Under pausen kommer inga påminnelser om inlägg och ingen eskalering för tystnad. "
    "Kommentarer bevakas som vanligt. Pausen slutar av sig själv {until}."
)
FACT_PAUSE_UNTIL = "Pausat till"
PAUSE_APPROVE_BUTTON = "Godkänn paus"
PAUSE_DECLINE_BUTTON = "Avslå"
CONFIRM_PAUSE_DECLINE = "Avslå begäran om paus? Kontoägaren får besked."
PAUSE_NOT_WAITING = "Det finns ingen begäran om paus som väntar för det här kontot."
PAUSE_APPROVED_FOOTER = "Godkänd av {name} {when}."
PAUSE_DECLINED_FOOTER = "Avslagen av {name} {when}."
PAUSE_APPROVED_NOTICE = "{account} är pausat till {until}."
PAUSE_DECLINED_NOTICE = "Begäran om paus för {account} är avslagen."
PAUSED_TITLE = "{account} är pausat till {until}"
PAUSED_TEXT = (
    "{approver} har godkänt pausen. Fram till {until} kommer inga påminnelser om inlägg. "
    "Kommentarer bevakas som vanligt, med sina svarstider."
)
PAUSE_DECLINED_TITLE = "Pausen för {account} blev inte av"
PAUSE_DECLINED_TEXT = "{name} har avslagit begäran om paus. Kontot fortsätter som vanligt."
PAUSE_ENDS_TITLE = "Pausen för {account} slutar i morgon"
PAUSE_ENDS_TEXT = (
    "Från och med i morgon, {until}, är {account} aktivt igen: morgonpåminnelserna om inlägg "
    "kommer tillbaka och tystnad räknas från i morgon."
)

# `avsluta-konto`
CLOSE_NO_ACCOUNTS = (
    "Det finns inget konto du kan avsluta. Kontoägaren eller en kommunikatör avslutar ett konto."
)
CLOSE_FORM_TITLE = "Avsluta konto"
CLOSE_FORM_SUBMIT = "Börja avsluta"
CLOSE_FORM_INTRO = (
    "Administratörerna ombeds först ladda upp en sista dokumentation med skärmdumpar. Sedan "
    "bekräftar en kommunikatör att kontot är borttaget eller avpublicerat och att "
    "inloggningsuppgifterna är förstörda. Först då är kontot avslutat."
)
ERROR_CLOSE_NOT_ALLOWED = "Bara kontoägaren eller en kommunikatör kan avsluta det här kontot."
ERROR_CLOSE_STARTED = "Avslutet av kontot är redan påbörjat."
CLOSE_STARTED_NOTICE = (
    "Avslutet av {account} är påbörjat. Administratörerna ombeds ladda upp en sista "
    "dokumentation; sedan bekräftar en kommunikatör att kontot är borttaget."
)
CLOSE_DOCS_TITLE = "{account} ska avslutas: ladda upp en sista dokumentation"
CLOSE_DOCS_TEXT = (
    "{by} har börjat avsluta {account}. Skäl: {reason}\n\n"
    "Ta skärmdumpar av hela kontot som det ser ut nu och ladda upp dem, innan kontot tas bort."
)
CLOSE_CARD_TITLE = "{account} ska avslutas"
CLOSE_CARD_TEXT = (
    "1. Administratörerna laddar upp en sista dokumentation med skärmdumpar.\n"
    "2. Ta bort eller avpublicera kontot på plattformen och förstör inloggningsuppgifterna.\n"
    "3. Tryck på **Kontot är borttaget**. Först då är kontot avslutat."
)
FACT_CLOSE_STARTED = "Påbörjat"
CLOSE_CONFIRM_BUTTON = "Kontot är borttaget"
CONFIRM_CLOSE = (
    "Är kontot borttaget eller avpublicerat på plattformen, och är inloggningsuppgifterna "
    "förstörda? Kontot avslutas och får inga fler påminnelser."
)
CLOSE_NOT_STARTED = "Avslutet av det här kontot är inte påbörjat."
CLOSE_ALREADY_DONE = "Kontot är redan avslutat."
CLOSE_NEEDS_DOCUMENTATION = (
    "Den sista dokumentationen saknas: ladda upp skärmdumpar av kontot (skärmdump) innan det "
    "avslutas."
)
CLOSED_FOOTER = "Avslutat av {name} {when}."
CLOSED_NOTICE = "{account} är avslutat."
CLOSED_TITLE = "{account} är avslutat"
CLOSED_TEXT = (
    "{name} har bekräftat att kontot är borttaget och inloggningsuppgifterna förstörda. "
    "Dokumentationen och sparade kommentarer finns kvar."
)
CLOSED_ESCALATION_NOTE = "kontot är avslutat"
CLOSED_OPEN_COMMENTS_TITLE = "{account} är avslutat – {count} att avsluta"
CLOSED_OPEN_COMMENTS_TEXT = (
    "Kommentarerna nedan var fortfarande öppna. De ger inga fler påminnelser; avsluta var och en "
    "med knappen."
)
OPEN_COMMENT_LINE = "Kommentar {id}: kom {received}, svar senast {deadline}{link}"
OPEN_COMMENT_BUTTON = "Kräver inget svar: {id}"
CLOSING_REMIND_TITLE = "Påminnelse: {account} ska avslutas"
CLOSING_REMIND_TEXT = (
    "Avslutet av {account} påbörjades {date} och väntar på den sista dokumentationen med "
    "skärmdumpar. Kommunikatörerna meddelas {escalated}."
)
CLOSING_STALLED = "Avslutet av {name} har stått still i {days} arbetsdagar: {waiting}"
CLOSING_WAITING_DOCS = "den sista dokumentationen saknas"
CLOSING_WAITING_CONFIRM = "en kommunikatör har inte bekräftat att kontot är borttaget"

# The yearly follow-up
REVIEW_OWNER_TITLE = "Uppföljning av {account}"
REVIEW_CHANGE_BUTTON = "Ändra kontot"
REVIEW_OWNER_TEXT = (
    "Det är dags för den årliga uppföljningen av {account}. Behövs kontot fortfarande, och "
    "stämmer syfte, målgrupp, resurser och administratörer?\n\n"
    "- Stämmer allt: tryck **Allt stämmer**.\n"
    "- Behöver något ändras (ägare, chef, administratörer): tryck **Ändra kontot** eller "
    "skriv **{change}**.\n"
    "- Behövs kontot inte längre: tryck **Avsluta kontot**.\n\n"
    "Kommunikatörerna meddelas om inget svar har kommit {escalated}."
)
REVIEW_MANAGER_TITLE = "Uppföljning av {account}: bekräfta som närmaste chef"
REVIEW_MANAGER_TEXT = (
    "Det är dags för den årliga uppföljningen av {account}, där du är närmaste chef. Bekräfta "
    "att kontot fortfarande behövs och att det har de resurser som står nedan.\n\n"
    "Kommunikatörerna meddelas om inget svar har kommit {escalated}."
)
FACT_PURPOSE = "Syfte"
FACT_AUDIENCE = "Målgrupp"
FACT_RESOURCES = "Resurser"
FACT_ADMINS = "Administratörer"
REVIEW_OK_BUTTON = "Allt stämmer"
REVIEW_CLOSE_BUTTON = "Avsluta kontot"
REVIEW_MANAGER_BUTTON = "Bekräfta"
REVIEW_UNKNOWN = "Uppföljningen finns inte."
REVIEW_ONLY_OWNER = "Bara kontoägaren svarar på uppföljningen."
REVIEW_ONLY_MANAGER = "Bara kontots närmaste chef bekräftar uppföljningen."
REVIEW_ALREADY = "Du har redan svarat på uppföljningen."
REVIEW_NOT_LIVE = "Kontot är inte aktivt längre."
REVIEW_OK_NOTICE = "Tack! Uppföljningen av {account} är registrerad."
REVIEW_ANSWERED_FOOTER = "Bekräftat av {name} {when}."
REVIEW_CLOSED_FOOTER = "Kontot avslutas i stället."
REVIEW_REMIND_TITLE = "Påminnelse: uppföljning av {account}"
REVIEW_STALLED = "Uppföljningen av {account} har väntat i {days} arbetsdagar på {waiting}"
REVIEW_STALL_RESOLVED = "uppföljningen är besvarad"
REVIEW_WAITING_OWNER = "kontoägaren ({name})"
REVIEW_WAITING_MANAGER = "närmaste chef ({name})"

# What the register and `mina-konton` say about a paused or closing or closed account
STATE_PAUSED = "till {until}: {reason}"
STATE_PAUSE_ASKED = "paus till {until} väntar på en kommunikatör"
STATE_CLOSING = "avslutas sedan {date}: {reason}"
STATE_CLOSED = "{date}: {reason}"
WITH_STATE = "{status} ({note})"
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
    "ändra ägare, närmaste chef eller administratörer för ett konto (kontoägaren eller en "
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
LABEL_NEW_MANAGER = "Ny närmaste chef"
LABEL_ADD_ADMINS = "Lägg till administratörer"
LABEL_REMOVE_ADMINS = "Ta bort administratörer"
CHANGE_ERR_ACCOUNT = "Välj ett konto som du är ägare till."
CHANGE_ERR_NOTHING = "Fyll i minst en ändring."
CHANGE_ERR_DEPARTED = "{name} finns inte längre i organisationen."
CHANGE_ERR_SAME_OWNER = "{name} är redan kontoägare."
CHANGE_ERR_SAME_MANAGER = "{name} är redan närmaste chef."
CHANGE_ERR_MANAGER_IS_OWNER = "Närmaste chef kan inte vara kontoägaren."
CHANGE_ERR_ALREADY_ADMIN = "{name} är redan administratör för kontot."
CHANGE_ERR_WAITING = "{name} är redan nominerad och har inte svarat än."
CHANGE_ERR_NOT_ADMIN = "{name} är inte administratör för kontot."
CHANGE_ERR_REMOVE_OWNER = "Kontoägaren kan inte tas bort – välj först en ny kontoägare."
CHANGE_ERR_TOO_FEW = (
    "Då finns {left} kvar och riktlinjen kräver minst {min}. "
    "Nominera en ersättare i samma steg."
)
CHANGE_LEFT_NONE = "inga administratörer"
CHANGE_LEFT_SOME = "bara {admins}"
CHANGE_DONE = "Ändrat för {account}: {what}."
CHANGE_WHAT_OWNER = "{name} har fått frågan att bli kontoägare"
CHANGE_WHAT_MANAGER = "{name} har fått frågan att bekräfta som närmaste chef"
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
HANDOVER_MANAGER_TITLE = "Bekräftar du att du är närmaste chef för {account}?"
HANDOVER_MANAGER_TEXT = (
    "{by} har angett dig som närmaste chef för kontot **{account}** ({unit}). Bekräfta att "
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
HANDOVER_MANAGER_DONE = "Du är nu närmaste chef för {account}."
HANDOVER_DECLINED_NOTICE = "Du har avböjt. {by} får veta det."
HANDOVER_TOLD_ACCEPTED = "{name} är nu {role} för **{account}**."
HANDOVER_TOLD_DECLINED = (
    "{name} avböjde att bli {role} för **{account}**. Välj någon annan med {command}."
)
ROLE_OWNER = "kontoägare"
ROLE_MANAGER = "närmaste chef"

# When the manager or the owner leaves the organisation
MANAGER_LEFT_TITLE = "{account} behöver en ny närmaste chef"
MANAGER_LEFT_TEXT = (
    "{name} har slutat och var närmaste chef för **{account}**. Ange vem som är chef nu – "
    "hen får bekräfta."
)
NAME_MANAGER_BUTTON = "Ange ny chef"
NAME_MANAGER_TITLE = "Ny närmaste chef"
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
