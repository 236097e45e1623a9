# ruff: noqa: RUF002 - Turkish words are written with a dotless i
"""Days named in Spanish and Turkish, read from folded text (see extraction.languages).

The same rules as in English (extraction.normalizers): "el lunes", "el próximo lunes",
"pazartesi", "önümüzdeki pazartesi" are the first such day after the call's day; "este
viernes", "bu cuma" on a Friday is that day; "el lunes de la semana que viene", "haftaya
pazartesi" is the Monday of next week; "la semana que viene", "gelecek hafta" alone is
next Monday; "el mes que viene", "gelecek ay" the 1st of next month; "fin de mes", "ay
sonu" its last day; "el fin de semana", "hafta sonu" the coming Saturday; "mañana",
"yarın" the next day ("por la mañana" is the morning, not tomorrow); "pasado mañana",
"öbür gün", "yarından sonra" the day after; "en dos semanas", "dentro de tres días",
"iki hafta sonra", "3 gün sonra" count from the call's day; "el 5 de abril", "5 Nisan" a
calendar day (next year's when already past); "el día 5", "ayın 5'i" the next 5th.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from extraction.spoken import foreign_number

ES_WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
TR_WEEKDAYS = ("pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar")
ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
TR_MONTHS = ("ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos",
             "eylul", "ekim", "kasim", "aralik")  # fmt: skip
MONTH_NUMBERS = {
    **{name: index for index, name in enumerate(ES_MONTHS, start=1)},
    **{name: index for index, name in enumerate(TR_MONTHS, start=1)},
    "setiembre": 9,
}  # fmt: skip
ES_NUMBER = (
    r"\d{1,2}|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|"
    r"catorce|quince|dieciseis|diecisiete|dieciocho|diecinueve|veinte|veinti\w+|treinta"
    r"(?: y (?:uno|un))?|primero"
)
TR_NUMBER = (
    r"\d{1,2}|(?:on |yirmi |otuz )?(?:bir|iki|uc|dort|bes|alti|yedi|sekiz|dokuz)|on|yirmi|otuz"
)
TR_SUFFIX = r"(?:ya|ye|a|e|da|de|ta|te|dan|den|gunu|gunune|i|si|sina|sine|ki)?"
NEXT_WEEK_ES = r"(?:la semana que viene|la proxima semana|la semana proxima)"
NEXT_WEEK_TR = r"(?:gelecek hafta|onumuzdeki hafta|haftaya|gelecek haftaya|bir sonraki hafta)"


def _count(word: str, language: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word == "primero":
        return 1
    number = foreign_number(word.split(), language)
    return number if isinstance(number, int) else None


def _next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def foreign_date(clean: str, today: date) -> date | None:
    """The day a folded Spanish or Turkish phrase names, or None."""
    for rule in (_offset, _tomorrow, _calendar, _weekday, _week_or_month, _day_of_month,
                 _today):  # fmt: skip
        day = rule(clean, today)
        if day is not None:
            return day
    return None


def _tomorrow(clean: str, today: date) -> date | None:
    if re.search(r"\bpasado manana\b|\bobur gun\w*|\byarindan sonra\b", clean):
        return today + timedelta(days=2)
    if re.search(r"(?<!\bla )(?<!\besta )(?<!\bcada )(?<!\bde )(?<!\bsu )\bmanana\b", clean):
        return today + timedelta(days=1)
    if re.search(r"\byarin(?:a|ki|dan)?\b|\bertesi gun\w*", clean):
        return today + timedelta(days=1)
    return None


def _today(clean: str, today: date) -> date | None:
    if re.search(
        r"\b(hoy|esta tarde|esta noche|esta manana|bugun\w*|bu aksam\w*|bu gece|bu sabah|"
        r"bu ogleden sonra)\b",
        clean,
    ):
        return today
    return None


def _offset(clean: str, today: date) -> date | None:
    spanish = re.search(
        rf"\b(?:en|dentro de|despues de|de aqui a) ({ES_NUMBER}) (dias?|semanas?|mes|meses)\b",
        clean,
    )
    if spanish:
        count, unit, language = spanish.group(1), spanish.group(2), "es"
    else:
        turkish = re.search(
            rf"\b({TR_NUMBER}) (gun|hafta|ay) (?:sonra|icinde|icerisinde|sonraya)\b", clean
        )
        if turkish is None:
            return None
        count, unit, language = turkish.group(1), turkish.group(2), "tr"
    number = _count(count, language)
    if number is None:
        return None
    if unit.startswith("mes") or unit == "ay":
        return _add_months(today, number)
    return today + timedelta(days=number * (7 if unit.startswith(("semana", "hafta")) else 1))


def _weekday(clean: str, today: date) -> date | None:
    spanish = re.search(rf"\b({'|'.join(ES_WEEKDAYS)})\b", clean)
    turkish = re.search(
        rf"\b(pazartesi|sali|carsamba|persembe|cumartesi|cuma|pazar){TR_SUFFIX}\b", clean
    )
    if spanish is None and turkish is None:
        return None
    if spanish is not None:
        target = ES_WEEKDAYS.index(spanish.group(1))
        next_week = re.search(NEXT_WEEK_ES, clean) or re.search(
            rf"\b{spanish.group(1)} de la (?:semana que viene|proxima semana)", clean
        )
        this = re.search(rf"\beste {spanish.group(1)}\b", clean)
    else:
        assert turkish is not None
        target = TR_WEEKDAYS.index(turkish.group(1))
        next_week = re.search(
            rf"\b(?:haftaya|gelecek hafta(?:ya)?|onumuzdeki hafta) {turkish.group(1)}", clean
        )
        this = re.search(rf"\bbu {turkish.group(1)}", clean)
    if next_week:
        return _next_monday(today) + timedelta(days=target)
    ahead = (target - today.weekday()) % 7
    if ahead == 0 and not this:
        ahead = 7
    return today + timedelta(days=ahead)


def _week_or_month(clean: str, today: date) -> date | None:
    if re.search(r"\b(?:fin|final|finales) de(?:l)? mes\b|\bay sonu\w*|\bayin sonu\w*", clean):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if re.search(r"\b(?:el mes que viene|el proximo mes|el mes proximo|gelecek ay\w*|"
                 r"onumuzdeki ay\w*)\b", clean):  # fmt: skip
        return _add_months(today.replace(day=1), 1)
    if re.search(r"\bfin de semana\b|\bhafta sonu\w*", clean):
        return today + timedelta(days=(5 - today.weekday()) % 7)
    if re.search(rf"\b{NEXT_WEEK_ES}\b|\b{NEXT_WEEK_TR}\b", clean):
        return _next_monday(today)
    return None


def _calendar(clean: str, today: date) -> date | None:
    months = "|".join([*MONTH_NUMBERS])
    spanish = re.search(
        rf"\b({ES_NUMBER}) de ({months})\b(?: de(?:l)? (\d{{4}}))?", clean
    ) or re.search(rf"\b({months}) ({ES_NUMBER})\b(?: de (\d{{4}}))?", clean)
    turkish = re.search(rf"\b({TR_NUMBER}) ({months})\w*(?: (\d{{4}}))?", clean)
    match, language = (spanish, "es") if spanish else (turkish, "tr")
    if match is None:
        return None
    first, second, year = match.group(1), match.group(2), match.group(3)
    day_said, month_said = (second, first) if first in MONTH_NUMBERS else (first, second)
    day_number = _count(day_said, language)
    if day_number is None:
        return None
    try:
        candidate = date(int(year) if year else today.year, MONTH_NUMBERS[month_said], day_number)
    except ValueError:
        return None
    if year is None and candidate < today:
        try:
            candidate = candidate.replace(year=today.year + 1)
        except ValueError:
            return None
    return candidate


def _day_of_month(clean: str, today: date) -> date | None:
    match = re.search(rf"\bel (?:dia )?({ES_NUMBER})\b(?! de )", clean) or re.search(
        rf"\bayin ({TR_NUMBER})\w*", clean
    )
    if match is None:
        return None
    language = "tr" if match.group(0).startswith("ayin") else "es"
    day_number = _count(match.group(1), language)
    if day_number is None or not 1 <= day_number <= 31:
        return None
    month = today.replace(day=1)
    for _ in range(3):
        if day_number <= calendar.monthrange(month.year, month.month)[1]:
            candidate = month.replace(day=day_number)
            if candidate >= today:
                return candidate
        month = _add_months(month, 1)
    return None
