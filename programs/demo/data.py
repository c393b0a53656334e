"""The fictional Älvstads universitet: a mid-size Swedish university as plain data.

Everything here is invented: the university, the region Norrmark, the municipalities, the
companies and the non-profits. Organisation numbers are generated (nine chosen digits plus a
computed Luhn check digit, with the legal-form prefixes Swedish numbers use: 2021 state
agencies, 2120 municipalities, 2321 regions, 2220 municipal federations, 5599 limited
companies, 8024 associations and foundations). They are fictional; any match with a real
organisation is a coincidence. Programmes live in `programmes.py`.
"""

from programs.demo.programmes import PROGRAMMES
from programs.demo.specs import (
    ActionSpec,
    AgreementSpec,
    FacultySpec,
    OfferSpec,
    PartnerSpec,
    RoundSpec,
    TargetSpec,
    UserSpec,
)

# Not a secret: the shared password of the demo logins, printed by scripts/run.
DEMO_PASSWORD = "ala-demo-2026"
DEMO_EMAIL_DOMAIN = "alvstad.example"  # .example is reserved: mail never leaves the demo

USERS = (
    UserSpec(
        "admin",
        "Administratör",
        "Administratör: all behörighet, användare, roller och inställningar",
        superuser=True,
        staff=True,
    ),
    UserSpec(
        "sam",
        "Samverkan",
        "SAM (Samverkansavdelningen): läser alla program, sköter partnerregistret och "
        "stödkatalogen (även i admin)",
        staff=True,
        sam=True,
    ),
    UserSpec(
        "samordnare",
        "Programansvarig",
        "Programansvarig för Datavetenskapliga programmet (med kompassomgång) och "
        "Högskoleingenjörsprogrammet i elektroteknik",
        coordinates=("TGDVK", "TGELK"),
    ),
    UserSpec(
        "samordnare2",
        "Programansvarig 2",
        "Programansvarig för Sjuksköterskeprogrammet (annan fakultet)",
        coordinates=("VGSSK",),
    ),
    UserSpec(
        "namnd",
        "Fakultetsnämnd",
        "Ledamot i fakultetsnämnden för teknik och naturvetenskap: läser fakultetens program",
        board=("tn",),
    ),
)

FACULTIES = (
    FacultySpec(
        "hv",
        "Fakulteten för hälsa och vård",
        "Faculty of Health and Care",
        (
            ("Institutionen för omvårdnad", "Department of Nursing"),
            ("Institutionen för hälsovetenskap", "Department of Health Sciences"),
        ),
    ),
    FacultySpec(
        "hs",
        "Fakulteten för humaniora och samhällsvetenskap",
        "Faculty of Humanities and Social Sciences",
        (
            ("Institutionen för socialt arbete", "Department of Social Work"),
            ("Institutionen för pedagogik och didaktik", "Department of Education"),
            (
                "Institutionen för medie- och kommunikationsvetenskap",
                "Department of Media and Communication",
            ),
            ("Institutionen för turism och geografi", "Department of Tourism and Geography"),
            (
                "Institutionen för psykologi och arbetsvetenskap",
                "Department of Psychology and Work Science",
            ),
        ),
    ),
    FacultySpec(
        "tn",
        "Fakulteten för teknik och naturvetenskap",
        "Faculty of Science and Engineering",
        (
            ("Institutionen för datavetenskap", "Department of Computer Science"),
            ("Institutionen för samhällsbyggnad", "Department of Civil Engineering"),
            ("Institutionen för elektroteknik", "Department of Electrical Engineering"),
            ("Institutionen för naturvetenskap", "Department of Natural Sciences"),
        ),
    ),
    FacultySpec(
        "hhs",
        "Handelshögskolan vid Älvstads universitet",
        "Älvstad University School of Business",
        (
            ("Avdelningen för företagsekonomi", "Division of Business Administration"),
            (
                "Avdelningen för rättsvetenskap och fastighetsekonomi",
                "Division of Law and Real Estate Economics",
            ),
        ),
    ),
)

PUBLIC, PRIVATE, NON_PROFIT, UNIVERSITY = "public", "private", "non_profit", "university"
NORRMARK, VASTERFJALL, STOCKHOLM = "Norrmark", "Västerfjäll", "Stockholm"

