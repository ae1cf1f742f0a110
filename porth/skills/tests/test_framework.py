import pytest

from porth.skills.framework import framework


def test_the_framework_has_four_levels_above_not_yet_named_as_ddat_names_them(framework):
    assert [level.name_en for level in framework.levels] == [
        "Not yet",
        "Awareness",
        "Working",
        "Practitioner",
        "Expert",
    ]


def test_every_text_in_the_framework_is_in_welsh_and_english(framework):
    things = [
        *framework.levels,
        *framework.skills.values(),
        *framework.contexts.values(),
        *framework.capability_levels,
        *framework.areas,
    ]
    for thing in things:
        assert thing.name_en and thing.name_cy, thing
        # "Data" is the same word in both languages.
        assert thing.name_en != thing.name_cy or thing.name_en == "Data", thing
        assert thing.description_en and thing.description_cy, thing


def test_each_context_asks_for_skills_at_a_working_level_or_below_expert(framework):
    for context in framework.contexts.values():
        assert context.requirements, context.code
        assert all(1 <= r.level.value <= 3 for r in context.requirements), context.code


def test_the_contexts_cover_the_settings_the_issue_names(framework):
    assert {"social-care", "education", "health", "local-democracy", "digital-team"} <= set(
        framework.contexts
    )


def test_the_maturity_model_has_six_areas_at_four_levels(framework):
    assert [area.code for area in framework.areas] == [
        "leadership",
        "skills",
        "user-centred-practice",
        "data",
        "technology",
        "welsh-language-service-design",
    ]
    assert [level.value for level in framework.capability_levels] == [1, 2, 3, 4]


def test_an_unknown_version_is_refused():
    with pytest.raises(KeyError):
        framework("0.1")
