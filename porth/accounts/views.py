"""Pages for a signed-in person: their account, organisations and roles."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.permissions import signed_in


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organisation")
    return render(request, "accounts/dashboard.html", {"memberships": memberships})
