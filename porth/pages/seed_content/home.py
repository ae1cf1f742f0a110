"""The home page, the root of each language's tree."""

from . import SeedPage, Text, paragraph

PAGE = SeedPage(
    key="home",
    # The two home pages are siblings under Wagtail's root, so their slugs must differ.
    slug=Text("home", "hafan"),
    title=Text("Porth", "Porth"),
    lead=Text(
        "The platform for digital public services in Wales: the public bodies, their services "
        "and the standards they work to, in one place.",
        "Y platfform ar gyfer gwasanaethau cyhoeddus digidol yng Nghymru: y cyrff cyhoeddus, eu "
        "gwasanaethau a'r safonau y maent yn gweithio iddynt, mewn un lle.",
    ),
    body=[
        paragraph(
            "<p>Porth is for people who design, build and run digital public services in Wales. "
            "It is new and we are still building it. "
            '<a href="page:about">Read more about Porth</a>.</p>',
            "<p>Mae Porth ar gyfer pobl sy'n dylunio, yn adeiladu ac yn rhedeg gwasanaethau "
            "cyhoeddus digidol yng Nghymru. Mae'n newydd ac rydym yn dal i'w adeiladu. "
            '<a href="page:about">Darllenwch ragor am Borth</a>.</p>',
        ),
    ],
)
