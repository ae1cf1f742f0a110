"""The register's Atom feed of changes, in the reader's language (ADR 0049, ADR 0057)."""

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from porth.core.feeds import FeedEntry, atom_response
from porth.core.permissions import public
from porth.organisations.queries import organisation_by_slug

from ..queries import public_register_changes


def _summary(lines: list[dict[str, str]]) -> str:
    return "<br>".join(
        escape(f"{line['label']}: {line['old'] or '–'} → {line['new'] or '–'}") for line in lines
    )


@public
def register_change_feed(request: HttpRequest) -> HttpResponse:
    """Services added, changed, moved to another phase or retired; `?organisation=<slug>` keeps
    to one body's services."""
    organisation = organisation_by_slug(request.GET.get("organisation", ""))
    entries = [
        FeedEntry(
            title=(
                f"{item.change.get_kind_display()}: {item.change.service.name}"
                f" – {item.change.service.organisation.name}"
            ),
            path=item.change.service.get_absolute_url(),
            summary=_summary(item.lines),
            published=item.change.changed_at,
            fragment=f"change-{item.change.pk}",
        )
        for item in public_register_changes(organisation=organisation)
    ]
    if organisation is not None:
        title = _("Porth: changes to the services of %(organisation)s") % {
            "organisation": organisation.name
        }
    else:
        title = _("Porth: changes to the register")
    return atom_response(request, title=title, entries=entries)
