"""Realistic questions to the bot, each with the guideline section that answers it."""

QUESTIONS: list[tuple[str, str]] = [
    ("får jag svara från mitt privata konto?", "tjanstekonto"),
    ("kan jag använda mitt eget facebookkonto i jobbet?", "tjanstekonto"),
    ("vem ska ha lösenordet till kontot?", "tjanstekonto"),
    ("hur snabbt måste vi svara på kommentarer?", "synpunkter"),
    ("måste jag skriva mitt namn när jag svarar?", "synpunkter"),
    ("vad gör jag med en fråga som någon annan borde svara på?", "synpunkter"),
    ("hur ofta ska vi ta skärmdumpar?", "dokumentation"),
    ("vi ska byta namn på sidan, behöver vi spara något innan?", "dokumentation"),
    ("någon skrev en rasistisk kommentar, får jag ta bort den?", "olagligt"),
    ("vad gör jag med hot i kommentarerna?", "olagligt"),
    ("får jag publicera bilder på elever?", "gdpr"),
    ("får vi lägga ut foton där folk syns?", "gdpr"),
    ("är inläggen allmänna handlingar som måste arkiveras?", "gallring"),
    ("får jag skriva om sekretessbelagda ärenden?", "gallring"),
    ("hur många administratörer måste ett konto ha?", "administratorer"),
    ("kan jag vara ensam admin på vår sida?", "administratorer"),
    ("behöver jag chefens godkännande för att starta ett konto?", "chef"),
    ("vem ger tillstånd att starta en sida?", "chef"),
    ("vem ska jag förankra målgruppen med?", "malgrupp"),
    ("hur ofta måste vi publicera inlägg?", "aktiv"),
    ("räcker det att vi postar en gång i veckan?", "aktiv"),
    ("vi har inte tid, hur mycket resurser krävs?", "resurser"),
    ("får vi ha en egen logga som profilbild?", "avsandare"),
    ("måste det synas att kommunen är avsändare?", "avsandare"),
    ("varför ska kommunen finnas på sociala medier?", "motiv"),
    ("räknas ett forum som sociala medier?", "vad_ar"),
    ("kan vi använda kontot för att rekrytera personal?", "motiv"),
    ("vad är syftet med riktlinjerna?", "syfte"),
]

# Questions the guideline does not answer: the bot says so instead of guessing.
UNANSWERED: list[str] = [
    "vad kostar en pizza?",
    "när går bussen till Karlstad?",
    "hur bokar jag semester i personalsystemet?",
]
