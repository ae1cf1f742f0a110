import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override


def url(name: str, language: str, *args) -> str:
    with override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize(
    ("language", "heading", "standard_name"),
    [
        ("en", "Meeting user needs", "Understand users and their needs"),
        ("cy", "Bodloni anghenion defnyddwyr", "Deall defnyddwyr a'u hanghenion"),
    ],
)
def test_the_standards_list_groups_the_standards_in_each_language(
    client, standard_set, language, heading, standard_name
):
    response = client.get(url("standards:standard_list", language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    assert escape(heading) in response.text
    assert escape(standard_name) in response.text


@pytest.mark.django_db
def test_the_standards_list_says_when_nothing_is_loaded(client):
    response = client.get(url("standards:standard_list", "en"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Work in the open"), ("cy", "Gweithio'n agored")]
)
def test_a_standard_page_shows_the_current_version(client, standard_set, language, name):
    response = client.get(url("standards:standard_detail", language, 9))
    assert response.status_code == 200
    assert escape(name) in response.text


def test_a_standard_that_does_not_exist_is_not_found(client, standard_set):
    assert client.get(url("standards:standard_detail", "en", 13)).status_code == 404
