import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions
from porth.register.actions import ServiceDetails
from porth.register.models import (
    ChangeKind,
    Measure,
    MetricValue,
    Phase,
    Service,
    ServiceArea,
    ServiceChange,
    TechnologyProduct,
)

from .factories import MeasureFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    """Asked each time, not once at import: a run that passes midnight must not fail."""
    return timezone.localdate()


def details(**overrides) -> ServiceDetails:
    values = {
        "name_en": "Report a pothole",
        "name_cy": "Adrodd am dwll yn y ffordd",
        "description_en": "Tell us about a pothole on a road or pavement.",
        "description_cy": "Rhowch wybod i ni am dwll mewn ffordd neu balmant.",
        "service_area": ServiceArea.objects.get(code="streets-highways"),
        "users_served": ["public"],
        "channels": {"online": True, "phone": False},
        "steps": [
            {"step": "apply", "online": True, "welsh": True},
            {"step": "track", "online": True, "welsh": False},
        ],
        "team_roles": ["design"],
        "owner_name": "Alys Owen",
        "owner_email": "alys.owen@example.gov.uk",
    }
    values.update(overrides)
    return ServiceDetails(**values)


def create(organisation, person=None, **overrides):
    return actions.create_service(
        organisation=organisation,
        details=details(**overrides),
        phase=Phase.LIVE,
        phase_from=datetime.date(2024, 4, 1),
        created_by=person,
    )


def test_creating_a_service_gives_it_the_next_id_its_phase_and_welsh_summary(organisation, editor):
    first = create(organisation, editor)
    second = create(organisation, editor, name_en="Pay council tax", name_cy="Talu treth gyngor")
    assert first.public_id.startswith("PS-")
    assert int(second.public_id[3:]) == int(first.public_id[3:]) + 1
    assert first.phase == Phase.LIVE
    assert first.phase_since == datetime.date(2024, 4, 1)
    assert first.welsh_availability == "some"
    assert first.last_reviewed_on == today()
    assert first.phase_changes.count() == 1
    assert first.changes.get().kind == ChangeKind.CREATED
    assert first.changes.get().changed_by == editor


def test_a_service_cannot_name_its_owner_as_a_partner(organisation):
    with pytest.raises(actions.InvalidServiceDetails):
        create(organisation, partner_organisations=[organisation])


def test_unknown_codes_are_refused(organisation):
    with pytest.raises(actions.InvalidServiceDetails):
        create(organisation, channels={"pigeon": True})


def test_updating_a_service_records_only_what_changed_in_both_languages(organisation, editor):
    service = create(organisation, editor)
    partner = OrganisationFactory(name_en="Partner Council", name_cy="Cyngor Partner")
    actions.update_service(
        service=service,
        details=details(
            name_en="Report a pothole or broken pavement",
            channels={"online": True, "phone": True},
            partner_organisations=[partner],
        ),
        changed_by=editor,
    )
    change = ServiceChange.objects.get(service=service, kind=ChangeKind.UPDATED)
    fields = {line["field"] for line in change.changes}
    assert fields == {"name_en", "channels", "partner_organisations"}
    service.refresh_from_db()
    assert service.welsh_availability == "all"
    with translation.override("cy"):
        lines = {line["label"]: line for line in change.lines()}
    assert lines["Sianeli"]["new"] == "Ar-lein (yn Gymraeg), Ffôn (yn Gymraeg)"


def test_saving_without_changes_logs_nothing(organisation):
    service = create(organisation)
    actions.update_service(service=service, details=details(), changed_by=None)
    assert not service.changes.filter(kind=ChangeKind.UPDATED).exists()


def test_phases_are_history_and_the_latest_date_wins_whatever_the_order(organisation, editor):
    service = create(organisation, editor)
    actions.record_phase(
        service=service,
        phase=Phase.ALPHA,
        applies_from=datetime.date(2023, 1, 1),
        recorded_by=editor,
    )
    service.refresh_from_db()
    assert service.phase == Phase.LIVE  # an older phase recorded late does not replace it
    actions.record_phase(
        service=service,
        phase=Phase.ALPHA,
        applies_from=datetime.date(2025, 1, 1),
        recorded_by=editor,
    )
    service.refresh_from_db()
    assert service.phase == Phase.ALPHA  # going back to alpha is allowed
    assert service.phase_changes.count() == 3
    assert service.changes.filter(kind=ChangeKind.PHASE).count() == 2


