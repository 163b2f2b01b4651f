"""Partnership committees (issue #19), walked in French and in English at 390 px and at a desktop's width: a
coordinator adds a member, is refused that person's third partnership term, plans a meeting in a neighbourhood station
and sends the invitations (a real SMTP server on loopback receives them; the iCalendar attachment is read with
`icalendar`: METHOD:REQUEST, the station, the local time in its zone). A resident registers from the public page; a
second lands on the waiting list when the room is full and moves up when the first cancels from her e-mail's link.
Minutes with a concern and an action follow a meeting held that day; the annual report counts the concern, and its
PDF (printed by Chromium, read with `pypdf`) carries the same figures and withholds the same cells. No page scrolls
sideways; axe finds no serious violation."""
import datetime
import io
import re
import zoneinfo

import icalendar
import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_phone_widths import DESKTOP, PHONE, overflow, sign_in

ZONE = zoneinfo.ZoneInfo("America/Montreal")
# One committee per run, so that each run's new member finds a free seat.
RUNS = {("fr", "390px"): ("jeunesse", 0), ("fr", "desktop"): ("communaute-latino", 1),
        ("en", "390px"): ("communaute-noire", 2), ("en", "desktop"): ("communaute-arabe", 3)}
TEXT = {
    "fr": {"third": "ce serait un troisième mandat", "waiting": "liste d'attente", "withheld": "masqué",
           "freed": "Une place s'est libérée"},
    "en": {"third": "this would be a third term", "waiting": "waiting list", "withheld": "withheld",
           "freed": "A seat freed up"},
}


def checked(page, viewport):
    assert overflow(page, viewport["width"]) <= 0, page.url
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def public_context(browser, server, language, viewport, path):
    context = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    page.goto(server.url + path)
    if language == "en":
        page.locator("form[action='/langue'] button").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    return context, page


