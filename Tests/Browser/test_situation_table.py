"""The situation table, walked in French and in English: three agencies' representatives, each in their own browser
(two on phones), and the chair at a desktop. One situation is brought from filter 1, voted down and redacted (the
database keeps no risk factor or summary); another is accepted, its minimal identity revealed to the agencies present,
its full identity shared with the lead and the assisting agency only (the third agency sees nothing of it, in the
pages or the API), reported back and concluded "risk lowered"; the trends withhold small cells; the agency's calendar
feed parses with the `icalendar` package; no page scrolls sideways and axe finds no violation."""
import json
import re
import sqlite3
import subprocess
import os
import urllib.request
from pathlib import Path

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import BINARY, ROOT
from test_phone_widths import DESKTOP, PHONE, overflow

PASSWORD = "correct horse battery staple"
TEXT = {
    "fr": {"hello": "Bonjour", "present": "Présences enregistrées.", "yes": "Oui", "no": "Non",
           "decide": "Enregistrer la décision", "reveal": "Révéler l'identité minimale aux organismes présents",
           "assign": "Confier l'intervention", "conclude": "Conclure", "redacted": "description supprimée",
           "lowered": "Risque diminué", "withheld": "< seuil", "bring": "Inscrire à l'ordre du jour",
           "open": "Ouvrir la situation", "report": "Enregistrer le compte rendu", "record": "Enregistrer les présences"},
    "en": {"hello": "Hello", "present": "Attendance recorded.", "yes": "Yes", "no": "No",
           "decide": "Record the decision", "reveal": "Reveal the minimal identity to the agencies present",
           "assign": "Assign the intervention", "conclude": "Conclude", "redacted": "description deleted",
           "lowered": "Risk lowered", "withheld": "< threshold", "bring": "Put on the agenda",
           "open": "Open the situation", "report": "Save the report", "record": "Record attendance"},
}
AGENCIES = {"police": "Police du Grand Sudbury (fictif)", "health": "Santé Nord-Est (fictif)",
            "school": "Conseil scolaire du Nord (fictif)"}


def create_account(server, email, role, organisation, language):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["RELAIS_DATA_DIR"] = server.data
    subprocess.run(
        [str(BINARY), "users", "create", "--email", email, "--name", email.split("@")[0], "--role", role,
         "--organisation", organisation, "--language", language],
        cwd=ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, check=True)


def signed_in(browser, server, email, language, viewport):
    context = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    page.goto(server.url + "/connexion")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TEXT[language]["hello"])
    expect(page.locator("html")).to_have_attribute("lang", language)
    return context, page


def wide_enough(page, viewport):
    assert overflow(page, viewport["width"]) <= 0, page.url


def no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def open_situation(page, server, words, first_name, summary):
    page.goto(server.url + "/table/situations/nouvelle")
    page.locator("input[name=subject][value=individual]").check()
    page.locator("details").first.locator("summary").click()
    page.locator("details").first.locator("input[type=checkbox]").first.check()
    page.locator("details").nth(4).locator("summary").click()
    page.locator("details").nth(4).locator("input[type=checkbox]").nth(1).check()
    page.locator("input[name='ageCohorts[]'][value='18-24']").check()
    page.locator("input[name='genders[]'][value=woman]").check()
    page.locator("#summary").fill(summary)
    page.locator("#first-0").fill(first_name)
    page.locator("#last-0").fill("Tremblay-" + first_name)
    page.locator("#birth-0").fill("2003-05-14")
    page.get_by_role("button", name=words["open"]).click()
    expect(page.get_by_test_id("identity-full")).to_contain_text(first_name)
    reference = page.locator("h1").inner_text().split()[-1]
    page.locator("#meeting").select_option(index=0)
    meeting_label = page.locator("#meeting option").first.inner_text()
    page.get_by_role("button", name=words["bring"]).click()
    return page.url.split("?")[0].rsplit("/", 1)[-1], reference, meeting_label


