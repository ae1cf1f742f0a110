"""Who may see and do what in learning: loaders and rules for `record_role`."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from porth.accounts.queries import memberships_of
from porth.core.permissions import Role, can_administer, is_centre_staff, record_role

from .models import Booking, ColleagueInvitation, Course, Organiser, Session


def is_organiser(user: Any) -> bool:
    """Centre staff, and people centre staff have made course organisers."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_centre_staff(user) or Organiser.objects.filter(person=user).exists()


def may_see_session(user: Any, session: Session) -> bool:
    """Published open sessions are public; a body's own sessions are for its members; drafts
    for those who manage them."""
    is_published = session.is_published and session.course.is_published
    if is_published and session.organisation_id is None:
        # The common case first: it needs no query about the person.
        return True
    if may_manage_session(user, session):
        return True
    if not is_published:
        return False
    return bool(
        getattr(user, "is_authenticated", False)
        and user.memberships.filter(organisation_id=session.organisation_id).exists()
    )


def may_book_session(user: Any, session: Session) -> bool:
    return getattr(user, "is_authenticated", False) and may_see_session(user, session)


def may_manage_session(user: Any, session: Session) -> bool:
    """Organisers manage every session; an organisation admin, their body's own sessions."""
    if is_organiser(user):
        return True
    return bool(
        session.organisation_id is not None
        and getattr(user, "is_authenticated", False)
        and can_administer(user, session.organisation)
    )


def may_see_materials(user: Any, session: Session) -> bool:
    """Organisers, and people who had a confirmed place on the session once it has started,
    unless the register says they did not come."""
    if not getattr(user, "is_authenticated", False):
        return False
    if may_manage_session(user, session):
        return True
    return session.is_past and (
        Booking.objects.filter(session=session, person=user, status="confirmed")
        .exclude(attended=False)
        .exists()
    )


def may_use_booking(user: Any, booking: Booking) -> bool:
    """Only the person booked: nobody else sees their answers."""
    return getattr(user, "is_authenticated", False) and booking.person_id == user.pk


def load_session(request, pk: int) -> Session:
    # Not the organisation: most sessions are open to everyone, and booking (the busiest
    # page) never shows it; a body's own session reads it when it is needed (ADR 0064).
    session = Session.objects.select_related("course").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def load_booking(request, pk: int) -> Booking:
    booking = Booking.objects.select_related("session__course", "person").filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


session_viewer = record_role(
    load=load_session, may=may_see_session, name="session", access="public"
)
session_booker = record_role(
    load=load_session, may=may_book_session, name="session", access="signed_in"
)
session_manager = record_role(
    load=load_session, may=may_manage_session, name="session", access="organisation_record"
)
booking_owner = record_role(
    load=load_booking, may=may_use_booking, name="booking", access="signed_in"
)


# --- Organisers' pages -----------------------------------------------------------------------


class OrganiserDesk:
    """The record an organiser's own pages are about: there is none, so the rule is the role."""


def load_desk(request) -> OrganiserDesk:
    return OrganiserDesk()


def may_organise(user: Any, desk: OrganiserDesk) -> bool:
    return is_organiser(user)


def load_course(request, pk: int) -> Course:
    course = Course.objects.filter(pk=pk).first()
    if course is None:
        raise Http404
    return course


def may_edit_course(user: Any, course: Course) -> bool:
    return is_organiser(user)


def administered_organisations(user: Any) -> list:
    """The bodies the person is an admin of: those they may publish private sessions for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        membership.organisation
        for membership in memberships_of(user)
        if membership.role >= Role.ADMIN
    ]


def may_schedule_for_course(user: Any, course: Course) -> bool:
    """Organisers schedule any course; an organisation admin, a published course for their
    own body's staff."""
    if is_organiser(user):
        return True
    return course.is_published and bool(administered_organisations(user))


organiser_required = record_role(
    load=load_desk, may=may_organise, name="desk", access="organisation_record"
)
course_editor = record_role(
    load=load_course, may=may_edit_course, name="course", access="organisation_record"
)
course_scheduler = record_role(
    load=load_course, may=may_schedule_for_course, name="course", access="organisation_record"
)


def bodies_to_invite_from(user: Any, session: Session) -> list:
    """The bodies whose members the person may book on the session: those they administer (a
    body's own session: that body only). Issue 13: "An organisation admin can also book places
    for named colleagues in their body"; a plain member books only for themselves."""
    bodies = administered_organisations(user)
    if session.organisation_id is not None:
        bodies = [body for body in bodies if body.pk == session.organisation_id]
    return bodies


def may_invite_colleagues(user: Any, session: Session) -> bool:
    return may_book_session(user, session) and bool(bodies_to_invite_from(user, session))


colleague_booker = record_role(
    load=load_session,
    may=may_invite_colleagues,
    name="session",
    access="organisation_record",
    refusal=_(
        "Only an administrator of your organisation can book places for colleagues. You can "
        "book a place for yourself, or ask an administrator to book one for you."
    ),
)


def load_invitation(request, token: str) -> ColleagueInvitation:
    invitation = (
        ColleagueInvitation.objects.select_related("booking__session__course", "invited_by")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def may_answer_invitation(user: Any, invitation: ColleagueInvitation) -> bool:
    """Only the colleague the place was booked for."""
    return getattr(user, "is_authenticated", False) and invitation.booking.person_id == user.pk


invitation_colleague = record_role(
    load=load_invitation, may=may_answer_invitation, name="invitation", access="signed_in"
)