def add_member(page, name, email, start, side="civilian"):
    form = page.get_by_test_id("member-form")
    form.locator("#champ-name").fill(name)
    form.locator("#champ-email").fill(email)
    form.locator("#champ-origin").fill("Maison des jeunes")
    form.locator(f"input[name=side][value={side}]").check()
    form.locator("#champ-position").select_option("member")
    form.locator("#champ-start").fill(start)
    form.get_by_test_id("add-member").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_coordinator_keeps_terms_plans_invites_and_residents_register(browser, server, language, viewport):
    code, run = RUNS[(language, "390px" if viewport == PHONE else "desktop")]
    text = TEXT[language]
    context, page = sign_in(browser, server, "committee_coordinator", language, viewport)
    try:
        page.goto(server.url + "/comites")
        checked(page, viewport)
        page.goto(server.url + f"/comites/{code}")
        checked(page, viewport)
        # a member whose first term ran 2020–2022: renewed once (2023–2025), then refused a third from 2026
        email = f"membre-{code}@example.org"
        add_member(page, f"Membre Essai {run}", email, "2020-01-01")
        expect(page.locator(".notice")).to_be_visible()
        # the same person (found by e-mail) for the next term: their second
        add_member(page, f"Membre Essai {run}", email, "2023-01-01")
        expect(page.locator(".notice")).to_be_visible()
        add_member(page, f"Membre Essai {run}", email, "2026-01-01")
        expect(page.get_by_test_id("form-errors")).to_contain_text(text["third"])
        checked(page, viewport)

        # a meeting in the committee's station, open to the public with one seat
        day = datetime.date.today() + datetime.timedelta(days=30 + run)
        page.goto(server.url + f"/comites/{code}/reunions")
        page.locator("#champ-day").fill(day.isoformat())
        page.locator("#champ-start").fill("18:30")
        page.locator("#champ-security").fill("Sécurité aux abords des écoles")
        page.locator("#champ-capacity").fill("1")
        checked(page, viewport)
        page.get_by_test_id("plan-meeting").click()
        expect(page.get_by_test_id("station")).to_contain_text("Poste de quartier")
        station = page.get_by_test_id("station").inner_text()
        meeting_url = page.url.split("?")[0]
        checked(page, viewport)

        # invitations: a target organisation receives the request, at the local time, in the station
        organisation = f"organisme-{code}@example.org"
        page.locator("#champ-invitees").fill(organisation)
        page.get_by_test_id("send-invitations").click()
        expect(page.get_by_test_id("invited")).to_be_visible()
        invitation = server.mailbox.wait_for(organisation)[0]
        attachment = next(part for part in invitation.walk() if part.get_content_type() == "text/calendar")
        assert attachment.get_param("method") == "REQUEST"
        calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
        assert str(calendar.get("method")) == "REQUEST"
        event = next(iter(calendar.walk("VEVENT")))
        start = event.decoded("dtstart")
        assert str(start.tzinfo) in ("America/Montreal", "America/Toronto"), start.tzinfo
        assert start == datetime.datetime(day.year, day.month, day.day, 18, 30, tzinfo=ZONE)
        assert station.split(" — ")[0] in str(event.get("location"))
        assert int(event.get("sequence")) == 0

        # a resident takes the only seat; a second lands on the waiting list, then moves up
        page.get_by_test_id("public-link").click()
        public_path = page.url.replace(server.url, "").split("?")[0]
        first_context, first = public_context(browser, server, language, viewport, public_path)
        checked(first, viewport)
        first.locator("#champ-name").fill("Rosa Résidente")
        first.locator("#champ-email").fill(f"rosa-{run}@example.org")
        first.get_by_test_id("register").click()
        expect(first.locator(".notice")).to_be_visible()
        second_context, second = public_context(browser, server, language, viewport, public_path)
        expect(second.get_by_test_id("full")).to_be_visible()
        second.locator("#champ-name").fill("Marc Résident")
        second.locator("#champ-email").fill(f"marc-{run}@example.org")
        second.get_by_test_id("register").click()
        expect(second.locator(".notice")).to_contain_text(text["waiting"])
        checked(second, viewport)
        confirmation = server.mailbox.wait_for(f"rosa-{run}@example.org")[0]
        body = confirmation.get_body(("plain",)).get_content()
        link = re.search(r"http://\S+/comites/inscriptions/[0-9a-f]{32}", body).group(0)
        first.goto(link)
        checked(first, viewport)
        first.get_by_test_id("cancel-registration").click()
        expect(first.get_by_test_id("registration-cancelled")).to_be_visible()
        moved = server.mailbox.wait_for(f"marc-{run}@example.org", count=2)
        assert any(text["freed"] in message["subject"] for message in moved), [m["subject"] for m in moved]
        first.goto(server.url + "/comites/rencontres")
        expect(first.get_by_test_id("open-meetings")).to_be_visible()
        checked(first, viewport)
        first_context.close()
        second_context.close()
        page.goto(meeting_url)
        expect(page.get_by_test_id("registrations")).to_contain_text("Marc Résident")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_minutes_feed_the_annual_report_and_its_pdf(browser, server, language, viewport):
    code, run = RUNS[(language, "390px" if viewport == PHONE else "desktop")]
    year = datetime.date.today().year
    context, page = sign_in(browser, server, "committee_coordinator", language, viewport)
    try:
        page.goto(server.url + f"/comites/rapport/{year}")
        before = int(page.get_by_test_id("needs-total").inner_text())
        # a meeting held today (from midnight), in another station, so that its minutes can be written
        page.goto(server.url + f"/comites/{code}/reunions")
        page.locator("#champ-day").fill(datetime.date.today().isoformat())
        page.locator("#champ-start").fill(f"00:0{run}")
        page.locator("#champ-minutes").fill("30")
        page.locator("#champ-station").select_option(["5", "7", "8", "9"][run])
        page.locator("#champ-relations").fill("Relations avec les jeunes")
        page.get_by_test_id("plan-meeting").click()
        expect(page.get_by_test_id("minutes-form")).to_be_visible()
        checked(page, viewport)
        form = page.get_by_test_id("minutes-form")
        form.locator("input[name='members[]']").first.check()
        form.locator("#champ-residents").fill("14")
        form.locator("#champ-organisations").fill("Maison des jeunes\nCarrefour jeunesse-emploi")
        form.locator("#champ-relations").fill("Échanges sur les interpellations.")
        page.get_by_test_id("save-minutes").click()
        expect(page.get_by_test_id("minutes")).to_contain_text("14")
        concern = page.get_by_test_id("concern-form")
        concern.locator("#champ-theme").select_option("relations")
        concern.locator("#champ-summary").fill("Interpellations répétées près du parc")
        page.get_by_test_id("raise-concern").click()
        expect(page.get_by_test_id("concerns")).to_contain_text("Interpellations répétées")
        action = page.get_by_test_id("action-form")
        action.locator("#champ-what").fill("Rencontre jeunes et patrouilleurs")
        action.locator("#champ-owner").fill("PDQ 5")
        action.locator("#champ-due").fill((datetime.date.today() + datetime.timedelta(days=60)).isoformat())
        page.get_by_test_id("add-action").click()
        expect(page.get_by_test_id("actions")).to_contain_text("Rencontre jeunes et patrouilleurs")
        checked(page, viewport)

        page.goto(server.url + "/comites/suivi")
        expect(page.get_by_test_id("actions")).to_contain_text("Rencontre jeunes et patrouilleurs")
        checked(page, viewport)
        page.goto(server.url + "/comites/delegues")
        checked(page, viewport)
        page.goto(server.url + "/comites/nouveau")
        checked(page, viewport)
        page.goto(server.url + f"/comites/{code}/modifier")
        expect(page.get_by_test_id("committee-form")).to_be_visible()
        checked(page, viewport)

        page.goto(server.url + f"/comites/rapport/{year}")
        expect(page.get_by_test_id("needs-total")).to_have_text(str(before + 1))
        checked(page, viewport)
        needs = page.get_by_test_id("needs")
        cells = needs.locator("td").all_inner_texts()
        withheld = TEXT[language]["withheld"]
        shown = [cell for cell in cells if cell.strip().isdigit()]
        hidden = [cell for cell in cells if cell.strip() == withheld]
        assert hidden and shown
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="Letter", print_background=True)))
        printed = "\n".join(sheet.extract_text() for sheet in pdf.pages)
        assert str(before + 1) in printed
        # every figure shown is printed, and each withheld cell is printed withheld: no count comes back
        assert printed.count(withheld) >= len(hidden)
        numbers = re.findall(r"\d+", printed)
        for figure in shown:
            assert figure in numbers, figure
        assert "/connexion" not in printed and "Se déconnecter" not in printed and "Sign out" not in printed
    finally:
        context.close()


def test_a_member_reads_their_committee_without_the_others_contact_details(browser, server):
    match = re.search(r"member (\S+@demo\.relais\.example) (\S+)", server.log_path.read_text())
    assert match, "no committee member in the demo's output"
    context = browser.new_context(locale="fr-CA", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server.url + "/connexion")
        page.locator("input[name=email]").fill(match.group(1))
        page.locator("input[name=password]").fill(match.group(2))
        page.locator("input[name=password]").press("Enter")
        page.goto(server.url + "/comites")
        expect(page.get_by_test_id("committees")).to_contain_text("Comité stratégique")
        page.get_by_test_id("committees").get_by_role("link").first.click()
        expect(page.get_by_test_id("members")).to_be_visible()
        assert "@exemple.org" not in page.content()
        checked(page, PHONE)
        page.get_by_test_id("meetings").get_by_role("link").first.click()
        expect(page.get_by_test_id("minutes")).to_be_visible()
        checked(page, PHONE)
    finally:
        context.close()