def api(server, page, path):
    """The API as the page's signed-in person, with a token made for them."""
    return page.request.get(server.url + path)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_meeting_through_the_four_filters(browser, server, language):
    words = TEXT[language]
    emails = {name: f"{name}-{language}@table.example" for name in AGENCIES}
    for name, organisation in AGENCIES.items():
        create_account(server, emails[name], "agency_representative", organisation, language)
    chair_email = f"chair-{language}@table.example"
    create_account(server, chair_email, "table_chair", "Mobilisation communautaire Sudbury", language)
    contexts = []
    try:
        police_context, police = signed_in(browser, server, emails["police"], language, PHONE)
        health_context, health = signed_in(browser, server, emails["health"], language, DESKTOP)
        school_context, school = signed_in(browser, server, emails["school"], language, PHONE)
        chair_context, chair = signed_in(browser, server, chair_email, language, DESKTOP)
        contexts = [police_context, health_context, school_context, chair_context]

        # filter 1, at the police: two situations, brought to the same meeting (a different one per language)
        rejected_id, rejected_ref, _ = open_situation(police, server, words, f"Rita{language}", f"Résumé rejeté {language}")
        wide_enough(police, PHONE)
        accepted_id, accepted_ref, _ = open_situation(police, server, words, f"Ana{language}", f"Jeune adulte {language}")
        meeting_path = None
        chair.goto(server.url + "/table")
        for link in chair.locator("[data-testid=meetings] a").all():
            href = link.get_attribute("href")
            chair.goto(server.url + href)
            if chair.get_by_test_id(f"agenda-{accepted_ref}").count():
                meeting_path = href
                break
            chair.go_back()
        assert meeting_path, "the meeting with the situations"

        # attendance: police, health, school (and the demo shelter is absent)
        for name in AGENCIES.values():
            chair.get_by_label(name, exact=True).check()
        chair.get_by_role("button", name=words["record"]).click()
        expect(chair.locator(".notice")).to_contain_text(words["present"])

        # filter 2: the table sees no identity; each agency present votes from its own screen
        for page in (police, health, school):
            page.goto(server.url + meeting_path)
            expect(page.get_by_test_id(f"agenda-{accepted_ref}")).to_contain_text(f"Jeune adulte {language}")
            assert f"Ana{language}" not in page.content() or page is police
        wide_enough(school, PHONE)
        for page in (police, health, school):
            page.get_by_test_id(f"agenda-{rejected_ref}").get_by_role("button", name=words["no"]).click()
            page.get_by_test_id(f"agenda-{accepted_ref}").get_by_role("button", name=words["yes"]).click()
            expect(page.get_by_test_id(f"agenda-{accepted_ref}").get_by_test_id("own-vote")).to_contain_text(words["yes"])
        chair.goto(server.url + meeting_path)
        chair.get_by_test_id(f"agenda-{rejected_ref}").get_by_role("button", name=words["decide"]).click()
        chair.get_by_test_id(f"agenda-{accepted_ref}").get_by_role("button", name=words["decide"]).click()

        # the rejected one is redacted at once: the database keeps no risk factor or summary
        expect(chair.get_by_test_id(f"agenda-{rejected_ref}")).to_contain_text(words["redacted"])
        database = sqlite3.connect(Path(server.data) / "relais.sqlite")
        row = database.execute(
            "SELECT subject, summary_sealed, age_cohorts, genders FROM situations WHERE reference = ?",
            (rejected_ref,)).fetchone()
        assert row == (None, None, None, None)
        assert database.execute(
            "SELECT COUNT(*) FROM situation_factors f JOIN situations s ON s.id = f.situation_id WHERE s.reference = ?",
            (rejected_ref,)).fetchone()[0] == 0
        assert database.execute(
            "SELECT COUNT(*) FROM situation_identities i JOIN situations s ON s.id = i.situation_id WHERE s.reference = ?",
            (rejected_ref,)).fetchone()[0] == 0
        database.close()

        # filter 3: the minimal identity (first name and age) to the agencies present with the agreement
        chair.get_by_test_id(f"agenda-{accepted_ref}").get_by_role("button", name=words["reveal"]).click()
        for page in (health, school):
            page.goto(server.url + meeting_path)
            minimal = page.get_by_test_id(f"agenda-{accepted_ref}").get_by_test_id("identity-minimal")
            expect(minimal).to_contain_text(f"Ana{language}")
            assert f"Tremblay-Ana{language}" not in page.content()
        assert f"Ana{language}" not in chair.content()

        # filter 4: health leads, the police assist; the school sees nothing of the identity any more
        chair.goto(server.url + meeting_path)
        item = chair.get_by_test_id(f"agenda-{accepted_ref}")
        item.locator("select[name=lead]").select_option(label=AGENCIES["health"])
        item.get_by_label(AGENCIES["police"]).check()
        item.get_by_role("button", name=words["assign"]).click()
        expect(chair.get_by_test_id(f"agenda-{accepted_ref}").get_by_test_id("lead")).to_contain_text(AGENCIES["health"])
        health.goto(server.url + f"/table/situations/{accepted_id}")
        expect(health.get_by_test_id("identity-full")).to_contain_text(f"Tremblay-Ana{language}")
        school.goto(server.url + f"/table/situations/{accepted_id}")
        assert f"Ana{language}" not in school.content()
        wide_enough(school, PHONE)
        seen = school.request.get(server.url + f"/api/v1/table/situations/{accepted_id}")
        assert seen.status == 200 and seen.json()["identityLevel"] == "none"
        assert f"Ana{language}" not in seen.text()
        assert health.request.get(server.url + f"/api/v1/table/situations/{accepted_id}").json()["identityLevel"] == "full"

        # the lead reports back; the chair concludes "risk lowered"
        health.get_by_label(re.compile("Services")).fill("Visite conjointe, logement temporaire")
        health.get_by_role("button", name=words["report"]).click()
        chair.goto(server.url + meeting_path)
        item = chair.get_by_test_id(f"agenda-{accepted_ref}")
        item.locator("select[name=conclusion]").select_option("risk_lowered")
        item.get_by_role("button", name=words["conclude"]).click()
        expect(chair.get_by_test_id(f"agenda-{accepted_ref}").get_by_test_id("conclusion")).to_contain_text(words["lowered"])
        no_violations(chair)
        police.goto(server.url + meeting_path)
        wide_enough(police, PHONE)
        no_violations(police)

        # the trends count it, with small cells withheld
        chair.goto(server.url + "/table/tendances")
        expect(chair.get_by_test_id("chart-conclusions")).to_contain_text(words["lowered"])
        expect(chair.get_by_test_id("chart-genders")).to_contain_text(words["withheld"])
        no_violations(chair)
        export = chair.request.get(server.url + "/table/tendances/rtd.csv")
        assert export.status == 200 and f"{rejected_ref},", export.text()
        assert f"Ana{language}" not in export.text()

        # the agency's calendar feed is a calendar, in the deployment's time zone, with meetings only
        health.goto(server.url + "/table")
        feed_url = health.get_by_test_id("calendar-url").input_value()
        feed = urllib.request.urlopen(server.url + feed_url[feed_url.index("/table/"):]).read()
        calendar = icalendar.Calendar.from_ical(feed)
        events = [component for component in calendar.walk("VEVENT")]
        assert events and all(str(event["DTSTART"].dt.tzinfo) == "America/Toronto" for event in events)
        assert b"Ana" not in feed and accepted_ref.encode() not in feed
    finally:
        for context in contexts:
            context.close()
