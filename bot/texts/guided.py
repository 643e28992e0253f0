"""The guided application in the chat: one question at a time, each with the guideline's reason."""

START = "Guida mig steg för steg"
# What a person may write to start, in any direct chat with the bot (Slack's slash command
# /nytt-konto, the App Home and the Teams welcome card open the form).
START_PHRASES = (
    "guida mig",
    "guida mig steg för steg",
    "steg för steg",
    "nytt konto steg för steg",
)
NEW_ACCOUNT_PHRASES = ("nytt konto", "nytt-konto", "ny ansökan", "ansök om nytt konto")
CANCEL_PHRASES = ("avbryt", "sluta", "avsluta")
KEEP_PHRASES = ("behåll", "behall")
YES_PHRASES = ("ja", "jag åtar mig", "jag åtar mig detta", "ok", "skicka", "skicka ansökan")

STEP_TITLE = "Steg {n} av {total}: {heading}"
WHY = "**Varför?** {reason}"
WHY_QUOTE = "Riktlinjen: _{text}_"
NOW = "Ditt svar nu: **{answer}**"
TYPE_ANSWER = "Skriv ditt svar här i chatten. Skriv **avbryt** om du vill sluta."
USE_BUTTONS = "Välj med knapparna. Skriv **avbryt** om du vill sluta."
WELCOME_BACK = "Vi fortsätter där du slutade."
TO_FORM = "Fyll i formuläret i stället"
STARTED = (
    "Jag frågar en sak i taget och berättar varför riktlinjen vill veta det. Inget skickas "
    "förrän du trycker **Skicka ansökan** på sista steget, och du kan fortsätta en annan dag. "
    f"Vill du hellre fylla i allt på en gång, tryck **{TO_FORM}**."
)

BACK = "Tillbaka"
CHANGE = "Ändra"
KEEP = "Behåll svaret"
SEND = "Skicka ansökan"
CONFIRM_DUTIES = "Jag åtar mig detta"
PICK_MANAGER = "Välj chef"
PICK_CO_ADMINS = "Välj administratörer"

HEADINGS = {
    "platform": "plattform",
    "platform_other": "vilken plattform",
    "name": "kontots namn",
    "unit": "verksamhet",
    "purpose": "syfte",
    "audience": "målgrupp",
    "resources": "resurser",
    "manager": "närmaste chef",
    "co_admins": "fler administratörer",
    "duties": "det du åtar dig",
}
QUESTIONS = {
    "platform": "Vilken plattform gäller det?",
    "platform_other": "Vilken plattform är det?",
    "name": "Vad ska kontot heta?",
    "unit": "Vilken verksamhet driver kontot?",
    "purpose": "Vad är syftet med kontot? Vad vill ni uppnå?",
    "audience": "Vilka vill ni nå? Beskriv målgruppen.",
    "resources": (
        "Vem uppdaterar kontot varje dag, och hur mycket tid finns? Riktlinjen kräver dagliga "
        "uppdateringar och svar inom {reply_within}."
    ),
    "manager": "Vem är din närmaste chef? Chefen godkänner ansökan.",
    "co_admins": (
        "Vem mer ska administrera kontot? Det ska vara minst {min_admins} med dig, så välj "
        "minst {others} till."
    ),
    "duties": "Det här åtar du dig och de andra administratörerna enligt riktlinjen:",
}
# Why each question is asked: the guideline section quoted (by key), and a word from us.
REASONS = {
    "platform": (
        "tjanstekonto",
        "Varje konto är ett tjänstekonto som sätts upp med en kommunikatör.",
    ),
    "platform_other": ("tjanstekonto", "Kommunikatören behöver veta var kontot ska finnas."),
    "name": ("avsandare", "Namnet ska visa att det är kommunen som är avsändare."),
    "unit": ("synpunkter", "Verksamheten ansvarar för kontot och för svaren på det."),
    "purpose": ("malgrupp", "Syftet förankras med en kommunikatör innan kontot startar."),
    "audience": ("malgrupp", "Målgruppen förankras med en kommunikatör innan kontot startar."),
    "resources": ("resurser", "Ett konto kräver tid varje dag."),
    "manager": ("chef", "Din chef godkänner att du använder sociala medier i tjänsten."),
    "co_admins": ("administratorer", "Kontot ska inte hänga på en enda person."),
    "duties": (None, "Du bekräftar åtagandena innan ansökan skickas, precis som i formuläret."),
}
MOTIVES = "Förslag ur riktlinjens motiv (tryck för att använda ett, eller skriv med egna ord):"
MOTIVE_ANSWER = "Att {motive}."
PEOPLE_BY_BUTTON = "Tryck på **{button}** för att välja."
PICK_MANAGER_TITLE = "Din närmaste chef"
PICK_CO_ADMINS_TITLE = "Fler administratörer"
PICK_SUBMIT = "Spara"

SUMMARY_TITLE = "Din ansökan: kontrollera och skicka"
SUMMARY_TEXT = (
    "Så här blir ansökan. Tryck **Skicka ansökan** för att skicka den till {manager}, eller "
    "**Ändra** för att ändra ett svar. Inget är skickat än."
)
CHANGE_TITLE = "Vilket svar vill du ändra?"
CHANGE_TEXT = "Välj svaret du vill ändra. Sedan kommer du tillbaka hit."
CANCELLED = "Samtalet är avslutat och ingenting är sparat. Skriv **guida mig** för att börja om."
NOTHING_GOING_ON = "Du har inget påbörjat samtal. Skriv **guida mig** för att börja."
STALE = "Det steget är redan passerat. Här är var du är nu."
SENT = "Ansökan om **{name}** är skickad. Du får en kvittens här strax."
FIX_FIRST = "Ansökan kunde inte skickas: {error}"
DUTIES_CONFIRMED = "Du har bekräftat åtagandena."
LABELS = {
    "platform": "Plattform",
    "platform_other": "Vilken plattform",
    "name": "Kontots namn",
    "unit": "Verksamhet",
    "purpose": "Syfte",
    "audience": "Målgrupp",
    "resources": "Resurser",
    "manager": "Närmaste chef",
    "co_admins": "Fler administratörer",
    "duties": "Åtaganden",
}
