"""One way to sign in: allauth's, with two-factor authentication, verification and the lockout.

Issue 9, findings 1 and 2: Wagtail's front-end login at `_util/login/` was Django's plain password
form, so a password alone gave a full session and django-axes recorded the failures under `None`.
"""

import ast
import inspect
import textwrap
from types import ModuleType

import django.contrib.auth
import pytest
from allauth.account.models import EmailAddress
from django.urls import Resolver404, resolve
from wagtail.models import Locale, Page, PageViewRestriction

from porth.accounts.authenticators import give_authenticator
from porth.accounts.tests.factories import PASSWORD, TOTP_SECRET, UserFactory
from porth.core.tests.urlwalk import walk

# Every route that takes an email address and a password, in both languages.
PASSWORD_ROUTES = [
    "/en/accounts/login/",
    "/cy/accounts/login/",
    "/en/_util/login/",
    "/cy/_util/login/",
    "/cms/login/",
]


def _calls_login(function) -> bool:
    """Whether the function's own code calls `django.contrib.auth.login` under any name."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return False
    module = inspect.getmodule(function)
    names = vars(module) if module else {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            called = names.get(node.func.id)
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            owner = names.get(node.func.value.id)
            called = getattr(owner, node.func.attr, None) if isinstance(owner, ModuleType) else None
        else:
            continue
        if called is django.contrib.auth.login:
            return True
    return False


def can_sign_a_person_in(view) -> bool:
    """Whether this view, or anything its class inherits, calls `login()`."""
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is None:
        return _calls_login(inspect.unwrap(view))
    return any(
        _calls_login(member)
        for klass in inspect.getmro(view_class)
        for member in vars(klass).values()
        if inspect.isfunction(member)
    )


def is_allauths(view) -> bool:
    view_class = getattr(view, "view_class", None)
    module = (view_class or inspect.unwrap(view)).__module__
    return module.startswith("allauth.")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_1_no_route_but_allauths_can_sign_a_person_in(language):
    """What answers each route, after shadowing, never calls `login()` unless it is allauth's."""
    offenders = []
    for route in walk(language=language):
        try:
            view = resolve(route.path).func
        except Resolver404:
            continue
        if can_sign_a_person_in(view) and not is_allauths(view):
            offenders.append(f"{route.path} ({route.name})")
    assert offenders == [], "Only allauth may sign people in: redirect these to account_login"


def test_finding_1_the_login_detector_recognises_django_and_wagtails_login_views():
    """The walk above would see a login view come back: the detector knows the ones we shadow."""
    from django.contrib.auth.views import LoginView
    from wagtail.admin.views.account import LoginView as WagtailAdminLoginView

    assert can_sign_a_person_in(LoginView.as_view())
    assert can_sign_a_person_in(WagtailAdminLoginView.as_view())
    assert not can_sign_a_person_in(resolve("/en/_util/login/").func)


@pytest.fixture
def two_factor_person(db, settings):
    """A centre-staff person with an authenticator app, as the demo's centre staff has."""
    settings.PORTH_REQUIRE_TWO_FACTOR = True
    person = UserFactory(is_centre_staff=True)
    give_authenticator(person, TOTP_SECRET)
    return person


def sign_in(client, path, email, password):
    return client.post(path, {"login": email, "username": email, "password": password})


@pytest.mark.parametrize("path", PASSWORD_ROUTES)
def test_finding_1_a_password_alone_never_gives_a_session(client, two_factor_person, path):
    response = sign_in(client, path, two_factor_person.email, PASSWORD)

    assert "_auth_user_id" not in client.session, path
    assert response.status_code in (200, 302), path
    if "/accounts/login/" not in path:
        assert "/accounts/login/" in response["Location"], path


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_1_the_old_wagtail_login_sends_people_to_our_sign_in(client, language):
    response = client.get(f"/{language}/_util/login/?next=/{language}/private/")

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/accounts/login/?next=/{language}/private/"


@pytest.mark.parametrize("path", ["/en/_util/login/", "/cms/login/", "/en/accounts/login/"])
def test_finding_1_an_unverified_sign_up_cannot_sign_in_anywhere(client, db, path):
    person = UserFactory()
    EmailAddress.objects.filter(user=person).update(verified=False)

    sign_in(client, path, person.email, PASSWORD)

    assert "_auth_user_id" not in client.session, path


def test_finding_1_resetting_a_password_in_the_cms_goes_to_allauths_reset(client, db):
    response = client.get("/cms/password_reset/")

    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/password/reset/")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_1_a_private_page_sends_people_to_our_sign_in(client, seeded_site, language):
    about = Page.objects.get(url_path="/home/about/")
    page = about.get_translation(Locale.objects.get(language_code=language))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/{language}/accounts/login/?next=")


@pytest.mark.parametrize("path", PASSWORD_ROUTES)
def test_finding_2_the_lockout_holds_on_every_route_that_takes_a_password(client, person, path):
    """Someone without two-factor authentication, so that only the lockout stands in the way."""
    refusals = [sign_in(client, path, person.email, "wrong password").status_code for _ in range(6)]

    sign_in(client, path, person.email, PASSWORD)

    assert "_auth_user_id" not in client.session, path
    if path.endswith("/accounts/login/"):
        assert 429 in refusals, (path, refusals)
