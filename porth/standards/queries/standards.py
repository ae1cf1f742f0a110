"""Reads of the standards, the manual and its examples, for pages and the open data API."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import QueryDict
from wagtail.models import Page

from porth.core.language import current_language
from porth.organisations.models import Organisation

from ..models import (
    Criterion,
    ExampleIndexPage,
    ExamplePage,
    GuidancePage,
    ManualFeedback,
    ManualIndexPage,
    Phase,
    Standard,
    StandardGroup,
    StandardGuidancePage,
    StandardSet,
)


def current_standard_set() -> StandardSet | None:
    """The version teams work to now, or None before the standards are loaded."""
    return StandardSet.objects.filter(is_current=True).first()


def groups_with_standards(standard_set: StandardSet) -> list[StandardGroup]:
    """The set's groups in order, each with its standards, in two queries."""
    return list(
        standard_set.groups.prefetch_related(
            Prefetch("standards", queryset=Standard.objects.order_by("number"))
        )
    )


def current_standard(number: int) -> Standard | None:
    """The standard with this number in the current version, with its group and set."""
    return (
        Standard.objects.filter(standard_set__is_current=True, number=number)
        .select_related("group", "standard_set")
        .first()
    )


def criteria_by_phase(standard: Standard) -> list[tuple[str, list[Criterion]]]:
    """The checklist for each phase in delivery order; phases without criteria are left out."""
    criteria = list(standard.criteria.order_by("order", "pk"))
    return [
        (label, [criterion for criterion in criteria if criterion.phase == phase])
        for phase, label in Phase.choices
        if any(criterion.phase == phase for criterion in criteria)
    ]


def guidance_for(number: int) -> StandardGuidancePage | None:
    """The live guidance page on a standard in the reader's language."""
    return (
        StandardGuidancePage.objects.live()
        .filter(standard_number=number, locale__language_code=current_language())
        .first()
    )


def standard_page_context(
    standard: Standard, *, guidance: StandardGuidancePage | None
) -> dict[str, Any]:
    """Everything a standard's page shows, for the public view and for previews of guidance."""
    index = examples_index()
    return {
        "standard": standard,
        "guidance": guidance,
        "criteria_by_phase": criteria_by_phase(standard),
        "examples": examples_for_standard(standard.number),
        "examples_url": index.url if index else None,
    }


def manual_contents(manual: ManualIndexPage) -> dict[str, Any]:
    """What the manual's front page lists: the standards, then its other live pages."""
    standard_set = current_standard_set()
    return {
        "groups": groups_with_standards(standard_set) if standard_set else [],
        "guidance_pages": GuidancePage.objects.child_of(manual).live().order_by("path"),
        "examples_page": ExampleIndexPage.objects.child_of(manual).live().first(),
    }


def feedback_by_page() -> list[dict[str, Any]]:
    """How many readers found each page useful or not, per page and language, least useful first."""
    return list(
        ManualFeedback.objects.values("path", "language")
        .annotate(
            useful=Count("pk", filter=Q(is_useful=True)),
            not_useful=Count("pk", filter=Q(is_useful=False)),
            comments=Count("pk", filter=~Q(comment="")),
            latest=Max("created_at"),
        )
        .order_by("-not_useful", "path", "language")
    )


def recent_feedback_comments(limit: int = 50) -> list[ManualFeedback]:
    return list(ManualFeedback.objects.exclude(comment="")[:limit])


@dataclass(frozen=True)
class ExampleFilters:
    """What the reader chose on the list of examples; anything unknown is ignored."""

    standard: int | None = None
    phase: str | None = None
    organisation: str | None = None

    @property
    def is_active(self) -> bool:
        return any((self.standard, self.phase, self.organisation))


def example_filters(params: QueryDict) -> ExampleFilters:
    standard = params.get("standard", "")
    phase = params.get("phase", "")
    return ExampleFilters(
        standard=int(standard) if standard.isdigit() else None,
        phase=phase if phase in Phase.values else None,
        organisation=params.get("organisation") or None,
    )


def _live_examples() -> QuerySet[ExamplePage]:
    return (
        ExamplePage.objects.live()
        .filter(locale__language_code=current_language())
        .select_related("organisation")
        .order_by("-first_published_at", "pk")
    )


def examples_for_list(index: ExampleIndexPage, filters: ExampleFilters) -> list[ExamplePage]:
    examples = _live_examples().child_of(index)
    if filters.standard:
        examples = examples.filter(standards__number=filters.standard)
    if filters.phase:
        examples = examples.filter(phase=filters.phase)
    if filters.organisation:
        examples = examples.filter(organisation__slug=filters.organisation)
    return list(examples.distinct().prefetch_related("standards"))


def example_filter_choices() -> dict[str, Any]:
    """The options of the filters: only organisations that have examples are worth listing."""
    standard_set = current_standard_set()
    organisation_ids = _live_examples().values("organisation_id")
    return {
        "standards": list(standard_set.standards.order_by("number")) if standard_set else [],
        "phases": Phase.choices,
        "organisations": list(
            Organisation.objects.filter(pk__in=organisation_ids).order_by(
                f"name_{current_language()}"
            )
        ),
    }


def examples_for_standard(number: int) -> list[ExamplePage]:
    return list(_live_examples().filter(standards__number=number).distinct())


def examples_index() -> ExampleIndexPage | None:
    return ExampleIndexPage.objects.live().filter(locale__language_code=current_language()).first()


MANUAL_FEED_LENGTH = 50


def manual_updates(*, limit: int = MANUAL_FEED_LENGTH) -> list[Page]:
    """The manual's live public pages in the reader's language (its front page, the guidance on
    each standard, its other guidance and the examples), the last published first, as their
    specific types. Three queries at most, one per page type beyond the first."""
    manual = ManualIndexPage.objects.live().filter(locale__language_code=current_language()).first()
    if manual is None:
        return []
    pages = Page.objects.descendant_of(manual, inclusive=True).live().public()
    return list(pages.order_by("-last_published_at", "-pk").specific()[:limit])
