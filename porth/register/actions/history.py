"""Writing the service change log: each change rendered in both languages as it is made."""

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext

from porth.core import audit, pagecache
from porth.core.models import AuditEntry

from ..description import FIELD_LABELS, SERVICE_FIELDS, SIMPLE_FIELDS
from ..models import (
    ChangeKind,
    Channel,
    Service,
    ServiceChange,
    UserGroupCode,
)
from ..signals import PAGE_TOPIC, SHOWN_ELSEWHERE, body_part, register_changed, service_part
from ..wording import in_both_languages

__all__ = [
    "FIELD_LABELS",
    "change_entry",
    "in_both_languages",
    "log_change",
    "log_changes",
    "snapshot",
    "state",
]


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


TYPED = frozenset(declared.name for declared in SIMPLE_FIELDS)
"""Fields whose value is the text someone typed, not a label to translate."""


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


def snapshot(service: Service, names: Sequence[str] | None = None) -> dict[str, dict[str, str]]:
    """How each field of the record reads in both languages (only `names`, if given)."""
    texts = _readable(service)
    wanted = list(texts if names is None else names)
    # Typed text reads the same in both languages: no need to switch. The rest are rendered
    # a language at a time, switching language twice per record rather than twice per field.
    shown = {name: {} for name in wanted}
    for language in ("en", "cy"):
        with translation.override(language):
            for name in wanted:
                if name not in TYPED:
                    shown[name][language] = str(texts[name]())
    for name in wanted:
        if name in TYPED:
            text = str(texts[name]())
            shown[name] = {"en": text, "cy": text}
    return shown


def state(service: Service) -> dict[str, Any]:
    """Each field of the record as plain values, to see which changed without rendering them
    (rendering is the slow part of `snapshot`): the same fields, equal when their texts are."""
    values: dict[str, Any] = {
        declared.name: getattr(service, declared.name) for declared in SIMPLE_FIELDS
    }
    values.update(
        service_area=service.service_area_id,
        users_served={group.pk for group in service.users_served.all()},
        partner_organisations={body.pk for body in service.partner_organisations.all()},
        channels={c.channel: c.is_available_in_welsh for c in service.channels.all()},
        steps=[dict(record) for record in service.steps],
        team_roles=list(service.team_roles),
        technology={product.pk for product in service.technology.all()},
    )
    return values


@cache
def _label(name: str) -> dict[str, str]:
    """A field's label in both languages, worked out once per field, not once per change."""
    return in_both_languages(lambda: FIELD_LABELS[name])


def change_entry(name: str, old: dict[str, str], new: dict[str, str]) -> dict[str, Any]:
    return {
        "field": name,
        "label": dict(_label(name)),
        "old": old,
        "new": new,
    }


OWN_KINDS = frozenset(
    {ChangeKind.UPDATED, ChangeKind.PHASE, ChangeKind.REVIEWED, ChangeKind.METRIC}
)
"""Changes that touch only the service's own parts of the register, unless they change what is
`SHOWN_ELSEWHERE`: adding or retiring a service changes other services' similar ones."""


LISTED = frozenset({declared.name for declared in SERVICE_FIELDS if declared.listed} | {"phase"})
"""What the register's lists show of a service or find, filter or order it by (ADR 0072),
beyond what only adding, retiring or moving it changes, which drops every register page."""


def changes_lists(changes: list[dict[str, Any]]) -> bool:
    """Whether a change of one service's own parts changes what the register's lists show."""
    return any(c["field"] in LISTED for c in changes)


def page_parts(service: Service, kind: str, changes: list[dict[str, Any]]) -> tuple[str, ...]:
    """The parts of the register one change to `service` changed, for the page cache: its
    page and the downloads of the bodies that run it or partner in it; none (so the whole
    register) if it changed what other pages show of it (ADR 0070)."""
    if kind not in OWN_KINDS or any(c["field"] in SHOWN_ELSEWHERE for c in changes):
        return ()
    bodies = [
        service.organisation.slug,
        *service.partner_organisations.values_list("slug", flat=True),
    ]
    return (service_part(service.public_id), *(body_part(slug) for slug in bodies))


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
        page_topic=PAGE_TOPIC,
        page_parts=page_parts(service, kind, changes),
        page_lists=changes_lists(changes),
    )
    register_changed.send(
        sender=Service,
        service=service,
        kinds=frozenset({kind}),
        fields=frozenset(change["field"] for change in changes),
    )
    return ServiceChange.objects.create(
        service=service, kind=kind, changes=changes, changed_by=by if by else None
    )


BATCH = 500
"""Rows a bulk statement writes at most (SQLite's and PostgreSQL's limits are far above it)."""


def log_changes(entries: Sequence[tuple[Service, str, list[dict[str, Any]]]], by: Any) -> None:
    """`log_change` for many changes at once (the batched actions, ADR 0055): the same
    `ServiceChange` and `AuditEntry` rows, in the order given, written a batch at a time.

    Kept pages are dropped once. `register_changed` is sent once for all the services the
    batch added, with `services=` rather than `service=` (nobody follows a service before it
    exists, and the landscape needs one refresh whatever the number), and once for all the
    services that existed before, with `changed=`: each one's followers hear, as they do of
    one change, but the listeners' work is done once per batch, not once per service.
    """
    if not entries:
        return
    target_type = ContentType.objects.get_for_model(Service, for_concrete_model=False)
    actor = by if getattr(by, "pk", None) else None
    actor_name = audit.name_of(by) if by is not None else ""
    titles = {kind: in_both_languages(lambda kind=kind: ChangeKind(kind).label) for kind in {
        kind for _service, kind, _changes in entries}}  # fmt: skip
    audit_entries, service_changes = [], []
    for service, kind, changes in entries:
        audit_entries.append(
            AuditEntry(
                action=f"register.{kind}",
                title=titles[kind],
                # As `audit.record` words them: values already in both languages, unchanged
                # ones left out.
                changes=[
                    {
                        "field": c["field"],
                        "label": c["label"],
                        "before": c["old"],
                        "after": c["new"],
                    }
                    for c in changes
                    if c["old"] != c["new"]
                ],
                actor=actor,
                actor_name=actor_name,
                target_type=target_type,
                target_key=str(service.pk),
                target_label=str(service)[:300],
                organisation_key=service.organisation_id,
            )
        )
        service_changes.append(
            ServiceChange(
                service=service, kind=kind, changes=changes, changed_by=by if by else None
            )
        )
    AuditEntry.objects.bulk_create(audit_entries, batch_size=BATCH)
    ServiceChange.objects.bulk_create(service_changes, batch_size=BATCH)
    pagecache.pages_changed(PAGE_TOPIC)
    added = {service.pk: service for service, kind, _c in entries if kind == ChangeKind.CREATED}
    if added:
        register_changed.send(sender=Service, services=list(added.values()))
    changed = {
        service.pk: service for service, _kind, _changes in entries if service.pk not in added
    }
    if changed:
        of_changed = [
            (kind, changes) for service, kind, changes in entries if service.pk in changed
        ]
        register_changed.send(
            sender=Service,
            changed=list(changed.values()),
            kinds=frozenset(kind for kind, _changes in of_changed),
            fields=frozenset(c["field"] for _kind, changes in of_changed for c in changes),
        )
