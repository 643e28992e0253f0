from bot.command_refs import cmd

# Commands
NEW_COMMENT_HELP = "Lägg till en kommentar du sett på ett av kontona"
REGISTER_SHORTCUT_HELP = "Lägg till ett meddelande som en kommentar (meddelandegenväg i Slack)"
LINK_META_HELP = (
    "Koppla en Facebooksida eller ett Instagramkonto till rätt konto i smbot: `"
    + cmd("koppla-meta")
    + " <konto> <sid-id> [facebook|instagram]`"
)
WEBHOOK_SECRET_HELP = (
    "Skapa en ny hemlighet för kommentars-webhooken: `"
    + cmd("webhook-hemlighet")
    + " <konto>`"
)
EVIDENCE_HELP = (
    "Visa ett sparat bevis: `"
    + cmd("bevis")
    + " <nummer>` (kontots administratörer och kommunikatörer)"
)

# Alert
ALERT_TITLE = "Kommentar att besvara – {account}"
ALERT_TITLE_CLOSED = "Kommentar på {account}"
ALERT_TEXT = "> {text}"
ALERT_TEXT_PURGED = "_Texten är gallrad._"
FACT_ACCOUNT = "Konto"
FACT_AUTHOR = "Från"
FACT_RECEIVED = "Mottagen"
FACT_DEADLINE = "Svara senast"
FACT_LINK = "Länk"
FACT_FORWARDED = "Vidarebefordrad till"
FACT_DIARIENUMMER = "Diarienummer"
FACT_EVIDENCE = "Bevis"
FACT_CATEGORY = "Kategori"
FACT_POLICE = "Polisanmälan"
FACT_NUMBER = "Kommentar nr"
UNKNOWN_AUTHOR = "okänd avsändare"
EVIDENCE_VALUE = "nr {id}, sparat {when} av {name}"

# A comment with a personnummer: what it is (information, not a step), then the steps.
CONFIDENTIAL_INTRO = (
    "**Kommentaren innehåller ett personnummer.** Den ska hanteras som sekretess och inte "
    "besvaras i kommentarsfältet. Kommentaren är redan sparad här.\n"
    "Gör stegen längst ned – kommentaren stängs när alla är gjorda."
)
CONFIDENTIAL_GUIDANCE = [
    "Diarieför den – tryck **Diarieför**.",
    "Flytta samtalet till en annan kanal (telefon, e-post eller e-tjänst) – tryck **Annan kanal**.",
    "Ta bort den från kontot – tryck **Markera som borttagen**.",
]

BUTTON_ANSWERED = "Besvarad"
BUTTON_FORWARD = "Vidarebefordra"
BUTTON_REGISTER = "Diarieför"
BUTTON_NO_REPLY = "Kräver inget svar"
CONFIRM_NO_REPLY = (
    "Markera kommentaren som att den inte kräver något svar? Den försvinner från listan "
    "över kommentarer att besvara."
)
CONFIRM_REMOVED = (
    "Har du tagit bort kommentaren på plattformen? Beviset sparas, och kommentaren räknas "
    "som hanterad."
)
BUTTON_ILLEGAL = "Olagligt innehåll"
BUTTON_REMOVED = "Markera som borttagen"
BUTTON_POLICE = "Polisanmälan"
BUTTON_SHOW_EVIDENCE = "Visa bevis"

STATUS_OPEN = (
    "Väntar på svar. Svara på {platform} senast {deadline} och signera med namn och titel "
    "(t.ex. ”/Anna, bibliotekarie”). Tryck sedan **Besvarad**."
)
STATUS_ANSWERED = "Besvarad {when} av {name}."
STATUS_ANSWERED_BY_PAGE = "Besvarad {when} med ett signerat svar från kontot."
STATUS_NO_REPLY = "Kräver inget svar – markerat {when} av {name}."
STATUS_ILLEGAL = "Olagligt innehåll – bevis sparat. Ta bort kommentaren och tryck **Markera som borttagen**."
STATUS_REMOVED = "Borttagen {when} av {name}."
STATUS_REMOVED_ON_PLATFORM = "Borttagen från plattformen {when}."
STATUS_REGISTERED = "Diarieförd som {number}."
STATUS_PURGED = "Gallrad {when}."

