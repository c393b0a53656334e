"""Validators for Swedish identifiers: organisation numbers and course codes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_RE = re.compile(r"^\d{6}-\d{4}$")
COURSE_CODE_RE = re.compile(r"^[A-Z0-9]{4,10}$")


def luhn_ok(digits: str) -> bool:
    """True if the digit string passes the Luhn (mod 10) check used by Swedish numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return `NNNNNN-NNNN` from common spellings ("5560001234", "556000 1234", "16556000-1234")."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]  # the Swedish Tax Agency's 12-digit form prefixes "16"
    if len(digits) != 10:
        return (value or "").strip()
    return f"{digits[:6]}-{digits[6:]}"


def validate_org_number(value: str) -> None:
    """Reject anything but `NNNNNN-NNNN` with a correct Luhn check digit."""
    if not ORG_NUMBER_RE.match(value or ""):
        raise ValidationError(
            _("Enter the organisation number as NNNNNN-NNNN (10 digits)."),
            code="org_number_format",
        )
    if not luhn_ok(value.replace("-", "")):
        raise ValidationError(
            _("The organisation number's check digit is wrong: please check it."),
            code="org_number_checksum",
        )


def validate_course_code(value: str) -> None:
    """Course codes are 4–10 capital letters or digits, e.g. DT099G."""
    if not COURSE_CODE_RE.match(value or ""):
        raise ValidationError(
            _("A course code is 4–10 capital letters or digits, e.g. DT099G."),
            code="course_code",
        )
