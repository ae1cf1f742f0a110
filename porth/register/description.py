"""A Service, described once: every door that reads or writes a service derives from this.

Each `ServiceField` says, for one detail an editor gives about a service: its labels and hint
in both languages, whether it must be given, its validators (porth/register/validation.py, so
the message is the same whichever door a bad value came in by), how a spreadsheet cell is read,
its download column(s), whether the public may see it, and how a change to it reads in the
history. The question pages (`forms/service_steps.py`), the import (`imports/`), the API
(`open_data/api/`), the downloads (`open_data/columns.py`), `actions.ServiceDetails` and the
history labels all read this list (docs/adr/0027-one-service-description.md).

A *simple* field is one line or paragraph of text stored on the service: every door handles it
from the declaration alone, so adding one is the model, a migration and one entry here. A
*structured* field (codes, related records, channels, steps) also names its `structure`
(`structured.py`: how every door reads and checks its columns, in the same words) and the
`questions` its page asks (docs/adr/0048-structured-fields-declared-once.md).

Columns about the record rather than its details (the ID, the organisation, the phase, when
it was reviewed …) are declared here as `Column`s, in download order, so the import can match
a download's columns without reading open data (the register imports nothing from open data).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Channel, ServiceStep, TeamRole, UserGroupCode
from .structured import Area, Channels, CodeList, Kind, Partners, Products, Steps
from .validation import (
    DESCRIPTION_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    OWNER_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    URL_MAX_LENGTH,
    Validator,
    validate_description,
    validate_email_address,
    validate_https_address,
    validate_name,
    validate_owner_text,
    validate_reference,
    validate_web_address,
)


@dataclass(frozen=True)
class Column:
    """One column of a download or an import: its code and its label."""

    code: str
    label: Promise
    kind: str = "text"  # "number" and "date" cells are typed as such in a spreadsheet
    imported: bool = False  # an import reads it (others in a download are recognised, ignored)
    aliases: tuple[str, ...] = ()

    def label_in(self, language: str) -> str:
        with translation.override(language):
            return str(self.label)

    @property
    def header(self) -> str:
        """ "Name (English) / Enw (Saesneg)": one header row a spreadsheet can filter on,
        readable in both languages (docs/adr/0009-open-data.md)."""
        english, welsh = self.label_in("en"), self.label_in("cy")
        return english if english == welsh else f"{english} / {welsh}"


@dataclass(frozen=True)
class Question:
    """How a structured field's column is asked on its question page (boxes to tick)."""

    column: str
    label: Promise
    hint: Promise | str = ""
    summary_label: Promise | None = None
    required_message: Promise | str = ""


@dataclass(frozen=True)
class ServiceField:
    """One detail of a service, as every door sees it.

    `label` names it in the history and on "Check your answers" (`summary_label` if that reads
    differently); `question` is the question page's label (defaults to `label`). `kind` says
    how a simple field is asked and read: "line", "paragraph", "web_address" or "email".
    `columns` are its download columns; those marked `imported` are the ones an import reads.
    `listed`: the register's lists show, search, filter or order services by it, so a change
    to it drops them (ADR 0072); a change to fields that are not keeps them.
    """

    name: str
    label: Promise
    columns: tuple[Column, ...]
    simple: bool = True
    kind: str = "line"
    question: Promise | None = None
    summary_label: Promise | None = None
    hint: Promise | str = ""
    required: bool = False
    required_message: Promise | str = ""
    validators: tuple[Validator, ...] = ()
    step: str = ""
    public: bool = True
    listed: bool = False
    max_length: int | None = None  # shown to API clients in the schema; checked by validators
    # A structured field (codes, related records, channels, steps): how every door reads and
    # checks its columns (`structured.py`), and how its question page asks them.
    structure: Kind | None = None
    questions: tuple[Question, ...] = ()

    def tidy(self, value: str) -> str:
        """The value as every door stores it: stripped, line endings as "\n" with no spaces
        left at the end of a line (Excel, browsers and CSV files each end lines their own way,
        so a round trip must not read as a change), and a web address typed without its scheme
        ("www.example.gov.wales") given https://, as people often leave it off."""
        value = tidy_text(value)
        if self.kind == "web_address" and value and "://" not in value:
            value = f"https://{value}"
        return value


LINE_END = re.compile(r"[ \t\u00a0]*(?:\r\n|\r|\n)")


def tidy_text(value: str) -> str:
    """Text as every door stores it: "\r\n" and "\r" as "\n", no spaces before a line end,
    nothing around it (docs/adr/0040)."""
    if "\r" in value or "\n" in value:
        value = LINE_END.sub("\n", value)
    return value.strip()


