"""Rule numbers in plain Swedish: "minst tre administratörer", "inom två arbetsdagar"."""

from __future__ import annotations

from bot.guideline.model import Guideline, Rules

_WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"]
_WORDS += ["elva", "tolv"]
_ORDINALS = {2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", 7: "sjunde", 8: "åttonde"}
_ORDINALS |= {9: "nionde", 10: "tionde", 11: "elfte"}


def number(n: int, *, neuter: bool = False) -> str:
    """Small numbers as words (Swedish style guides: up to twelve), larger as digits."""
    if n == 1 and neuter:
        return "ett"
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def counted(n: int, singular: str, plural: str, *, neuter: bool = False) -> str:
    return f"{number(n, neuter=neuter)} {singular if n == 1 else plural}"


def working_days(n: int) -> str:
    return counted(n, "arbetsdag", "arbetsdagar")


def days(n: int) -> str:
    return counted(n, "dag", "dagar")


def admins(n: int) -> str:
    return counted(n, "administratör", "administratörer")


def every_months(n: int) -> str:
    """How often, as the guideline says it: "varje halvår", "var tredje månad"."""
    named = {1: "varje månad", 2: "varannan månad", 3: "varje kvartal", 6: "varje halvår"}
    named |= {12: "varje år", 24: "vartannat år"}
    if n in named:
        return named[n]
    if n in _ORDINALS:
        return f"var {_ORDINALS[n]} månad"
    return f"var {n}:e månad"


def fields(rules: Rules) -> dict[str, str]:
    """The rule numbers as words, for texts: `T.X.format(**fields(rules), ...)`."""
    return {
        "reply_within": working_days(rules.reply_within_working_days),
        "min_admins": admins(rules.min_admins),
        "min_admins_number": number(rules.min_admins),
        "documentation_every": every_months(rules.documentation_interval_months),
        "days_without_post": working_days(rules.working_days_without_post),
    }


def duty_texts(guideline: Guideline, org: str) -> dict[str, str]:
    """The duties an applicant confirms, exactly as shown (and recorded) for this guideline."""
    values = fields(guideline.rules) | {"org": org}
    return {duty.key: duty.text.format(**values) for duty in guideline.duties}


def rule_lines(rules: Rules) -> list[str]:
    """The rules in force in plain words, for `/riktlinjer`."""
    end = rules.office_day_end.strftime("%H.%M")
    return [
        f"Frågor och kommentarer besvaras inom {working_days(rules.reply_within_working_days)}, "
        f"senast kl. {end}.",
        f"Varje konto har minst {admins(rules.min_admins)}.",
        "Kontot uppdateras varje arbetsdag; efter "
        f"{working_days(rules.working_days_without_post)} utan inlägg meddelas kommunikatörerna.",
        f"Skärmdumpar av kontot sparas {every_months(rules.documentation_interval_months)} "
        f"och inför större ändringar; påminnelse {days(rules.documentation_first_reminder_days)} "
        "innan.",
        f"Sparade kommentarer gallras efter {days(rules.disposal_after_days)}.",
        "En ansökan som står still: påminnelse efter "
        f"{working_days(rules.opening_reminder_after_working_days)}, kommunikatörerna meddelas "
        f"efter {working_days(rules.opening_escalation_after_working_days)}.",
        f"Varje konto följs upp {every_months(rules.account_review_interval_months)}: behövs det "
        "fortfarande, och stämmer syfte, målgrupp, resurser och administratörer?",
        "När en administratör slutar eller lämnar ett konto byts lösenordet inom "
        f"{working_days(rules.password_change_within_working_days)}.",
    ]
