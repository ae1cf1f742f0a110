"""The Welsh language statement: how Porth treats Welsh and how to complain."""

from . import SeedPage, Text, heading, paragraph

EMAIL = '<a href="mailto:{contact_email}">{contact_email}</a>'

PAGE = SeedPage(
    key="welsh-language",
    slug=Text("welsh-language", "welsh-language"),
    title=Text("Welsh language statement", "Datganiad iaith Gymraeg"),
    lead=Text(
        "Porth works in Welsh and in English. We do not treat Welsh less favourably than English.",
        "Mae Porth yn gweithio yn Gymraeg ac yn Saesneg. Nid ydym yn trin y Gymraeg yn llai "
        "ffafriol na'r Saesneg.",
    ),
    body=[
        paragraph(
            "<p>We want you to be able to use Porth in the language you prefer, and to get the "
            "same service in either language.</p>",
            "<p>Rydym am i chi allu defnyddio Porth yn yr iaith sy'n well gennych, a chael yr un "
            "gwasanaeth yn y naill iaith neu'r llall.</p>",
        ),
        heading("What we do", "Beth rydym yn ei wneud"),
        paragraph(
            "<ul>"
            "<li>Every page of Porth is in Welsh and in English, and works the same way in "
            "both.</li>"
            "<li>Every page links straight to the same page in the other language.</li>"
            "<li>Porth remembers the language you chose.</li>"
            "<li>Forms, messages and error messages are in both languages.</li>"
            "<li>We send you emails in the language you choose in your account.</li>"
            "<li>We publish new and changed pages in both languages at the same time.</li>"
            "<li>You can write to us in Welsh or in English. We will reply in the language you "
            "used, and replying in Welsh will not take longer.</li>"
            "</ul>",
            "<ul>"
            "<li>Mae pob tudalen ar Borth yn Gymraeg ac yn Saesneg, ac yn gweithio yn yr un ffordd "
            "yn y ddwy iaith.</li>"
            "<li>Mae pob tudalen yn cysylltu'n uniongyrchol â'r un dudalen yn yr iaith arall.</li>"
            "<li>Mae Porth yn cofio'r iaith a ddewisoch.</li>"
            "<li>Mae ffurflenni, negeseuon a negeseuon gwall ar gael yn y ddwy iaith.</li>"
            "<li>Rydym yn anfon e-byst atoch yn yr iaith a ddewiswch yn eich cyfrif.</li>"
            "<li>Rydym yn cyhoeddi tudalennau newydd a thudalennau wedi'u newid yn y ddwy iaith ar "
            "yr un pryd.</li>"
            "<li>Gallwch ysgrifennu atom yn Gymraeg neu'n Saesneg. Byddwn yn ateb yn yr iaith a "
            "ddefnyddiwyd gennych, ac ni fydd ateb yn Gymraeg yn cymryd mwy o amser.</li>"
            "</ul>",
        ),
        heading("Where we fall short", "Lle nad ydym yn cyrraedd y safon eto"),
        paragraph(
            "<p>The content management system that editors use is only partly translated into "
            "Welsh. We plan to complete the translation. Everything that visitors and people with "
            "accounts see is in both languages.</p>",
            "<p>Dim ond yn rhannol y mae'r system rheoli cynnwys y mae golygyddion yn ei defnyddio "
            "wedi'i chyfieithu i'r Gymraeg. Rydym yn bwriadu cwblhau'r cyfieithiad. Mae popeth y "
            "mae ymwelwyr a phobl sydd â chyfrif yn ei weld ar gael yn y ddwy iaith.</p>",
        ),
        heading("How to complain", "Sut i gwyno"),
        paragraph(
            "<p>If you think we have treated Welsh less favourably than English, or something on "
            f"Porth is not available in Welsh, email {EMAIL}. We will reply within 10 working "
            "days, in the language you wrote in.</p>"
            "<p>If you are not happy with our reply, you can contact the "
            '<a href="https://www.welshlanguagecommissioner.wales/">Welsh Language '
            "Commissioner</a>.</p>",
            "<p>Os ydych yn credu ein bod wedi trin y Gymraeg yn llai ffafriol na'r Saesneg, neu "
            f"nad yw rhywbeth ar Borth ar gael yn Gymraeg, anfonwch e-bost at {EMAIL}. Byddwn yn "
            "ateb o fewn 10 diwrnod gwaith, yn yr iaith a ddefnyddiwyd gennych.</p>"
            "<p>Os nad ydych yn fodlon â'n hateb, gallwch gysylltu â "
            '<a href="https://www.comisiynyddygymraeg.cymru/">Chomisiynydd y Gymraeg</a>.</p>',
        ),
    ],
)
