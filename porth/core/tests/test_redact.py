import pytest

from porth.core.redact import redact_personal_details


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email me at jo.bloggs+x@example.gov.wales", "Email me at [email removed]"),
        (
            "Ffoniwch 029 2034 5678 os gwelwch yn dda",
            "Ffoniwch [phone number removed] os gwelwch yn dda",
        ),
        ("Call +44 (0)29 2034 5678.", "Call [phone number removed]."),
        ("mobile 07700900123", "mobile [phone number removed]"),
        ("0800-123-4567 any time", "[phone number removed] any time"),
    ],
)
def test_email_addresses_and_phone_numbers_are_removed(text, expected):
    assert redact_personal_details(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Standard 3 needs an example from 2024",
        "Between 2023 and 2024 we saw 1,200 services",
        "See section 4.2.1 of the manual",
    ],
)
def test_ordinary_text_with_numbers_is_kept(text):
    assert redact_personal_details(text) == text