def _text(
    name: str,
    label: Promise,
    column: Promise,
    *,
    kind: str,
    validator: Validator,
    step: str,
    question: Promise | None = None,
    required_message: Promise | str = "",
    **options: Any,
) -> ServiceField:
    return ServiceField(
        name=name,
        label=label,
        columns=(Column(name, column, imported=True),),
        kind=kind,
        question=question,
        required=bool(required_message),
        required_message=required_message,
        validators=(validator,),
        step=step,
        **options,
    )


def _coded(code: str, label: Promise, *names: tuple[str, Promise]) -> tuple[Column, ...]:
    """A code column the import reads and its label columns it does not."""
    return (Column(code, label, imported=True), *(Column(c, lab) for c, lab in names))


SERVICE_FIELDS: list[ServiceField] = [
    _text(
        "name_en",
        _("Name in English"),
        _("Name (English)"),
        kind="line",
        validator=validate_name,
        max_length=NAME_MAX_LENGTH,
        step="name",
        listed=True,
        hint=_("Start with a verb, as users would describe the task, like 'Pay council tax'"),
        required_message=_("Enter the name of the service in English"),
    ),
    _text(
        "name_cy",
        _("Name in Welsh"),
        _("Name (Welsh)"),
        kind="line",
        validator=validate_name,
        max_length=NAME_MAX_LENGTH,
        step="name",
        listed=True,
        hint=_("For example, 'Talu treth gyngor'"),
        required_message=_("Enter the name of the service in Welsh"),
    ),
    _text(
        "description_en",
        _("Description in English"),
        _("Description (English)"),
        kind="paragraph",
        validator=validate_description,
        max_length=DESCRIPTION_MAX_LENGTH,
        step="name",
        listed=True,
        required_message=_("Enter a description of the service in English"),
    ),
    _text(
        "description_cy",
        _("Description in Welsh"),
        _("Description (Welsh)"),
        kind="paragraph",
        validator=validate_description,
        max_length=DESCRIPTION_MAX_LENGTH,
        step="name",
        listed=True,
        required_message=_("Enter a description of the service in Welsh"),
    ),
    _text(
        "url_en",
        _("Web address in English"),
        _("Web address (English)"),
        question=_("Web address in English (optional)"),
        kind="web_address",
        validator=validate_web_address,
        max_length=URL_MAX_LENGTH,
        step="name",
    ),
    _text(
        "url_cy",
        _("Web address in Welsh"),
        _("Web address (Welsh)"),
        question=_("Web address in Welsh (optional)"),
        kind="web_address",
        validator=validate_web_address,
        max_length=URL_MAX_LENGTH,
        step="name",
    ),
    _text(
        "accessibility_statement_url",
        _("Accessibility statement"),
        _("Accessibility statement"),
        question=_("Web address of the accessibility statement (optional)"),
        hint=_("The page that says how accessible the service is, starting https://"),
        kind="web_address",
        validator=validate_https_address,
        max_length=URL_MAX_LENGTH,
        step="name",
    ),
    # The body's own key for the service, unique within the body: rows of an import and calls
    # to the API find a service by it or by the service ID, never by name (docs/adr/0040).
    _text(
        "reference",
        _("Your reference"),
        _("Your reference"),
        question=_("Your reference for this service (optional)"),
        hint=_(
            "The ID your organisation's own systems use for it, like HR-042. Spreadsheets and "
            "the API use it to find the service, even if its name changes"
        ),
        kind="line",
        validator=validate_reference,
        max_length=REFERENCE_MAX_LENGTH,
        step="name",
    ),
    ServiceField(
        "partner_organisations",
        _("Partner organisations"),
        (Column("partner_organisations", _("Partner organisation codes"), imported=True),),
        simple=False,
        listed=True,
        structure=Partners(),
        step="partners",
        questions=(
            Question(
                "partner_organisations",
                _("Which other organisations run this service with you? (optional)"),
                hint=_("Select all that apply. Leave them all unselected if no one else does."),
                summary_label=_("Partner organisations"),
            ),
        ),
    ),
    ServiceField(
        "service_area",
        _("Service area"),
        _coded(
            "service_area",
            _("Service area code"),
            ("service_area_en", _("Service area (English)")),
            ("service_area_cy", _("Service area (Welsh)")),
        ),
        simple=False,
        listed=True,
        required=True,
        structure=Area(),
        step="area",
        questions=(
            Question(
                "service_area", _("Service area"), required_message=_("Select the service area")
            ),
        ),
    ),
    ServiceField(
        "users_served",
        _("Users served"),
        _coded(
            "users_served",
            _("Users served codes"),
            ("users_served_en", _("Users served (English)")),
            ("users_served_cy", _("Users served (Welsh)")),
        ),
        simple=False,
        listed=True,
        structure=CodeList("users_served", UserGroupCode),
        step="area",
        questions=(
            Question(
                "users_served",
                _("Who uses the service?"),
                hint=_("Select all that apply"),
                summary_label=_("Users served"),
                required_message=_("Select who uses the service"),
            ),
        ),
    ),
    ServiceField(
        "channels",
        _("Channels"),
        (
            Column("channels", _("Channel codes"), imported=True),
            Column("channels_in_welsh", _("Channels available in Welsh (codes)"), imported=True),
        ),
        simple=False,
        listed=True,
        structure=Channels("channels", Channel, (("welsh", "channels_in_welsh"),), "channels"),
        step="channels",
        questions=(
            Question(
                "channels",
                _("How can people use the service?"),
                hint=_("Select all that apply"),
                summary_label=_("Channels"),
                required_message=_("Select at least one way people can use the service"),
            ),
            Question(
                "channels_in_welsh",
                _("Which of these can people use in Welsh?"),
                hint=_("Select all that work fully in Welsh. Leave them unselected if none do."),
                summary_label=_("Channels in Welsh"),
            ),
        ),
    ),
    # Each step the service has, whether it can be done online and whether in Welsh (issue 11
    # item 9): a file from before names only the online steps, which are then its steps.
    ServiceField(
        "steps",
        _("Steps of the service"),
        (
            Column("steps", _("Steps of the service (codes)"), imported=True),
            Column("online_steps", _("Steps that can be done online (codes)"), imported=True),
            Column("welsh_steps", _("Steps that can be done in Welsh (codes)"), imported=True),
        ),
        simple=False,
        structure=Steps(
            "steps",
            ServiceStep,
            (("online", "online_steps"), ("welsh", "welsh_steps")),
            "steps",
            implied=True,
        ),
        step="online",
        questions=(
            Question(
                "steps",
                _("Which of these steps does the service have? (optional)"),
                hint=_("Select all that apply"),
                summary_label=_("Steps of the service"),
            ),
            Question(
                "online_steps",
                _("Which of them can people do fully online?"),
                hint=_("Leave them unselected if none can be done online."),
                summary_label=_("Steps that can be done online"),
            ),
            Question(
                "welsh_steps",
                _("Which of them can people do in Welsh?"),
                hint=_(
                    "Select the steps people can do from start to finish in Welsh, by any "
                    "channel. Leave them unselected if none can."
                ),
                summary_label=_("Steps that can be done in Welsh"),
            ),
        ),
    ),
    ServiceField(
        "team_roles",
        _("Roles in the team"),
        (Column("team_roles", _("Roles in the team (codes)"), imported=True),),
        simple=False,
        structure=CodeList("team_roles", TeamRole),
        step="owner",
        questions=(
            Question(
                "team_roles",
                _("Which roles does the team have? (optional)"),
                hint=_("Select all that apply"),
                summary_label=_("Roles in the team"),
            ),
        ),
    ),
    ServiceField(
        "technology",
        _("Technology"),
        (Column("technology", _("Technology products"), imported=True),),
        simple=False,
        structure=Products(),
        step="technology",
        questions=(
            Question(
                "technology",
                _("Which products does the service use? (optional)"),
                hint=_("Select all that apply"),
                summary_label=_("Technology"),
            ),
        ),
    ),
    # The service owner's contact details are private: downloads and the public API leave
    # them out, but a body may give them on the question pages, by import and by the API.
    _text(
        "owner_name",
        _("Service owner"),
        _("Service owner's name"),
        question=_("Service owner's name"),
        hint=_("Only people in your organisation and centre staff can see the owner"),
        kind="line",
        validator=validate_owner_text,
        max_length=OWNER_MAX_LENGTH,
        step="owner",
        public=False,
        required_message=_("Enter the service owner's name"),
    ),
    _text(
        "owner_role",
        _("Service owner's role"),
        _("Service owner's role"),
        question=_("Their job title (optional)"),
        summary_label=_("Their job title"),
        kind="line",
        validator=validate_owner_text,
        max_length=OWNER_MAX_LENGTH,
        step="owner",
        public=False,
    ),
    _text(
        "owner_email",
        _("Service owner's email address"),
        _("Service owner's email address"),
        question=_("Their email address"),
        summary_label=_("Their email address"),
        kind="email",
        validator=validate_email_address,
        max_length=EMAIL_MAX_LENGTH,
        step="owner",
        public=False,
        required_message=_("Enter the service owner's email address"),
    ),
]
FIELDS_BY_NAME = {declared.name: declared for declared in SERVICE_FIELDS}
SIMPLE_FIELDS = [declared for declared in SERVICE_FIELDS if declared.simple]
STRUCTURED_FIELDS = [declared for declared in SERVICE_FIELDS if declared.structure is not None]
# Required on the question pages; the import and the API require the first four only when a
# service is added (the owner may be given later).
REQUIRED_WHEN_ADDING = ("name_en", "name_cy", "description_en", "description_cy", "service_area")

