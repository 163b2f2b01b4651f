"""Sector social policing (RÉSO, issue #18), walked in French and in English at 390 px and at a desktop's width: a
resident finds the officer of an address in Brossard by typing it and choosing the suggestion, sees the card (photo
or initials, cell number as a tap-to-call link, on duty or not, 911 always in view), and sends a non-emergency message
(a "yes" to a safety question answers with 911 and sends nothing); the reference shows on the screen and comes by
e-mail. The sector's officer, on a phone, finds it on the message screen and answers by e-mail, which the resident
receives. The supervisor makes an officer off duty and their colleague on duty: the card names the colleague. A 40 MB
upload is stopped at the door. A public meeting planned for Brossard is in the city's calendar (read with
`icalendar`) at its local time. No page scrolls sideways; axe finds no serious violation."""
import datetime
import re
import tempfile
import zoneinfo

import icalendar

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_phone_widths import DESKTOP, PHONE, overflow, sign_in

TEXT = {
    "fr": {"find": "Trouver mon agent", "on": "En service maintenant", "off": "Pas en service maintenant",
           "write": "Écrire à l'agent (non urgent)", "send": "Envoyer à l'agent", "yes": "Oui", "no": "Non",
           "topic": "Drogues, seringues", "email": "Par courriel", "sent": "Message envoyé",
           "emergency": "composez le 911", "record": "Enregistrer", "answer": "Réponse par courriel",
           "saved": "Suivi enregistré.", "cover": "En son absence, appelez"},
    "en": {"find": "Find my officer", "on": "On duty now", "off": "Not on duty now",
           "write": "Write to the officer (non-emergency)", "send": "Send to the officer", "yes": "Yes", "no": "No",
           "topic": "Drugs, needles", "email": "By e-mail", "sent": "Message sent",
           "emergency": "call 911", "record": "Record", "answer": "Answered by e-mail",
           "saved": "Follow-up recorded.", "cover": "While they are away, call"},
}
ADDRESS = "7250 Boulevard Taschereau"


def no_serious_violations(page):
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def checked(page, viewport):
    assert overflow(page, viewport["width"]) <= 0, page.url
    no_serious_violations(page)


@pytest.fixture(scope="module")
def brossard(server):
    """Civic addresses in Brossard (an OpenAddresses file, as a city would import): the demo has none."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as file:
        file.write("LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID\n"
                   "-73.5000,45.4550,7250,Boulevard Taschereau,,Brossard,,QC,J4W 1M9,1\n"
                   "-73.4700,45.4600,2150,Boulevard Lapinière,,Brossard,,QC,J4W 1M3,2\n")
    server.command("addresses", "import", file.name, "--source", "brossard-test")
    return server


def supervisor(server):
    """The demo's RÉSO supervisor, printed by the demo on its own line."""
    match = re.search(r"supervisor (\S+@demo\.relais\.example) (\S+)", server.log_path.read_text())
    assert match, "no RÉSO supervisor in the demo's output"
    return match.group(1), match.group(2)