def test_a_phase_cannot_be_recorded_for_the_future(organisation):
    service = create(organisation)
    with pytest.raises(actions.PhaseDateInFuture):
        actions.record_phase(
            service=service,
            phase=Phase.ALPHA,
            applies_from=today() + datetime.timedelta(days=1),
            recorded_by=None,
        )


def test_retiring_keeps_the_service_and_stops_further_changes(organisation, editor):
    service = create(organisation, editor)
    actions.retire_service(service=service, retired_on=today(), retired_by=editor)
    service.refresh_from_db()
    assert service.is_retired
    assert service.phase == Phase.RETIRED
    with pytest.raises(actions.ServiceIsRetired):
        actions.update_service(service=service, details=details(), changed_by=editor)
    with pytest.raises(actions.ServiceIsRetired):
        actions.retire_service(service=service, retired_on=today(), retired_by=editor)
    with pytest.raises(actions.RetireInstead):
        actions.record_phase(
            service=create(organisation),
            phase=Phase.RETIRED,
            applies_from=today(),
            recorded_by=None,
        )


def test_recording_a_figure_replaces_the_old_one_and_logs_both(organisation, editor):
    service = create(organisation, editor)
    measure = Measure.objects.get(code="user-satisfaction")
    for value in ("80", "82.5"):
        actions.record_metric_value(
            service=service,
            measure=measure,
            period_type="month",
            period_start=datetime.date(2025, 3, 1),
            value=Decimal(value),
            recorded_by=editor,
        )
    assert MetricValue.objects.get(service=service).value == Decimal("82.5")
    latest_change = service.changes.filter(kind=ChangeKind.METRIC).first()
    assert latest_change.changes[0]["old"]["en"] == "80%"
    assert latest_change.changes[0]["new"]["en"] == "82.5%"
    assert latest_change.changes[0]["label"]["cy"] == "Boddhad defnyddwyr, Mawrth 2025"
    service.refresh_from_db()
    assert service.latest_metric_period == datetime.date(2025, 3, 1)


def test_an_invalid_figure_is_refused_with_reasons(organisation):
    service = create(organisation)
    with pytest.raises(actions.InvalidFigure) as error:
        actions.record_metric_value(
            service=service,
            measure=Measure.objects.get(code="completion-rate"),
            period_type="month",
            period_start=datetime.date(2025, 3, 1),
            value=Decimal("120"),
            recorded_by=None,
        )
    assert "value" in error.value.message_dict
    assert not MetricValue.objects.exists()


def test_a_figure_can_be_not_provided_with_a_reason(organisation):
    service = create(organisation)
    figure = actions.record_metric_value(
        service=service,
        measure=Measure.objects.get(code="cost-per-transaction"),
        period_type="quarter",
        period_start=datetime.date(2025, 1, 1),
        value=None,
        not_provided_reason="We do not yet record staff time per case.",
        recorded_by=None,
    )
    assert figure.value is None
    service.refresh_from_db()
    assert service.latest_metric_period is None


def test_another_bodys_own_measure_cannot_be_used(organisation, other_organisation):
    service = ServiceFactory(organisation=organisation)
    measure = MeasureFactory(organisation=other_organisation)
    with pytest.raises(actions.MeasureNotAvailable):
        actions.record_metric_value(
            service=service,
            measure=measure,
            period_type="month",
            period_start=datetime.date(2025, 3, 1),
            value=Decimal(1),
            recorded_by=None,
        )


def test_a_body_defines_its_own_measure_with_a_unique_code(organisation):
    first = actions.define_measure(
        organisation=organisation, name_en="Bins missed", name_cy="Biniau a fethwyd", unit="count"
    )
    second = actions.define_measure(
        organisation=organisation, name_en="Bins missed", name_cy="Biniau a fethwyd", unit="count"
    )
    assert (first.code, second.code) == ("bins-missed", "bins-missed-2")


