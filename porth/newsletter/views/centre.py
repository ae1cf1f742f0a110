"""The centre's newsletter pages: counts, issues (write, test, schedule), export and import."""

import csv
import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from porth.core.permissions import centre_staff_only

from .. import queries
from ..actions import issues as issue_actions
from ..actions import transfer
from ..forms import ImportForm, IssueForm, ScheduleForm
from ..models import Issue

SEND_HOUR = 9


@centre_staff_only
def centre(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "newsletter/centre.html",
        {"counts": queries.subscriber_counts(), "issues": queries.issues()[:50]},
    )


def _issue_fields(issue: Issue) -> dict:
    return {name: getattr(issue, name) for name in IssueForm.base_fields}


@centre_staff_only
def issue_create(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issue = issue_actions.save_issue(by=request.user, **form.cleaned_data)
        messages.success(request, _("The issue is saved."))
        return redirect("newsletter:issue_edit", pk=issue.pk)
    return render(request, "newsletter/issue_form.html", {"form": form, "issue": None})


@centre_staff_only
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    form = IssueForm(request.POST or None, initial=_issue_fields(issue))
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_actions.save_issue(issue=issue, by=request.user, **form.cleaned_data)
        except issue_actions.AlreadySent:
            messages.error(request, _("This issue has been sent, so it can no longer change."))
        else:
            messages.success(request, _("The issue is saved."))
        return redirect("newsletter:issue_edit", pk=issue.pk)
    return render(request, "newsletter/issue_form.html", {"form": form, "issue": issue})


@centre_staff_only
def issue_test(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    if request.method == "POST":
        try:
            issue_actions.send_test(issue=issue, to=request.user)
        except issue_actions.NotBothLanguages:
            messages.error(request, _("Write the subject and text in both languages first."))
        else:
            messages.success(
                request, _("A test has been sent to %(email)s.") % {"email": request.user.email}
            )
    return redirect("newsletter:issue_edit", pk=issue.pk)


@centre_staff_only
def issue_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_at = timezone.make_aware(
            datetime.datetime.combine(form.cleaned_data["send_on"], datetime.time(SEND_HOUR))
        )
        try:
            issue_actions.schedule_issue(issue=issue, send_at=send_at, by=request.user)
        except issue_actions.NotBothLanguages:
            form.add_error(None, _("Write the subject and text in both languages first."))
        except issue_actions.AlreadySent:
            form.add_error(None, _("This issue has been sent, so it can no longer change."))
        else:
            messages.success(request, _("The issue is scheduled."))
            return redirect("newsletter:centre")
    return render(request, "newsletter/issue_schedule.html", {"form": form, "issue": issue})


class _Echo:
    def write(self, value: str) -> str:
        return value


@centre_staff_only
def subscriber_export(request: HttpRequest) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in transfer.export_rows()), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="newsletter-subscribers.csv"'
    return response


@centre_staff_only
def subscriber_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = transfer.import_subscribers(
                data=form.cleaned_data["file"].read(), by=request.user
            )
        except transfer.ImportRefused as refused:
            problems = refused.problems
            form.add_error("file", _("The file has problems, so nothing was imported"))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d subscriber imported.",
                    "%(count)d subscribers imported.",
                    result.created,
                )
                % {"count": result.created},
            )
            return redirect("newsletter:centre")
    return render(
        request, "newsletter/subscriber_import.html", {"form": form, "problems": problems}
    )
