"""Psychosocial emergency support (ÉSUP), walked in French and in English: a frontline officer on a phone asks for a
consult (on scene without the scene secured is answered with what to do now, then by phone); the duo, at a desktop,
sees it arrive in its queue without reloading, takes it, finds that the team has not met the person, records them,
advises and closes with a referral to a shelter of the directory; consent and a support plan with an approach note
are written; a second request about the same person shows "2nd contact" and the plan; the officer sees the approach
note only while consent holds. In French, a mobile mediation worker who records the same person's phone sees only a
count and whom to call (the demo's agreement), and nothing of ÉSUP's pages. No page scrolls sideways; axe finds no
violation."""
import os
import re
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import BINARY, ROOT
from test_intervention import finish_what_is_under_way
from test_mediation import open_board, sign_in, take_call
from test_phone_widths import DESKTOP, PHONE, overflow

PASSWORD = "correct horse battery staple"
TEAM = "Équipe de soutien aux urgences psychosociales (SPVM–CIUSSS)"
POLICE = "Service de police de la Ville de Montréal"
TEXT = {
    "fr": {"hello": "Bonjour", "ask": "Demander un soutien", "send": "Envoyer la demande", "waiting": "En attente d'un duo",
           "secure": "Sécurisez d'abord les lieux", "take": "Prendre en charge", "met": "Avons-nous déjà rencontré",
           "search": "Chercher", "not_met": "Personne ne correspond", "record": "Inscrire une nouvelle personne",
           "first": "Premier contact en 30 jours", "second": "2e contact en 30 jours", "save": "Enregistrer",
           "close": "Fermer avec cette issue", "referral": "Orientation vers une ressource",
           "consent": "Inscrire un consentement ou un fondement", "plan": "Enregistrer le plan", "link": "Lier à la consultation",
           "withdraw": "Retirer", "form_duo": "Former un duo", "form_duo_button": "Former le duo", "closed": "Consultation fermée.",
           "plan_saved": "Plan de soutien enregistré.", "confirm_merge": "Confirmer la fusion"},
    "en": {"hello": "Hello", "ask": "Ask for support", "send": "Send the request", "waiting": "Waiting for a duo",
           "secure": "Secure the scene with your colleagues first", "take": "Take it", "met": "Have we met this person",
           "search": "Search", "not_met": "Nobody matches", "record": "Record a new person",
           "first": "First contact in 30 days", "second": "Contact no. 2 in 30 days", "save": "Save",
           "close": "Close with this outcome", "referral": "Referral to a resource",
           "consent": "Record a consent or a basis", "plan": "Save the plan", "link": "Link to the consult",
           "withdraw": "Withdraw", "form_duo": "Form a duo", "form_duo_button": "Form the duo", "closed": "Consult closed.",
           "plan_saved": "Support plan saved.", "confirm_merge": "Confirm the merge"},
}
SHELTER = "Hébergement d'urgence 24 h"
SHELTER_ID = "de000000-0000-4000-8002-000000000001"


