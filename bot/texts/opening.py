"""Opening an account: the application, the decisions, the register."""

from __future__ import annotations

from bot.command_refs import cmd

# Commands
COMMAND_NEW = (
    "Ansök om ett nytt officiellt konto i sociala medier, en fråga i taget i chatten med "
    "boten eller med formuläret"
)
COMMAND_MINE = "Visa dina konton och vad de väntar på"
COMMAND_REGISTER = (
    "Visa kontoregistret: sammanfattning, vad som behöver åtgärdas och hela registret som "
    "CSV- och Excel-fil"
)

# Platforms (value → label)
PLATFORMS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "annat": "Annat",
}

# The application form
FORM_TITLE = "Ansök om nytt konto"
FORM_EDIT_TITLE = "Ändra ansökan"
FORM_SUBMIT = "Skicka ansökan"
FORM_RESUBMIT = "Skicka igen"
FORM_INTRO = (
    "För ett officiellt konto i {org}s namn krävs enligt riktlinjen:\n"
    "- din närmaste chefs godkännande\n"
    "- att en kommunikatör godkänner syfte och målgrupp\n"
    "- ett tjänstekonto som ni sätter upp tillsammans\n"
    "- minst {min_admins}\n\n"
    "**Skriv aldrig lösenord här** – inloggningsuppgifterna lämnar du direkt till kommunikatören."
)
FORM_EDIT_INTRO = (
    "Kommunikatören bad om komplettering:\n> {comment}\nÄndra det som behövs och skicka igen."
)
LABEL_PLATFORM = "Plattform"
LABEL_PLATFORM_OTHER = "Om annan plattform: vilken?"
LABEL_NAME = "Kontots namn"
PLACEHOLDER_NAME = "T.ex. Forshaga bibliotek"
LABEL_UNIT = "Verksamhet"
PLACEHOLDER_UNIT = "T.ex. Kultur och fritid, biblioteket"
LABEL_PURPOSE = "Syfte"
PLACEHOLDER_PURPOSE = "Vad ska kontot användas till, och varför just den här kanalen?"
LABEL_AUDIENCE = "Målgrupp"
PLACEHOLDER_AUDIENCE = "Vilka vill ni nå?"
LABEL_RESOURCES = "Resurser"
PLACEHOLDER_RESOURCES = "Vilka arbetar med kontot, och ungefär hur många timmar i veckan?"
LABEL_MANAGER = "Närmaste chef"
HINT_MANAGER = "Din chef får en fråga om att godkänna att du använder sociala medier i tjänsten."
LABEL_CO_ADMINS = "Medadministratörer"
HINT_CO_ADMINS = (
    "Minst {min_admins_number} ska kunna administrera kontot: du och minst {others} till. "
    "De får en fråga."
)
LABEL_DUTIES = "Jag bekräftar att"
# The duties themselves are the guideline's (guideline/*.toml, bot/guideline/words.duty_texts).

# Validation
ERROR_EMPTY = "Fyll i det här fältet."
ERROR_TOO_LONG = "Högst {max} tecken (nu {length})."
ERROR_PLATFORM = "Välj en plattform."
ERROR_PLATFORM_OTHER = "Skriv vilken plattform det gäller."
ERROR_MANAGER_MISSING = "Välj din närmaste chef."
ERROR_MANAGER_IS_APPLICANT = "Du kan inte godkänna din egen ansökan – välj din närmaste chef."
ERROR_CO_ADMIN_IS_APPLICANT = "Du är redan administratör som sökande – välj andra personer här."
ERROR_CO_ADMINS_MISSING = "Välj minst en medadministratör utöver dig själv."
ERROR_DUTIES_MISSING = "Kryssa i alla {total} punkterna – {missing} saknas."
PASSWORD_REASONS = {
    "keyword": "Det här ser ut som ett lösenord (ordet lösenord/password följt av ett värde).",
    "token": "Det här ser ut som en inloggningsnyckel eller en adress med lösenord i.",
    "complex": (
        "Det här ser ut som ett lösenord (ett ord med stora och små bokstäver, siffror och tecken)."
    ),
    "random": "Det här ser ut som ett genererat lösenord (en slumpmässig teckenföljd).",
}
# Fits every form, the communicator's own service-account form included (finding 6a).
PASSWORD_ADVICE = (
    " smbot sparar aldrig lösenord – skriv bara var inloggningsuppgifterna förvaras, "
    "t.ex. namnet på posten i lösenordshanteraren."
)

