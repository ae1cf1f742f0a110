"""Writing the service change log: each change rendered in both languages as it is made."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext

from porth.core import audit

from ..description import FIELD_LABELS, SIMPLE_FIELDS
from ..models import (
    ChangeKind,
    Channel,
    Service,
    ServiceChange,
    UserGroupCode,
)
from ..signals import register_changed
from ..wording import in_both_languages

__all__ = ["FIELD_LABELS", "change_entry", "in_both_languages", "log_change", "snapshot"]


def _channel_text(channel: str, in_welsh: bool) -> str:
    label = Channel(channel).label
    return gettext("%(channel)s (in Welsh)") % {"channel": label} if in_welsh else str(label)


def _step_text(record: dict[str, Any]) -> str:
    """ "Apply (online, in Welsh)": one step as the history words it."""
    flags = {
        "online": (record["online"], gettext("online")),
        "welsh": (record["welsh"], gettext("in Welsh")),
    }
    said = [text for given, text in flags.values() if given]
    if not said:
        return str(record["label"])
    return gettext("%(step)s (%(how)s)") % {"step": record["label"], "how": ", ".join(said)}


def _readable(service: Service) -> dict[str, Callable[[], str]]:
    """How each field of the record reads, for the change log. Called once per language."""
    channels = sorted(service.channels.all(), key=lambda c: c.position)
    groups = {group.code for group in service.users_served.all()}
    partners = list(service.partner_organisations.all())
    products = list(service.technology.all())
    texts: dict[str, Callable[[], str]] = {
        name: (lambda name=name: getattr(service, name))
        for name in (declared.name for declared in SIMPLE_FIELDS)
    }
    texts.update(
        service_area=lambda: service.service_area.name,
        users_served=lambda: ", ".join(
            str(label) for code, label in UserGroupCode.choices if code in groups
        ),
        partner_organisations=lambda: ", ".join(sorted(p.name for p in partners)),
        channels=lambda: ", ".join(
            _channel_text(c.channel, c.is_available_in_welsh) for c in channels
        ),
        steps=lambda: ", ".join(_step_text(record) for record in service.step_rows()),
        team_roles=lambda: ", ".join(str(label) for label in service.team_role_labels()),
        technology=lambda: ", ".join(str(product) for product in products),
    )
    return texts


def snapshot(service: Service) -> dict[str, dict[str, str]]:
    return {name: in_both_languages(render) for name, render in _readable(service).items()}


def change_entry(name: str, old: dict[str, str], new: dict[str, str]) -> dict[str, Any]:
    return {
        "field": name,
        "label": in_both_languages(lambda: FIELD_LABELS[name]),
        "old": old,
        "new": new,
    }


def log_change(
    service: Service, kind: str, by: Any, changes: list[dict[str, Any]]
) -> ServiceChange:
    """The service page's own timeline, and the same change in the one audit log (ADR 0020).

    Every change the register records can move the landscape's figures: `register_changed`
    tells whoever listens (open data asks for one refresh once the transaction commits)."""
    audit.record(
        by=by,
        action=f"register.{kind}",
        target=service,
        title=ChangeKind(kind).label,
        before={c["field"]: audit.Shown(c["label"], c["old"]) for c in changes},
        after={c["field"]: audit.Shown(c["label"], c["new"]) for c in changes},
        organisation=service.organisation,
    )
    register_changed.send(sender=Service, service=service)
    return ServiceChange.objects.create(
        service=service, kind=kind, changes=changes, changed_by=by if by else None
    )
