"""Record text in one language on a page in the other: mark it with `lang`, and say so.

Interface text is translated; record text (a figure's source, a job title, a reason someone
typed, a summary written in one language only) is shown as it was written. WCAG 3.1.2 asks for
every passage in another language to carry `lang`, so screen readers switch voice, and the
Welsh Language Standards ask us to say when something exists in English only. Every template
that shows record text goes through the tags in `porth.core.templatetags.porth`
(`record_text`, `paired_text`), which call the functions here (ADR 0049).

Free text carries no language of its own, so `guess_language` guesses from common words and
spelling that belong to one language only. It answers None when it cannot tell (a person's or
product's name, a code, a number): such text is left to inherit the page's language, which is
what WCAG expects of proper names.
"""

import datetime
import decimal
import re

from django.utils.formats import localize
from django.utils.html import conditional_escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext

from .language import current_language

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)

# Frequent words that are English and not also Welsh (so not "a", "i", "data", "dim").
_ENGLISH_WORDS = """
    the and of to in is are was were annual survey monthly quarterly weekly
    be been being for with on by from this that these those
    it its as or not no but if then than so we you they he she our your their his her them us
    have has had do does did will would can could should may might must shall there here what
    which who whom whose when where why how all any each every some more most other such only
    own same too very just also about after before into over under again further once up down
    out off new old made make makes see seen use used using get got one two three four five
    six seven eight nine ten first last next per via
    service services owner head manager officer lead director digital team demo sample
    source note reason reasons figure figures report reports review reviews standard standards
    council board authority police fire rescue health government national local public
    people person user users customer customers citizen citizens resident residents
    apply application applications form forms online website web page pages email phone letter
    paper request requests payment payments pay book booking bookings check checks find report
    not provided available unavailable yet pending because while during until since without
    within between across through against along around among according figures counted
    paused moved changed started stopped closed opened launched retired replaced supplier
    contract system systems product products platform project programme programmes
    senior junior chief deputy assistant analyst developer designer researcher architect
    engineer adviser advisor consultant coordinator administrator support delivery
    improvement improvements transformation strategy policy performance quality business
    well improve improving improved went good better best poor clear clearer plan plans
    should needs need needed work working works worked help helps helped meeting meetings
    action actions done due date dates week weeks month months year years day days
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())

# Frequent Welsh words that are not also English.
_WELSH_WORDS = """
    arolwg blynyddol misol chwarterol wythnosol
    y yr mae yn ac ar o gan gyda wedi bod yw oes ydy ydych roedd oedd fydd bydd byddwn
    ei eu ein eich fy dy hwn hon hyn hynny yma yna sydd nad nid ddim heb am i'r o'r
    a'r gyfer ynghylch ynglŷn rhwng drwy trwy dros tan hyd wrth fel neu ond os pan lle
    beth pwy pam sut faint mwy mwyaf llai gwasanaeth gwasanaethau perchennog pennaeth
    rheolwr swyddog arweinydd cyfarwyddwr digidol tîm ffynhonnell nodyn rheswm ffigur
    ffigurau adroddiad adroddiadau adolygiad adolygiadau safon safonau cyngor bwrdd
    awdurdod heddlu iechyd llywodraeth cenedlaethol lleol cyhoeddus pobl defnyddwyr
    cwsmeriaid trigolion cais ceisiadau ffurflen ffurflenni ar-lein gwefan tudalen
    e-bost ffôn llythyr papur taliad taliadau talu archebu gwirio dod o hyd ar gael
    eto oherwydd tra yn ystod ers heb o fewn ar draws yn erbyn newid newidiwyd dechrau
    cyflenwr cynnyrch platfform prosiect rhaglen uwch prif dirprwy
    cynorthwyydd dadansoddwr datblygwr dylunydd ymchwilydd pensaer peiriannydd
    cynghorydd ymgynghorydd cydlynydd gweinyddwr cymorth cyflawni gwella gwelliant
    strategaeth polisi perfformiad ansawdd busnes da gwell gorau clir cynllun angen
    gwaith gweithio helpu cyfarfod cam camau wedi'i wedi'u dyddiad wythnos mis blwyddyn
    diwrnod cymraeg saesneg cymru ngymru nghymru gymru
