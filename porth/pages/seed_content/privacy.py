"""The privacy notice: what Porth holds about people with accounts, why, for how long, and rights.

Keep it true to the code: if a change collects something new or keeps it longer, change this
notice in the same piece of work.
"""

from . import SeedPage, Text, heading, paragraph

EMAIL = '<a href="mailto:{contact_email}">{contact_email}</a>'

PAGE = SeedPage(
    key="privacy",
    slug=Text("privacy", "privacy"),
    title=Text("Privacy notice", "Hysbysiad preifatrwydd"),
    lead=Text(
        "How Porth uses your personal information when you create and use an account, and the "
        "rights you have.",
        "Sut mae Porth yn defnyddio eich gwybodaeth bersonol pan fyddwch yn creu ac yn defnyddio "
        "cyfrif, a'r hawliau sydd gennych.",
    ),
    body=[
        paragraph(
            "<p>You can read Porth’s public pages without giving us any personal information. "
            "This notice covers the information we hold when you have an account.</p>",
            "<p>Gallwch ddarllen tudalennau cyhoeddus Porth heb roi unrhyw wybodaeth bersonol i "
            "ni. Mae'r hysbysiad hwn yn ymdrin â'r wybodaeth sydd gennym pan fydd gennych "
            "gyfrif.</p>",
        ),
        heading("Counting page views", "Cyfrif golygon tudalennau"),
        paragraph(
            "<p>To learn which pages people read, and whether Welsh pages are read as much as "
            "English ones, Porth counts views of its pages on its own server. For each view it "
            "adds one to a count for the page’s address (without anything after a question "
            "mark), its language, the day, and the name of the website that linked to it, if "
            "any. It sets no cookie for this, and does not keep your IP address, your browser’s "
            "details or who you are, so a count cannot be linked to you. Daily counts are kept "
            "for 2 years.</p>",
            "<p>Er mwyn dysgu pa dudalennau y mae pobl yn eu darllen, ac a yw tudalennau "
            "Cymraeg yn cael eu darllen cymaint â rhai Saesneg, mae Porth yn cyfrif golygon ei "
            "dudalennau ar ei weinydd ei hun. Am bob golwg, mae'n ychwanegu un at gyfrif ar "
            "gyfer cyfeiriad y dudalen (heb unrhyw beth ar ôl marc cwestiwn), ei hiaith, y "
            "diwrnod, ac enw'r wefan a gysylltodd â hi, os oes un. Nid yw'n gosod cwci ar gyfer "
            "hyn, ac nid yw'n cadw eich cyfeiriad IP, manylion eich porwr na phwy ydych chi, "
            "felly ni ellir cysylltu cyfrif â chi. Cedwir cyfrifon dyddiol am 2 flynedd.</p>",
        ),
        heading("Who is responsible for your information", "Pwy sy'n gyfrifol am eich gwybodaeth"),
        paragraph(
            "<p>The team that runs Porth decides how your personal information is used: it is "
            f"the ‘data controller’. You can contact us at {EMAIL}.</p>",
            "<p>Y tîm sy'n rhedeg Porth sy'n penderfynu sut y defnyddir eich gwybodaeth bersonol: "
            f"dyma'r ‘rheolydd data’. Gallwch gysylltu â ni yn {EMAIL}.</p>",
        ),
        heading("What we collect", "Pa wybodaeth rydym yn ei chasglu"),
        paragraph(
            "<p>When you have an account, we hold:</p>"
            "<ul>"
            "<li>your email address, which you use to sign in</li>"
            "<li>your name, if you give it</li>"
            "<li>the language you want emails in: Welsh or English</li>"
            "<li>the organisations you belong to and your role in each (member, editor or "
            "organisation admin), and any invitations to join one</li>"
            "<li>records of signing in: when you signed in, the IP address and web browser you "
            "used, and attempts that failed</li>"
            "<li>if you set up two-step verification, what we need to check the codes from your "
            "authenticator app</li>"
            "</ul>",
            "<p>Pan fydd gennych gyfrif, mae gennym:</p>"
            "<ul>"
            "<li>eich cyfeiriad e-bost, a ddefnyddiwch i fewngofnodi</li>"
            "<li>eich enw, os byddwch yn ei roi</li>"
            "<li>yr iaith rydych am gael e-byst ynddi: Cymraeg neu Saesneg</li>"
            "<li>y sefydliadau rydych yn perthyn iddynt a'ch rôl ym mhob un (aelod, golygydd neu "
            "weinyddwr sefydliad), ac unrhyw wahoddiadau i ymuno ag un</li>"
            "<li>cofnodion mewngofnodi: pryd y gwnaethoch fewngofnodi, y cyfeiriad IP a'r porwr "
            "gwe a ddefnyddiwyd gennych, ac ymdrechion a fethodd</li>"
            "<li>os byddwch yn sefydlu dilysu dau gam, yr hyn sydd ei angen arnom i wirio'r codau "
            "o'ch ap dilysu</li>"
            "</ul>",
        ),
        heading("Why we use it", "Pam rydym yn ei defnyddio"),
        paragraph(
            "<p>We use your information to:</p>"
            "<ul>"
            "<li>let you sign in and keep your account secure</li>"
            "<li>show you what your role lets you see and change</li>"
            "<li>send you the emails you need, such as invitations and password resets, in the "
            "language you chose</li>"
            "<li>stop people guessing passwords: after several failed attempts, nobody can sign "
            "in to that account for a while</li>"
            "</ul>"
            "<p>We do not use your information for marketing and we do not sell it.</p>"
            "<p>We use your information because we need it to perform a task in the public "
            "interest: helping public bodies in Wales to design and run digital services (UK GDPR "
            "Article 6(1)(e)).</p>",
            "<p>Rydym yn defnyddio eich gwybodaeth i:</p>"
            "<ul>"
            "<li>adael i chi fewngofnodi a chadw eich cyfrif yn ddiogel</li>"
            "<li>ddangos i chi yr hyn y mae eich rôl yn caniatáu i chi ei weld a'i newid</li>"
            "<li>anfon yr e-byst sydd eu hangen arnoch, fel gwahoddiadau ac ailosod cyfrineiriau, "
            "yn yr iaith a ddewisoch</li>"
            "<li>atal pobl rhag dyfalu cyfrineiriau: ar ôl sawl ymgais a fethodd, ni all neb "
            "fewngofnodi i'r cyfrif hwnnw am gyfnod</li>"
            "</ul>"
            "<p>Nid ydym yn defnyddio eich gwybodaeth ar gyfer marchnata ac nid ydym yn ei "
            "gwerthu.</p>"
            "<p>Rydym yn defnyddio eich gwybodaeth oherwydd bod ei hangen arnom i gyflawni tasg er "
            "budd y cyhoedd: helpu cyrff cyhoeddus yng Nghymru i ddylunio a rhedeg gwasanaethau "
            "digidol (Erthygl 6(1)(e) GDPR y DU).</p>",
        ),
        heading("How long we keep it", "Am ba hyd rydym yn ei chadw"),
        paragraph(
            "<ul>"
            "<li>Your account details: for as long as you have an account. If you ask us to close "
            "your account, we delete your details, except anything the law says we must "
            "keep.</li>"
            "<li>Records of failed attempts to sign in: until you next sign in successfully or "
            "the lock on the account ends.</li>"
            "<li>Records of successful sign-ins: up to 1 year.</li>"
            "<li>The session that keeps you signed in: until you sign out or close your browser, "
            "or for 2 weeks if you chose to stay signed in on that device.</li>"
            "</ul>",
            "<ul>"
            "<li>Manylion eich cyfrif: cyhyd ag y bydd gennych gyfrif. Os byddwch yn gofyn i ni "
            "gau eich cyfrif, byddwn yn dileu eich manylion, ac eithrio unrhyw beth y mae'r "
            "gyfraith yn dweud bod rhaid i ni ei gadw.</li>"
            "<li>Cofnodion ymdrechion i fewngofnodi a fethodd: nes y byddwch yn mewngofnodi'n "
            "llwyddiannus eto neu nes y daw'r cyfnod cloi ar y cyfrif i ben.</li>"
            "<li>Cofnodion mewngofnodi llwyddiannus: hyd at 1 flwyddyn.</li>"
            "<li>Y sesiwn sy'n eich cadw wedi mewngofnodi: nes y byddwch yn allgofnodi neu'n cau "
            "eich porwr, neu am 2 wythnos os dewisoch aros wedi mewngofnodi ar y ddyfais "
            "honno.</li>"
            "</ul>",
        ),
        heading("Who can see it", "Pwy all ei gweld"),
        paragraph(
            "<ul>"
            "<li>Organisation admins in your organisation can see your name, email address and "
            "role in that organisation.</li>"
            "<li>Staff of the team that runs Porth can see accounts, so that they can help "
            "you.</li>"
            "<li>Suppliers that host Porth and send its emails handle information for us, and may "
            "use it only to provide that service.</li>"
            "</ul>",
            "<ul>"
            "<li>Gall gweinyddwyr sefydliad yn eich sefydliad weld eich enw, eich cyfeiriad e-bost "
            "a'ch rôl yn y sefydliad hwnnw.</li>"
            "<li>Gall staff y tîm sy'n rhedeg Porth weld cyfrifon, er mwyn iddynt allu eich "
            "helpu.</li>"
            "<li>Mae cyflenwyr sy'n cynnal Porth ac yn anfon ei e-byst yn trin gwybodaeth ar ein "
            "rhan, a dim ond i ddarparu'r gwasanaeth hwnnw y cânt ei defnyddio.</li>"
            "</ul>",
        ),
        heading("Your rights", "Eich hawliau"),
        paragraph(
            "<p>You have the right to:</p>"
            "<ul>"
            "<li>see the information we hold about you</li>"
            "<li>have information corrected if it is wrong: you can change your name and the "
            "language of your emails yourself, in your account</li>"
            "<li>have your information deleted</li>"
            "<li>object to how we use your information, or ask us to limit how we use it</li>"
            "</ul>"
            f"<p>To use any of these rights, email {EMAIL}. We will reply within 1 month.</p>",
            "<p>Mae gennych hawl i:</p>"
            "<ul>"
            "<li>weld yr wybodaeth sydd gennym amdanoch</li>"
            "<li>gael cywiro gwybodaeth os yw'n anghywir: gallwch newid eich enw ac iaith eich "
            "e-byst eich hun, yn eich cyfrif</li>"
            "<li>gael dileu eich gwybodaeth</li>"
            "<li>wrthwynebu'r ffordd rydym yn defnyddio eich gwybodaeth, neu ofyn i ni gyfyngu ar "
            "y ffordd rydym yn ei defnyddio</li>"
            "</ul>"
            f"<p>I ddefnyddio unrhyw un o'r hawliau hyn, anfonwch e-bost at {EMAIL}. Byddwn yn "
            "ateb o fewn 1 mis.</p>",
        ),
        heading("Complaints", "Cwynion"),
        paragraph(
            "<p>If you are not happy with how we have used your information, tell us first at "
            f"{EMAIL}. You can also complain to the "
            '<a href="https://ico.org.uk/make-a-complaint/">Information Commissioner’s Office '
            "(ICO)</a>.</p>",
            "<p>Os nad ydych yn fodlon â'r ffordd rydym wedi defnyddio eich gwybodaeth, rhowch "
            f"wybod i ni yn gyntaf yn {EMAIL}. Gallwch hefyd gwyno i "
            '<a href="https://cy.ico.org.uk/">Swyddfa\'r Comisiynydd Gwybodaeth (ICO)</a>.</p>',
        ),
    ],
)
