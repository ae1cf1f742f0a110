"""One audit log for every app: actions call `record` in the same transaction as the write.

Usage, from an action that has just changed `thing` on behalf of `by`:

    before = audit.snapshot(thing, ["status", "summary_en"])
    ... change and save thing ...
    audit.record(by=by, action="app.verb_noun", target=thing, title=_("Report sent"),
                 before=before, after=audit.snapshot(thing, ["status", "summary_en"]),
                 organisation=thing.service.organisation)

Core knows no domain app: records are named by content type and key, bodies by primary key
(docs/adr/0020-audit-log.md).
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import pagecache
from .models import AuditEntry

LANGUAGES = ("en", "cy")


class Shown(NamedTuple):
    """A value with the label that names it in the timeline (text, lazy text or a callable)."""

    label: Any
    value: Any


def in_both_languages(render: Callable[[], Any]) -> dict[str, str]:
    """`render()` as text in English and in Welsh."""
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = str(render())
    return result


def _text(value: Any) -> str:
    """One value as a reader would say it, in the active language.

    A dict with "en" and "cy" keys is a value already written in both languages (the
    register's change log renders its values so); the active language's text is used.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return value[translation.get_language()[:2]]
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_text(item) for item in value)
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str], prefix: str = "") -> dict[str, Shown]:
    """The named fields of `obj`, labelled with their verbose names, choices as their labels.

    Keys are `prefix + field`, so several rows (one answer per criterion) can share one entry.
    """
    shown = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if field.choices:
            value = dict(field.flatchoices).get(value, value)
        shown[prefix + name] = Shown(field.verbose_name, value)
    return shown


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    changes = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        label = (new if isinstance(new, Shown) else old if isinstance(old, Shown) else None) or key
        label = label.label if isinstance(label, Shown) else label
        old_text = in_both_languages(
            lambda old=old: _text(old.value if isinstance(old, Shown) else old)
        )
        new_text = in_both_languages(
            lambda new=new: _text(new.value if isinstance(new, Shown) else new)
        )
        if old_text == new_text:
            continue
        changes.append(
            {
                "field": key,
                "label": in_both_languages(
                    lambda label=label: _text(label() if callable(label) else label)
                ),
                "before": old_text,
                "after": new_text,
            }
        )
    return changes


def name_of(person: Any) -> str:
    """How the log names a person: their full name, else their email address."""
    return (getattr(person, "full_name", "") or getattr(person, "email", "") or str(person))[:300]


def record(
    *,
    by: Any,
    action: str,
    target: models.Model,
    title: Promise | str,
    title_values: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organisation: models.Model | None = None,
    page_topic: str | None = None,
    page_parts: Iterable[str] = (),
    page_lists: bool = True,
) -> AuditEntry:
    """Write one entry: `by` (None for the system) did `action` to `target`.

    `title` is a lazy translatable string, filled with `title_values` in each language.
    `before` and `after` map keys to values or `Shown(label, value)`; only keys whose text
    differs are kept. Call it inside the action's transaction, so a rolled-back write leaves
    no entry and a recorded write always has one. `page_topic` names what the write changed
    for the page cache (`pagecache.pages_changed`): None drops every kept page; `page_parts`,
    the parts of that topic it changed, if it changed only some (ADR 0070); `page_lists`
    False if, changing only those parts, it changed nothing the topic's lists show (ADR 0072).
    """
    changes = _changes(before or {}, after or {})
    values = title_values or {}
    # Every write an action makes is recorded here, so this is where kept pages are dropped.
    pagecache.pages_changed(page_topic, parts=page_parts, lists=page_lists)
    return AuditEntry.objects.create(
        action=action,
        title=in_both_languages(lambda: str(title) % values if values else title),
        changes=changes,
        actor=by if getattr(by, "pk", None) else None,
        actor_name=name_of(by) if by is not None else "",
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_key=str(target.pk),
        target_label=str(target)[:300],
        organisation_key=getattr(organisation, "pk", None),
    )


# --- Reading the log ------------------------------------------------------------------------


def _with_actor(entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    return entries.select_related("actor", "target_type")


def entries_for(*targets: models.Model) -> QuerySet[AuditEntry]:
    """The timeline of one or more records (a self-assessment, a review), newest first."""
    query = models.Q(pk__in=[])
    for target in targets:
        query |= models.Q(
            target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
            target_key=str(target.pk),
        )
    return _with_actor(AuditEntry.objects.filter(query))


def entries_for_organisation(
    organisation: models.Model, action_prefixes: Iterable[str] = ()
) -> QuerySet[AuditEntry]:
    """A body's entries, limited to actions starting with one of `action_prefixes` if given."""
    entries = AuditEntry.objects.filter(organisation_key=organisation.pk)
    prefixes = list(action_prefixes)
    if prefixes:
        query = models.Q(pk__in=[])
        for prefix in prefixes:
            query |= models.Q(action__startswith=prefix)
        entries = entries.filter(query)
    return _with_actor(entries)


def all_entries() -> QuerySet[AuditEntry]:
    """Every entry, newest first: for centre staff."""
    return _with_actor(AuditEntry.objects.all())


def timeline_page(entries: QuerySet[AuditEntry], page_number: Any, per_page: int = 50) -> Page:
    """One page of a timeline; a page number that is not a number shows the first page."""
    return Paginator(entries, per_page).get_page(page_number)