# Changes recorded in the history that are not details: the phase, retiring, reviewing.
OTHER_HISTORY_LABELS = {
    "phase": _("Phase"),
    "retired_on": _("Retired on"),
    "last_reviewed_on": _("Last reviewed"),
}
FIELD_LABELS: dict[str, Any] = {
    **{declared.name: declared.label for declared in SERVICE_FIELDS},
    **OTHER_HISTORY_LABELS,
}


def _field(name: str) -> list[Column]:
    declared = FIELDS_BY_NAME[name]
    return list(declared.columns) if declared.public else []


def _simple_public(after: str) -> list[Column]:
    """The public simple fields from `after` up to the next complex one (declaration order)."""
    start = [declared.name for declared in SERVICE_FIELDS].index(after)
    columns: list[Column] = []
    for declared in SERVICE_FIELDS[start:]:
        if not declared.simple:
            break
        if declared.public:
            columns.extend(declared.columns)
    return columns


# The service download's columns, in order: the record's own columns around the details'.
SERVICE_COLUMNS: list[Column] = [
    Column("public_id", _("Service ID"), imported=True, aliases=("service_id",)),
    *_simple_public("name_en"),
    Column("organisation", _("Organisation code"), imported=True),
    Column("organisation_en", _("Organisation (English)")),
    Column("organisation_cy", _("Organisation (Welsh)")),
    Column("body_type", _("Type of organisation code")),
    Column("body_type_en", _("Type of organisation (English)")),
    Column("body_type_cy", _("Type of organisation (Welsh)")),
    *_field("partner_organisations"),
    *_field("service_area"),
    *_field("users_served"),
    Column("phase", _("Phase code"), imported=True),
    Column("phase_en", _("Phase (English)")),
    Column("phase_cy", _("Phase (Welsh)")),
    Column("phase_since", _("In this phase since"), "date", imported=True),
    *_field("channels"),
    Column("welsh_availability", _("Availability in Welsh code")),
    Column("welsh_availability_en", _("Availability in Welsh (English)")),
    Column("welsh_availability_cy", _("Availability in Welsh (Welsh)")),
    *_field("steps"),
    Column("steps_in_welsh", _("Steps in Welsh code")),
    Column("steps_in_welsh_en", _("Steps in Welsh (English)")),
    Column("steps_in_welsh_cy", _("Steps in Welsh (Welsh)")),
    *_field("team_roles"),
    *_field("technology"),
    Column("last_reviewed_on", _("Last reviewed"), "date"),
    Column("latest_metric_period", _("Latest period with figures"), "date"),
    Column("is_retired", _("Retired"), imported=True),
    Column("retired_on", _("Retired on"), "date", imported=True),
    Column("updated_at", _("Last updated")),
]
# Private columns an import reads but no download has.
PRIVATE_COLUMNS: list[Column] = [
    column for declared in SERVICE_FIELDS if not declared.public for column in declared.columns
]
SERVICE_IMPORT_REQUIRED = set(REQUIRED_WHEN_ADDING)

