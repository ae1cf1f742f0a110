"""The accessibility statement, following the GOV.UK model statement for public sector websites."""

from . import SeedPage, Text, heading, paragraph

EMAIL = '<a href="mailto:{contact_email}">{contact_email}</a>'

PAGE = SeedPage(
    key="accessibility",
    slug=Text("accessibility", "accessibility"),
    title=Text("Accessibility statement", "Datganiad hygyrchedd"),
    lead=Text(
        "How accessible Porth is, the problems we know about and how to tell us about a problem.",
        "Pa mor hygyrch yw Porth, y problemau rydym yn gwybod amdanynt a sut i roi gwybod i ni am "
        "broblem.",
    ),
    body=[
        paragraph(
            "<p>This statement applies to every page of Porth, in Welsh and in English, "
            "including the content management system that editors use.</p>",
            "<p>Mae'r datganiad hwn yn berthnasol i bob tudalen ar Borth, yn Gymraeg ac yn "
            "Saesneg, gan gynnwys y system rheoli cynnwys y mae golygyddion yn ei defnyddio.</p>",
        ),
        heading("Using Porth", "Defnyddio Porth"),
        paragraph(
            "<p>We want as many people as possible to be able to use Porth. For example, you "
            "should be able to:</p>"
            "<ul>"
            "<li>change colours, contrast levels and fonts using your browser or device "
            "settings</li>"
            "<li>zoom in up to 400% without the text spilling off the screen</li>"
            "<li>use most of Porth with a keyboard alone</li>"
            "<li>use most of Porth with speech recognition software</li>"
            "<li>listen to most of Porth with a screen reader</li>"
            "<li>use every page in Welsh or in English</li>"
            "</ul>"
            "<p>We have also made the text as simple as we can.</p>",
            "<p>Rydym am i gynifer o bobl â phosibl allu defnyddio Porth. Er enghraifft, dylech "
            "allu:</p>"
            "<ul>"
            "<li>newid lliwiau, lefelau cyferbyniad a ffontiau gan ddefnyddio gosodiadau eich "
            "porwr neu'ch dyfais</li>"
            "<li>chwyddo hyd at 400% heb i'r testun fynd oddi ar y sgrin</li>"
            "<li>defnyddio'r rhan fwyaf o Borth gyda bysellfwrdd yn unig</li>"
            "<li>defnyddio'r rhan fwyaf o Borth gyda meddalwedd adnabod lleferydd</li>"
            "<li>gwrando ar y rhan fwyaf o Borth gyda darllenydd sgrin</li>"
            "<li>defnyddio pob tudalen yn Gymraeg neu'n Saesneg</li>"
            "</ul>"
            "<p>Rydym hefyd wedi gwneud y testun mor syml ag y gallwn.</p>",
        ),
        paragraph(
            '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
            "your device easier to use if you have a disability.</p>",
            '<p>Mae gan <a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> gyngor ar wneud '
            "eich dyfais yn haws i'w defnyddio os oes gennych anabledd.</p>",
        ),
        heading("How accessible Porth is", "Pa mor hygyrch yw Porth"),
        paragraph(
            "<p>We know some parts of Porth are not fully accessible:</p>"
            "<ul>"
            "<li>the content management system that editors use is only partly translated into "
            "Welsh, so editors who work in Welsh will see some English</li>"
            "<li>we have not yet fully checked the content management system for "
            "accessibility</li>"
            "<li>some documents that editors upload, such as PDFs, may not be fully "
            "accessible</li>"
            "</ul>",
            "<p>Rydym yn gwybod nad yw rhai rhannau o Borth yn gwbl hygyrch:</p>"
            "<ul>"
            "<li>dim ond yn rhannol y mae'r system rheoli cynnwys y mae golygyddion yn ei "
            "defnyddio wedi'i chyfieithu i'r Gymraeg, felly bydd golygyddion sy'n gweithio yn "
            "Gymraeg yn gweld rhywfaint o Saesneg</li>"
            "<li>nid ydym eto wedi gwirio'r system rheoli cynnwys yn llawn o ran "
            "hygyrchedd</li>"
            "<li>efallai na fydd rhai dogfennau y mae golygyddion yn eu lanlwytho, fel ffeiliau "
            "PDF, yn gwbl hygyrch</li>"
            "</ul>",
        ),
        heading("If you cannot use part of Porth", "Os na allwch ddefnyddio rhan o Borth"),
        paragraph(
            "<p>If you need information on Porth in a different format, such as large print or "
            f"an audio recording, email {EMAIL}. Tell us the web address of the page and the "
            "format you need. We will reply within 10 working days.</p>",
            "<p>Os oes arnoch angen gwybodaeth ar Borth mewn fformat gwahanol, fel print bras neu "
            f"recordiad sain, anfonwch e-bost at {EMAIL}. Rhowch wybod i ni beth yw cyfeiriad "
            "gwe'r dudalen a pha fformat sydd ei angen arnoch. Byddwn yn ateb o fewn 10 diwrnod "
            "gwaith.</p>",
        ),
        heading("Reporting accessibility problems", "Rhoi gwybod am broblemau hygyrchedd"),
        paragraph(
            "<p>We are always looking to improve the accessibility of Porth. If you find a "
            "problem that is not listed on this page, or you think we are not meeting "
            f"accessibility requirements, email {EMAIL}.</p>",
            "<p>Rydym bob amser yn ceisio gwella hygyrchedd Porth. Os byddwch yn dod o hyd i "
            "broblem nad yw wedi'i rhestru ar y dudalen hon, neu os ydych yn credu nad ydym yn "
            f"bodloni'r gofynion hygyrchedd, anfonwch e-bost at {EMAIL}.</p>",
        ),
        heading("Enforcement procedure", "Y weithdrefn orfodi"),
        paragraph(
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the ‘accessibility regulations’). If you are not happy with how "
            "we respond to your complaint, contact the "
            '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support '
            "Service (EASS)</a>.</p>",
            "<p>Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi "
            "Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Chymwysiadau Symudol) "
            "(Rhif 2) 2018 (y ‘rheoliadau hygyrchedd’). Os nad ydych yn fodlon â'r ffordd rydym "
            "yn ymateb i'ch cwyn, cysylltwch â'r "
            '<a href="https://www.equalityadvisoryservice.com/">Gwasanaeth Cynghori a Chymorth '
            "Cydraddoldeb (EASS)</a>.</p>",
        ),
        heading(
            "Technical information about Porth’s accessibility",
            "Gwybodaeth dechnegol am hygyrchedd Porth",
        ),
        paragraph(
            "<p>We are committed to making Porth accessible, in line with the accessibility "
            "regulations.</p>"
            "<h3>Compliance status</h3>"
            "<p>Porth is partially compliant with the "
            '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines (WCAG) '
            "version 2.2</a> AA standard, because of the problems listed under ‘How accessible "
            "Porth is’. We aim to meet WCAG 2.2 at level AA in full.</p>",
            "<p>Rydym wedi ymrwymo i wneud Porth yn hygyrch, yn unol â'r rheoliadau "
            "hygyrchedd.</p>"
            "<h3>Statws cydymffurfio</h3>"
            "<p>Mae Porth yn cydymffurfio'n rhannol â safon AA "
            '<a href="https://www.w3.org/TR/WCAG22/">Canllawiau Hygyrchedd Cynnwys y We (WCAG) '
            "fersiwn 2.2</a>, oherwydd y problemau a restrir o dan ‘Pa mor hygyrch yw Porth’. "
            "Ein nod yw bodloni WCAG 2.2 ar lefel AA yn llawn.</p>",
        ),
        heading("How we test Porth", "Sut rydym yn profi Porth"),
        paragraph(
            "<p>Every time we change Porth, automated tests open its main pages in a real web "
            "browser (Chromium) and check them with axe-core, an accessibility testing tool, in "
            "both Welsh and English. We also check that these pages can be used with a keyboard "
            "alone and that you can always see which part of the page has the focus.</p>"
            "<p>Porth has not yet had an independent accessibility audit.</p>",
            "<p>Bob tro y byddwn yn newid Porth, mae profion awtomatig yn agor ei brif "
            "dudalennau mewn porwr gwe go iawn (Chromium) ac yn eu gwirio gydag axe-core, offeryn "
            "profi hygyrchedd, yn Gymraeg ac yn Saesneg. Rydym hefyd yn gwirio y gellir "
            "defnyddio'r tudalennau hyn gyda bysellfwrdd yn unig a'ch bod bob amser yn gallu "
            "gweld pa ran o'r dudalen sydd â'r ffocws.</p>"
            "<p>Nid yw Porth wedi cael archwiliad hygyrchedd annibynnol eto.</p>",
        ),
        heading(
            "What we are doing to improve accessibility",
            "Beth rydym yn ei wneud i wella hygyrchedd",
        ),
        paragraph(
            "<p>We plan to translate the rest of the content management system into Welsh and "
            "to check it for accessibility. We will update this statement when we fix the "
            "problems listed here.</p>"
            "<p>This statement was prepared on {today}.</p>",
            "<p>Rydym yn bwriadu cyfieithu gweddill y system rheoli cynnwys i'r Gymraeg a'i "
            "gwirio o ran hygyrchedd. Byddwn yn diweddaru'r datganiad hwn pan fyddwn yn datrys y "
            "problemau a restrir yma.</p>"
            "<p>Paratowyd y datganiad hwn ar {today}.</p>",
        ),
    ],
)