# Refusals and notices
NOT_FOUND = "Ansökan finns inte längre."
NOT_PENDING = "Ansökan är redan avgjord – {outcome}. Inget ändrades."
ONLY_MANAGER = "Bara den närmaste chef som angavs i ansökan kan besluta om den."
ONLY_NOMINEE = "Bara den som nominerades kan svara på nomineringen."
ONLY_APPLICANT = "Bara den som ansökte kan göra det här."
ONLY_APPLICANT_OR_COMMUNICATOR = "Bara den som ansökte eller en kommunikatör kan göra det här."
MANAGER_ALREADY_DECIDED = "Chefen har redan beslutat om ansökan – inget ändrades."
NOMINATION_ALREADY_ANSWERED = "Nomineringen är redan besvarad – inget ändrades."
NOT_YET_APPROVED = "Ansökan väntar fortfarande på chefens godkännande."
ALREADY_ANCHORED = "Ansökan är redan förankrad – inget ändrades."
COMPLETION_PENDING = "Ansökan väntar på komplettering från den sökande."
NO_COMPLETION_REQUESTED = "Ingen komplettering är begärd – det finns inget att ändra just nu."
OWN_APPLICATION = "Någon annan kommunikatör än den sökande behöver göra det här steget."
NOT_YET_ANCHORED = "Ansökan måste förankras innan tjänstekontot läggs in."
SERVICE_ACCOUNT_DONE = "Tjänstekontot är redan inlagt – inget ändrades."
APPROVED_NOTICE = "Du har godkänt ansökan om {name}. Kommunikatörerna tar vid."
REJECTED_NOTICE = "Du har avslagit ansökan om {name}. Den sökande får veta varför."
ACCEPTED_NOTICE = "Tack! Du blir administratör för {name} när kontot är klart."
ACCEPTED_ACTIVE_NOTICE = "Tack! Du är nu administratör för {name}."
DECLINED_NOTICE = "Du har tackat nej till att administrera {name}. Den sökande får veta."
ANCHORED_NOTICE = "Ansökan om {name} är förankrad. Lägg in tjänstekontot när det är uppsatt."
COMPLETION_NOTICE = "Den sökande har fått din begäran om komplettering."
RESUBMITTED_NOTICE = "Ansökan om {name} är skickad igen."
SERVICE_ACCOUNT_NOTICE = "Tjänstekontot för {name} är inlagt."
WITHDRAWN_NOTICE = "Du har dragit tillbaka ansökan om {name}."
NOMINATED_NOTICE = "{names} har fått en fråga om att bli administratör."
NOMINEES_MISSING = "Välj minst en person."
NOMINEE_IS_OWNER = "Den sökande är redan administratör – välj någon annan."
NOMINEE_ALREADY = "{names} är redan nominerad eller administratör."

# Status
STATUS = {
    "pending": "Väntar",
    "rejected": "Avslagen",
    "withdrawn": "Dragen tillbaka",
    "active": "Aktivt",
    "paused": "Pausat",
    "closed": "Stängt",
}
# How a decided application ended, as a clause ("ansökan" and "kontot" differ in gender).
OUTCOME = {
    "pending": "ansökan väntar fortfarande",
    "rejected": "ansökan är avslagen",
    "withdrawn": "ansökan är dragen tillbaka",
    "active": "kontot är aktivt",
    "paused": "kontot är pausat",
    "closed": "kontot är stängt",
}
ADMIN_STATUS = {
    "nominated": "nominerad",
    "accepted": "accepterat",
    "declined": "tackat nej",
    "removed": "borttagen",
}
ADMIN_OWNER = "sökande"
WAIT_MANAGER = "godkännande från närmaste chef ({name})"
WAIT_COMPLETION = "komplettering från den sökande ({name})"
WAIT_ANCHORING = "förankring hos en kommunikatör"
WAIT_SERVICE_ACCOUNT = "att tjänstekontot läggs in (kommunikatör)"
WAIT_NOMINEE = "svar från {name} om att bli administratör"
WAIT_MORE_ADMINS = "fler administratörer – {missing} till behöver nomineras av den sökande"

