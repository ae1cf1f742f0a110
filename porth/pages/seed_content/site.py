"""The seeded pages, in the order they are made: the home page, then its children."""

from . import about, accessibility, contact, cookies, home, privacy, welsh_language

HOME = home.PAGE
CHILDREN = [
    about.PAGE,
    accessibility.PAGE,
    privacy.PAGE,
    cookies.PAGE,
    welsh_language.PAGE,
    contact.PAGE,
]