# Notices
NOT_ALLOWED = "Bara kontots administratörer, den som fått kommentaren vidarebefordrad och kommunikatörerna kan hantera den här kommentaren."
EVIDENCE_NOT_ALLOWED = (
    "Bara kontots administratörer och kommunikatörerna kan läsa och hantera bevis."
)
UNKNOWN_COMMENT = "Kommentaren finns inte."
UNKNOWN_EVIDENCE = "Beviset finns inte."
ALREADY_HANDLED = "Kommentaren är redan hanterad – inget ändrades."
ALREADY_REGISTERED = "Kommentaren är redan diarieförd ({number}) – inget ändrades."
ALREADY_EVIDENCE = "Bevis är redan sparat för den här kommentaren – inget ändrades."
ALREADY_REMOVED = "Kommentaren är redan markerad som borttagen – inget ändrades."
ALREADY_POLICE = "Ett polisanmälningsnummer är redan registrerat ({number}) – inget ändrades."
EVIDENCE_FIRST = "Spara bevis först: tryck **Olagligt innehåll** och välj kategori. Först därefter kan kommentaren markeras som borttagen."
PURGED_NO_EVIDENCE = "Kommentarens text är gallrad, så inget bevis kan sparas."
ANSWERED_NOTICE = "Kommentaren är markerad som besvarad."
NO_REPLY_NOTICE = "Kommentaren är markerad som att den inte kräver svar."
FORWARDED_NOTICE = "Kommentaren är vidarebefordrad till {name}. Tidsgränsen ändras inte: svara senast {deadline}."
REGISTERED_NOTICE = "Kommentaren är diarieförd som {number}. Den gallras inte."
EVIDENCE_NOTICE = "Bevis nr {id} är sparat (SHA-256 {sha}). Ta nu bort kommentaren från kontot och tryck **Markera som borttagen**. Kommunikatörerna är informerade."
REMOVED_NOTICE = "Kommentaren är markerad som borttagen."
POLICE_NOTICE = "Polisanmälan {number} är registrerad på bevis nr {id}."
NO_ACCOUNTS = (
    "Du är inte administratör för något aktivt konto, så du kan inte lägga till kommentarer."
)
COMMENT_SAVED = "Kommentaren är sparad (nr {id}). Svara senast {deadline}."
COMMENT_SAVED_CONFIDENTIAL = "Kommentaren är sparad (nr {id}). Svara senast {deadline}. Den innehåller ett personnummer – följ instruktionerna i meddelandet du fått."

# Forms
FORWARD_TITLE = "Vidarebefordra"
FORWARD_INTRO = "Välj vem som ska svara. Tidsgränsen ändras inte: svara senast {deadline}."
FORWARD_PERSON = "Till"
FORWARD_SUBMIT = "Vidarebefordra"
FORWARD_SAME = "Kommentaren är redan vidarebefordrad till den personen."
FORWARD_REQUIRED = "Välj en person."
REGISTER_TITLE = "Diarieför"
REGISTER_LABEL = "Diarienummer"
REGISTER_PLACEHOLDER = "t.ex. KS 2026/123"
REGISTER_SUBMIT = "Spara"
REGISTER_REQUIRED = "Skriv diarienumret."
REGISTER_TOO_LONG = "Diarienumret får vara högst 100 tecken."
ILLEGAL_TITLE = "Olagligt innehåll"
ILLEGAL_INTRO = "Välj vilket slags olagligt innehåll det är (enligt 5 § lagen om ansvar för elektroniska anslagstavlor). Ett bevis sparas **innan** kommentaren får tas bort: innehåll, avsändare, tid och länk, med en SHA-256-kontrollsumma."
ILLEGAL_CATEGORY = "Kategori"
ILLEGAL_SUBMIT = "Spara bevis"
ILLEGAL_CATEGORY_REQUIRED = "Välj en kategori."
POLICE_TITLE = "Polisanmälan"
POLICE_LABEL = "Polisanmälans diarienummer"
POLICE_SUBMIT = "Spara"
POLICE_REQUIRED = "Skriv anmälans nummer."
POLICE_TOO_LONG = "Numret får vara högst 100 tecken."
NEW_TITLE = "Lägg till kommentar"
NEW_INTRO = "Lägg till en kommentar, ett inlägg eller ett meddelande som kom till kontot. Tiden för svar räknas från när den kom."
NEW_SUBMIT = "Lägg till"
NEW_ACCOUNT = "Konto"
NEW_AUTHOR = "Avsändare (namn)"
NEW_TEXT = "Kommentarens text"
NEW_LINK = "Länk till kommentaren"
NEW_RECEIVED = "Mottagen"
NEW_RECEIVED_HINT = "När kommentaren kom till kontot. Svarstiden räknas därifrån; ändra om den kom tidigare."
NEW_ACCOUNT_REQUIRED = "Välj ett konto."
NEW_ACCOUNT_NOT_ALLOWED = "Du är inte administratör för det kontot."
NEW_TEXT_REQUIRED = "Skriv kommentarens text."
NEW_TEXT_TOO_LONG = "Texten får vara högst 5000 tecken."
NEW_LINK_INVALID = "Länken måste börja med https:// eller http://."
NEW_RECEIVED_INVALID = "Välj både datum och klockslag (ÅÅÅÅ-MM-DD TT:MM, t.ex. 2026-12-01 14:30)."
NEW_RECEIVED_FUTURE = "Tiden kan inte ligga i framtiden. Välj när kommentaren kom, senast nu."