# Facts
FACT_PLATFORM = "Plattform"
FACT_NAME = "Konto"
FACT_UNIT = "Verksamhet"
FACT_PURPOSE = "Syfte"
FACT_AUDIENCE = "Målgrupp"
FACT_RESOURCES = "Resurser"
FACT_APPLICANT = "Sökande"
FACT_MANAGER = "Närmaste chef"
FACT_ADMINS = "Administratörer"
FACT_SERVICE_ACCOUNT = "Tjänstekonto"
FACT_CREDENTIALS = "Inloggningsuppgifter förvaras"

# Messages: the manager
MANAGER_REQUEST_TITLE = "Godkänner du ett nytt konto i sociala medier?"
MANAGER_REQUEST_TEXT = (
    "{applicant} vill starta ett officiellt konto för {org}. Med ditt godkännande klargörs "
    "att {applicant} använder sociala medier som anställd, inte som privatperson."
)
APPROVE = "Godkänn"
REJECT = "Avslå"
DECIDED_APPROVED = "✅ Godkänd av {name} {at}."
DECIDED_REJECTED = "❌ Avslagen av {name} {at}. Skäl: {reason}"
DECIDED_WITHDRAWN = "↩️ Ansökan drogs tillbaka av den sökande {at}."
DECIDED_REPLACED = "Ansökan skickades till en annan chef {at}."
REJECT_FORM_TITLE = "Avslå ansökan"
REJECT_FORM_SUBMIT = "Avslå"
REJECT_FORM_INTRO = "Den sökande får se skälet."
LABEL_REASON = "Skäl"

# Messages: co-admins
ADMIN_REQUEST_TITLE = "Vill du bli administratör för ett konto i sociala medier?"
ADMIN_REQUEST_TEXT = (
    "{by} har nominerat dig som administratör för {name} ({platform}). En administratör "
    "ansvarar för kontot tillsammans med de andra: dagliga uppdateringar, svar inom "
    "{reply_within} och skärmdumpar {documentation_every}. När du accepterar bekräftar du att "
    "du har läst riktlinjen ({title}, version {version})."
)
ACCEPT = "Acceptera"
DECLINE = "Avböj"
CONFIRM_DECLINE = (
    "Vill du tacka nej till att bli administratör? Den som ansökte får veta det och "
    "behöver nominera någon annan."
)
ANSWERED_ACCEPTED = "✅ Du accepterade {at}."
ANSWERED_DECLINED = "Du tackade nej {at}."
NOMINATION_CLOSED = "Nomineringen gäller inte längre: {outcome}."
NOMINATION_WITHDRAWN = "Nomineringen är återkallad."

