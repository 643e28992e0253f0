"""An independent oracle of Swedish working days: its own Easter algorithm and the law's list,
never calling `holidays`."""

from __future__ import annotations

from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """The anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _first_weekday_between(start: date, end: date, weekday: int) -> date:
    day = start
    while day.weekday() != weekday:
        day += timedelta(days=1)
    assert day <= end
    return day


def swedish_days_off(year: int) -> set[date]:
    """Helgdagar (lag 1989:253) that are not Sundays, plus the three aftnar (lag 1930:173 2 §)."""
    easter = easter_sunday(year)
    midsummer_day = _first_weekday_between(date(year, 6, 20), date(year, 6, 26), 5)  # a Saturday
    all_saints = _first_weekday_between(date(year, 10, 31), date(year, 11, 6), 5)  # a Saturday
    # SFS 2004:1314: from 2005 nationaldagen (6 June) replaced annandag pingst.
    national_or_whit_monday = date(year, 6, 6) if year >= 2005 else easter + timedelta(days=50)
    return {
        date(year, 1, 1),  # nyårsdagen
        date(year, 1, 6),  # trettondedag jul
        easter - timedelta(days=2),  # långfredagen
        easter,  # påskdagen
        easter + timedelta(days=1),  # annandag påsk
        date(year, 5, 1),  # första maj
        easter + timedelta(days=39),  # Kristi himmelsfärdsdag
        national_or_whit_monday,  # Sveriges nationaldag (annandag pingst before 2005)
        midsummer_day,  # midsommardagen
        midsummer_day - timedelta(days=1),  # midsommarafton
        all_saints,  # alla helgons dag
        date(year, 12, 24),  # julafton
        date(year, 12, 25),  # juldagen
        date(year, 12, 26),  # annandag jul
        date(year, 12, 31),  # nyårsafton
    }


def oracle_is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in swedish_days_off(day.year)
