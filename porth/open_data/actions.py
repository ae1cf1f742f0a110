"""Writes of the open data app: personal API tokens, register snapshots and the landscape's
stored figures."""

import datetime
import pickle
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core import audit, pagecache, stored_files
from porth.core.permissions import is_centre_staff
from porth.organisations.models import Organisation
from porth.register.signals import LANDSCAPE_PART
from porth.register.signals import PAGE_TOPIC as REGISTER_TOPIC

from .columns import METRIC_COLUMNS, SERVICE_COLUMNS, Column, metric_rows, service_rows
from .formats import CONTENT_TYPES, FORMATS, file_chunks, file_name, stored_download_name
from .models import (
    DEFAULT_TOKEN_LIFETIME,
    LandscapeFigures,
    PersonalToken,
    RegisterSnapshot,
    SnapshotReason,
    TokenScope,
    hash_token,
)
from .queries import (
    MetricFilters,
    all_services_for_snapshot,
    landscape_figures_in,
    metric_values_for_open_data,
    services_for_open_data,
)

TOKEN_PREFIX = "porth_"
# A token's last use is written at most this often, so a busy script does not turn every API
# call into a database write: one UPDATE a minute at most, however many requests.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class NotAMemberOfOrganisation(Exception):
    """A token can act only for organisations its person belongs to."""


class NoOrganisationChosen(Exception):
    """A token must act for at least one organisation."""


@transaction.atomic
def create_token(
    *,
    person: Any,
    name: str,
    scope: str = TokenScope.READ,
    organisations: Iterable[Organisation] | None = None,
    for_all_organisations: bool = False,
    lifetime_days: int = DEFAULT_TOKEN_LIFETIME,
) -> tuple[PersonalToken, str]:
    """Make a token for `person`; returns it and its secret, which is never stored or shown
    again. The prefix makes a leaked token easy to recognise (and to search for in code).

    `organisations` defaults to every organisation the person belongs to now; only centre staff
    may choose `for_all_organisations` or organisations they are not a member of.
    """
    staff = is_centre_staff(person)
    if for_all_organisations and not staff:
        raise NotAMemberOfOrganisation
    own = {membership.organisation_id for membership in person.memberships.all()}
    if organisations is None:
        chosen = list(Organisation.objects.filter(pk__in=own))
        for_all_organisations = for_all_organisations or (staff and not chosen)
    else:
        chosen = list(organisations)
        if not staff and any(organisation.pk not in own for organisation in chosen):
            raise NotAMemberOfOrganisation
    if not chosen and not for_all_organisations:
        raise NoOrganisationChosen
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        person=person,
        name=name.strip(),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        token_hash=hash_token(secret),
        scope=scope,
        for_all_organisations=for_all_organisations,
        password_fingerprint=person.get_session_auth_hash(),
        expires_at=timezone.now() + datetime.timedelta(days=lifetime_days),
    )
    if not for_all_organisations:
        token.organisations.set(chosen)
    audit.record(
        by=person,
        action="open_data.create_token",
        target=token,
        title=_("API token “%(name)s” created"),
        title_values={"name": token.name},
        after=audit.snapshot(token, ["name", "prefix", "scope", "expires_at"]),
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: PersonalToken, by: Any = None) -> PersonalToken:
    """Stop the token working at once. Revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        _audit_revoked(token, by, "open_data.revoke_token", _("API token “%(name)s” revoked"))
    return token


def _audit_revoked(token: PersonalToken, by: Any, action: str, title: Any) -> None:
    audit.record(
        by=by,
        action=action,
        target=token,
        title=title,
        title_values={"name": token.name},
        before={"revoked_at": audit.Shown(_("revoked"), None)},
        after=audit.snapshot(token, ["revoked_at"]),
    )


@transaction.atomic
def revoke_tokens_of(*, person: Any) -> int:
    """Revoke every live token of `person` (their password changed or was reset); returns how
    many. One UPDATE, whatever the number of tokens, and an audit entry for each."""
    tokens = list(PersonalToken.objects.filter(person=person, revoked_at__isnull=True))
    now = timezone.now()
    PersonalToken.objects.filter(pk__in=[token.pk for token in tokens]).update(revoked_at=now)
    for token in tokens:
        token.revoked_at = now
        _audit_revoked(
            token,
            None,
            "open_data.revoke_tokens_of",
            _("API token “%(name)s” revoked: its owner's password changed"),
        )
    return len(tokens)


@transaction.atomic
def withdraw_tokens_from(*, person: Any, organisation: Organisation | int) -> int:
    """The person's membership of `organisation` ended: their tokens stop acting for it.

    The organisation is taken off each token; a token left with no organisation is revoked
    (it could do nothing, and an empty list must never be read as "every organisation").
    Returns how many tokens were revoked.
    """
    tokens = list(
        PersonalToken.objects.filter(
            person=person, organisations=organisation, revoked_at__isnull=True
        )
    )
    revoked = 0
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    for token in tokens:
        token.organisations.remove(organisation_id)
        if not token.organisations.exists() and not token.for_all_organisations:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            revoked += 1
        audit.record(
            by=None,
            action="open_data.withdraw_tokens_from",
            target=token,
            title=_(
                "API token “%(name)s” no longer acts for an organisation whose membership ended"
            ),
            title_values={"name": token.name},
            before={"organisation": organisation_id},
            after={"organisation": None, "revoked_at": token.revoked_at},
        )
    return revoked


def record_token_use(*, token: PersonalToken) -> None:
    """Note when the token was last used, so its owner can spot one they no longer need.

    A conditional UPDATE, so of many requests in the same minute at most one writes.
    """
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        PersonalToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
        ).update(last_used_at=now)
        token.last_used_at = now


def take_snapshot(
    *,
    reason: str = SnapshotReason.ON_DEMAND,
    label_en: str = "",
    label_cy: str = "",
    taken_by: Any = None,
) -> RegisterSnapshot:
    """Freeze the whole register, retired services included, as it stands now.

    One transaction, so nothing is half-written if the worker dies. On PostgreSQL, when it is
    not inside someone else's transaction, it reads at REPEATABLE READ: the services and their
    channels, partners and products read chunk by chunk all come from the same moment.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        taken_at = timezone.now()
        rows, count = RegisterSnapshot.pack(service_rows(all_services_for_snapshot()))
        return RegisterSnapshot.objects.create(
            taken_at=taken_at,
            reason=reason,
            label_en=label_en.strip(),
            label_cy=label_cy.strip(),
            taken_by=taken_by,
            service_count=count,
            rows=rows,
        )