# Messages: the applicant
RECEIPT_TITLE = "Din ansökan om {name} är skickad"
RECEIPT_TEXT = (
    "Så här går det till: din chef godkänner, en kommunikatör förankrar syfte och målgrupp "
    "och sätter upp tjänstekontot med dig, och minst {min_admins} accepterar. "
    "Du ser läget när som helst i din översikt: **" + cmd("mina-konton") + "**."
)
WITHDRAW = "Dra tillbaka ansökan"
CONFIRM_WITHDRAW = (
    "Dra tillbaka ansökan om {name}? Chefen och de nominerade administratörerna får veta det. "
    "Det går inte att ångra – vill du fortsätta senare gör du en ny ansökan."
)
APPROVED_TO_APPLICANT = (
    "{manager} har godkänt din ansökan om {name}. Nu förankrar en kommunikatör den."
)
REJECTED_TO_APPLICANT_TITLE = "Din ansökan om {name} avslogs"
REJECTED_TO_APPLICANT = (
    "{manager} avslog ansökan. Skäl: {reason}\n\n"
    "Har du frågor? Prata med {manager} eller kommunikatörerna. Vill du försöka igen "
    "gör du en ny ansökan – tryck **Ny ansökan**."
)
NEW_APPLICATION = "Ny ansökan"
ACCEPTED_TO_APPLICANT = "{name} har accepterat att bli administratör för {account}."
DECLINED_TO_APPLICANT = (
    "{name} tackade nej till att bli administratör för {account}. "
    "Kontot behöver minst {min} administratörer – nominera någon annan så att ansökan kan gå vidare."
)
NOMINATE_OTHER = "Nominera någon annan"
ANCHORED_TO_APPLICANT = (
    "{communicator} har förankrat syfte och målgrupp för {name}. Nästa steg: {communicator} "
    "hör av sig för att sätta upp tjänstekontot med dig. Ge inloggningsuppgifterna direkt "
    "till hen – aldrig här i chatten."
)
COMPLETION_TO_APPLICANT_TITLE = "Komplettera din ansökan om {name}"
COMPLETION_TO_APPLICANT = "{communicator} ber om komplettering:\n> {comment}"
EDIT = "Ändra ansökan"
ACTIVE_TITLE = "{name} är aktivt 🎉"
ACTIVE_TEXT = (
    "Alla steg är klara: chefens godkännande, förankring, tjänstekonto och minst "
    "{min_admins}. Som administratör ansvarar du för att:"
)
DUTY_CHECKLIST = [
    "uppdatera kontot varje arbetsdag",
    "besvara frågor och kommentarer inom {reply_within}, med namn och titel",
    "låta {org} synas som avsändare och följa den grafiska profilen",
    "ange svarstid och kommentarsregler i kontots informationstext",
    "spara skärmdumpar av kontot {documentation_every} och inför större ändringar",
    "spara innehåll och avsändare innan olagligt innehåll tas bort",
    "aldrig publicera sekretessbelagda uppgifter och följa GDPR",
]

# Messages: the communicators
REVIEW_TITLE = "Ny ansökan att förankra: {name}"
# The title of the review card and the receipt once the application is decided.
TITLE_ACTIVE = "{name} – aktivt sedan {date}"
TITLE_DECIDED = {
    "rejected": "Avslagen: ansökan om {name}",
    "withdrawn": "Dragen tillbaka: ansökan om {name}",
    "paused": "{name} – pausat",
    "closed": "{name} – stängt",
}
REVIEW_TEXT = (
    "{manager} har godkänt ansökan från {applicant}. Förankra syfte och målgrupp, eller "
    "begär komplettering. Efter förankringen sätts tjänstekontot upp och läggs in här."
)
REVIEW_RESUBMITTED = "**Ändrat i version {revision}:** {fields}."
REVIEW_RESUBMITTED_SAME = "Ansökan är skickad igen utan ändringar (version {revision})."
REVIEW_SUPERSEDED_TITLE = "Ersatt: ansökan om {name}, version {revision}"
REVIEW_SUPERSEDED = (
    "Den sökande har ändrat ansökan. Version {revision} finns i ett nytt meddelande nedan – "
    "gör nästa steg där."
)
ANCHOR = "Förankra"
REQUEST_COMPLETION = "Begär komplettering"
REGISTER_SERVICE_ACCOUNT = "Lägg in tjänstekonto"
HISTORY_APPROVED = "👍 Godkänd av chefen {name} {at}."
HISTORY_ACCEPTED = "🤝 {name} accepterade att bli administratör {at}."
REVIEW_ANCHORED = "✅ Förankrad av {name} {at}."
REVIEW_COMPLETION = "✏️ Komplettering begärd av {name} {at}: {comment}"
REVIEW_SERVICE_ACCOUNT = "🔐 Tjänstekontot inlagt av {name} {at}."
REVIEW_ACTIVE = "🎉 Kontot blev aktivt {at}."
REVIEW_REJECTED = "❌ Avslagen av chefen {at}."
REVIEW_WITHDRAWN = "↩️ Dragen tillbaka av den sökande {at}."
REVIEW_WAITING = "Väntar på: {items}."
COMPLETION_FORM_TITLE = "Begär komplettering"
COMPLETION_FORM_SUBMIT = "Skicka"
LABEL_COMPLETION = "Vad behöver kompletteras?"
NOMINATE_FORM_TITLE = "Nominera administratör"
NOMINATE_FORM_SUBMIT = "Nominera"
LABEL_NOMINEES = "Vem eller vilka?"