METRIC_COLUMNS: list[Column] = [
    Column("service", _("Service ID"), imported=True, aliases=("service_id", "public_id")),
    # Figures: a row names its service by the service ID or the body's reference (ADR 0046).
    Column("reference", _("Your reference"), imported=True, aliases=("service_reference",)),
    Column("service_name_en", _("Service name (English)")),
    Column("service_name_cy", _("Service name (Welsh)")),
    Column("organisation", _("Organisation code")),
    Column("organisation_en", _("Organisation (English)")),
    Column("organisation_cy", _("Organisation (Welsh)")),
    Column("measure", _("Measure code"), imported=True),
    Column("measure_en", _("Measure (English)")),
    Column("measure_cy", _("Measure (Welsh)")),
    Column("unit", _("Unit")),
    Column("period_type", _("Period type"), imported=True),
    Column("period_start", _("Period starts"), "date", imported=True),
    Column("period_end", _("Period ends"), "date", imported=True),
    Column("value", _("Value"), "number", imported=True),
    Column("not_provided_reason", _("Reason not provided"), imported=True),
    Column("source", _("Source"), imported=True),
    Column("note", _("Note"), imported=True),
    Column("updated_at", _("Last updated")),
]
# "service" or "reference": the figures import checks that one of them is there.
METRIC_IMPORT_REQUIRED = {"measure", "period_type", "period_start", "value"}


def column_label(code: str) -> str:
    """A column's label in the reader's language, for import problems and the preview."""
    for column in (*SERVICE_COLUMNS, *PRIVATE_COLUMNS, *METRIC_COLUMNS):
        if column.code == code:
            return str(column.label)
    return code
