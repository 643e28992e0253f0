HELP_TITLE = "Det här kan smbot hjälpa dig med"
NO_COMMANDS = "Inga kommandon är registrerade."
UNKNOWN_ACTION = "Den här knappen känner jag inte igen längre. Försök igen från början."
ALREADY_DECIDED = "Det här är redan avgjort – inget ändrades."
SOMETHING_WENT_WRONG = "Något gick fel hos smbot. Inget sparades. Försök igen om en stund."
COMMUNICATORS_ONLY = "Det här är bara för kommunikatörerna."
HELP_COMMAND = "Visa den här hjälpen"
HELP_GROUPS = {
    "start": "Kom igång",
    "admins": "För administratörer",
    "follow_up": "Uppföljning (chefer och kommunikatörer)",
    "communicators": "För kommunikatörer",
}
NOT_UNDERSTOOD = "Jag förstod inte ”{text}”. Det här kan jag hjälpa dig med:"
FILES_NOT_ACCEPTED = "Jag kan inte ta emot filer just nu."
UNKNOWN_PERSON = "okänd person"
START_APPLY = "Ansök om konto"  # short: three buttons share the welcome card's row
START_MINE = "Mina konton"
HOW_IT_GOES = (
    "Så här går det till:\n"
    "- Du ansöker och din närmaste chef godkänner.\n"
    "- En kommunikatör förankrar syfte och målgrupp och sätter upp tjänstekontot med dig.\n"
    "- Minst två administratörer accepterar – sedan är kontot aktivt."
)
GUIDELINE_LINK = "Läs [riktlinjen för sociala medier]({url})."
HOME_TITLE = "Välkommen till smbot"
HOME_INTRO = "Här ansöker du om kommunens konton i sociala medier och ser hur det går för dem."
# Files that go with an answer come in a message of their own (bot/router.py).
FILES_TITLE = "Filer: {title}"
FILES_PLAIN = "Filer"
FILES_TEXT = "Här är {count} till det du bad om."
FILES_FOLLOW = "Filerna kommer i ett eget meddelande från mig."
