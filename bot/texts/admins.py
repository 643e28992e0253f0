"""Admins: too few left, nominating replacements, stepping down."""

STEP_DOWN_HELP = "Avgå som administratör för ett konto"
STEP_DOWN_TITLE = "Avgå som administratör"
STEP_DOWN_INTRO = (
    "När du avgår får du inga påminnelser om kontot längre. Om kontot då har färre än "
    "{min} administratörer ombeds kontoägaren (den som ansökte om kontot) eller chefen att nominera en ersättare, "
    "och kommunikatörerna får veta det."
)
STEP_DOWN_FIELD_ACCOUNT = "Konto"
STEP_DOWN_FIELD_CONFIRM = "Bekräfta"
STEP_DOWN_CONFIRM_OPTION = "Ja, jag vill avgå som administratör för kontot"
STEP_DOWN_SUBMIT = "Avgå"
STEP_DOWN_ERR_ACCOUNT = "Välj ett konto där du är administratör."
STEP_DOWN_ERR_CONFIRM = "Kryssa i rutan för att bekräfta."
STEP_DOWN_DONE = "Du är inte längre administratör för {account}."
NOT_AN_ADMIN = "Du är inte administratör för något aktivt konto."

TOO_FEW_SUMMARY = "{account} har {count} kvar (minst {min} krävs)"
NO_ADMINS_LEFT = "inga administratörer"
ONLY_ADMINS_LEFT = "bara {admins}"
FACT_PRESENT = "Administratörer kvar"
FACT_ASKED = "Ombedd att nominera"
NOBODY = "ingen"
NOBODY_TO_ASK = "ingen – både kontoägare och chef saknas"
BACK_TO_ENOUGH = "kontot har {count} administratörer igen"

ASK_TITLE = "{account} behöver en ny administratör"
ASK_TEXT = (
    "Kontot **{account}** har {count} kvar, och riktlinjen kräver minst {min}. "
    "Nominera en kollega – hen får själv acceptera. Kommunikatörerna har fått veta det."
)
NOMINATE_BUTTON = "Nominera administratör"
NOMINATE_FORM_TITLE = "Ny administratör"
NOMINATE_FORM_INTRO = (
    "Vem ska bli administratör för {account}? De du väljer får en fråga att acceptera."
)
NOMINATE_FIELD = "Administratörer"
NOMINATE_SUBMIT = "Nominera"
NOMINATE_NOT_ALLOWED = (
    "Bara kontoägaren, chefen eller en kommunikatör kan nominera nya administratörer."
)
NOMINATE_ERR_EMPTY = "Välj minst en person."
NOMINATE_ERR_ALREADY = "{name} är redan administratör för kontot."
NOMINATE_ERR_WAITING = "{name} är redan nominerad och har inte svarat än."
NOMINATE_ERR_DEPARTED = "{name} finns inte längre i organisationen."
NOMINATED = "Nominerade: {names}. De får en fråga att acceptera."
