"""The people directory: off until a person turns it on, one click removes it, only signed-in
people see it, searchable and filterable, and it never reveals membership of a community on
request to people outside it."""

import pytest
from django.urls import reverse

from porth.accounts.tests.factories import UserFactory
from porth.communities import actions, queries
from porth.communities.models import Access, Listing

from .factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _list(person, **fields):
    values = {"profession": "User researcher", "skills_offered": "Planning research"}
    values.update(fields)
    return actions.save_listing(person=person, welsh_ability="fluent", **values)


def test_nobody_is_listed_until_they_turn_it_on(client):
    UserFactory(full_name="Siân Evans")
    client.force_login(UserFactory())
    page = client.get(reverse("communities:directory")).content.decode()
    assert "Siân Evans" not in page


def test_the_directory_is_for_signed_in_people_only(client):
    response = client.get(reverse("communities:directory"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_person_lists_themselves_and_one_click_removes_them(client):
    person = UserFactory(full_name="Siân Evans")
    client.force_login(person)
    client.post(
        reverse("communities:directory_entry"),
        {
            "profession": "Service designer",
            "skills_offered": "Running workshops in Welsh",
            "welsh_ability": "fluent",
        },
    )
    page = client.get(reverse("communities:directory")).content.decode()
    assert "Siân Evans" in page and "Running workshops in Welsh" in page
    client.post(reverse("communities:directory_remove"))
    assert not Listing.objects.exists()


def test_a_person_without_a_name_is_asked_to_add_it_first():
    with pytest.raises(actions.NoName):
        _list(UserFactory(full_name=""))


def test_the_directory_is_searched_and_filtered():
    _list(UserFactory(full_name="Aled Jones"), profession="Content designer")
    _list(UserFactory(full_name="Beth Price"), skills_offered="Agile coaching")
    learner = _list(UserFactory(full_name="Carys Hughes"))
    learner.welsh_ability = "learning"
    learner.save()
    assert [x.person.full_name for x in queries.directory(words="content")] == ["Aled Jones"]
    assert [x.person.full_name for x in queries.directory(words="agile")] == ["Beth Price"]
    assert [x.person.full_name for x in queries.directory(welsh_ability="learning")] == [
        "Carys Hughes"
    ]
    community = CommunityFactory()
    MembershipFactory(community=community, person=learner.person)
    assert [x.person.full_name for x in queries.directory(community=community)] == ["Carys Hughes"]


def test_communities_on_request_show_only_to_their_members(client):
    private = CommunityFactory(access=Access.REQUEST, name_en="Councils only")
    open_one = CommunityFactory(name_en="Open to all")
    person = UserFactory(full_name="Dafydd Morgan")
    MembershipFactory(community=private, person=person)
    MembershipFactory(community=open_one, person=person)
    _list(person)
    client.force_login(UserFactory())
    page = client.get(reverse("communities:directory")).content.decode()
    assert "Open to all" in page and "Councils only" not in page
    filtered = client.get(reverse("communities:directory") + f"?community={private.slug}")
    assert (
        "Dafydd Morgan" in filtered.content.decode()
    )  # the unknown filter is ignored, not applied
    client.force_login(MembershipFactory(community=private).person)
    page = client.get(reverse("communities:directory")).content.decode()
    assert "Councils only" in page
