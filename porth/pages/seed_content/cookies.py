"""The cookies page. Porth sets only essential cookies, so it needs no consent banner.

Keep the table true to the settings: session (SESSION_COOKIE_AGE and allauth's "stay signed in"),
CSRF (CSRF_COOKIE_AGE), language (LANGUAGE_COOKIE_NAME, LANGUAGE_COOKIE_AGE) and Django's
messages cookie.
"""

from . import SeedPage, Text, heading, paragraph, table

AFTER_A_YEAR = Text("After 1 year", "Ar ôl 1 flwyddyn")

PAGE = SeedPage(
    key="cookies",
    slug=Text("cookies", "cookies"),
    title=Text("Cookies", "Cwcis"),
    lead=Text(
        "Porth puts small files called cookies on your device. It uses only the cookies it needs "
        "to work.",
        "Mae Porth yn rhoi ffeiliau bach o'r enw cwcis ar eich dyfais. Dim ond y cwcis sydd eu "
        "hangen arno i weithio y mae'n eu defnyddio.",
    ),
    body=[
        paragraph(
            "<p>Cookies are small files saved on your phone, tablet or computer when you visit a "
            "website. Websites use them to work, to remember your choices or to collect "
            "information about how people use them.</p>",
            "<p>Ffeiliau bach yw cwcis sy'n cael eu cadw ar eich ffôn, eich llechen neu eich "
            "cyfrifiadur pan fyddwch yn ymweld â gwefan. Mae gwefannau'n eu defnyddio i weithio, i "
            "gofio eich dewisiadau neu i gasglu gwybodaeth am sut mae pobl yn eu defnyddio.</p>",
        ),
        heading("Essential cookies", "Cwcis hanfodol"),
        paragraph(
            "<p>Porth sets only essential cookies. They keep Porth secure, keep you signed in and "
            "remember your language. Because Porth cannot work without them, we do not ask for "
            "your permission to use them.</p>",
            "<p>Dim ond cwcis hanfodol y mae Porth yn eu gosod. Maent yn cadw Porth yn ddiogel, yn "
            "eich cadw wedi mewngofnodi ac yn cofio eich iaith. Gan na all Porth weithio hebddynt, "
            "nid ydym yn gofyn am eich caniatâd i'w defnyddio.</p>",
        ),
        table(
            caption=Text(
                "Essential cookies set by Porth", "Cwcis hanfodol y mae Porth yn eu gosod"
            ),
            headers=[
                Text("Name", "Enw"),
                Text("Purpose", "Diben"),
                Text("Expires", "Yn dod i ben"),
            ],
            rows=[
                [
                    Text("sessionid", "sessionid"),
                    Text(
                        "Keeps you signed in as you move from page to page",
                        "Yn eich cadw wedi mewngofnodi wrth i chi symud o dudalen i dudalen",
                    ),
                    Text(
                        "When you sign out or close your browser, or after 2 weeks if you chose "
                        "to stay signed in",
                        "Pan fyddwch yn allgofnodi neu'n cau eich porwr, neu ar ôl 2 wythnos os "
                        "dewisoch aros wedi mewngofnodi",
                    ),
                ],
                [
                    Text("csrftoken", "csrftoken"),
                    Text(
                        "Stops other websites sending forms to Porth in your name",
                        "Yn atal gwefannau eraill rhag anfon ffurflenni i Borth yn eich enw chi",
                    ),
                    AFTER_A_YEAR,
                ],
                [
                    Text("porth_language", "porth_language"),
                    Text(
                        "Remembers whether you chose Welsh or English",
                        "Yn cofio a ddewisoch Gymraeg neu Saesneg",
                    ),
                    AFTER_A_YEAR,
                ],
                [
                    Text("messages", "messages"),
                    Text(
                        "Shows a message on the next page you see, such as confirming that your "
                        "changes were saved",
                        "Yn dangos neges ar y dudalen nesaf a welwch, fel cadarnhad bod eich "
                        "newidiadau wedi'u cadw",
                    ),
                    Text("When the message has been shown", "Pan fydd y neges wedi'i dangos"),
                ],
            ],
        ),
        heading("Analytics cookies", "Cwcis dadansoddeg"),
        paragraph(
            "<p>Porth does not use analytics cookies or any other tracking, and it does not show "
            "adverts.</p>",
            "<p>Nid yw Porth yn defnyddio cwcis dadansoddeg nac unrhyw fath arall o dracio, ac nid "
            "yw'n dangos hysbysebion.</p>",
        ),
        heading("Changing your cookie settings", "Newid eich gosodiadau cwcis"),
        paragraph(
            "<p>You can delete or block cookies in your web browser’s settings. If you block "
            "Porth’s cookies, you will not be able to sign in or send forms, and Porth will not "
            "remember your language.</p>",
            "<p>Gallwch ddileu neu rwystro cwcis yng ngosodiadau eich porwr gwe. Os byddwch yn "
            "rhwystro cwcis Porth, ni fyddwch yn gallu mewngofnodi nac anfon ffurflenni, ac ni "
            "fydd Porth yn cofio eich iaith.</p>",
        ),
    ],
)
