"""django-axes stops guessing: five wrong passwords lock that email address for a while."""

import pytest

from porth.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password, language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def test_the_fifth_wrong_password_locks_the_account_and_says_for_how_long(client, person):
    for _attempt in range(4):
        assert sign_in(client, person.email, "wrong").status_code == 200

    response = sign_in(client, person.email, "wrong")

    assert response.status_code == 429
    page = response.content.decode()
    assert "You cannot sign in at the moment" in page
    assert "Wait 60 minutes, then try again." in page


def test_the_right_password_does_not_get_in_while_locked(client, person):
    for _attempt in range(5):
        sign_in(client, person.email, "wrong")

    sign_in(client, person.email, PASSWORD)

    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_welsh_under_cy(client, person):
    for _attempt in range(5):
        response = sign_in(client, person.email, "wrong", language="cy")

    page = response.content.decode()
    assert response.status_code == 429
    assert 'lang="cy"' in page
    assert "Ni allwch fewngofnodi ar hyn o bryd" in page
    assert "Arhoswch 60 munud, yna rhowch gynnig arall arni." in page


def test_a_locked_address_does_not_lock_out_other_people(client, person):
    for _attempt in range(5):
        sign_in(client, person.email, "wrong")
    someone_else = UserFactory()

    sign_in(client, someone_else.email, PASSWORD)

    assert client.session["_auth_user_id"] == str(someone_else.pk)


def test_sign_ins_from_one_address_are_limited_to_allauths_own_default():
    from allauth.account import app_settings

    assert app_settings.RATE_LIMITS["login"] == "30/m/ip"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_one_address_signing_in_more_often_than_the_limit_is_asked_to_wait(settings, language):
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    people = UserFactory.create_batch(3)

    answers = [sign_in(Client(), person.email, PASSWORD, language) for person in people]

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    page = answers[2].content.decode()
    assert f'lang="{language}"' in page
    heading = {"en": "You have tried too many times", "cy": "Rydych wedi rhoi cynnig arni ormod"}
    assert heading[language] in page
