import factory

from porth.organisations.models import Organisation, OrganisationType


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"body-{n}")
    name_en = factory.Sequence(lambda n: f"Test County Council {n}")
    name_cy = factory.Sequence(lambda n: f"Cyngor Sir Prawf {n}")
    type = OrganisationType.PRINCIPAL_COUNCIL
    gss_code = factory.Sequence(lambda n: f"W06{n:06d}")
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.gov.uk")