def test_one_product_used_by_many_bodies_is_one_record():
    first = actions.find_or_add_product(
        name="Civica Pay",
        supplier="Civica",
        category="payments",
        hosting="saas",
        is_open_source=False,
    )
    second = actions.find_or_add_product(
        name=" civica  pay ",
        supplier="CIVICA",
        category="other",
        hosting="unknown",
        is_open_source=False,
    )
    assert first == second
    assert TechnologyProduct.objects.count() == 1


def test_marking_a_service_reviewed_logs_the_date(organisation):
    service = ServiceFactory(organisation=organisation, last_reviewed_on=None)
    actions.mark_service_reviewed(service=service, reviewed_by=None)
    service.refresh_from_db()
    assert service.last_reviewed_on == today()
    assert service.changes.get().kind == ChangeKind.REVIEWED


def test_centre_staff_add_and_rename_service_areas():
    area = actions.save_service_area(code="libraries", name_en="Libraries", name_cy="Llyfrgelloedd")
    actions.save_service_area(
        area=area, name_en="Libraries", name_cy="Llyfrgelloedd", is_active=False
    )
    area.refresh_from_db()
    assert area.is_active is False


# --- The change log's wording: what every action above writes ---------------------------------


def test_figure_words_read_a_figure_or_why_it_is_missing_in_the_active_language():
    assert actions.figures.figure_words(Decimal("80"), "", "percent") == "80%"
    with translation.override("cy"):
        assert actions.figures.figure_words(None, "Outage", "count") == ("Heb ei ddarparu: Outage")


def test_figure_text_gives_the_words_in_both_languages():
    assert actions.figures.figure_text(None, "Outage", "count") == {
        "en": "Not provided: Outage",
        "cy": "Heb ei ddarparu: Outage",
    }


def test_figure_change_labels_the_measure_and_period_in_both_languages():
    measure = Measure.objects.get(code="user-satisfaction")
    before, after = {"en": "80%", "cy": "80%"}, {"en": "85%", "cy": "85%"}
    entry = actions.figures.figure_change(
        measure, "month", datetime.date(2025, 3, 1), before, after
    )
    assert entry == {
        "field": "metric",
        "label": {"en": "User satisfaction, March 2025", "cy": "Boddhad defnyddwyr, Mawrth 2025"},
        "old": before,
        "new": after,
    }


def test_in_both_languages_renders_once_in_each_and_leaves_the_language_as_it_was():
    with translation.override("en"):
        rendered = actions.history.in_both_languages(translation.get_language)
        assert translation.get_language() == "en"
    assert rendered == {"en": "en", "cy": "cy"}


def test_a_snapshot_reads_every_logged_field_of_a_service_in_both_languages(organisation):
    service = create(organisation, channels={"online": True, "phone": False})
    taken = actions.history.snapshot(service)
    assert set(taken) <= set(actions.history.FIELD_LABELS)
    assert taken["name_cy"] == {
        "en": "Adrodd am dwll yn y ffordd",
        "cy": "Adrodd am dwll yn y ffordd",
    }
    assert taken["channels"]["en"] == "Online (in Welsh), Phone"
    assert taken["service_area"]["en"] != taken["service_area"]["cy"]


def test_a_change_entry_names_the_field_in_both_languages():
    entry = actions.history.change_entry("name_en", {"en": "a", "cy": "a"}, {"en": "b", "cy": "b"})
    assert entry["label"] == {"en": "Name in English", "cy": "Enw yn Saesneg"}
    assert (entry["field"], entry["old"]["en"], entry["new"]["en"]) == ("name_en", "a", "b")


def test_log_change_records_who_changed_what_and_forgets_no_one(organisation, editor):
    service = ServiceFactory(organisation=organisation)
    change = actions.history.change_entry("name_en", {"en": "A", "cy": "A"}, {"en": "B", "cy": "B"})
    logged = actions.history.log_change(service, ChangeKind.UPDATED, editor, [change])
    anonymous = actions.history.log_change(service, ChangeKind.UPDATED, None, [])
    assert ServiceChange.objects.filter(service=service).count() == 2
    assert (logged.changed_by, logged.changes) == (editor, [change])
    assert anonymous.changed_by is None


