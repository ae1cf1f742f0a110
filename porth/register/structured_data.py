"""A service as schema.org `GovernmentService`, for search engines (issue 12; ADR 0049).

Written into the service page as JSON-LD by `{% service_json_ld %}`. Each channel is a
`ServiceChannel` with its languages: Welsh and English where the channel works in Welsh,
English otherwise. Only what the public page shows goes in (never the owner's details).
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from porth.core.language import current_language

from .models import Channel, Service

WELSH = {"@type": "Language", "name": "Cymraeg", "alternateName": "cy"}
ENGLISH = {"@type": "Language", "name": "English", "alternateName": "en"}
WALES = {"cy": "Cymru", "en": "Wales"}
# Channels reached at the service's web address; the others have no address in the register.
ONLINE_CHANNELS = {Channel.ONLINE, Channel.APP}


def government_service(service: Service, request: HttpRequest) -> dict[str, Any]:
    """The JSON-LD object for one service, in the page's language."""
    page_url = request.build_absolute_uri(
        reverse("register:service_detail", args=[service.public_id])
    )
    organisation = service.organisation
    provider: dict[str, Any] = {"@type": "GovernmentOrganization", "name": organisation.name}
    if organisation.website:
        provider["url"] = organisation.website
    channels = []
    languages_of_service: list[dict[str, str]] = []
    for channel in service.channels.all():
        languages = [WELSH, ENGLISH] if channel.is_available_in_welsh else [ENGLISH]
        entry: dict[str, Any] = {
            "@type": "ServiceChannel",
            "name": channel.get_channel_display(),
            "availableLanguage": languages,
        }
        if channel.channel in ONLINE_CHANNELS and service.url:
            entry["serviceUrl"] = service.url
        channels.append(entry)
        for language in languages:
            if language not in languages_of_service:
                languages_of_service.append(language)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": page_url,
        "url": page_url,
        "name": service.name,
        "description": service.description,
        "inLanguage": current_language(),
        "identifier": service.public_id,
        "provider": provider,
        "serviceOperator": provider,
        "areaServed": {
            "@type": "Country",
            "name": "Cymru" if current_language() == "cy" else "Wales",
        },
        "availableChannel": channels,
        "availableLanguage": languages_of_service or [ENGLISH],
    }
    if service.service_area_id:
        data["serviceType"] = service.service_area.name
    return data