CATEGORIES = {
    "olaga_hot": "Olaga hot",
    "hets_mot_folkgrupp": "Hets mot folkgrupp",
    "olaga_integritetsintrang": "Olaga integritetsintrång",
    "uppvigling": "Uppvigling",
    "barnpornografibrott": "Barnpornografibrott",
    "olaga_valdsskildring": "Olaga våldsskildring",
    "terrorism": "Offentlig uppmaning, rekrytering eller utbildning till terrorism",
    "upphovsratt": "Uppenbart upphovsrättsintrång",
}

# Escalations and notices to communicators
OVERDUE_SUMMARY = "Obesvarad kommentar på {account} (nr {id}), skulle ha besvarats senast {deadline}"
ILLEGAL_SUMMARY = "Olagligt innehåll på {account} (kommentar nr {id}): {category}"

# Unsigned reply
UNSIGNED_TITLE = "Svaret saknar namn och titel – {account}"
UNSIGNED_TEXT = "Kontot svarade på en kommentar utan att signera med namn och titel. Enligt riktlinjen ska svar signeras, t.ex. ”/Anna Andersson, bibliotekarie” eller ”Hälsningar Anna, kommunikatör”. Redigera svaret; kommentaren räknas som besvarad när svaret är signerat (eller tryck **Besvarad** i påminnelsen)."
UNSIGNED_REPLY = "Svaret"
UNSIGNED_COMMENT = "Kommentaren"

# Evidence view
EVIDENCE_TITLE = "Bevis nr {id} – {category}"
EVIDENCE_TEXT = "> {text}"
EVIDENCE_FACTS = {
    "platform": "Plattform",
    "account_name": "Konto",
    "permalink": "Länk",
    "external_id": "Id",
    "parent_external_id": "Förälder",
    "post_external_id": "Inlägg",
    "author_name": "Avsändare",
    "author_id": "Avsändarens id",
    "author_profile": "Profil",
    "created_time": "Skapad",
    "received_at": "Mottagen",
    "captured_at": "Sparad",
    "captured_by_name": "Sparad av",
}
EVIDENCE_SHA = "SHA-256: `{sha}`"