# --- More of each action's rules -----------------------------------------------------------


def test_a_service_needs_a_name_in_both_languages(organisation):
    with pytest.raises(actions.InvalidServiceDetails):
        create(organisation, name_cy="   ")
    assert not ServiceChange.objects.exists()


def test_a_malformed_web_address_is_refused_field_by_field_and_nothing_is_kept(organisation):
    with pytest.raises(ValidationError) as error:
        create(organisation, url_en="not a web address")
    assert "url_en" in error.value.message_dict
    assert not Service.objects.exists()


def test_service_details_read_from_a_service_give_back_what_was_saved(organisation):
    service = create(organisation, channels={"online": True, "post": False}, users_served=["staff"])
    read = ServiceDetails.from_service(service)
    assert read.channels == {"online": True, "post": False}
    assert read.users_served == ["staff"]
    assert (read.name_en, read.service_area) == ("Report a pothole", service.service_area)


def test_updating_drops_channels_no_longer_offered_and_refreshes_the_search_texts(organisation):
    service = create(organisation, channels={"online": True, "phone": False})
    actions.update_service(
        service=service,
        details=details(name_en="Report a broken streetlight", channels={"online": True}),
        changed_by=None,
    )
    service.refresh_from_db()
    assert [c.channel for c in service.channels.all()] == ["online"]
    assert service.welsh_availability == "all"
    assert "streetlight" in service.search_names and "pothole" not in service.search_names


def test_a_review_on_a_given_date_is_logged_in_both_languages(organisation, editor):
    service = ServiceFactory(organisation=organisation, last_reviewed_on=None)
    actions.mark_service_reviewed(
        service=service, reviewed_by=editor, reviewed_on=datetime.date(2025, 3, 4)
    )
    change = service.changes.get()
    assert (change.kind, change.changed_by) == (ChangeKind.REVIEWED, editor)
    assert service.last_reviewed_on == datetime.date(2025, 3, 4)


def test_a_service_area_code_is_used_once_and_names_are_trimmed():
    area = actions.save_service_area(code="parks", name_en=" Parks ", name_cy=" Parciau ")
    assert (area.name_en, area.name_cy) == ("Parks", "Parciau")
    with pytest.raises(ValidationError):
        actions.save_service_area(code="parks", name_en="Parks", name_cy="Parciau")


def test_a_measure_a_body_defines_is_its_own(organisation, other_organisation):
    measure = actions.define_measure(
        organisation=organisation, name_en="Bins missed", name_cy="Biniau a fethwyd", unit="count"
    )
    assert (measure.organisation, measure.unit) == (organisation, "count")
    service = ServiceFactory(organisation=other_organisation)
    with pytest.raises(actions.MeasureNotAvailable):
        actions.record_metric_value(
            service=service,
            measure=measure,
            period_type="month",
            period_start=datetime.date(2025, 3, 1),
            value=Decimal(1),
            recorded_by=None,
        )


