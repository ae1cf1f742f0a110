"""Strip email addresses and phone numbers from free text before it is stored.

Used where anonymous people type into a box we keep (page feedback): the hint asks them not to
include personal details, and this removes the two kinds that are easy to spot reliably.
"""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# UK numbers in the ways people write them: 029 2034 5678, 07700 900123, +44 (0)29 2034 5678,
# 0800-123-4567. Nine or more digits with spaces, dots, dashes or brackets between them.
PHONE = re.compile(r"(?<![\w])(?:\+\d{1,3}[\s.-]?)?(?:\(?\d[\d\s().-]{7,}\d)(?![\w])")
REMOVED_EMAIL = "[email removed]"
REMOVED_PHONE = "[phone number removed]"


def _phone(match: re.Match[str]) -> str:
    digits = sum(character.isdigit() for character in match.group(0))
    return REMOVED_PHONE if digits >= 9 else match.group(0)


def redact_personal_details(text: str) -> str:
    """The text with email addresses and phone numbers replaced by a marker."""
    return PHONE.sub(_phone, EMAIL.sub(REMOVED_EMAIL, text))