PARTNERS = (
    # Regions, municipalities, agencies and municipal companies
    PartnerSpec("region_norrmark", "Region Norrmark", "232100901", PUBLIC, NORRMARK, True),
    PartnerSpec("region_vasterfjall", "Region Västerfjäll", "232100902", PUBLIC, VASTERFJALL, True),
    PartnerSpec("alvstad_kommun", "Älvstads kommun", "212000901", PUBLIC, NORRMARK, True),
    PartnerSpec("norrvik_kommun", "Norrviks kommun", "212000902", PUBLIC, NORRMARK),
    PartnerSpec("strandby_kommun", "Strandby kommun", "212000903", PUBLIC, NORRMARK),
    PartnerSpec("granberg_kommun", "Granbergs kommun", "212000904", PUBLIC, VASTERFJALL),
    PartnerSpec("lansstyrelsen", "Länsstyrelsen i Norrmarks län", "202100903", PUBLIC, NORRMARK),
    PartnerSpec(
        "raddningstjansten", "Räddningstjänsten Norrmark Mitt", "222000901", PUBLIC, NORRMARK
    ),
    PartnerSpec("alvstad_energi", "Älvstads Energi och Vatten AB", "559901001", PUBLIC, NORRMARK),
    PartnerSpec("alvstadshem", "Älvstadshem AB", "559901002", PUBLIC, NORRMARK),
    PartnerSpec("destination_alvstad", "Destination Älvstad AB", "559901003", PUBLIC, NORRMARK),
    PartnerSpec("museum", "Norrmarks läns museum", "802490901", PUBLIC, NORRMARK),
    # Care providers and schools
    PartnerSpec("sjovik_sjukhus", "Sjöviks privatsjukhus AB", "559901011", PRIVATE, VASTERFJALL),
    PartnerSpec("norrglantan", "Vårdhuset Norrgläntan AB", "559901012", PRIVATE, NORRMARK),
    PartnerSpec("trygga_hander", "Omsorgsbolaget Trygga Händer AB", "559901013", PRIVATE, NORRMARK),
    PartnerSpec("friskolan_larkan", "Friskolan Lärkan AB", "559901014", PRIVATE, NORRMARK),
    # Engineering, energy and IT
    PartnerSpec("norrmark_konsult", "Norrmark Konsult AB", "559901021", PRIVATE, NORRMARK, True),
    PartnerSpec("alvbygg", "Älvbygg Entreprenad AB", "559901022", PRIVATE, NORRMARK),
    PartnerSpec("brokonstruktion", "Brokonstruktion Nord AB", "559901023", PRIVATE, VASTERFJALL),
    PartnerSpec("vattenkraft_norr", "Vattenkraft Norr AB", "559901024", PRIVATE, VASTERFJALL),
    PartnerSpec("kodverket", "Kodverket Älvstad AB", "559901031", PRIVATE, NORRMARK, True),
    PartnerSpec("datastugan", "Datastugan Konsult AB", "559901032", PRIVATE, NORRMARK),
    PartnerSpec("molnbolaget", "Molnbolaget Nord AB", "559901033", PRIVATE, STOCKHOLM),
    PartnerSpec("spelfabriken", "Spelfabriken Norr AB", "559901034", PRIVATE, NORRMARK),
    PartnerSpec("sakerhetslabbet", "Säkerhetslabbet i Norden AB", "559901035", PRIVATE, STOCKHOLM),
    # Business, tourism, media and real estate
    PartnerSpec("sparbank", "Norrmarks Sparbank AB", "559901041", PRIVATE, NORRMARK),
    PartnerSpec("revisionsbyran", "Revisionsbyrån Siffra AB", "559901042", PRIVATE, NORRMARK),
    PartnerSpec("logistikhuset", "Logistikhuset Älvstad AB", "559901043", PRIVATE, NORRMARK),
    PartnerSpec("fjallresor", "Fjällresor Västerfjäll AB", "559901051", PRIVATE, VASTERFJALL),
    PartnerSpec("hotell_alvkanten", "Hotell Älvkanten AB", "559901052", PRIVATE, NORRMARK),
    PartnerSpec("fjallstugan", "Fjällstugan Turism & Event AB", "559901053", PRIVATE, VASTERFJALL),
    PartnerSpec("norrbladet", "Tidningen Norrbladet AB", "559901061", PRIVATE, NORRMARK),
    PartnerSpec("mediehuset_norr", "Mediehuset Norr AB", "559901062", PRIVATE, NORRMARK, True),
    PartnerSpec("radio_alvstad", "Radio Älvstad AB", "559901063", PRIVATE, NORRMARK),
    PartnerSpec("maklarhuset", "Mäklarhuset Älvstad AB", "559901071", PRIVATE, NORRMARK),
    PartnerSpec(
        "norrmark_fastighet", "Norrmark Fastighetsförmedling AB", "559901072", PRIVATE, NORRMARK
    ),
    # Non-profits
    PartnerSpec("stadsmissionen", "Stadsmissionen i Älvstad", "802490902", NON_PROFIT, NORRMARK),
    PartnerSpec("stodlinjen", "Föreningen Stödlinjen Norr", "802490903", NON_PROFIT, NORRMARK),
    PartnerSpec("idrottsforbundet", "Norrmarks idrottsförbund", "802490904", NON_PROFIT, NORRMARK),
    PartnerSpec(
        "brottsofferjouren", "Brottsofferjouren Älvstad", "802490905", NON_PROFIT, NORRMARK
    ),
    PartnerSpec("naturskydd", "Norrmarks naturskyddsförening", "802490906", NON_PROFIT, NORRMARK),
    PartnerSpec("studieforbundet", "Studieförbundet Framsteg", "802490907", NON_PROFIT, NORRMARK),
    # The university itself (its innovation office, career service and student health)
    PartnerSpec("universitetet", "Älvstads universitet", "202100904", UNIVERSITY, NORRMARK),
)