def test_record_figures_writes_all_or_nothing_by_the_question_pages_rules(organisation, editor):
    service = create(organisation)
    online = Measure.objects.get(code="transactions-online")
    figures = [
        actions.Figure(2, service.pk, online.pk, "month", datetime.date(2024, 1, 1), Decimal(5)),
        actions.Figure(
            3, service.pk, online.pk, "financial_year", datetime.date(2024, 5, 1), Decimal(5)
        ),
    ]
    with pytest.raises(actions.InvalidFigures) as refused:
        actions.record_figures(figures=figures, recorded_by=editor)
    assert list(refused.value.errors) == [3]
    assert not MetricValue.objects.exists()

    figures[1] = figures[1]._replace(period_start=datetime.date(2024, 4, 1))
    outcome = actions.record_figures(figures=figures, recorded_by=editor)
    assert outcome["counts"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert MetricValue.objects.get(period_type="financial_year").period_end == datetime.date(
        2025, 3, 31
    )
    again = actions.record_figures(figures=figures, recorded_by=editor)
    assert again["counts"] == {"created": 0, "updated": 0, "unchanged": 2}


# --- Many services at once (ADR 0055) -------------------------------------------------------


def _written(service) -> dict:
    """What the actions leave behind for one service, less what differs by nature (its ID)."""
    from porth.core.models import AuditEntry

    service = Service.objects.get(pk=service.pk)
    audit_entries = AuditEntry.objects.filter(target_key=str(service.pk), action__startswith="reg")
    row = [
        "description_en",
        "phase",
        "phase_since",
        "phase_date_given",
        "welsh_availability",
        "steps",
        "steps_in_welsh",
        "team_roles",
        "last_reviewed_on",
        "version",
        "is_retired",
        "retired_on",
        "reference",
        "service_area_id",
        "owner_email",
    ]
    return {
        "row": {name: getattr(service, name) for name in row},
        "search": service.search_document.split(" ", 1)[1].replace(service.name_en.lower(), ""),
        "users_served": sorted(group.code for group in service.users_served.all()),
        "partners": sorted(body.pk for body in service.partner_organisations.all()),
        "technology": sorted(product.pk for product in service.technology.all()),
        "channels": sorted(service.channels.values_list("channel", "is_available_in_welsh")),
        "phases": list(service.phase_changes.values_list("phase", "applies_from", "date_given")),
        "history": [
            (change.kind, change.changes, change.changed_by_id)
            for change in service.changes.order_by("id")
        ],
        "audit": [
            (entry.action, entry.title, entry.changes, entry.actor_id, entry.organisation_key)
            for entry in audit_entries.order_by("id")
        ],
    }


def test_creating_services_in_a_batch_writes_what_creating_each_one_does(organisation, editor):
    product = TechnologyProduct.objects.create(name="Mapper", supplier="Maps Ltd")
    partner = OrganisationFactory()
    made = actions.create_services(
        services=[
            actions.NewService(
                organisation=organisation,
                details=details(technology=[product], partner_organisations=[partner]),
                phase=Phase.LIVE,
                phase_from=datetime.date(2024, 4, 1),
            ),
            actions.NewService(
                organisation=organisation,
                details=details(name_en="Second", name_cy="Ail", reference="R-2"),
                phase=Phase.ALPHA,
                phase_from=datetime.date(2024, 5, 1),
                phase_date_given=False,
            ),
        ],
        created_by=editor,
    )
    one = create(organisation, editor, technology=[product], partner_organisations=[partner])
    two = actions.create_service(
        organisation=organisation,
        details=details(name_en="Second", name_cy="Ail", reference="R-3"),
        phase=Phase.ALPHA,
        phase_from=datetime.date(2024, 5, 1),
        created_by=editor,
        phase_date_given=False,
    )
    assert [int(service.public_id[3:]) for service in made] == [
        int(one.public_id[3:]) - 2,
        int(one.public_id[3:]) - 1,
    ]
    assert _written(made[0]) == _written(one)
    second, expected = _written(made[1]), _written(two)
    assert second["row"].pop("reference") == "R-2" and expected["row"].pop("reference") == "R-3"
    assert second == expected


def test_changing_services_in_a_batch_writes_what_the_single_actions_do(organisation, editor):
    product = TechnologyProduct.objects.create(name="Mapper", supplier="Maps Ltd")
    partner = OrganisationFactory()
    batch = [create(organisation, editor, name_en=f"Batch {n}") for n in range(3)]
    single = [create(organisation, editor, name_en=f"Batch {n}") for n in range(3)]
    new_details = details(
        description_en="Tell us about any hole.",
        channels={"online": True, "post": True},
        users_served=["public", "businesses"],
        technology=[product],
        partner_organisations=[partner],
        steps=[{"step": "apply", "online": True, "welsh": True}],
    )
    edited = actions.change_services(
        edits=[
            actions.ServiceEdit(
                service=batch[0],
                details=replace(new_details, name_en="Batch 0"),
                phase=Phase.PUBLIC_BETA,
                phase_from=datetime.date(2025, 1, 1),
            ),
            actions.ServiceEdit(service=batch[1], retire_on=today()),
            actions.ServiceEdit(
                service=batch[2],
                phase=Phase.ALPHA,
                phase_from=datetime.date(2020, 1, 1),  # older than its phase: stays live
                phase_date_given=False,
            ),
        ],
        changed_by=editor,
    )
    actions.update_service(
        service=single[0], details=replace(new_details, name_en="Batch 0"), changed_by=editor
    )
    actions.record_phase(
        service=single[0],
        phase=Phase.PUBLIC_BETA,
        applies_from=datetime.date(2025, 1, 1),
        recorded_by=editor,
    )
    actions.retire_service(service=single[1], retired_on=today(), retired_by=editor)
    actions.record_phase(
        service=single[2],
        phase=Phase.ALPHA,
        applies_from=datetime.date(2020, 1, 1),
        recorded_by=editor,
        date_given=False,
    )
    for mine, theirs in zip(batch, single, strict=True):
        assert _written(mine) == _written(theirs)
    assert set(edited[0].after) == {
        "description_en", "users_served", "partner_organisations", "channels", "steps",
        "technology",
    }  # fmt: skip
    assert edited[0].before["channels"]["en"] == "Online (in Welsh), Phone"
    assert edited[0].after["channels"]["cy"] == "Ar-lein (yn Gymraeg), Post (yn Gymraeg)"
    assert edited[1].before == edited[1].after == {}


def test_a_batch_that_breaks_a_rule_anywhere_writes_nothing(organisation, other_organisation):
    service = create(organisation, reference="TAKEN")
    counts = (Service.objects.count(), ServiceChange.objects.count())
    with pytest.raises(actions.InvalidServiceDetails):
        actions.create_services(
            services=[
                actions.NewService(
                    organisation=organisation,
                    details=details(),
                    phase=Phase.LIVE,
                    phase_from=today(),
                ),
                actions.NewService(
                    organisation=organisation,
                    details=details(partner_organisations=[organisation]),
                    phase=Phase.LIVE,
                    phase_from=today(),
                ),
            ],
            created_by=None,
        )
    with pytest.raises(ValidationError) as refused:
        actions.create_services(
            services=[
                actions.NewService(
                    organisation=organisation,
                    details=details(reference="TAKEN"),
                    phase=Phase.LIVE,
                    phase_from=today(),
                )
            ],
            created_by=None,
        )
    assert "reference" in refused.value.message_dict
    actions.retire_service(service=service, retired_on=today(), retired_by=None)
    other = create(organisation)
    with pytest.raises(actions.ServiceIsRetired):
        actions.change_services(
            edits=[
                actions.ServiceEdit(service=other, details=details(description_en="Changed.")),
                actions.ServiceEdit(service=service, details=details()),
            ],
            changed_by=None,
        )
    with pytest.raises(actions.RetireInstead):
        actions.change_services(
            edits=[actions.ServiceEdit(service=other, phase=Phase.RETIRED, phase_from=today())],
            changed_by=None,
        )
    other.refresh_from_db()
    assert other.description_en != "Changed."
    assert (Service.objects.count(), ServiceChange.objects.count()) == (
        counts[0] + 1,
        counts[1] + 2,  # the retirement and the other service's creation only
    )


def test_log_changes_tells_listeners_once_per_service_and_once_for_the_new_ones(organisation):
    from porth.register.signals import register_changed

    old, new = create(organisation), create(organisation)
    heard = []

    def listen(sender, **kwargs):
        heard.append(kwargs)

    register_changed.connect(listen)
    try:
        from porth.register.actions.history import log_changes

        log_changes(
            [
                (new, ChangeKind.CREATED, []),
                (old, ChangeKind.REVIEWED, []),
                (old, ChangeKind.UPDATED, []),
            ],
            None,
        )
    finally:
        register_changed.disconnect(listen)
    assert [sorted(kwargs) for kwargs in heard] == [
        ["services", "signal"],
        ["changed", "fields", "kinds", "signal"],
    ]
    assert heard[0]["services"] == [new] and heard[1]["changed"] == [old]
    assert heard[1]["kinds"] == {ChangeKind.REVIEWED, ChangeKind.UPDATED}
    assert ServiceChange.objects.filter(service=old, kind=ChangeKind.UPDATED).exists()


def test_state_is_equal_exactly_when_the_snapshot_reads_the_same(organisation):
    from porth.register.actions.history import snapshot, state

    service = create(organisation)
    again = Service.objects.get(pk=service.pk)
    assert state(service) == state(again)
    assert snapshot(again, ["name_en"]) == {
        "name_en": {"en": "Report a pothole", "cy": "Report a pothole"}
    }
    again.name_en = "Renamed"
    assert {n for n in state(again) if state(again)[n] != state(service)[n]} == {"name_en"}
    assert isinstance(actions.EditedService(service=again, before={}, after={}), object)


def test_load_links_gives_what_prefetching_gives_without_a_query_per_service(
    organisation, django_assert_num_queries
):
    product = TechnologyProduct.objects.create(name="Mapper", supplier="Maps Ltd")
    partner = OrganisationFactory()
    made = [
        create(
            organisation,
            name_en=f"Linked {n}",
            technology=[product] if n % 2 else [],
            partner_organisations=[partner],
            users_served=["public", "businesses"][: n % 3],
        )
        for n in range(6)
    ]
    relations = ("users_served", "partner_organisations", "channels", "technology")
    prefetched = Service.objects.filter(pk__in=[s.pk for s in made]).prefetch_related(*relations)
    loaded = list(Service.objects.filter(pk__in=[s.pk for s in made]))
    with django_assert_num_queries(7):  # a query per relation and per related model, for all
        actions.load_links(loaded)
    with django_assert_num_queries(0):
        mine = [[list(getattr(s, name).all()) for name in relations] for s in loaded]
    assert mine == [[list(getattr(s, name).all()) for name in relations] for s in prefetched]
    by_body = list(Service.objects.filter(organisation=organisation))
    actions.load_links(by_body, organisation=organisation)
    assert [list(s.users_served.all()) for s in by_body] == [
        list(s.users_served.all()) for s in Service.objects.filter(organisation=organisation)
    ]


# The parts of the register a change names for the page cache (ADR 0070); the pages they keep
# and drop are in test_page_parts.py.
def test_a_change_to_a_service_names_its_page_and_the_downloads_of_its_bodies(organisation):
    own, partner = organisation, OrganisationFactory(slug="partner-body")
    service = ServiceFactory(organisation=own)
    service.partner_organisations.set([partner])

    parts = actions.history.page_parts(service, ChangeKind.UPDATED, [{"field": "owner_role"}])

    assert parts == (
        f"service:{service.public_id}",
        f"body:{own.slug}",
        f"body:{partner.slug}",
    )


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        (ChangeKind.UPDATED, "name_en"),
        (ChangeKind.UPDATED, "name_cy"),
        (ChangeKind.UPDATED, "service_area"),
        (ChangeKind.UPDATED, "partner_organisations"),
        (ChangeKind.CREATED, None),
        (ChangeKind.RETIRED, "phase"),
    ],
)
def test_a_change_other_pages_show_names_no_parts_so_it_drops_the_whole_register(
    organisation, kind, field
):
    service = ServiceFactory(organisation=organisation)

    assert actions.history.page_parts(service, kind, [{"field": field}] if field else []) == ()


def test_changes_lists_says_whether_a_change_touches_what_the_registers_lists_show():
    from porth.register.actions.history import changes_lists

    def entry(name: str) -> dict:
        return actions.history.change_entry(name, {"en": "a", "cy": "a"}, {"en": "b", "cy": "b"})

    assert changes_lists([entry("description_cy")])
    assert changes_lists([entry("owner_role"), entry("channels")])
    assert changes_lists([entry("phase")])
    assert not changes_lists([entry("owner_role"), entry("steps"), entry("last_reviewed_on")])
