"""The licence every piece of open data is published under, stated in each download and API
response so that it travels with the data."""

from typing import Any

NAME_EN = "Open Government Licence v3.0"
NAME_CY = "Trwydded Llywodraeth Agored v3.0"
URL_EN = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
URL_CY = "https://www.nationalarchives.gov.uk/doc/open-government-licence-cymraeg/version/3/"

LICENCE: dict[str, Any] = {
    "name_en": NAME_EN,
    "name_cy": NAME_CY,
    "url_en": URL_EN,
    "url_cy": URL_CY,
}

# RFC 8288 link relation, so tools that never read the body still see the licence.
LINK_HEADER = f'<{URL_EN}>; rel="license"; title="{NAME_EN}"'
