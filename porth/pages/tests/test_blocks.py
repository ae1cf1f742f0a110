import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from porth.pages.blocks import ContentBlocks, ImageBlock, TableBlock
from porth.pages.templatetags.porth_pages import govuk_rich_text


@pytest.fixture
def image(db) -> Image:
    return Image.objects.create(title="A chart", file=get_test_image_file())


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_an_image_without_alternative_text_fails_validation(image, alt_text):
    block = ImageBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": alt_text, "caption": ""}))


def test_an_image_is_shown_with_its_alternative_text(image):
    block = ImageBlock()
    value = block.clean(
        block.to_python({"image": image.pk, "alt_text": "Bar chart of sign-ups", "caption": ""})
    )

    html = block.render(value)

    assert 'alt="Bar chart of sign-ups"' in html


def table_value(rows: list[list[str]]):
    block = TableBlock()
    return block, block.to_python(
        {"caption": "Cookies", "headers": ["Name", "Purpose"], "rows": rows}
    )


def test_a_table_row_with_the_wrong_number_of_cells_fails_validation():
    block, value = table_value([["sessionid", "Keeps you signed in"], ["csrftoken"]])

    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_table_renders_as_a_govuk_table_with_a_caption_and_headers():
    block, value = table_value([["sessionid", "Keeps you signed in"]])

    html = block.render(block.clean(value))

    assert '<caption class="govuk-table__caption govuk-table__caption--m">Cookies</caption>' in html
    assert '<th scope="col" class="govuk-table__header">Purpose</th>' in html
    assert '<th scope="row" class="govuk-table__header">sessionid</th>' in html
    assert '<td class="govuk-table__cell">Keeps you signed in</td>' in html


@pytest.mark.parametrize(
    ("block_type", "value", "expected"),
    [
        ("heading", "Your rights", '<h2 class="govuk-heading-l">Your rights</h2>'),
        ("warning_text", "Do not share", '<strong class="govuk-warning-text__text">'),
        ("inset_text", "<p>Aside</p>", '<div class="govuk-inset-text"><p class="govuk-body">'),
        (
            "details",
            {"summary": "More", "content": "<p>Hidden</p>"},
            '<span class="govuk-details__summary-text">More</span>',
        ),
        ("paragraph", "<ul><li>One</li></ul>", '<ul class="govuk-list govuk-list--bullet">'),
    ],
)
def test_each_block_renders_govuk_markup(block_type, value, expected):
    stream_block = ContentBlocks()
    child = stream_block.child_blocks[block_type]

    html = child.render(child.to_python(value))

    assert expected in html


def test_rich_text_gets_govuk_classes_but_keeps_a_class_it_already_has():
    html = govuk_rich_text(
        RichText(
            '<h3>Rights</h3><p>Read <a href="https://example.org">this</a>.</p>'
            '<ol><li>one</li></ol><p class="special">kept</p>'
        )
    )

    assert '<h3 class="govuk-heading-m">Rights</h3>' in html
    assert '<a class="govuk-link" href="https://example.org">this</a>' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert '<p class="special">kept</p>' in html
