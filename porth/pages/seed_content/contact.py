"""How to reach the team that runs Porth."""

from . import SeedPage, Text, heading, paragraph

EMAIL = '<a href="mailto:{contact_email}">{contact_email}</a>'

PAGE = SeedPage(
    key="contact",
    slug=Text("contact", "contact"),
    title=Text("Contact us", "Cysylltu â ni"),
    lead=Text(
        "How to get help with Porth or tell us about a problem.",
        "Sut i gael help gyda Porth neu roi gwybod i ni am broblem.",
    ),
    body=[
        heading("Email us", "Anfon e-bost atom"),
        paragraph(
            f"<p>Email {EMAIL}. You can write in Welsh or in English. We will reply within 10 "
            "working days.</p>",
            f"<p>Anfonwch e-bost at {EMAIL}. Gallwch ysgrifennu yn Gymraeg neu'n Saesneg. Byddwn "
            "yn ateb o fewn 10 diwrnod gwaith.</p>",
        ),
        heading("Getting access to Porth", "Cael mynediad at Borth"),
        paragraph(
            "<p>To work on your organisation’s pages, ask an organisation admin in your "
            "organisation to invite you. If nobody from your organisation uses Porth yet, email "
            "us and tell us your name, your role and the organisation you work for.</p>",
            "<p>I weithio ar dudalennau eich sefydliad, gofynnwch i weinyddwr sefydliad yn eich "
            "sefydliad eich gwahodd. Os nad oes neb o'ch sefydliad yn defnyddio Porth eto, "
            "anfonwch e-bost atom gan roi eich enw, eich rôl a'r sefydliad rydych yn gweithio "
            "iddo.</p>",
        ),
        heading(
            "Problems with accessibility or the Welsh language",
            "Problemau hygyrchedd neu'r Gymraeg",
        ),
        paragraph(
            '<p>Read our <a href="page:accessibility">accessibility statement</a> and our '
            '<a href="page:welsh-language">Welsh language statement</a> to find out what we do '
            "and how to complain.</p>",
            '<p>Darllenwch ein <a href="page:accessibility">datganiad hygyrchedd</a> a\'n '
            '<a href="page:welsh-language">datganiad iaith Gymraeg</a> i gael gwybod beth rydym '
            "yn ei wneud a sut i gwyno.</p>",
        ),
        heading("Security problems", "Problemau diogelwch"),
        paragraph(
            "<p>If you think you have found a security problem in Porth, email us straight away "
            "and do not share the details publicly until we have fixed it.</p>",
            "<p>Os ydych yn credu eich bod wedi dod o hyd i broblem ddiogelwch ym Mhorth, anfonwch "
            "e-bost atom ar unwaith a pheidiwch â rhannu'r manylion yn gyhoeddus nes ein bod "
            "wedi'i datrys.</p>",
        ),
    ],
)