"""
WELSH = frozenset(_WELSH_WORDS.split())
# Spellings no English word has; v, k, q, x and z are not in Welsh's alphabet.
_WELSH_SPELLING = re.compile(r"[ŵŷâêîôû]|dd|^ll|^rh|wy[dn]|ydd|aeth|wch$|iau$")
_ADDRESS = re.compile(r"https?://|www\.|@[\w-]+\.")
_ENGLISH_SPELLING = re.compile(r"[vkqxz]|tion$|ing$|ness$|ment$")


def guess_language(text: str) -> str | None:
    """ "cy", "en" or None when the text gives too little to tell (a name, a code, a number)."""
    if _ADDRESS.search(text):
        return None
    words = _WORD.findall(text.replace("’", "'"))
    # Every word capitalised is most likely a name ("Anwen Demo", "Capita One"): one known word
    # is then not enough to tell, two are ("Pennaeth Digidol").
    known = 1 if len(words) > 1 and all(word[:1].isupper() for word in words) else 2
    english = welsh = 0
    for word in words:
        lower = word.lower()
        if lower in ENGLISH:
            english += known
        elif lower in WELSH:
            welsh += known
        else:
            english += bool(_ENGLISH_SPELLING.search(lower))
            welsh += bool(_WELSH_SPELLING.search(lower))
    if english >= 2 and english > 2 * welsh:
        return "en"
    if welsh >= 2 and welsh > 2 * english:
        return "cy"
    return None


def only_in(language: str) -> str:
    """The notice, in the page's language, that a text exists in `language` only."""
    if language == "en":
        return gettext("Available in English only")
    return gettext("Available in Welsh only")


def mark(text: object, language: str | None = None, *, lines: bool = False) -> SafeString:
    """`text`, escaped; wrapped with its `lang` when it is not in the page's language.

    `language` is given when the record knows it (a paired field, a form's language); otherwise
    it is guessed. Line breaks become `<br>`. With `lines`, the text is a paragraph or more:
    it becomes `<p>`s and, when in the other language, a notice says so before it.
    """
    if isinstance(text, datetime.date | decimal.Decimal | int | float):
        return mark_safe(conditional_escape(localize(text)))  # no words: nothing to mark
    text = "" if text is None else str(text)
    if not text.strip():
        return mark_safe("")
    page = current_language()
    language = language or guess_language(text)
    escaped = conditional_escape(text)
    # Inline text keeps its line breaks as <br>, as the `linebreaksbr` filter would.
    body = linebreaks(escaped) if lines else normalize_newlines(escaped).replace("\n", "<br>")
    if language is None or language == page:
        return mark_safe(body)
    if not lines:
        return mark_safe(f'<span lang="{language}">{body}</span>')
    notice = conditional_escape(only_in(language))
    body = body.replace("<p>", '<p class="govuk-body">')
    return mark_safe(
        f'<p class="govuk-body-s porth-language-notice">{notice}</p>'
        f'<div lang="{language}">{body}</div>'
    )


def paired(obj: object, field: str, *, lines: bool = False) -> SafeString:
    """A paired field (`<field>_en`, `<field>_cy`) in the page's language, or else the other.

    When only the other language's side is filled in, that side is shown, marked with its
    `lang`, with the "Available in English only" notice (inline text gets the notice in
    brackets after it).
    """
    page = current_language()
    other = "en" if page == "cy" else "cy"
    own = getattr(obj, f"{field}_{page}", "") or ""
    if own.strip():
        return mark(own, page, lines=lines)
    fallback = getattr(obj, f"{field}_{other}", "") or ""
    if not fallback.strip():
        return mark_safe("")
    if lines:
        return mark(fallback, other, lines=True)
    notice = conditional_escape(only_in(other))
    return mark_safe(
        f'<span lang="{other}">{conditional_escape(fallback)}</span>'
        f' <span class="porth-language-notice">({notice})</span>'
    )
