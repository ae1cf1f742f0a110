import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from porth.accounts.authenticators import current_code
from porth.accounts.demo import DEMO_TOTP_SECRET, DemoOrganisationsMissing, seed
from porth.accounts.models import Membership, User
from porth.core.seeding import SeedOptions
from porth.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_organisations():
    OrganisationFactory(slug="cardiff", name_en="Cardiff Council", name_cy="Cyngor Caerdydd")
    OrganisationFactory(slug="gwynedd", name_en="Gwynedd Council", name_cy="Cyngor Gwynedd")


def run(*, demo: bool = True) -> str:
    lines: list[str] = []
    seed(demo=demo, options=SeedOptions(), out=lines.append)
    return "\n".join(lines)


def test_there_is_one_ready_to_use_account_per_role(settings, demo_organisations):
    settings.DEBUG = True

    run()

    people = User.objects.order_by("email")
    assert people.count() == 4
    assert people.filter(is_centre_staff=True).count() == 1
    assert sorted(Membership.objects.values_list("role", flat=True)) == [10, 20, 30]
    assert all(person.check_password(settings.PORTH_DEMO_PASSWORD) for person in people)
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 4
    two_factor = Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    assert sorted(two_factor.values_list("user__email", flat=True)) == [
        "admin@porth.example",
        "centre-staff@porth.example",
    ]


def test_running_it_again_changes_nothing(settings, demo_organisations):
    settings.DEBUG = True
    run()

    run()

    assert User.objects.count() == 4
    assert Membership.objects.count() == 3
    assert EmailAddress.objects.count() == 4
    assert Authenticator.objects.count() == 2


def test_it_names_the_organisations_that_are_not_loaded(settings):
    settings.DEBUG = True

    with pytest.raises(DemoOrganisationsMissing, match="cardiff, gwynedd"):
        run()
    assert not User.objects.exists()


def test_without_demo_it_makes_no_accounts(demo_organisations):
    run(demo=False)

    assert not User.objects.exists()


def test_the_sign_in_details_are_printed_when_debug_is_on(settings, demo_organisations):
    settings.DEBUG = True

    output = run()

    assert "admin@porth.example" in output
    assert settings.PORTH_DEMO_PASSWORD in output
    assert DEMO_TOTP_SECRET in output
    assert re.search(r"Code right now: \d{6}", output)


def test_without_debug_it_prints_no_secrets(settings, demo_organisations):
    settings.DEBUG = False

    output = run()

    assert User.objects.count() == 4
    assert settings.PORTH_DEMO_PASSWORD not in output
    assert DEMO_TOTP_SECRET not in output


def test_the_demo_admin_signs_in_with_the_password_and_the_demo_code(
    client, settings, demo_organisations
):
    settings.DEBUG = True
    settings.PORTH_REQUIRE_TWO_FACTOR = True
    run()

    client.post(
        "/en/accounts/login/",
        {"login": "admin@porth.example", "password": settings.PORTH_DEMO_PASSWORD},
    )
    response = client.post(
        "/en/accounts/2fa/authenticate/", {"code": current_code(DEMO_TOTP_SECRET)}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/en/account/"
    assert "Cardiff Council" in response.content.decode()


@pytest.mark.parametrize(
    ("email", "opens"),
    [
        ("centre-staff@porth.example", True),
        ("admin@porth.example", False),
        ("editor@porth.example", False),
        ("member@porth.example", False),
    ],
)
def test_each_demo_role_opening_the_cms_gets_in_or_is_told_once_with_a_way_back(
    client, demo_organisations, email, opens
):
    """Finding 2 of issue 12: /cms/ redirected for ever for signed-in people without access."""
    run()
    client.force_login(User.objects.get(email=email))

    response = client.get("/cms/", follow=True)

    assert len(response.redirect_chain) <= 2
    if opens:
        assert response.status_code == 200
        assert response.request["PATH_INFO"] == "/cms/"
    else:
        assert response.status_code == 403
        # Told once on the page (the head repeats it in the title and for sharing).
        body = response.text.split("</head>", 1)[1]
        assert body.count("You do not have access to the content management system") == 1
        assert "permission to access the admin" not in response.text
        assert 'href="/en/">Go back to the home page</a>' in response.text
