"""`record_role`: the one decorator for URLs that name a record rather than a body."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from porth.core.permissions import can_edit, record_role


@dataclass
class Note:
    pk: int
    organisation: Any
    is_published: bool = False


def _decorated(organisation, access="organisation_record"):
    notes = {1: Note(pk=1, organisation=organisation)}
    seen = {}

    def load(request, *, pk: int) -> Note:
        if pk not in notes:
            raise Http404
        return notes[pk]

    @record_role(
        load=load,
        may=lambda user, note: note.is_published or can_edit(user, note.organisation),
        name="note",
        access=access,
    )
    def note_edit(request, note: Note, step: str = "") -> HttpResponse:
        seen.update(note=note, step=step)
        return HttpResponse("ok")

    return note_edit, notes, seen


def _get(user):
    request = RequestFactory().get("/en/notes/1/edit/")
    request.user = user
    return request


def test_the_view_receives_the_checked_record_and_the_other_url_arguments(organisation, editor):
    view, notes, seen = _decorated(organisation)
    response = view(_get(editor), pk=1, step="name")
    assert response.status_code == 200
    assert seen == {"note": notes[1], "step": "name"}


def test_a_person_from_another_body_is_refused(organisation, outsider):
    view, _, seen = _decorated(organisation)
    with pytest.raises(PermissionDenied):
        view(_get(outsider), pk=1)
    assert seen == {}


def test_an_unknown_record_is_a_404(organisation, editor):
    view, _, _ = _decorated(organisation)
    with pytest.raises(Http404):
        view(_get(editor), pk=2)


def test_an_anonymous_visitor_is_sent_to_sign_in(organisation):
    view, _, _ = _decorated(organisation)
    response = view(_get(AnonymousUser()), pk=1)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_public_record_view_lets_anonymous_visitors_see_what_may_allows(organisation):
    view, notes, _ = _decorated(organisation, access="public")
    assert view(_get(AnonymousUser()), pk=1).status_code == 302
    notes[1].is_published = True
    assert view(_get(AnonymousUser()), pk=1).status_code == 200


def test_the_view_is_marked_for_the_url_safety_net(organisation):
    view, _, _ = _decorated(organisation)
    assert view.porth_access == "organisation_record"
    assert view.__name__ == "note_edit"


def test_a_refusal_says_why_on_the_403_page(client, organisation, outsider):
    from django.utils.translation import gettext_lazy

    from porth.core.permissions import Refused
    from porth.core.views import permission_denied

    reason = gettext_lazy("Only an administrator of your organisation can do that.")

    @record_role(
        load=lambda request, pk: Note(pk=pk, organisation=organisation),
        may=lambda user, note: False,
        refusal=reason,
    )
    def note_edit(request, note):  # pragma: no cover - refused before it runs
        return HttpResponse("ok")

    with pytest.raises(Refused) as refused:
        note_edit(_get(outsider), pk=1)
    assert refused.value.reason == reason
    request = _get(outsider)
    page = permission_denied(request, refused.value).content.decode()
    assert "Only an administrator of your organisation can do that." in page
    plain = permission_denied(request, PermissionDenied()).content.decode()
    assert "Only an administrator" not in plain