def create_account(server, email, name, role, organisation, language):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["RELAIS_DATA_DIR"] = server.data
    subprocess.run(
        [str(BINARY), "users", "create", "--email", email, "--name", name, "--role", role,
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
    return context, page


def checked(page, viewport):
    """No sideways scrolling at this width, and no accessibility violation."""
    assert overflow(page, viewport["width"]) <= 0, page.url
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def ask(page, server, words, event):
    page.goto(server.url + "/esup")
    page.get_by_test_id("ask").click()
    for question in ["immediateDangerToLife", "weapon", "crimeInProgress", "medicalEmergency"]:
        page.locator(f"input[name={question}][value=no]").check()
    page.locator("#champ-eventNumber").fill(event)
    page.locator("#champ-place").fill("Métro Berri-UQAM, quai direction Angrignon")
    page.locator("input[name='situations[]'][value=suicidal]").check()
    page.locator("input[name=sceneSecured][value=yes]").check()
    page.locator("input[name=mode][value=phone]").check()
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_test_id("stage")).to_have_text(words["waiting"])
    return page.locator("h1").inner_text().split()[-1]


def take(worker, server, words, reference):
    worker.goto(server.url + "/esup")
    worker.get_by_test_id("queue").get_by_role("link", name=reference).click()
    worker.get_by_role("button", name=words["take"]).click()
    expect(worker.get_by_role("status").first).to_be_visible()


def find_person(worker, words, first, last, phone):
    worker.get_by_test_id("find-person").click()
    worker.locator("#given").fill(first)
    worker.locator("#family").fill(last)
    worker.locator("#birth").fill("1979-04-12")
    worker.locator("#phone").fill(phone)
    worker.get_by_role("button", name=words["search"], exact=True).click()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_consult_from_the_officer_to_a_support_plan(browser, server, language):
    words = TEXT[language]
    suffix = language.upper()
    phone = "514 555-01" + ("91" if language == "fr" else "92")
    first, last = "Jérôme", "Côté-" + suffix
    emails = {name: f"{name}-{language}@esup.example" for name in ("worker", "duo", "patrol")}
    create_account(server, emails["worker"], f"Dominique {suffix}", "police_social_worker", TEAM, language)
    create_account(server, emails["duo"], f"Alexis {suffix}", "police_officer", TEAM, language)
    create_account(server, emails["patrol"], f"Sam {suffix}", "police_officer", POLICE, language)

    office, worker = signed_in(browser, server, emails["worker"], language, DESKTOP)
    worker.goto(server.url + "/esup")
    worker.get_by_text(words["form_duo"], exact=True).click()
    worker.locator("#call-sign").fill("Duo " + suffix)
    worker.locator("#duo-officer").select_option(label=f"Alexis {suffix}")
    worker.locator("#duo-worker").select_option(label=f"Dominique {suffix}")
    worker.get_by_role("button", name=words["form_duo_button"]).click()
    expect(worker.get_by_test_id("own-duo")).to_contain_text("Duo " + suffix)
    checked(worker, DESKTOP)

    phone_context, patrol = signed_in(browser, server, emails["patrol"], language, PHONE)
    # on scene without the scene secured: what to do now, and the phone consult offered at once
    patrol.goto(server.url + "/esup/demande")
    for question in ["immediateDangerToLife", "weapon", "crimeInProgress", "medicalEmergency"]:
        patrol.locator(f"input[name={question}][value=no]").check()
    patrol.locator("#champ-eventNumber").fill("26-0045" + suffix)
    patrol.locator("#champ-place").fill("Métro Berri-UQAM")
    patrol.locator("input[name='situations[]'][value=suicidal]").check()
    patrol.locator("input[name=sceneSecured][value=no]").check()
    patrol.locator("input[name=mode][value=on_scene]").check()
    patrol.get_by_role("button", name=words["send"]).click()
    expect(patrol.get_by_test_id("guidance")).to_contain_text(words["secure"])
    expect(patrol.locator("#champ-place")).to_have_value("Métro Berri-UQAM")
    checked(patrol, PHONE)
    patrol.locator("input[name=mode][value=phone]").check()
    patrol.get_by_role("button", name=words["send"]).click()
    expect(patrol.get_by_test_id("stage")).to_have_text(words["waiting"])
    reference = patrol.locator("h1").inner_text().split()[-1]
    checked(patrol, PHONE)

    # the duo's queue shows it without a reload
    expect(worker.get_by_test_id("queue")).to_contain_text(reference, timeout=8000)
    take(worker, server, words, reference)
    find_person(worker, words, first, last, phone)
    expect(worker.get_by_test_id("not-met")).to_contain_text(words["not_met"])
    checked(worker, DESKTOP)
    worker.get_by_test_id("record-person").click()
    expect(worker.get_by_test_id("repeat")).to_contain_text(words["first"])
    worker.locator("#advice").fill("Parler calmement, proposer le centre de crise.")
    worker.get_by_test_id("advise").get_by_role("button", name=words["save"]).click()
    expect(worker.get_by_test_id("advice")).to_contain_text("Parler calmement")
    worker.locator("#resource-search").fill("hébergement")
    worker.locator("#resource-search").press("Enter")
    worker.locator(f"input[name='resources[]'][value='{SHELTER_ID}']").check()
    worker.locator("input[name=outcome][value=referral]").check()
    worker.get_by_role("button", name=words["close"]).click()
    expect(worker.get_by_test_id("outcome")).to_have_text(words["referral"])
    expect(worker.get_by_test_id("resources")).to_contain_text(SHELTER)
    checked(worker, DESKTOP)

    # consent, then a plan with its approach note
    worker.get_by_test_id("person-box").get_by_role("link").first.click()
    worker.locator("summary", has_text=words["consent"]).click()
    worker.get_by_test_id("consent").locator("input[name=purpose][value=support_plan]").check()
    worker.get_by_test_id("consent").get_by_role("button").click()
    worker.locator("#what-helps").fill("Parler doucement; lui laisser du temps.")
    worker.locator("#approach").fill("Proposer d'appeler sa sœur Annie " + suffix + ".")
    worker.get_by_role("button", name=words["plan"]).click()
    expect(worker.get_by_role("status").first).to_contain_text(words["plan_saved"])
    person_url = worker.url.split("?")[0]
    checked(worker, DESKTOP)

    # a second request about the same person: the repeat count, the earlier contact and the plan
    second = ask(patrol, server, words, "26-0046" + suffix)
    take(worker, server, words, second)
    find_person(worker, words, first, last, phone)
    worker.get_by_test_id("found").get_by_role("button", name=words["link"]).click()
    expect(worker.get_by_test_id("repeat")).to_contain_text(words["second"])
    expect(worker.get_by_test_id("earlier")).to_contain_text(reference)
    expect(worker.get_by_test_id("support-plan")).to_contain_text("sa sœur Annie " + suffix)

    # the officer who asked sees the approach note while consent holds, then nothing
    patrol.reload()
    expect(patrol.get_by_test_id("approach-note")).to_contain_text("sa sœur Annie " + suffix)
    checked(patrol, PHONE)
    worker.goto(person_url)
    worker.get_by_test_id("withdraw-support_plan").click()
    expect(worker.get_by_role("status").first).to_be_visible()
    patrol.reload()
    expect(patrol.get_by_test_id("stage")).to_be_visible()
    expect(patrol.get_by_test_id("approach-note")).to_have_count(0)

    # a duplicate record of the same person, compared side by side, then merged
    worker.goto(server.url + "/esup/personnes")
    worker.locator("#given").fill(first)
    worker.locator("#family").fill(last + " (double)")
    worker.get_by_test_id("record-person").click()
    duplicate = worker.locator("h1").inner_text().split()[-1]
    worker.goto(person_url)
    worker.locator("#merged").fill(duplicate)
    worker.locator("#reason").fill("Même prénom, même sœur, même quartier")
    worker.get_by_test_id("merge").get_by_role("button").click()
    expect(worker.get_by_test_id("merge-review")).to_contain_text(last + " (double)")
    checked(worker, DESKTOP)
    worker.get_by_role("button", name=words["confirm_merge"]).click()
    expect(worker.get_by_test_id("merges")).to_contain_text(duplicate)

    # the team's pages at 390 px, and the measures
    team_phone, worker_phone = signed_in(browser, server, emails["worker"], language, PHONE)
    worker_phone.goto(person_url)
    worker_phone.locator("#merged").fill(duplicate)
    worker_phone.locator("#reason").fill("Même personne")
    worker_phone.get_by_test_id("merge").get_by_role("button").click()
    expect(worker_phone.get_by_test_id("refusal")).to_be_visible()
    checked(worker_phone, PHONE)
    for path in ["/esup", "/esup/personnes", person_url.replace(server.url, ""), "/esup/mesures"]:
        worker_phone.goto(server.url + path)
        checked(worker_phone, PHONE)
    worker.goto(server.url + "/esup/mesures?jours=365")
    expect(worker.get_by_test_id("total")).not_to_have_text("0")
    checked(worker, DESKTOP)
    for context in (office, phone_context, team_phone):
        context.close()


def test_a_mediation_worker_sees_only_a_count_where_the_agreement_exists(browser, server):
    """The demo's agreement binds the ÉSUP team and the mobile mediation team: a worker who records a party with
    the phone of a person ÉSUP met sees a count and whom to call, and none of ÉSUP's pages."""
    email = "worker-count@esup.example"
    create_account(server, email, "Dominique Compte", "police_social_worker", TEAM, "fr")
    office, worker = signed_in(browser, server, email, "fr", DESKTOP)
    worker.goto(server.url + "/esup/personnes")
    worker.locator("#given").fill("Nadia")
    worker.locator("#family").fill("Gagnon-Compte")
    worker.locator("#birth").fill("1988-09-30")
    worker.locator("#phone").fill("514 555-0193")
    worker.get_by_test_id("record-person").click()
    expect(worker.get_by_test_id("identifiers")).to_contain_text("Nadia Gagnon-Compte")
    person_url = worker.url.split("?")[0]

    phone = browser.new_context(**{"locale": "fr-CA", "viewport": PHONE, "is_mobile": True})
    mobile = sign_in(phone, server, "mobile_worker")
    finish_what_is_under_way(mobile, server)
    desk = browser.new_context(locale="fr-CA")
    board = open_board(sign_in(desk, server, "dispatcher"), server)
    intake = desk.new_page()
    take_call(intake, server, "Cohabitation dans l'espace public", "Une personne en détresse dans le parc.")
    intake.get_by_role("button", name="Assigner l'équipe recommandée").click()
    expect(intake.get_by_role("status").first).to_contain_text("Équipe assignée")
    mobile.goto(server.url + "/mobile")
    mobile.get_by_role("button", name="En route").click()
    mobile.get_by_role("button", name="Sur place").click()
    mobile.get_by_text("Ajouter une personne", exact=True).click()
    mobile.get_by_label("Rôle").select_option(label="Personne en situation de vulnérabilité")
    mobile.get_by_text("Ajouter des renseignements identifiants (facultatif)", exact=True).click()
    mobile.locator("#party-phone").fill("514-555-0193")
    mobile.get_by_role("button", name="Ajouter la personne").click()
    expect(mobile.get_by_test_id("cross-count")).to_contain_text("l'équipe de soutien aux urgences psychosociales")
    expect(mobile.get_by_test_id("cross-count")).to_contain_text("1 dossier(s)")
    assert "Nadia" not in mobile.get_by_test_id("parties").inner_text()
    assert overflow(mobile, PHONE["width"]) <= 0
    # nothing of ÉSUP's pages
    for path in ["/esup", "/esup/personnes", person_url.replace(server.url, "")]:
        assert mobile.request.get(server.url + path).status == 403
    # and the ÉSUP team sees the mediation team's count
    worker.goto(person_url)
    expect(worker.get_by_test_id("cross-count")).to_contain_text("l'équipe mobile de médiation (ÉMMIS)")
    from test_intervention import close
    close(mobile, "Réglée sur place", police_avoided=False)
    for context in (office, phone, desk):
        context.close()