# The service-account form
SERVICE_FORM_TITLE = "Lägg in tjänstekonto"
SERVICE_FORM_SUBMIT = "Spara"
SERVICE_FORM_INTRO = (
    "**{name}** ({platform}). Lägg in tjänstekontot när det är uppsatt. "
    "**Skriv inget lösenord** – bara var inloggningsuppgifterna förvaras."
)
LABEL_SERVICE_URL = "Kontots adress eller användarnamn"
PLACEHOLDER_SERVICE_URL = "Adress (https://…) eller användarnamn (@…)"
LABEL_CREDENTIALS = "Inloggningsuppgifter"
CREDENTIALS_CONFIRM = "Jag har tagit emot inloggningsuppgifterna"
LABEL_REFERENCE = "Var förvaras uppgifterna?"
PLACEHOLDER_REFERENCE = "T.ex. lösenordshanterarens post ”Sociala medier / Bibliotek FB”"
ERROR_SERVICE_URL = "Ange en adress (https://…) eller ett användarnamn, utan mellanslag."
ERROR_CREDENTIALS = "Bekräfta att du har tagit emot inloggningsuppgifterna."

# Listings
MINE_TITLE = "Dina konton"
MINE_EMPTY = (
    "Du har inga konton eller ansökningar än. Ansök om ett nytt med **" + cmd("nytt-konto") + "**."
)
MINE_FOR_YOU = "**Väntar på dig**"
MINE_ACCOUNTS = "**Dina konton**"
MINE_MANAGER_ITEM = "- Besluta om ansökan från {applicant} om **{name}** ({platform})"
MINE_NOMINEE_ITEM = "- Svara på nomineringen som administratör för **{name}** ({platform})"
MINE_FOR_COMMUNICATORS = "**Väntar på kommunikatörerna**"
MINE_MANAGED = "**Konton du är chef för**"
MINE_MANAGED_REPORT = "Månadsrapporten för dem: **" + cmd("rapport") + "**"
MINE_REVIEW_ITEM = "- Förankra **{name}** ({platform}) från {applicant}"
MINE_REGISTER_ITEM = "- Lägg in tjänstekontot för **{name}** ({platform})"
NOMINATE = "Nominera administratör"
LINE_REJECTED = "   Skäl: {reason}"
MINE_FOOTER = "Ny ansökan: **" + cmd("nytt-konto") + "** · Hjälp: **" + cmd("hjälp") + "**"
LINE_ACCOUNT = "**{name}** ({platform}) – {status}"
LINE_WAITING = "   Väntar på: {items}"
LINE_ADMINS = "   Administratörer: {admins}"
LINE_ACTIVE_SINCE = "aktivt sedan {date}"
LINE_COMPLETION = "   Kommunikatören bad om komplettering: {comment}"
REGISTER_TITLE = "Kontoregister"
REGISTER_EMPTY = "Registret är tomt."
REGISTER_LINE = (
    "**{name}** ({platform}) · {status} · {unit}\n   Administratörer: {admins} · "
    "Ansökt {submitted}{activated}"
)
REGISTER_ACTIVATED = " · Aktivt sedan {date}"
REGISTER_MORE_WAITING = "… och {count} till: skriv kontoregister väntande."
REGISTER_PENDING_ARG = ("väntande", "vantande", "pending")
NONE = "–"