AGREEMENTS = (
    AgreementSpec(
        "Samverkansavtal om VFU inom hälso- och sjukvården",
        "region_norrmark",
        ("VGSSK", "VGFYS", "VASDS"),
        "agreement",
        "strategic",
        start=-900,
        end=400,
        follow_up=60,
        notes="Reglerar antal VFU-platser, handledarutbildning och ersättning per student.",
    ),
    AgreementSpec(
        "Avtal om VFU i kommunal vård och omsorg",
        "alvstad_kommun",
        ("VGSSK",),
        "agreement",
        "operative",
        start=-700,
        end=45,  # ends within 90 days: the register flags it
        follow_up=-10,  # follow-up overdue
        notes="Förlängning diskuteras; kommunen vill ta emot fler studenter under hösten.",
    ),
    AgreementSpec(
        "Partnerskolavtal för lärarutbildningen",
        "alvstad_kommun",
        ("LGGRU",),
        "agreement",
        "strategic",
        start=-1000,
        end=None,
        follow_up=120,
    ),
    AgreementSpec(
        "Avtal om VFU och praktik i Norrviks kommun",
        "norrvik_kommun",
        ("LGGRU", "SGSOC"),
        "agreement",
        "operative",
        start=-1200,
        end=-30,  # has ended
        follow_up=None,
        notes="Avtalet har löpt ut; ett nytt avtal förhandlas.",
    ),
    AgreementSpec(
        "Avsiktsförklaring om kompetensförsörjning i samhällsbyggnadssektorn",
        "norrmark_konsult",
        ("TCSBY",),
        "letter_of_intent",
        "strategic",
        start=-400,
        end=700,
        follow_up=200,
    ),
    AgreementSpec(
        "Avtal om beställarprojekt i mjukvaruprojektkursen",
        "kodverket",
        ("TGDVK",),
        "agreement",
        "operative",
        start=-300,
        end=430,
        follow_up=65,
    ),
    AgreementSpec(
        "Avsiktsförklaring om öppna data och hackathon",
        "alvstad_kommun",
        ("TGDVK",),
        "letter_of_intent",
        "operative",
        start=-200,
        end=165,
        follow_up=30,
    ),
    AgreementSpec(
        "Avtal om varvad utbildning",
        "vattenkraft_norr",
        ("TGELK",),
        "agreement",
        "operative",
        start=-800,
        end=500,
        follow_up=150,
    ),
    AgreementSpec(
        "Ramavtal om praktikplatser inom socialt arbete",
        "stadsmissionen",
        ("SGSOC",),
        "agreement",
        "operative",
        start=-500,
        end=230,
        follow_up=-40,  # follow-up overdue
    ),
    AgreementSpec(
        "Strategiskt samverkansavtal om vårdens kompetensförsörjning",
        "region_vasterfjall",
        ("VGSSK", "VGFYS"),
        "agreement",
        "strategic",
        start=-100,
        end=1700,
        follow_up=265,
    ),
    AgreementSpec(
        "Avtal om redaktionspraktik",
        "mediehuset_norr",
        ("JGJOU",),
        "agreement",
        "operative",
        start=-600,
        end=130,
        follow_up=20,
    ),
)