# Links and secrets
LINK_USAGE = (
    "Skriv: `"
    + cmd("koppla-meta")
    + " <konto> <sid-id> [facebook|instagram]` – kontot med sitt namn (eller nummer i kontoregistret)."
)
LINK_BAD_ID = "Sidans id ska vara siffror (Facebooksidans eller Instagramkontots id)."
LINK_DONE = "{platform}-id {external_id} är kopplat till {account}. Kommentarer därifrån kommer nu in automatiskt."
LINK_MOVED = "{platform}-id {external_id} var kopplat till {old}; nu till {account}."
SECRET_USAGE = "Skriv: `" + cmd("webhook-hemlighet") + " <konto>` – kontot med sitt namn (eller nummer i kontoregistret)."
SECRET_TITLE = "Webhook-hemlighet för {account}"
SECRET_TEXT = "Hemligheten visas **bara nu**. Spara den i lösenordshanteraren; en ny hemlighet ersätter den gamla.\n\n`{secret}`\n\nSkicka `POST /webhooks/comments` med rubrikerna `X-Smbot-Account: {account_id}` och `X-Smbot-Signature: sha256=<HMAC-SHA256 av kroppen>`."
UNKNOWN_ACCOUNT = "Kontot ”{ref}” finns inte."
PLATFORM_NAMES = {"facebook": "Facebook", "instagram": "Instagram"}

# Summary
SUMMARY_OPEN = "Kommentar nr {id}, mottagen {received} – svara senast {deadline}"
SUMMARY_LATE = "⚠️ **Kommentar nr {id} är försenad** – skulle ha besvarats senast {deadline}"
SUMMARY_CONFIDENTIAL = " (innehåller personnummer – hantera som sekretess)"
SUMMARY_ILLEGAL = (
    "Kommentar nr {id}: olagligt innehåll, bevis sparat – ta bort kommentaren och tryck **Markera som borttagen**"
)

PURGED_MESSAGE = "(gallrad)"

# --- Issue 9: versions, deletion, threats, removal deadline, batches, reply checks ---
ALERT_VERSIONS = "Skribenten har ändrat eller tagit bort kommentaren. Alla versioner:\n\n{history}"
VERSION_LINE = "**Version {number}** ({kind} {when}):\n> {text}"
VERSION_KINDS = {"received": "mottagen", "edited": "ändrad"}
VERSION_DELETED = "**Borttagen på plattformen** {when}."
EDITED_TITLE = "Kommentar nr {id} på {account} har ändrats av skribenten"
DELETED_TITLE = "Kommentar nr {id} på {account} har tagits bort på plattformen"
FACT_THREAT = "Ord som tyder på hot eller hat"
ILLEGAL_VERSION = "Vilken version ska sparas som bevis?"
ILLEGAL_VERSION_REQUIRED = "Välj vilken version som ska sparas."
ILLEGAL_VERSION_OPTION = "Version {number} ({kind} {when}): {text}"
EVIDENCE_VERSION = "Version {number} av {count}"
REMOVAL_SUMMARY = (
    "Olagligt innehåll på {account} (kommentar nr {id}) är inte borttaget – "
    "det skulle ha tagits bort senast {due}"
)
REMOVAL_REMINDER_TITLE = "Påminnelse: olagligt innehåll är inte borttaget"
REMOVAL_REMINDER_TEXT = (
    "Kommentar nr {id} på {account}: bevis sparades {saved}, men inlägget är inte markerat "
    "som borttagen (skulle ha varit senast {due}). Ta bort den på plattformen och tryck "
    "**Markera som borttagen**."
)
FACT_REMOVAL_DUE = "Ska vara borttaget senast"
SUMMARY_REMOVED = "Kommentar nr {id}: olagligt innehåll, borttaget {when}"
BATCH_TITLE = "Nya kommentarer att besvara ({count})"
BATCH_LINE = "**{account}**: kommentar nr {id}, mottagen {received} – svara senast {deadline}"
BATCH_TEXT = (
    "Läs dem via länkarna. De kommer med text och knappar på morgonen den dag de ska vara "
    "besvarade – svara gärna redan i dag."
)
FACT_VERSION = "Version"