# CSV
CSV_HEADER = [
    "id",
    "plattform",
    "konto",
    "verksamhet",
    "status",
    "sökande",
    "närmaste chef",
    "administratörer",
    "nominerade",
    "syfte",
    "målgrupp",
    "resurser",
    "ansökt",
    "chef godkände",
    "förankrad",
    "förankrad av",
    "tjänstekonto",
    "uppgifter förvaras",
    "tjänstekonto registrerat",
    "aktivt sedan",
    "avslutad",
    # What `smbot import accounts` needs to read the row back (people by e-mail).
    "plattformskod",
    "sökande e-post",
    "chef e-post",
    "administratörer e-post",
    "nominerade e-post",
    "förankrad av e-post",
    "registrerad",
    "dokumenterad före smbot",
    # Pause and closing (issue 8): read back by the import too.
    "pausad till",
    "pausskäl",
    "avslutas sedan",
    "avslutsskäl",
    # Who can log in (imported back), and who left (for people to read; not imported).
    "kan logga in e-post",
    "slutat",
]

# Reminders and escalations for applications that stall
REMIND_MANAGER_TITLE = "Påminnelse: {applicant} väntar på ditt beslut"
REMIND_MANAGER = (
    "Ansökan om **{name}** ({platform}) har väntat på ditt beslut sedan {date}. Godkänn eller "
    "avslå den här. Har du inte bestämt dig den {escalated} får kommunikatörerna veta det."
)
REMIND_NOMINEE_TITLE = "Påminnelse: vill du bli administratör för {name}?"
REMIND_NOMINEE = "{by} väntar på ditt svar sedan {date}. Svara här med knapparna."
REMIND_COMPLETION_TITLE = "Påminnelse: komplettera din ansökan om {name}"
REMIND_COMPLETION = (
    "Kommunikatören väntar sedan {date} på din komplettering:\n> {comment}\n"
    "Ändra ansökan i din översikt: **" + cmd("mina-konton") + "**."
)
STALLED_MANAGER = "{name}: {manager} har inte beslutat om ansökan på {days} arbetsdagar"
STALLED_REVIEW = "{name}: ansökan har väntat på förankring i {days} arbetsdagar"
STALLED_SERVICE_ACCOUNT = "{name}: tjänstekontot har inte lagts in på {days} arbetsdagar"
STALL_RESOLVED = "steget är gjort eller ansökan avslutad"

# `kontoregister`: a short summary, the full register as files (bot/flows/account_register.py).
REGISTER_STATE_COUNT = {
    "active": ("aktivt", "aktiva"),
    "pending": ("väntande", "väntande"),
    "paused": ("pausat", "pausade"),
    "closed": ("stängt", "stängda"),
    "rejected": ("avslaget", "avslagna"),
    "withdrawn": ("återtaget", "återtagna"),
}
REGISTER_STATES = "{total}: {states}."
REGISTER_NONE_WAITING = "Inga ansökningar väntar."
REGISTER_NO_ACTIVE = "Inga aktiva konton än."
REGISTER_ALL_IN_ORDER = "Alla aktiva konton är i ordning."
REGISTER_ATTENTION = "**{count} behöver åtgärd**{escalated}."
REGISTER_ESCALATED_PART = ", varav {count} eskalerade"
REGISTER_MOST = "**De som behöver det mest**"
REGISTER_MOST_ITEM = "**{name}** ({platform}) – {standing}: {why}"
REGISTER_WAITING = "**Väntande ansökningar**"
REGISTER_FILES_FOOTER = (
    "Hela registret, med varje kontos ställning (i ordning, behöver åtgärd, eskalerat) och "
    "varför, kommer som CSV och Excel-fil. Skriv kontoregister väntande för bara väntande "
    "ansökningar."
)
REGISTER_FILE_NAME = "kontoregister-{date}"