OFFERS = (
    OfferSpec(
        "Starta ett branschråd",
        "Start an industry council",
        "SAM hjälper till att ta fram uppdrag, ledamöter och mötesformer för ett formellt "
        "bransch- eller programråd.",
        "SAM helps you draft the mandate, find members and set up meetings for a formal "
        "industry or programme council.",
        ("P1",),
    ),
    OfferSpec(
        "Mentorprogram",
        "Mentorship programme",
        "Matchning av studenter med yrkesverksamma mentorer, med upplägg, avtal och uppföljning.",
        "Matching students with practitioner mentors, with a format, agreements and follow-up.",
        ("C2",),
    ),
    OfferSpec(
        "Alumnundersökning",
        "Alumni survey",
        "En programanpassad alumnenkät med frågor om arbetsliv, plus stöd att engagera alumner "
        "i utbildningen.",
        "A programme-level alumni survey with work-life questions, plus help to involve alumni "
        "in teaching.",
        ("F3", "C3"),
    ),
    OfferSpec(
        "VFU-handledarutbildning",
        "Placement supervisor training",
        "Utbildning för handledare i arbetslivet: förberedelse, bedömning och avslutande samtal.",
        "Training for workplace supervisors: preparation, assessment and debriefing.",
        ("S",),
    ),
    OfferSpec(
        "Jämställdhetsanalys",
        "Gender equality analysis",
        "Stöd att samla in och analysera deltagande per kön och ta fram åtgärder.",
        "Help to collect and analyse participation by gender and to plan measures.",
        ("E3",),
    ),
    OfferSpec(
        "Studentutvärdering av moment",
        "Student evaluation of activities",
        "Färdiga enkätfrågor för att låta studenter utvärdera arbetslivsanknutna moment.",
        "Ready-made survey questions for students to evaluate work-integration activities.",
        ("F1",),
    ),
    OfferSpec(
        "Partneråterkoppling",
        "Partner feedback",
        "En kort återkopplingsenkät till värdorganisationer och beställare efter varje moment.",
        "A short feedback survey for host organisations and clients after each activity.",
        ("F2",),
    ),
    OfferSpec(
        "Karriärmoment i kurs",
        "Career learning in courses",
        "Karriärvägledarna bygger in ett karriärmoment i en ordinarie kurs, varje år.",
        "The career advisers build a career learning element into a regular course, every year.",
        ("C1",),
    ),
)

# The one compass round of the demo: open (workshop 2 done), so users can try freezing it.
ROUND = RoundSpec(
    program="TGDVK",
    days_ago=45,
    status="workshop_2",
    horizontal_perspectives=(
        "Programmet följer deltagande i hackathon, examensarbeten och mentorskap per kön. "
        "Distansstudenter kan delta digitalt i de flesta moment. Beställarprojekten väljs med "
        "hänsyn till hållbarhet och tillgänglighet."
    ),
    targets=(
        TargetSpec("scope", 85, "Fler obligatoriska djupa moment, främst i årskurs 2."),
        TargetSpec("authenticity", 80, "Behåll projektkursen; inför fler verkliga uppdrag."),
        TargetSpec("integration", 90, "Koppla fler moment till arbetslivsinriktade lärandemål."),
        TargetSpec("support", 80, "Handledning i arbetslivet även i examensarbetet."),
        TargetSpec("partnership", 90, "Branschrådet ska granska lärandemålen vart tredje år."),
        TargetSpec("career", 60, "Ett mentorprogram för årskurs 2 och karriärmoment varje år."),
        TargetSpec("follow_up", 75, "Återkoppling från alla beställare efter varje projekt."),
        TargetSpec(
            "equity",
            50,
            "Medvetet lågt mål denna omgång: först en analys av deltagande per kön.",
        ),
    ),
    actions=(
        ActionSpec(
            "career",
            "C2",
            "Starta ett mentorprogram med yrkesverksamma utvecklare för studenter i årskurs 2.",
            "Programansvarig",
            due=150,
            status="green",
            offer="Mentorprogram",
        ),
        ActionSpec(
            "partnership",
            "P1",
            "Låt branschrådet granska programmets lärandemål inför nästa programrevision.",
            "Programansvarig och branschrådets ordförande",
            due=60,
            status="yellow",
        ),
        ActionSpec(
            "follow_up",
            "F2",
            "Samla in strukturerad återkoppling från alla beställare i mjukvaruprojektet.",
            "Kursansvarig för DT301G",
            due=-21,  # overdue
            status="red",
            offer="Partneråterkoppling",
        ),
        ActionSpec(
            "equity",
            "E3",
            "Analysera deltagande i hackathon och examensarbeten per kön och föreslå åtgärder.",
            "Studierektor",
            due=240,
            status="green",
            offer="Jämställdhetsanalys",
        ),
    ),
)

__all__ = [
    "AGREEMENTS",
    "DEMO_EMAIL_DOMAIN",
    "DEMO_PASSWORD",
    "FACULTIES",
    "OFFERS",
    "PARTNERS",
    "PROGRAMMES",
    "ROUND",
    "USERS",
]
