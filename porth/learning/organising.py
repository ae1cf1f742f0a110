"""Organisers' pages: their courses, a course's sessions, and creating, editing and publishing
courses and sessions. Organisation admins schedule sessions private to their own body.

Views check permission (one decorator each), call a form and an action, and render.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import actions, queries, queue, views
from .models import ColleagueInvitation, Course, Session
from .organising_forms import ColleagueForm, CourseForm, SessionForm
from .permissions import (
    OrganiserDesk,
    administered_organisations,
    colleague_booker,
    course_editor,
    course_scheduler,
    invitation_colleague,
    is_organiser,
    organiser_required,
    session_manager,
)

PAGE_SIZE = 20


def _refusal(error: Exception) -> str:
    return {
        actions.NotAllowed: _("You cannot publish a session for that audience."),
        actions.BadDates: _("Booking must close before the session starts."),
        actions.TooFewPlaces: _(
            "There are more places booked than that. Enter a number at least as big as the "
            "places already taken."
        ),
        actions.SessionCancelled: _("This session has been cancelled."),
    }.get(type(error), _("That could not be saved."))


@organiser_required
def course_list(request: HttpRequest, desk: OrganiserDesk) -> HttpResponse:
    """Every course, drafts first among none: the organiser's starting point."""
    page = Paginator(queries.courses_for_organisers(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/course_list.html", {"page": page})


@organiser_required
def course_create(request: HttpRequest, desk: OrganiserDesk) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = actions.create_course(by=request.user, **form.cleaned_data)
        messages.success(request, _("The course has been saved."))
        return redirect("learning:course_sessions", pk=course.pk)
    return render(request, "learning/course_form.html", {"form": form, "course": None})


@course_editor
def course_edit(request: HttpRequest, course: Course) -> HttpResponse:
    form = CourseForm(request.POST or None, initial=CourseForm.initial_for(course))
    if request.method == "POST" and form.is_valid():
        actions.update_course(course=course, by=request.user, **form.cleaned_data)
        messages.success(request, _("The course has been saved."))
        return redirect("learning:course_sessions", pk=course.pk)
    return render(request, "learning/course_form.html", {"form": form, "course": course})


def _session_form(request: HttpRequest, **kwargs) -> SessionForm:
    return SessionForm(
        request.POST or None,
        organisations=administered_organisations(request.user),
        open_allowed=is_organiser(request.user),
        **kwargs,
    )


@course_scheduler
def course_sessions(request: HttpRequest, course: Course) -> HttpResponse:
    """A course's sessions, drafts included, with a link to add one."""
    organisations = None if is_organiser(request.user) else administered_organisations(request.user)
    sessions = queries.sessions_of_course(course, organisations=organisations)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/course_sessions.html",
        {"course": course, "page": page, "may_edit_course": is_organiser(request.user)},
    )


@course_scheduler
def session_create(request: HttpRequest, course: Course) -> HttpResponse:
    form = _session_form(request)
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        try:
            session = actions.schedule_session(
                course=course,
                booking_opens_at=timezone.now(),
                by=request.user,
                **fields,
            )
        except (actions.NotAllowed, actions.BadDates) as error:
            form.add_error(None, _refusal(error))
        else:
            messages.success(
                request,
                _("The session has been published.")
                if session.is_published
                else _("The session has been saved as a draft."),
            )
            return redirect("learning:course_sessions", pk=course.pk)
    return render(
        request, "learning/session_form.html", {"form": form, "course": course, "session": None}
    )


@session_manager
def session_edit(request: HttpRequest, session: Session) -> HttpResponse:
    form = _session_form(request, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.update_session(
                session=session, by=request.user, **form.action_fields()
            )
        except (
            actions.NotAllowed,
            actions.BadDates,
            actions.TooFewPlaces,
            actions.SessionCancelled,
        ) as error:
            form.add_error(None, _refusal(error))
        else:
            # More places, or a session just published, may free places for the waiting list.
            queue.queue_offers(session_id=session.pk)
            messages.success(
                request,
                _("The session has been published.")
                if session.is_published
                else _("The session has been saved as a draft."),
            )
            return redirect("learning:course_sessions", pk=session.course_id)
    return render(
        request,
        "learning/session_form.html",
        {"form": form, "course": session.course, "session": session},
    )


@colleague_booker
def invitation_create(request: HttpRequest, session: Session) -> HttpResponse:
    """An organisation admin books a place for a colleague in their body; the colleague accepts
    or declines it."""
    form = ColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_colleague(
                session=session, email=form.cleaned_data["email"], by=request.user
            )
        except actions.NotAColleague:
            form.add_error(
                "email", _("Nobody with that email address is a member of your organisation")
            )
        except actions.AlreadyBooked:
            form.add_error("email", _("Your colleague has already booked this session"))
        except (
            actions.NotAllowed,
            actions.SessionCancelled,
            actions.SessionInPast,
            actions.BookingClosed,
        ) as error:
            form.add_error(None, views.refusal(error))
        else:
            messages.success(
                request,
                _("A place has been booked for %(name)s. We have emailed them to accept it.")
                % {"name": invitation.booking.person.full_name or invitation.booking.person.email},
            )
            return redirect("learning:session_detail", pk=session.pk)
    return render(
        request,
        "learning/invitation_create.html",
        {"form": form, "session": session, "course": session.course},
    )


@invitation_colleague
def invitation_answer(request: HttpRequest, invitation: ColleagueInvitation) -> HttpResponse:
    """The colleague accepts the place booked for them, or declines it."""
    if request.method == "POST" and not invitation.is_answered:
        answer = request.POST.get("answer")
        if answer == "accept":
            actions.accept_invitation(invitation=invitation)
            messages.success(request, _("You have accepted the place."))
            return redirect("learning:booking_detail", pk=invitation.booking_id)
        if answer == "decline":
            try:
                actions.decline_invitation(invitation=invitation)
            except (actions.TooLateToCancel, actions.SessionInPast) as error:
                messages.info(request, views.refusal(error))
            else:
                queue.queue_offers(session_id=invitation.booking.session_id)
                messages.success(request, _("You have declined the place. It has been freed."))
            return redirect("learning:booking_list")
    return render(
        request,
        "learning/invitation_answer.html",
        {
            "invitation": invitation,
            "session": invitation.booking.session,
            "course": invitation.booking.session.course,
        },
    )
