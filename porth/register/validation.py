"""The limits of a service's details, declared once for every door that writes a service.

The question pages (`forms/service_steps.py`), the spreadsheet import (`imports/services.py`)
and the API's write serializer (`open_data/api/serializers.py`) all call these validators (the
structured details through `structured.py`), and
the model's fields carry them too, so the same bad value gets the same message in either
language whichever way it came in (docs/adr/0019-input-validation.md). Each validator raises
Django's `ValidationError`; a door that does not speak forms (the import) turns it into its own
problem with `messages_in_both_languages`.
"""

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.core.inputs import unreadable_text

NAME_MAX_LENGTH = 200
# The longest description in the demo register is under 300 characters; a description is a
# paragraph or two, shown on the service's page and in every download.
DESCRIPTION_MAX_LENGTH = 5000
OWNER_MAX_LENGTH = 200
URL_MAX_LENGTH = 500
EMAIL_MAX_LENGTH = 254
# A body's own reference for a service ("HR-042", "CS/0117"): the key its own systems use.
REFERENCE_MAX_LENGTH = 100
EARLIEST_PHASE_DATE = datetime.date(1990, 1, 1)

# Characters that change how text is shown without being seen: bidirectional embeddings and
# overrides (U+202A–U+202E) and isolates (U+2066–U+2069) can make a name read as something it
# is not ("Pay council tax" spelled backwards shown forwards).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters, line breaks and tabs among them: a name is one line.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
# A description may have paragraphs: tab, line feed and carriage return are allowed there.
CONTROLS_BUT_LINE_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Validator = Callable[[str], None]


def _check_text(value: str, *, limit: int, controls: re.Pattern) -> None:
    if unreadable_text(value) or controls.search(value):
        raise ValidationError(
            _("Remove line breaks and hidden control characters from this text"),
            code="control_characters",
        )
    if BIDI_CONTROLS.search(value):
        raise ValidationError(
            _("Remove the hidden characters that change the direction of the text"),
            code="bidi_controls",
        )
    if len(value) > limit:
        raise ValidationError(
            _("This must be %(limit)s characters or fewer (it has %(length)s)"),
            code="too_long",
            params={"limit": f"{limit:,}", "length": f"{len(value):,}"},
        )


def validate_name(value: str) -> None:
    """A service's name: one line, at most 200 characters, no hidden characters."""
    _check_text(value, limit=NAME_MAX_LENGTH, controls=CONTROLS)


def validate_description(value: str) -> None:
    """A description: paragraphs allowed, at most 5,000 characters, no hidden characters."""
    _check_text(value, limit=DESCRIPTION_MAX_LENGTH, controls=CONTROLS_BUT_LINE_BREAKS)


def validate_owner_text(value: str) -> None:
    """The owner's name or job title: one line, at most 200 characters."""
    _check_text(value, limit=OWNER_MAX_LENGTH, controls=CONTROLS)


def validate_reference(value: str) -> None:
    """The body's own reference for a service: one line, at most 100 characters. It is unique
    within the body (`reference_in_use`), which only a door that can see the register checks."""
    _check_text(value, limit=REFERENCE_MAX_LENGTH, controls=CONTROLS)


def reference_in_use(value: str) -> ValidationError:
    """The error for a reference another of the body's services already has: the same words
    on the question pages, in the import and in the API (docs/adr/0040)."""
    return ValidationError(
        _("Another of your organisation's services already has the reference “%(value)s”"),
        code="reference_in_use",
        params={"value": value},
    )


# The structured details (codes, organisations, products, channels, steps): the words every
# door gives when `porth/register/structured.py` refuses a value (docs/adr/0048).
def unknown_code(value: str, allowed: str) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not one of the codes allowed here: %(allowed)s"),
        code="unknown_code",
        params={"value": value, "allowed": allowed},
    )


def unknown_service_area(value: str, allowed: str) -> ValidationError:
    return ValidationError(
        _("There is no service area with the code “%(value)s”. Use one of: %(allowed)s"),
        code="unknown_service_area",
        params={"value": value, "allowed": allowed},
    )


def inactive_service_area(value: str) -> ValidationError:
    return ValidationError(
        _("The service area “%(value)s” is no longer offered"),
        code="inactive_service_area",
        params={"value": value},
    )


def unknown_organisation(value: str) -> ValidationError:
    return ValidationError(
        _("There is no organisation with the code “%(value)s”"),
        code="unknown_organisation",
        params={"value": value},
    )


def partner_is_owner() -> ValidationError:
    return ValidationError(
        _("The organisation that runs the service cannot also be a partner"),
        code="partner_is_owner",
    )


def unknown_product(value: str) -> ValidationError:
    return ValidationError(
        _("There is no product with the ID “%(value)s”"),
        code="unknown_product",
        params={"value": value},
    )


NOT_ONE_OF_THE_SERVICES = {
    "channels": _("“%(value)s” is not one of the service's channels"),
    "steps": _("“%(value)s” is not one of the service's steps"),
}


def not_one_of_the_services(what: str, label: Any) -> ValidationError:
    """A channel said to work in Welsh that the service does not offer, or a step said to be
    online or in Welsh that is not one of its steps. `label` is lazy: read in each language."""
    return ValidationError(
        NOT_ONE_OF_THE_SERVICES[what], code=f"not_a_{what[:-1]}", params={"value": label}
    )


def _check_length(value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(
            _("This must be %(limit)s characters or fewer (it has %(length)s)"),
            code="too_long",
            params={"limit": f"{limit:,}", "length": f"{len(value):,}"},
        )


def validate_web_address(value: str) -> None:
    """A web address: http or https, at most 500 characters."""
    _check_length(value, URL_MAX_LENGTH)
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise ValidationError(
            _("Enter a web address in the right format, like https://www.example.gov.wales"),
            code="invalid_url",
        ) from error


def validate_https_address(value: str) -> None:
    """A web address that must be https: a statement served without it can be altered."""
    validate_web_address(value)
    if not value.lower().startswith("https://"):
        raise ValidationError(_("Enter a web address that starts with https://"), code="not_https")


def validate_email_address(value: str) -> None:
    """An email address, at most 254 characters."""
    _check_length(value, EMAIL_MAX_LENGTH)
    try:
        EmailValidator()(value)
    except ValidationError as error:
        raise ValidationError(
            _("Enter an email address in the right format, like name@example.gov.wales"),
            code="invalid_email",
        ) from error


def validate_phase_date(value: datetime.date) -> None:
    """The date a phase (retirement included) applies from: from 1990, and not in the future.

    Phases are recorded once they apply, not planned ahead; no Welsh digital service had a
    phase before 1990, so an earlier year is a typing slip (0024 for 2024, say).
    """
    if value < EARLIEST_PHASE_DATE:
        raise ValidationError(
            _("The date a phase applies from must be in 1990 or later"), code="too_early"
        )
    if value > timezone.localdate():
        raise ValidationError(
            _("The date a phase applies from cannot be in the future"), code="future"
        )


# What each text field of a service must be, by field name: the forms, the import and the API
# look their validators up here.
TEXT_VALIDATORS: dict[str, Validator] = {
    "name_en": validate_name,
    "name_cy": validate_name,
    "description_en": validate_description,
    "description_cy": validate_description,
    "owner_name": validate_owner_text,
    "owner_role": validate_owner_text,
}


def messages_in_both_languages(error: ValidationError) -> dict[str, str]:
    """The first message of `error` as {"en": …, "cy": …}, for doors that store messages."""
    texts = {}
    for language in ("en", "cy"):
        with translation.override(language):
            texts[language] = error.messages[0]
    return texts
