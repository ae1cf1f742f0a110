"""What Porth is, who it is for and what state it is in."""

from . import SeedPage, Text, heading, inset_text, paragraph

PAGE = SeedPage(
    key="about",
    slug=Text("about", "about"),
    title=Text("About Porth", "Am Borth"),
    lead=Text(
        "Porth brings together the people who make digital public services in Wales, the bodies "
        "they work for and the standards they follow.",
        "Mae Porth yn dwyn ynghyd y bobl sy'n creu gwasanaethau cyhoeddus digidol yng Nghymru, y "
        "cyrff y maent yn gweithio iddynt a'r safonau y maent yn eu dilyn.",
    ),
    body=[
        paragraph(
            "<p>Porth is Welsh for ‘gateway’. It is one place where public bodies in Wales can "
            "share what they are building, check their services against the Digital Service "
            "Standards for Wales, and learn from one another.</p>",
            "<p>Porth yw'r fynedfa i waith digidol cyhoeddus yng Nghymru: un lle y gall cyrff "
            "cyhoeddus rannu'r hyn y maent yn ei adeiladu, gwirio eu gwasanaethau yn erbyn Safonau "
            "Gwasanaeth Digidol Cymru, a dysgu oddi wrth ei gilydd.</p>",
        ),
        heading("What you can do on Porth", "Beth y gallwch ei wneud ar Borth"),
        paragraph(
            "<p>On Porth you can:</p>"
            "<ul>"
            "<li>find the Welsh public bodies that take part</li>"
            "<li>record your organisation’s digital services and how well they work</li>"
            "<li>assess a service against the Digital Service Standards for Wales</li>"
            "<li>find training, communities of practice and news</li>"
            "</ul>",
            "<p>Ar Borth gallwch:</p>"
            "<ul>"
            "<li>ddod o hyd i'r cyrff cyhoeddus yng Nghymru sy'n cymryd rhan</li>"
            "<li>gofnodi gwasanaethau digidol eich sefydliad a pha mor dda y maent yn gweithio</li>"
            "<li>asesu gwasanaeth yn erbyn Safonau Gwasanaeth Digidol Cymru</li>"
            "<li>ddod o hyd i hyfforddiant, cymunedau arfer a newyddion</li>"
            "</ul>",
        ),
        inset_text(
            "<p>Porth is new and some parts are still being built. Your feedback helps us to "
            'improve it: <a href="page:contact">contact us</a>.</p>',
            "<p>Mae Porth yn newydd ac mae rhai rhannau'n dal i gael eu hadeiladu. Mae eich "
            'adborth yn ein helpu i\'w wella: <a href="page:contact">cysylltwch â ni</a>.</p>',
        ),
        heading("Who can use Porth", "Pwy all ddefnyddio Porth"),
        paragraph(
            "<p>Anyone can read Porth’s public pages. To add or change information about your "
            "organisation, you need an account, and an organisation admin in your organisation "
            "must invite you to join it.</p>",
            "<p>Gall unrhyw un ddarllen tudalennau cyhoeddus Porth. I ychwanegu neu newid "
            "gwybodaeth am eich sefydliad, mae angen cyfrif arnoch, a rhaid i weinyddwr sefydliad "
            "yn eich sefydliad eich gwahodd i ymuno ag ef.</p>",
        ),
        heading("Welsh and English", "Cymraeg a Saesneg"),
        paragraph(
            "<p>Everything on Porth is in Welsh and English, and you can change language on any "
            'page. Read our <a href="page:welsh-language">Welsh language statement</a>.</p>',
            "<p>Mae popeth ar Borth yn Gymraeg ac yn Saesneg, a gallwch newid iaith ar unrhyw "
            'dudalen. Darllenwch ein <a href="page:welsh-language">datganiad iaith Gymraeg</a>.'
            "</p>",
        ),
    ],
)
