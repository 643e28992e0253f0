"""Texts only Teams users see: the welcome, the channel registration, card notes."""

WELCOME_TITLE = "Hej! Jag är smbot"
WELCOME = (
    "Jag hjälper dig att öppna och sköta kommunens konton i sociala medier enligt riktlinjen. "
    "Börja med knapparna nedan, eller skriv **hjälp** för att se allt jag kan."
)
DONE = "Klart."
FORM_BELOW = "Fyll i formuläret nedan."
FORM_SAVED = "Tack! Det är sparat. Du får besked här när något händer."
FORM_HAS_ERRORS = "Rätta det som är markerat nedan. Inget har sparats ännu."
NOT_IN_CHANNEL = "Det här gör du i en chatt med mig, inte i en kanal."
TIME_LABEL = "Klockslag"  # the time beside a date picked on a form card
CHANNEL_COMMAND_ONLY_IN_CHANNEL = "Skriv det här i den kanal där kommunikatörerna arbetar."
CHANNEL_REGISTERED = (
    "Den här kanalen är nu kommunikatörernas kanal i Teams. "
    "Eskaleringar, granskningar och sammanfattningar kommer hit."
)
CHANNEL_NOT_ALLOWED = (
    "Bara kommunikatörer kan registrera kommunikatörernas kanal. "
    "Be den som driftar smbot lägga till dig i inställningen COMMUNICATORS."
)
FILE_DOWNLOAD_FAILED = "Jag kunde inte hämta filen {name}. Försök ladda upp den igen."
BUTTONS_FOR_OTHERS = (
    "Knapparna visas bara för den som ska svara. Ser du inga knappar fast det är du? "
    "Skriv **mina konton**."
)
OPTIONAL = " (valfritt)"
# Shown in an empty choice or people picker (Teams otherwise shows an empty box).
PLACEHOLDER_SELECT = "Välj"
PLACEHOLDER_PERSON = "Sök efter en person"
PLACEHOLDER_PEOPLE = "Sök efter personer"
FILES_HEADING = "Filer"
FILES_EXPIRE = "Länkarna gäller till {date} kl. {time}. Kör kommandot igen för nya länkar."
FILES_NO_LINK = (
    "Filerna kan inte hämtas i Teams: den som driftar smbot behöver sätta PUBLIC_URL och "
    "FILE_LINK_SECRET. Slack och kommandoraden (smbot export, smbot report) ger dem."
)
