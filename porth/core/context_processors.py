"""Values every page template needs: the language switch and the site's navigation."""

from django.conf import settings

from .language import current_language


def porth(request) -> dict:
    language = current_language()
    other = "en" if language == "cy" else "cy"
    return {
        "current_language": language,
        "other_language": other,
        "other_language_name": dict(settings.LANGUAGES)[other],
        "debug": settings.DEBUG,
    }
