"""Learning pages: the catalogue, a session, booking, the waiting list and offers.

Views check permission (one decorator each), call a form, an action or a query, and render.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from porth.core.language import current_language
from porth.core.permissions import (
    Role,
    centre_staff_only,
    is_centre_staff,
    organisation_role,
    public,
    record_role,
    signed_in,
)
from porth.core.sections import COURSE_PAGE, render_slot
from porth.organisations.models import Organisation

from . import actions, emails, feeds, queries, queue, reach
from .forms import (
    AttendanceForm,
    AttendanceUploadForm,
    BookingForm,
    CatalogueFilterForm,
    FeedbackForm,
    MaterialForm,
    MoveUpForm,
)
from .models import Booking, Session
from .permissions import (
    booking_owner,
    is_organiser,
    load_booking,
    may_invite_colleagues,
    may_manage_session,
    may_see_materials,
    session_booker,
    session_manager,
    session_viewer,
)

PAGE_SIZE = 20


def refusal(error: Exception) -> str:
    """What a refusal says to the person, in words they can act on."""
    messages_for = {
        actions.SessionCancelled: _("This session has been cancelled."),
        actions.SessionInPast: _(
            "This session has already started, so it cannot be booked or changed."
        ),
        actions.BookingClosed: _("Booking is not open for this session."),
        actions.AlreadyBooked: _("You have already booked this session."),
        actions.TooLateToCancel: _(
            "It is too late to cancel online. Contact the organisers to say you cannot come."
        ),
        actions.NotOnWaitingList: _("You are not on the waiting list for this session."),
        actions.NothingToCancel: _("This booking has already ended."),
        actions.OfferExpired: _(
            "This offer has expired, so the place has been offered to the next person waiting."
        ),
        actions.NotAllowed: _("You do not have permission to do that."),
    }
    return messages_for.get(type(error), _("That could not be done."))


def ordinal(number: int) -> str:
    """4 → "4th" in English; "rhif 4" in Welsh, whose ordinals change with the noun."""
    if current_language() == "cy":
        return f"rhif {number}"
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


@public
def catalogue(request: HttpRequest) -> HttpResponse:
    """Upcoming sessions, filtered by the query string (works without JavaScript)."""
    form = CatalogueFilterForm(request.GET or None)
    sessions = queries.catalogue(
        filters=form.filters() if form.is_bound else queries.CatalogueFilters(), user=request.user
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/catalogue.html",
        {
            "form": form,
            "page": page,
            "sessions": page.object_list,
            "is_organiser": request.user.is_authenticated and is_organiser(request.user),
        },
    )


@session_viewer
def session_detail(request: HttpRequest, session: Session) -> HttpResponse:
    booking = queries.active_booking(session, request.user)
    return render(
        request,
        "learning/session_detail.html",
        {
            "session": session,
            "course": session.course,
            "places_left": queries.places_left(session),
            "booking": booking,
            "position": ordinal(queries.waiting_position(booking))
            if booking and booking.is_waiting
            else None,
            "can_manage": may_manage_session(request.user, session),
            "can_invite": session.is_booking_open and may_invite_colleagues(request.user, session),
            "feedback": queries.feedback_results(session=session) if session.is_past else None,
            "materials": queries.materials_of(session)
            if may_see_materials(request.user, session)
            else None,
            "sections": render_slot(
                request, COURSE_PAGE, subject=session.course, subject_name="course"
            ),
        },
    )


def _already_booked(request: HttpRequest, existing: Booking) -> HttpResponse:
    messages.info(request, refusal(actions.AlreadyBooked()))
    return redirect("learning:booking_detail", pk=existing.pk)


@session_booker
def booking_create(request: HttpRequest, session: Session) -> HttpResponse:
    """The booking questions, then a place or a place on the waiting list."""
    if request.method != "POST":
        # A POST is not checked first: the action finds an existing booking under its lock
        # (`AlreadyBooked`), so a booking makes one query fewer (ADR 0058).
        existing = queries.active_booking(session, request.user)
        if existing is not None:
            return _already_booked(request, existing)
    role = queries.learner_role(request.user)
    form = BookingForm(
        request.POST or None, questions=session.course.extra_questions, ask_role=role is None
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking = actions.book_place(
                session=session,
                person=request.user,
                role_category=form.cleaned_data.get("role_category", ""),
                profile_role=role,
                participation_language=form.cleaned_data["participation_language"],
                access_needs=form.cleaned_data["access_needs"],
                extra_answers=form.extra_answers(),
            )
        except actions.AlreadyBooked as error:
            existing = queries.active_booking(session, request.user)
            if existing is not None:
                return _already_booked(request, existing)
            messages.info(request, refusal(error))
            return redirect("learning:session_detail", pk=session.pk)
        except (
            actions.SessionCancelled,
            actions.SessionInPast,
            actions.BookingClosed,
        ) as error:
            messages.info(request, refusal(error))
            return redirect("learning:session_detail", pk=session.pk)
        if booking.is_confirmed:
            messages.success(request, _("Your place is booked. We have emailed you the details."))
        else:
            messages.success(
                request,
                _(
                    "The session is full, so you are on the waiting list. "
                    "We will email you if a place comes up."
                ),
            )
        return redirect("learning:booking_detail", pk=booking.pk)
    return render(
        request,
        "learning/booking_create.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "places_left": queries.places_left(session),
        },
    )


@booking_owner
def booking_detail(request: HttpRequest, booking: Booking) -> HttpResponse:
    position = queries.waiting_position(booking)
    return render(
        request,
        "learning/booking_detail.html",
        {
            "joining_link": queries.joining_link_for(booking),
            "joining_minutes": queries.JOINING_LINK_SHOWN_MINUTES_BEFORE,
            "booking": booking,
            "session": booking.session,
            "course": booking.session.course,
            "position": ordinal(position) if position else None,
        },
    )


@booking_owner
def booking_calendar(request: HttpRequest, booking: Booking) -> HttpResponse:
    """The session as an .ics file, for a confirmed booking."""
    response = HttpResponse(
        emails.session_ics(booking.session), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="session.ics"'
    return response


@booking_owner
def booking_cancel(request: HttpRequest, booking: Booking) -> HttpResponse:
    """Confirm, then give up the place; the worker offers it to the waiting list."""
    if request.method == "POST":
        try:
            actions.cancel_booking(booking=booking, by=request.user)
        except (
            actions.SessionInPast,
            actions.TooLateToCancel,
            actions.NotOnWaitingList,
            actions.NothingToCancel,
        ) as error:
            messages.info(request, refusal(error))
        else:
            queue.queue_offers(session_id=booking.session_id)
            messages.success(request, _("Your booking is cancelled."))
        return redirect("learning:booking_detail", pk=booking.pk)
    return render(
        request,
        "learning/booking_cancel.html",
        {"booking": booking, "session": booking.session, "course": booking.session.course},
    )


@booking_owner
def booking_leave(request: HttpRequest, booking: Booking) -> HttpResponse:
    """One click (a POST) takes the person off the waiting list."""
    if request.method == "POST":
        try:
            actions.leave_waiting_list(booking=booking)
        except actions.NotOnWaitingList as error:
            messages.info(request, refusal(error))
        else:
            messages.success(request, _("You have left the waiting list."))
    return redirect("learning:booking_detail", pk=booking.pk)


@booking_owner
def booking_accept(request: HttpRequest, booking: Booking) -> HttpResponse:
    """Take the place offered from the waiting list."""
    if request.method == "POST":
        try:
            actions.accept_offer(booking=booking)
        except (actions.OfferExpired, actions.AlreadyBooked) as error:
            messages.info(request, refusal(error))
        else:
            messages.success(request, _("Your place is booked. We have emailed you the details."))
    return redirect("learning:booking_detail", pk=booking.pk)


@signed_in
def booking_list(request: HttpRequest) -> HttpResponse:
    bookings = queries.bookings_of(request.user)
    for booking in bookings:
        booking.position_text = ordinal(booking.position) if booking.position else ""
    return render(request, "learning/booking_list.html", {"bookings": bookings})


@session_manager
def session_materials(request: HttpRequest, session: Session) -> HttpResponse:
    """Organisers add recordings, slides and captions; people who came see them on the
    session's page."""
    form = MaterialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_material(session=session, by=request.user, **form.cleaned_data)
        except actions.NotAllowed as error:
            messages.info(request, refusal(error))
        else:
            messages.success(request, _("The material has been added."))
        return redirect("learning:session_materials", pk=session.pk)
    return render(
        request,
        "learning/session_materials.html",
        {
            "form": form,
            "session": session,
            "course": session.course,
            "materials": queries.materials_of(session),
        },
    )