def refresh_landscape_figures(*, languages: Iterable[str] | None = None) -> list[LandscapeFigures]:
    """Work out the dashboard's figures in `languages` (every language unless told) and store
    them for every web process.

    The figures are read from the register once for all the languages and only put into each
    language's words separately (`queries.landscape_figures_in`, ADR 0067): at 100,000
    services the reading is seconds of the database's time.

    The worker does this (`tasks.refresh_landscape_later`, queued by
    `queue.queue_landscape_refresh`), and so do `manage.py refresh_landscape --now` and the
    demo; a page never does, because on SQLite a reader that writes waits for, and can fail
    against, the worker's writes.
    """
    chosen = [code for code, _name in settings.LANGUAGES if languages is None or code in languages]
    # Clear the claims before reading, so a change made while this runs asks for another refresh.
    LandscapeFigures.objects.filter(language__in=chosen).update(refresh_requested_at=None)
    figures = landscape_figures_in(chosen)
    worked_out_at = timezone.now()
    stored = [
        LandscapeFigures.objects.update_or_create(
            language=language,
            defaults={"figures": pickle.dumps(figures[language]), "worked_out_at": worked_out_at},
        )[0]
        for language in chosen
    ]
    # The dashboard shows them; a service's page, a body's downloads and the lists do not.
    pagecache.pages_changed(REGISTER_TOPIC, parts=[LANDSCAPE_PART], lists=False)
    return stored


# The downloads that hold the whole register: built by the worker and served from storage
# (docs/adr/0052-shared-storage.md), never built inside a request.
WHOLE_REGISTER_DOWNLOADS = ("services", "metrics")


def build_whole_register_downloads(
    *, names: Iterable[str] = WHOLE_REGISTER_DOWNLOADS
) -> list[stored_files.StoredFile]:
    """Build the unfiltered downloads `names` (services, figures, or both) in every format, and
    store them.

    What the download links give without a query string: the same rows, columns and file
    names as a filtered download, so a reader cannot tell a stored file from a streamed one
    except by its date. Queued after every change to the register and run nightly.

    Each download's rows are read from the database once (`_read_once`) and written in every
    format from that copy: a third of the database's work, and the CSV, XLSX and JSON hold the
    same rows even if the register changes during the build. A failure reading them raises, so
    the task is retried rather than storing an incomplete file (ADR 0062).
    """
    everything = MetricFilters()
    built = []
    wanted = set(names)
    for name in (name for name in WHOLE_REGISTER_DOWNLOADS if name in wanted):
        if name == "services":
            columns = SERVICE_COLUMNS
            rows = service_rows(services_for_open_data(everything.services))
        else:
            columns = METRIC_COLUMNS
            rows = metric_rows(metric_values_for_open_data(everything))
        with _read_once(rows, columns) as replay:
            for file_format in FORMATS:
                built.append(
                    stored_files.store(
                        name=stored_download_name(name, file_format),
                        chunks=file_chunks(file_format, columns, replay(), name=name),
                        filename=file_name(name, file_format),
                        content_type=CONTENT_TYPES[file_format],
                    )
                )
    # Pages that show the files' dates; a service's page, a body's downloads and the lists
    # do not.
    pagecache.pages_changed(REGISTER_TOPIC, parts=[LANDSCAPE_PART], lists=False)
    return built


@contextmanager
def _read_once(
    rows: Iterable[dict[str, Any]], columns: list[Column]
) -> Iterator[Callable[[], Iterator[dict[str, Any]]]]:
    """Read `rows` to the end into a temporary file (each row a pickled tuple of its cells, in
    `columns`' order: no memory grows with the register), and give a function that reads them
    back, as often as needed."""
    codes = [column.code for column in columns]
    with tempfile.TemporaryFile() as spool:
        for row in rows:
            pickle.dump(tuple(row[code] for code in codes), spool, pickle.HIGHEST_PROTOCOL)

        def replay() -> Iterator[dict[str, Any]]:
            spool.seek(0)
            while True:
                try:
                    cells = pickle.load(spool)  # our own file, written just above
                except EOFError:
                    return
                yield dict(zip(codes, cells, strict=True))

        yield replay
