"""Welsh for the messages of Django REST framework that the API and its documentation show.

DRF ships no Welsh catalogue. gettext finds a message in any of the project's catalogues, so
marking DRF's English text here brings it into ours (`makemessages`), where it gets its Welsh:
an API error or a parameter description then reads in Welsh under /cy/ and with
`Accept-Language: cy`, like the rest of Porth.
"""

from django.utils import translation
from django.utils.translation import gettext_noop

DRF_MESSAGES = [
    gettext_noop("A page number within the paginated result set."),
    gettext_noop("Number of results to return per page."),
    gettext_noop("Invalid page."),
    gettext_noop("Not found."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("This field is required."),
    gettext_noop("This field may not be null."),
    gettext_noop("This field may not be blank."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("Object with {slug_name}={value} does not exist."),
    gettext_noop('Invalid pk "{pk_value}" - object does not exist.'),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("A valid number is required."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop("Ensure that there are no more than {max_decimal_places} decimal places."),
    gettext_noop("unique integer value"),
    gettext_noop("unique value"),
    gettext_noop("A {value_type} identifying this {name}."),
]


def bilingual(message) -> dict[str, str]:
    """An error answer a program can read in either language, whatever it asked for:
    `detail` in the negotiated language, `detail_en` and `detail_cy` always."""
    texts = {}
    for language in ("en", "cy"):
        with translation.override(language):
            texts[f"detail_{language}"] = str(message)
    return {"detail": str(message), **texts}