# --- Issue 9: the reply as posted, confidential steps, own posts, /granska ---
ANSWER_TITLE = "Besvarad"
ANSWER_INTRO = (
    "Klistra in svaret så som det publicerades, eller länken till det. Svaret kontrolleras "
    "mot riktlinjen: namn och titel, inga personnummer och vårdat språk."
)
ANSWER_TEXT_LABEL = "Svaret (text)"
ANSWER_TEXT_HINT = "Som det står på plattformen, med signaturen."
ANSWER_LINK_LABEL = "Länk till svaret"
ANSWER_LINK_HINT = "Om du inte klistrar in texten. Då kontrolleras svaret inte här."
ANSWER_SUBMIT = "Markera besvarad"
ANSWER_REQUIRED = "Klistra in svaret, eller länken till det."
ANSWER_TOO_LONG = "Svaret får vara högst 5000 tecken."
ANSWER_LINK_INVALID = "Länken måste börja med https:// eller http://."
ANSWER_UNSIGNED = (
    "Svaret saknar namn och titel. Enligt riktlinjen signeras svar alltid, t.ex. "
    "”/Anna Andersson, bibliotekarie”. Lägg till signaturen i svaret på plattformen och "
    "klistra in det igen."
)
ANSWER_PERSONNUMMER = (
    "Svaret innehåller ett personnummer. Sekretessbelagda uppgifter får inte förekomma: "
    "ta bort personnumret ur svaret på plattformen och klistra in det rättade svaret."
)
ANSWER_NOT_CLOSED = "Kommentaren är inte stängd."
ANSWER_CONFIDENTIAL = (
    "Kommentaren innehåller ett personnummer och kan inte stängas som besvarad. Följ stegen "
    "i meddelandet: **Diarieför**, **Annan kanal** och **Markera som borttagen**."
)
NO_REPLY_CONFIDENTIAL = (
    "Kommentaren innehåller ett personnummer och kan inte markeras som att den inte kräver "
    "svar. Följ stegen i meddelandet: **Diarieför**, **Annan kanal** och **Markera som "
    "borttagen**."
)
ANSWERED_LINK_NOTICE = (
    "Kommentaren är markerad som besvarad. Bara länken sparades, så svaret kontrollerades "
    "inte här (namn och titel, personnummer, ton)."
)
ANSWERED_ANYWAY_NOTICE = (
    "Kommentaren är markerad som besvarad trots anmärkningarna om tonen. Valet är sparat."
)
TONE_TITLE = "Svarets ton"
TONE_INTRO = (
    "Svaret är signerat, men riktlinjen ber om vårdat språk. Det här sticker ut:\n"
    "{remarks}\n\nRätta svaret på plattformen, eller stäng kommentaren ändå. Valet sparas."
)
TONE_CHOICE = "Vad vill du göra?"
TONE_FIX = "Rätta svaret först"
TONE_CLOSE = "Stäng ändå – svaret får stå"
TONE_SUBMIT = "Spara valet"
TONE_CHOICE_REQUIRED = "Välj ett av alternativen."
TONE_FIX_NOTICE = (
    "Rätta svaret på plattformen och tryck **Besvarad** igen. Kommentaren är fortfarande öppen."
)
TONE_NOTHING_PENDING = "Det finns inget svar att ta ställning till – tryck **Besvarad** igen."
FACT_REPLY_LINK = "Länk till svaret"
STATUS_REPLY_UNCHECKED = "Svaret lämnades som länk och kontrollerades inte."
STATUS_REPLY_TONE = "Stängd trots anmärkning om tonen: {remarks}."

