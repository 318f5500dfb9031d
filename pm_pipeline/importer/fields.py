"""Recognising values in report text: header fields, dates, times, durations, people, severities."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}  # fmt: skip
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
SLASH_DATE = re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_YEAR = r"((?:19|20)\d{2})(?![\d:]|\s*(?:UTC|GMT|Z|[PMCE][SD]T)\b)"  # 1506 in "Feb 7 1506 UTC" is a time, not a year
MONTH_FIRST = re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR, re.I)
DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+" + _YEAR, re.I)
YEAR_MONTH_DAY = re.compile(r"(?<!\d)" + _YEAR + r"[-/ ]" + _MONTH + r"[-/ ](\d{1,2})(?!\d)", re.I)
MONTH_DAY = re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!:)", re.I)
TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?(?![\d:])", re.I)
ZONES = {"utc": 0, "gmt": 0, "z": 0, "pst": -8, "pdt": -7, "mst": -7, "mdt": -6, "cst": -6, "cdt": -5,
         "est": -5, "edt": -4, "cet": 1, "cest": 2, "bst": 1, "eet": 2, "eest": 3, "jst": 9, "aest": 10}  # fmt: skip
ZONE = re.compile(
    r"\b(UTC|GMT|PST|PDT|MST|MDT|CST|CDT|EST|EDT|CET|CEST|BST|EET|EEST|JST|AEST)\b([+-]\d{1,2}(?::?\d{2})?)?"
)
DURATION = re.compile(
    r"(?:(\d+(?:\.\d+)?)\s*(?:days?|d)\b)?\s*(?:(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b)?\s*(?:(\d+)\s*(?:minutes?|mins?|m)\b)?",
    re.I,
)
HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:/[A-Za-z0-9._-]+)?)")
SEVERITY = re.compile(r"\b(?:sev(?:erity)?|p|priority)[\s:-]*([0-5])\b", re.I)
SEVERITY_WORDS = {"critical": "P1", "blocker": "P1", "major": "P2", "high": "P2", "medium": "P3", "moderate": "P3",
                  "minor": "P4", "low": "P4"}  # fmt: skip
KEY_VALUE = re.compile(r"^\s*(?:[-*]\s+)?\**([A-Za-z][A-Za-z ()/_-]{1,40}?)\**\s*:\s*\**\s*(.+?)\s*$")


_DATE_PATTERNS = (
    (ISO_DATE, "ymd"),
    (SLASH_DATE, "ymd"),
    (MONTH_FIRST, "mdy"),
    (DAY_FIRST, "dmy"),
    (YEAR_MONTH_DAY, "ymd"),
)


def find_date(text: str) -> date | None:
    """The first calendar date written in text (ISO, 2025/02/09, Feb 9, 2025, 9 February 2025)."""
    found: list[tuple[int, date]] = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = MONTHS.get(parts["m"].lower().rstrip("."), 0) if not parts["m"].isdigit() else int(parts["m"])
            try:
                found.append((match.start(), date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None


def find_month_day(text: str, year: int) -> date | None:
    """A date written without its year ("Feb 28th", "Jan 27"), in the report's year."""
    match = MONTH_DAY.search(text)
    if not match:
        return None
    try:
        return date(year, MONTHS[match[1].lower().rstrip(".")], int(match[2]))
    except (KeyError, ValueError):
        return None


def find_zone(text: str) -> tuple[timezone, bool] | None:
    """The time zone named in text, and whether it was written as UTC/GMT/Z."""
    match = ZONE.search(text)
    if not match:
        return None
    hours = ZONES[match[1].lower()]
    offset = timedelta(hours=hours)
    if match[2]:
        sign = -1 if match[2].startswith("-") else 1
        digits = match[2][1:].replace(":", "")
        offset = timedelta(hours=hours) + sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(offset), offset == timedelta(0)


def find_time(text: str) -> tuple[int, int, int] | None:
    match = TIME.search(text)
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def at(day: date, clock: tuple[int, int, int], zone: timezone) -> datetime:
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone).astimezone(UTC)


def parse_duration(text: str) -> timedelta | None:
    for match in DURATION.finditer(text):
        if any(match.groups()):
            days, hours, minutes = (float(group or 0) for group in match.groups())
            return timedelta(days=days, hours=hours, minutes=minutes)
    return None


def severity_of(text: str) -> str | None:
    match = SEVERITY.search(text)
    if match:
        return f"P{max(1, min(4, int(match[1]) or 1))}"
    lowered = text.lower()
    return next((level for word, level in SEVERITY_WORDS.items() if re.search(rf"\b{word}\b", lowered)), None)


HANDLE_LIKE = re.compile(r"(?<![\w@/.])@(\w[\w./-]*\w|\w)")


def handles_in(text: str) -> list[str]:
    """The @handles in text; one that is not a GitHub handle (`@malte_j` on Mastodon) becomes one (`@malte-j`)."""
    found = []
    for name in HANDLE_LIKE.findall(text):
        strict = HANDLE.fullmatch(f"@{name}")
        handle = f"@{name}" if strict else handle_for(name)
        if handle:
            found.append(handle)
    return found


def handle_for(name: str) -> str | None:
    """A handle-shaped guess for a person's name ("Jane Doe" -> "@jane-doe"); None if nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:39].strip("-")
    return f"@{slug}" if slug else None


def slug_of(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    if ISO_DATE.sub("", ascii_title).strip(" ,-:"):  # "2018-01-18, reddit hugs mybinder": the date is in the name
        ascii_title = ISO_DATE.sub(" ", ascii_title, count=1)
    words = re.findall(r"[a-z0-9]+", ascii_title)
    return "-".join(words[:6]) or "incident"


def key_values(lines: list[str]) -> dict[str, str]:
    """`**Date:** 2025-02-09`, `Severity: SEV-2`, `- Authors: @a, @b` lines, keys lower-cased."""
    found: dict[str, str] = {}
    for line in lines:
        match = KEY_VALUE.match(line)
        if match and not match[2].startswith("//"):
            found.setdefault(match[1].strip().lower(), match[2].strip().strip("*").strip())
    return found