@signed_in
def calendar_subscribe(request: HttpRequest) -> HttpResponse:
    """The person's private calendar address (their confirmed places), and resetting it."""
    if request.method == "POST":
        if queries.calendar_token_of(request.user):
            actions.reset_calendar_token(person=request.user)
            messages.success(
                request, _("Your calendar address has been reset. The old one no longer works.")
            )
        return redirect("learning:calendar_subscribe")
    token = queries.calendar_token_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("learning:calendar_feed", kwargs={"token": token}))
        if token
        else ""
    )
    return render(request, "learning/calendar_subscribe.html", {"feed_url": feed_url})


@public
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """One person's confirmed places as an iCalendar feed. The secret in the address is the
    only key, as calendar apps cannot sign in; the person can reset it."""
    bookings = queries.calendar_bookings(token)
    if bookings is None:
        raise Http404
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(
        feeds.bookings_ics(bookings, base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@session_manager
def session_manage(request: HttpRequest, session: Session) -> HttpResponse:
    """Organisers: the waiting list (centre staff can move people up) and cancelling."""
    return render(
        request,
        "learning/session_manage.html",
        {
            "session": session,
            "course": session.course,
            "places_left": queries.places_left(session),
            "waiting": queries.waiting_list(session),
            "is_centre_staff": is_centre_staff(request.user),
            "no_shows": queries.no_shows(session=session),
            "course_no_shows": queries.no_shows(course=session.course),
            "feedback": queries.feedback_results(session=session),
            "course_feedback": queries.feedback_results(course=session.course),
            "comments": queries.feedback_comments(session),
        },
    )


@session_manager
def session_cancel(request: HttpRequest, session: Session) -> HttpResponse:
    if request.method == "POST":
        try:
            actions.cancel_session(session=session, by=request.user)
        except actions.SessionCancelled as error:
            messages.info(request, refusal(error))
        else:
            messages.success(request, _("The session is cancelled. Everyone booked has been told."))
        return redirect("learning:session_manage", pk=session.pk)
    return render(
        request, "learning/session_cancel.html", {"session": session, "course": session.course}
    )


@record_role(
    load=load_booking,
    may=lambda user, booking: is_centre_staff(user),
    name="booking",
    access="centre_staff",
)
def waiting_move_up(request: HttpRequest, booking: Booking) -> HttpResponse:
    """Centre staff move someone to the front of the waiting list, with a reason."""
    form = MoveUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.move_up(booking=booking, reason=form.cleaned_data["reason"], by=request.user)
        except actions.NotOnWaitingList as error:
            messages.info(request, refusal(error))
        else:
            messages.success(request, _("They are now first on the waiting list."))
        return redirect("learning:session_manage", pk=booking.session_id)
    return render(
        request,
        "learning/waiting_move_up.html",
        {"form": form, "booking": booking, "session": booking.session},
    )


# --- Reach ----------------------------------------------------------------------------------


def _reach_page(request: HttpRequest, *, organisation=None, public_view: bool = False):
    dimensions = reach.PUBLIC_DIMENSIONS if public_view else tuple(reach.DIMENSIONS)
    if organisation is not None:
        dimensions = tuple(d for d in dimensions if d not in ("organisation", "organisation_type"))
    summary = reach.summarise(dimensions, organisation=organisation, suppress=public_view)
    return render(
        request,
        "learning/reach_report.html",
        {
            "organisation": organisation,
            "public_view": public_view,
            "total": summary.total,
            "tables": summary.tables,
            "by_role": summary.by_role,
            "historical": reach.historical() if organisation is None else [],
            "suppress_below": reach.SUPPRESS_BELOW,
        },
    )


def _download(rows: list, file_format: str, name: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    if file_format == "xlsx":
        response = HttpResponse(
            reach.as_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(reach.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@centre_staff_only
def reach_report(request: HttpRequest) -> HttpResponse:
    """Centre staff: everyone trained, by body, type of body, role, language and month."""
    return _reach_page(request)


@centre_staff_only
def reach_download(request: HttpRequest, file_format: str) -> HttpResponse:
    return _download(reach.table(reach.DIMENSIONS), file_format, "learning-reach")


@organisation_role(Role.ADMIN)
def organisation_reach(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """An organisation admin: the same figures for their own body."""
    return _reach_page(request, organisation=organisation)


@organisation_role(Role.ADMIN)
def organisation_reach_download(
    request: HttpRequest, organisation: Organisation, file_format: str
) -> HttpResponse:
    dimensions = ("role_category", "language", "month")
    rows = reach.table(dimensions, organisation=organisation)
    return _download(rows, file_format, f"learning-reach-{organisation.slug}")


@public
def reach_open_data(request: HttpRequest) -> HttpResponse:
    """Open data: aggregate counts only, any cell under 5 suppressed."""
    return _reach_page(request, public_view=True)


@public
def reach_open_data_download(request: HttpRequest, file_format: str) -> HttpResponse:
    rows = reach.table(reach.PUBLIC_DIMENSIONS, suppress=True)
    return _download(rows, file_format, "learning-reach-open-data")


# --- Attendance and feedback ----------------------------------------------------------------

ATTENDANCE_ERRORS = {
    "no_email": gettext_lazy("The email address is missing"),
    "not_booked": gettext_lazy("Nobody with this email address has a place on this session"),
    "duplicate": gettext_lazy("This email address is already in an earlier row"),
    "bad_answer": gettext_lazy("‘attended’ must be yes or no"),
    "empty": gettext_lazy("The file has no rows"),
}


@session_manager
def session_register(request: HttpRequest, session: Session) -> HttpResponse:
    """The attendance register: tick who came, or upload a CSV or XLSX file."""
    bookings = queries.register_of(session)
    form = AttendanceForm(
        request.POST if "save_register" in request.POST else None, bookings=bookings
    )
    upload = AttendanceUploadForm(
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    row_errors: list[tuple[int, str]] = []
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                actions.record_attendance(
                    session=session,
                    attended_ids=set(form.cleaned_data["attended"]),
                    by=request.user,
                )
                messages.success(request, _("The register is saved."))
                return redirect("learning:session_manage", pk=session.pk)
            if upload.is_bound and upload.is_valid():
                actions.import_attendance(
                    session=session, rows=upload.cleaned_data["file"], by=request.user
                )
                messages.success(request, _("The register is saved."))
                return redirect("learning:session_manage", pk=session.pk)
        except actions.SessionNotStarted:
            messages.info(request, _("You can keep the register once the session has started."))
            return redirect("learning:session_manage", pk=session.pk)
        except actions.AttendanceFileInvalid as error:
            row_errors = [(number, ATTENDANCE_ERRORS[code]) for number, code in error.errors]
    return render(
        request,
        "learning/session_register.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "upload": upload,
            "row_errors": row_errors,
            "has_started": session.is_past,
        },
    )


@booking_owner
def booking_feedback(request: HttpRequest, booking: Booking) -> HttpResponse:
    """The attendee's short feedback form, once."""
    if not booking.attended:
        messages.info(request, _("Only people who came to the session can give feedback."))
        return redirect("learning:booking_detail", pk=booking.pk)
    if queries.has_given_feedback(booking):
        messages.info(request, _("You have already given feedback on this session. Thank you."))
        return redirect("learning:booking_detail", pk=booking.pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_feedback(
                booking=booking,
                rating=form.cleaned_data["rating"],
                was_useful=form.cleaned_data["was_useful"] == "yes",
                would_recommend=form.cleaned_data["would_recommend"] == "yes",
                comments=form.cleaned_data["comments"],
            )
        except actions.FeedbackAlreadyGiven:
            messages.info(request, _("You have already given feedback on this session. Thank you."))
        else:
            messages.success(request, _("Thank you for your feedback."))
        return redirect("learning:booking_detail", pk=booking.pk)
    return render(
        request,
        "learning/booking_feedback.html",
        {"form": form, "booking": booking, "session": booking.session},
    )


# --- Feeds ------------------------------------------------------------------------------------


@public
def catalogue_calendar(request: HttpRequest) -> HttpResponse:
    """Upcoming open sessions as an iCalendar feed."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    return HttpResponse(feeds.catalogue_ics(base_url), content_type="text/calendar; charset=utf-8")


@public
def catalogue_atom(request: HttpRequest) -> HttpResponse:
    """Upcoming open sessions as an Atom feed."""
    return feeds.SessionFeed()(request)
