import factory
from allauth.account.models import EmailAddress
from faker import Faker

from porth.accounts.models import Invitation, Membership, MembershipRole, User
from porth.organisations.tests.factories import OrganisationFactory

PASSWORD = "correct-horse-battery-staple"

_faker = Faker("en_GB")


class UserFactory(factory.django.DjangoModelFactory):
    """A person whose email address is already verified, so they can sign in at once."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.gov.uk")
    # Without apostrophes ("O'Brien"): pages escape them, so tests that look for the name in
    # the HTML would fail now and then.
    full_name = factory.LazyFunction(lambda: _faker.name().replace("'", ""))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class CentreStaffFactory(UserFactory):
    is_centre_staff = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.gov.uk")
    role = MembershipRole.MEMBER
    language = "en"
    invited_by = None


# A fixed secret, so a test can work out the code an authenticator app would show now.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