def resident(browser, server, language, viewport):
    context = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    page.goto(server.url + "/reso")
    if language == "en":
        page.locator("form[action='/langue'] button").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    return context, page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_resident_finds_their_officer_and_writes_and_the_officer_answers(browser, brossard, language, viewport):
    server = brossard
    words = TEXT[language]
    context, page = resident(browser, server, language, viewport)
    try:
        expect(page.get_by_test_id("emergency")).to_contain_text("911")
        checked(page, viewport)
        field = page.get_by_role("combobox")
        field.fill("7250 tasch")
        option = page.get_by_role("option").first
        expect(option).to_contain_text(ADDRESS)
        expect(option).to_contain_text("Brossard 1 (fictif)")
        option.click()
        expect(page).to_have_url(re.compile(r"/reso/secteurs/BRO-1\?lat=45\.455000&lon=-73\.500000$"))
        card = page.get_by_test_id("sector-card")
        expect(card.get_by_test_id("officer-name")).to_have_text("Agent Charlie Secteur")
        expect(card.get_by_test_id("call")).to_have_attribute("href", "tel:+14505550100")
        expect(card.get_by_test_id("duty")).to_have_text(re.compile(f"{words['on']}|{words['off']}"))
        expect(page.get_by_test_id("emergency")).to_be_visible()
        checked(page, viewport)

        # a "yes" to a safety question: 911, nothing sent
        page.get_by_test_id("write").click()
        questions = page.locator(".screening [role=radiogroup]")
        questions.nth(0).get_by_label(words["yes"]).check()
        questions.nth(1).get_by_label(words["no"]).check()
        questions.nth(2).get_by_label(words["no"]).check()
        page.get_by_label(words["topic"]).check()
        page.locator("#champ-place").fill("Parc près de l'école")
        page.locator("#champ-body").fill("Des seringues sous le module de jeux, deux fois cette semaine.")
        page.get_by_label(words["email"]).check()
        email = f"resident-{language}-{viewport['width']}@example.org"
        page.locator("#champ-email").fill(email)
        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_test_id("emergency-answer")).to_contain_text(words["emergency"])
        checked(page, viewport)
        # the form keeps what was written; answered "no", it goes
        page.locator(".screening [role=radiogroup]").nth(0).get_by_label(words["no"]).check()
        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["sent"])
        reference = page.get_by_test_id("reference").inner_text()
        assert re.fullmatch(r"RESO-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
        checked(page, viewport)
        receipt = server.mailbox.wait_for(email)[0]
        assert reference in receipt["subject"]
        assert "911" in receipt.get_body(("plain",)).get_content()
    finally:
        context.close()

    # the sector's officer, on a phone, answers by e-mail
    officer_context, officer = sign_in(browser, server, "sector_officer", "fr", PHONE)
    try:
        officer.goto(server.url + "/reso/messages")
        officer.get_by_role("link", name=re.compile(reference)).click()
        expect(officer.get_by_test_id("body")).to_contain_text("Des seringues")
        officer.get_by_label("Réponse par courriel").check()
        officer.locator("#champ-text").fill("Bonjour, je passe au parc cet après-midi avec les travaux publics.")
        officer.get_by_role("button", name="Enregistrer").click()
        expect(officer.locator(".notice")).to_have_text("Suivi enregistré.")
        expect(officer.get_by_test_id("steps")).to_contain_text("travaux publics")
        checked(officer, PHONE)
        answers = server.mailbox.wait_for(email, count=2)
        assert any("travaux publics" in message.get_body(("plain",)).get_content() for message in answers)
    finally:
        officer_context.close()


def test_an_off_duty_officers_card_names_the_colleague_who_covers(browser, server):
    email, password = supervisor(server)
    context = browser.new_context(locale="fr-CA", viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(server.url + "/connexion")
        page.locator("input[name=email]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.locator("input[name=password]").press("Enter")
        page.goto(server.url + "/reso/agents")
        checked(page, DESKTOP)
        # Brossard 3's officer works no day at all; Brossard 4's, every day around the clock
        page.get_by_role("link", name="Agent Karim Haddad").click()
        for day in range(7):
            page.locator(f"input[name=start{day}]").fill("")
            page.locator(f"input[name=end{day}]").fill("")
        page.get_by_label("Collègue qui le remplace").select_option(label="Agente Sophie Tran")
        page.get_by_role("button", name="Enregistrer la fiche").click()
        expect(page.locator(".notice")).to_have_text("Fiche enregistrée.")
        checked(page, DESKTOP)
        page.goto(server.url + "/reso/agents")
        page.get_by_role("link", name="Agente Sophie Tran").click()
        for day in range(7):
            page.locator(f"input[name=start{day}]").fill("00:00")
            page.locator(f"input[name=end{day}]").fill("23:59")
        page.get_by_role("button", name="Enregistrer la fiche").click()
        expect(page.locator(".notice")).to_have_text("Fiche enregistrée.")
        # a wrong time is refused, and nothing changes
        page.locator("input[name=start0]").fill("25:00")
        page.get_by_role("button", name="Enregistrer la fiche").click()
        expect(page.get_by_test_id("form-errors")).to_be_visible()

        for language, viewport in [("fr", PHONE), ("en", DESKTOP)]:
            card_context, card = resident(browser, server, language, viewport)
            try:
                card.goto(server.url + "/reso/secteurs/BRO-3")
                expect(card.get_by_test_id("duty")).to_have_text(TEXT[language]["off"])
                expect(card.get_by_test_id("cover")).to_contain_text(TEXT[language]["cover"])
                expect(card.get_by_test_id("cover-name")).to_contain_text("Agente Sophie Tran")
                expect(card.get_by_test_id("call-cover")).to_have_attribute("href", "tel:+14505550103")
                checked(card, viewport)
                card.goto(server.url + "/reso/secteurs")
                checked(card, viewport)
            finally:
                card_context.close()

        # a public meeting in Brossard: on the cards, and in the city's calendar, at its local time
        page.goto(server.url + "/reso/rencontres")
        page.get_by_label("Ville").select_option("Brossard")
        day = datetime.date.today() + datetime.timedelta(days=40)
        page.get_by_label("Date").fill(day.isoformat())
        page.get_by_label("Heure").fill("19:00")
        page.get_by_label("Lieu").fill("Bibliothèque de Brossard")
        page.get_by_role("button", name="Planifier").click()
        expect(page.locator(".notice")).to_have_text("Rencontre planifiée.")
        checked(page, DESKTOP)
        feed = icalendar.Calendar.from_ical(requests.get(server.url + "/reso/rencontres/Brossard.ics").content)
        event = next(e for e in feed.walk("VEVENT") if e.get("location") == "Bibliothèque de Brossard")
        start = event.decoded("dtstart")
        # (tzdata makes America/Montreal a link to America/Toronto: the same zone)
        assert (start.date(), start.hour, start.minute) == (day, 19, 0), start
        assert str(start.tzinfo) in ("America/Montreal", "America/Toronto")
        montreal = datetime.datetime(day.year, day.month, day.day, 19, 0, tzinfo=zoneinfo.ZoneInfo("America/Montreal"))
        assert start == montreal
        assert event.decoded("dtend") - start == datetime.timedelta(minutes=90)

        # a 40 MB photo is stopped at the door, with a page that says so
        page.goto(server.url + "/reso/agents")
        page.get_by_role("link", name="Agente Sophie Tran").click()
        officer_id = page.url.rsplit("/", 1)[1].split("?")[0]
        session = requests.Session()
        for cookie in context.cookies():
            session.cookies.set(cookie["name"], cookie["value"])
        csrf = next(c["value"] for c in context.cookies() if c["name"] == "relais_csrf")
        response = session.post(
            f"{server.url}/reso/agents/{officer_id}/photo", data={"_csrf": csrf},
            files={"photo": ("huge.jpg", b"\xff\xd8\xff" + bytes(40 * 1024 * 1024), "image/jpeg")})
        assert response.status_code == 413
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_officer_links_a_message_to_a_problem_at_a_repeat_place(browser, server, language):
    """The demo's park in Brossard 1 gathers needles messages: the officer, on a phone, opens a problem there (its
    messages linked), then links another message to it from the message's page; the problem is worked to an action, and
    a visit of the park is written in the work log, linked to it."""
    words = {"fr": {"open": "Ouvrir un problème ici", "new": "Ouvrir un problème", "go": "Ouvrir le problème",
                    "link": "Lier", "linked": "Message lié au problème.", "add": "Ajouter l'action",
                    "added": "Action ajoutée.", "title": "Titre", "what": "Action", "owner": "Qui s'en charge",
                    "due": "Échéance"},
             "en": {"open": "Open a problem here", "new": "Open a problem", "go": "Open the problem",
                    "link": "Link", "linked": "Message linked to the problem.", "add": "Add the action",
                    "added": "Action added.", "title": "Title", "what": "Action", "owner": "Who takes it on",
                    "due": "Due"}}[language]
    context, page = sign_in(browser, server, "sector_officer", language, PHONE)
    try:
        page.goto(server.url + "/reso/problemes")
        checked(page, PHONE)
        signals = page.get_by_test_id("repeat-places")
        if language == "fr":
            expect(signals).to_contain_text("Brossard 1 (fictif)")
            signals.get_by_role("link", name=words["open"]).first.click()
            expect(page.get_by_test_id("from-signal")).to_be_visible()
        else:
            page.get_by_role("link", name=words["new"]).click()
            page.locator("#champ-place").fill("Parc de Rome")
        page.get_by_label(words["title"]).fill(f"Seringues au parc ({language})")
        if language == "fr":
            page.locator("#champ-place").fill("Parc près de la rue de Rome")
        checked(page, PHONE)
        page.get_by_role("button", name=words["go"]).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Seringues au parc ({language})")
        if language == "fr":
            expect(page.get_by_test_id("problem-messages").locator("li")).to_have_count(4)
        page.get_by_label(words["what"], exact=True).fill("Bac de récupération des seringues")
        page.get_by_label(words["owner"]).fill("Ville de Brossard")
        page.get_by_label(words["due"]).fill("2099-12-31")
        page.get_by_role("button", name=words["add"]).click()
        expect(page.locator(".notice")).to_have_text(words["added"])
        checked(page, PHONE)
        # another message of the sector, linked from its page
        page.goto(server.url + "/reso/messages")
        page.get_by_test_id("messages").locator("a").first.click()
        select = page.get_by_test_id("link-problem").locator("select")
        select.select_option(select.locator("option", has_text=f"Seringues au parc ({language})").get_attribute("value"))
        page.get_by_test_id("link-problem").get_by_role("button", name=words["link"]).click()
        expect(page.locator(".notice").first).to_have_text(words["linked"])
        expect(page.get_by_test_id("linked-problem")).to_contain_text(f"Seringues au parc ({language})")
        checked(page, PHONE)
        # the work log: a visit of the park, linked to the problem
        log = {"fr": ("Visite d'un lieu", "Inscrire au journal", "Inscrit au journal."),
               "en": ("Visit of a place", "Record in the log", "Recorded in the log.")}[language]
        page.goto(server.url + "/reso/journal")
        checked(page, PHONE)
        page.get_by_label(log[0]).check()
        page.locator("#champ-place").fill("Parc de Rome, module de jeux")
        page.locator("#champ-note").fill("Trois seringues ramassées avec les travaux publics.")
        page.locator("#champ-problem").select_option(
            page.locator("#champ-problem option", has_text=f"Seringues au parc ({language})").get_attribute("value"))
        page.get_by_role("button", name=log[1]).click()
        expect(page.locator(".notice")).to_have_text(log[2])
        expect(page.get_by_test_id("log")).to_contain_text("Trois seringues ramassées")
        checked(page, PHONE)
    finally:
        if language != "fr":
            page.goto(server.url + "/reso")
            page.locator("form[action='/langue'] button").first.click()
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_supervisors_pages_fit_and_read_well(browser, server, language, viewport):
    """The supervisor's pages — the officers, an officer's card and schedule, public meetings, the measures, the
    service's messages and problems — in both languages, at 390 px and at a desktop's width."""
    email, password = supervisor(server)
    context = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    try:
        page.goto(server.url + "/connexion")
        page.locator("input[name=email]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.locator("input[name=password]").press("Enter")
        if language == "en":
            page.locator("form[action='/langue'] button").first.click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
        for path in ["/reso/agents", "/reso/agents/nouveau", "/reso/rencontres", "/reso/mesures", "/reso/messages",
                     "/reso/problemes"]:
            page.goto(server.url + path)
            expect(page.locator("h1")).to_be_visible()
            checked(page, viewport)
        page.goto(server.url + "/reso/agents")
        page.get_by_test_id("officers").locator("a").first.click()
        expect(page.get_by_test_id("officer-form")).to_be_visible()
        checked(page, viewport)
    finally:
        if language == "en":
            page.locator("form[action='/langue'] button").first.click()
        context.close()