# Confidential data: the guideline's steps, each a button
BUTTON_MOVED = "Annan kanal"
BUTTON_CONFIDENTIAL_REMOVED = BUTTON_REMOVED  # one label for removing a comment
CONFIRM_CONFIDENTIAL_REMOVED = (
    "Har du tagit bort kommentaren från plattformen? Den är sparad här med sin text."
)
MOVED_TITLE = "Flytta samtalet"
MOVED_INTRO = (
    "Sekretessbelagda uppgifter hanteras inte i kommentarsfältet. Var fortsätter kontakten "
    "med den som skrev?"
)
MOVED_LABEL = "Kanal"
MOVED_SUBMIT = "Spara"
MOVED_REQUIRED = "Välj en kanal."
CHANNELS = {
    "telefon": "telefon",
    "e-post": "e-post",
    "e-tjanst": "e-tjänst",
    "brev": "brev",
    "besok": "besök",
    "ingen": "ingen fortsatt kontakt behövs",
}
ALREADY_MOVED = "Samtalet är redan flyttat ({channel}) – inget ändrades."
ALREADY_CONFIDENTIAL_REMOVED = "Kommentaren är redan markerad som borttagen – inget ändrades."
NOT_CONFIDENTIAL = "Kommentaren innehåller inget personnummer – stegen för sekretess gäller inte."
STEP_NAMES = {
    "registered": "diarieföra",
    "moved": "flytta samtalet till en annan kanal",
    "removed": "ta bort kommentaren från kontot",
}
STEP_SAVED_NOTICE = "Steget är sparat. Kvar: {left}."
CONFIDENTIAL_DONE_NOTICE = (
    "Alla steg är gjorda: kommentaren är diarieförd, samtalet flyttat och kommentaren "
    "borttagen från kontot. Den är nu stängd. Kommunikatörerna ser det i sitt meddelande."
)
STATUS_CONFIDENTIAL_OPEN = (
    "Innehåller personnummer – hanteras som sekretess, inte med ett svar. Kvar: {left}."
)
STATUS_CONFIDENTIAL_HANDLED = (
    "Hanterad som sekretess {when}: diarieförd, samtalet flyttat ({channel}), borttagen "
    "från kontot."
)
CONFIDENTIAL_SUMMARY = (
    "Kommentar med personnummer på {account} (nr {id}) är inte hanterad – stegen skulle "
    "vara klara senast {deadline}"
)

# The account's own replies and posts with a personnummer
OWN_PNR_TITLE = "Personnummer i kontots eget {kind} – {account}"
OWN_PNR_KINDS = {"reply": "svar", "post": "inlägg"}
OWN_PNR_TEXT = (
    "Kontot har publicerat ett {kind} med ett personnummer. Sekretessbelagda uppgifter får "
    "inte förekomma: **ta bort det på plattformen nu**, publicera det igen utan "
    "personnumret, och för samtalet vidare i en annan kanal. Texten (personnumret dolt):\n\n"
    "> {text}"
)
FACT_PLATFORM_ID = "Id"

# /granska
GRANSKA_HELP = (
    "granska ett utkast till svar eller inlägg innan du publicerar: namn och titel, "
    "personnummer, ton och läsbarhet (LIX). Inget sparas"
)
GRANSKA_NOT_ALLOWED = (
    "Bara administratörer för ett konto och kommunikatörerna kan granska utkast här."
)
GRANSKA_TITLE = "Granska ett utkast"
GRANSKA_INTRO = (
    "Klistra in texten innan du publicerar den. Den kontrolleras mot riktlinjen och sparas inte."
)
GRANSKA_LABEL = "Utkast"
GRANSKA_SUBMIT = "Granska"
GRANSKA_REQUIRED = "Klistra in utkastet."
GRANSKA_TOO_LONG = "Utkastet får vara högst 5000 tecken."
GRANSKA_RESULT_TITLE = "Granskning av utkastet"
GRANSKA_SIGNED = "**Namn och titel:** finns."
GRANSKA_UNSIGNED = "**Namn och titel:** saknas. Avsluta med t.ex. ”/Anna Andersson, bibliotekarie”."
GRANSKA_NO_PNR = "**Personnummer:** inga."
GRANSKA_PNR = (
    "**Personnummer:** {count} i texten. Ta bort – sekretessbelagda uppgifter får inte förekomma."
)
GRANSKA_TONE_OK = "**Ton:** vårdad."
GRANSKA_TONE = "**Ton:** tänk över det här:"
GRANSKA_LIX = "**Läsbarhet:** LIX {lix} – {verdict}. {words} ord i {sentences}, {long}."
GRANSKA_LONG_SENTENCE = "Lång mening ({words} ord), dela upp den: ”{start} …”"
GRANSKA_LONG_WORDS = "Långa ord, byt gärna mot vanligare: {words}"
GRANSKA_HARD = (
    "Korta meningarna och byt långa ord mot vanliga – texter till allmänheten bör ha LIX under 40."
)
GRANSKA_READY = "Utkastet följer riktlinjen. Publicera det och tryck **Besvarad** på kommentaren."
GRANSKA_NOT_READY = "Rätta det som är markerat innan du publicerar."
