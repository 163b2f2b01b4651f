"""What a new user met in the browser, walked again after the fixes (issue #13): a long description is kept, a "yes"
to a safety question says at once where the call goes, a police officer sees what became of a call, a worker drops an
assignment only with a reason and it goes back to the queue, the capacity form keeps what was typed."""
import re

from playwright.sync_api import expect

from test_mediation import PLACE, QUESTIONS, open_board, request_row, sign_in

PHONE = {"locale": "fr-CA", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
QUESTIONS_EN = [
    "Is a life in immediate danger?",
    "Is there a weapon?",
    "Is a crime in progress?",
    "Is there a medical emergency?",
]


def answer_no_except(page, questions, yes=None):
    for question in questions:
        page.get_by_role("radiogroup", name=question).get_by_label(
            ("Oui" if question in QUESTIONS else "Yes") if question == yes else ("Non" if question in QUESTIONS else "No")
        ).check()


def fill_place(page, address_label, latitude_label, longitude_label):
    page.get_by_label(address_label).fill(PLACE)
    page.get_by_label(latitude_label).fill("45.5155")
    page.get_by_label(longitude_label).fill("-73.5622")


def test_a_5000_character_description_is_named_and_kept_then_a_long_one_is_saved(server, browser):
    office = browser.new_context(locale="fr-CA")
    page = sign_in(office, server, "dispatcher")
    page.goto(server.url + "/demandes/nouvelle")
    answer_no_except(page, QUESTIONS)
    page.get_by_label("Provenance").select_option(label="Résident ou résidente")
    page.get_by_label("Anonyme (pas de rappel)").check()
    fill_place(page, "Adresse ou lieu", "Latitude", "Longitude")
    page.get_by_label("Type de situation").select_option(label="Flânage")
    too_long = "Des jeunes se rassemblent chaque soir devant l'entrée. " * 92  # over 5,000 characters
    # Past the field's own limit, as a browser without it (or a paste into an older one) would send.
    page.get_by_label("Description").evaluate("(field, text) => { field.removeAttribute('maxlength'); field.value = text; }", too_long)
    page.get_by_role("button", name="Enregistrer et trier").click()
    expect(page.get_by_test_id("intake-errors")).to_contain_text("4 000")
    description = page.get_by_label("Description")
    expect(description).to_have_attribute("aria-invalid", "true")
    expect(description).to_have_attribute("aria-describedby", "err-description")
    assert page.get_by_label("Description").input_value() == too_long
    description.fill(too_long[:3900])
    page.get_by_role("button", name="Enregistrer et trier").click()
    expect(page.get_by_test_id("triage-instruction")).to_have_text("Mise en file pour l'équipe mobile.")
    office.close()


def test_a_yes_to_a_safety_question_says_at_once_where_the_call_goes(server, browser):
    office = browser.new_context(locale="fr-CA")
    page = sign_in(office, server, "dispatcher")
    page.goto(server.url + "/demandes/nouvelle")
    alert = page.get_by_test_id("screening-911")
    expect(alert).to_be_hidden()
    page.get_by_role("radiogroup", name="Y a-t-il une arme?").get_by_label("Oui").check()
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("911")
    page.get_by_role("radiogroup", name="Y a-t-il une arme?").get_by_label("Non").check()
    expect(alert).to_be_hidden()
    page.get_by_role("radiogroup", name="Un crime est-il en cours?").get_by_label("Oui").check()
    expect(page.get_by_test_id("screening-police")).to_be_visible()
    # Saved without answering the rest: one message for the safety questions, and each list asks to choose.
    page.get_by_role("button", name="Enregistrer et trier").click()
    errors = page.get_by_test_id("intake-errors")
    expect(errors).to_contain_text("Choisissez la source")
    expect(errors).to_contain_text("Choisissez le type de situation")
    expect(page.locator(".screening .field-error")).to_have_count(1)
    office.close()


def test_a_police_officer_sees_what_became_of_the_call_in_english(server, browser):
    office = browser.new_context(locale="en-CA")
    page = sign_in(office, server, "police_officer")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(server.url + "/demandes/nouvelle")
    expect(page.get_by_test_id("fixed-source")).to_contain_text("Police")
    expect(page.get_by_text("Override triage (with a reason)")).to_have_count(0)
    answer_no_except(page, QUESTIONS_EN, yes="Is there a weapon?")
    expect(page.get_by_test_id("screening-911")).to_be_visible()
    page.get_by_label("Police event number").fill("SPVM-2026-000123")
    page.get_by_label("Anonymous (no callback)").check()
    fill_place(page, "Address or place", "Latitude", "Longitude")
    page.get_by_label("Kind of situation").select_option(label="Noise")
    page.get_by_label("Description").fill("Neighbour threatening with a knife.")
    page.get_by_role("button", name="Save and triage").click()
    expect(page).to_have_url(re.compile(r"/demandes/[0-9a-f-]+/recu$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    expect(page.get_by_test_id("triage-instruction")).to_contain_text("911")
    expect(page.get_by_text("Access denied")).to_have_count(0)
    expect(page.get_by_text("SPVM-2026-000123")).to_have_count(0)
    # The language is the account's: leave it French for the other tests.
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    office.close()


def test_a_worker_drops_an_assignment_only_with_a_reason_and_the_board_sees_it_wait(server, browser):
    phone = browser.new_context(**PHONE)
    mobile = sign_in(phone, server, "mobile_worker")
    office = browser.new_context(locale="fr-CA")
    board = open_board(sign_in(office, server, "dispatcher"), server)
    intake = office.new_page()
    intake.goto(server.url + "/demandes/nouvelle")
    answer_no_except(intake, QUESTIONS)
    intake.get_by_label("Provenance").select_option(label="Commerçant ou commerçante")
    intake.get_by_label("Comment rappeler").fill("514-555-0199")
    fill_place(intake, "Adresse ou lieu", "Latitude", "Longitude")
    intake.get_by_label("Type de situation").select_option(label="Campement")
    intake.get_by_label("Description").fill("Une tente devant l'entrée de service.")
    intake.get_by_role("button", name="Enregistrer et trier").click()
    recommended = intake.get_by_test_id("recommendations").locator("tbody tr").first
    expect(recommended).to_contain_text("Équipe Ville-Marie")
    intake.get_by_role("button", name="Assigner l'équipe recommandée").click()
    expect(request_row(board, "Campement")).to_contain_text("Équipe Ville-Marie")

    mobile.goto(server.url + "/mobile")
    expect(mobile.get_by_test_id("assignment")).to_contain_text(PLACE)
    expect(mobile.get_by_test_id("status-available")).to_have_count(0)
    release = mobile.get_by_test_id("release")
    release.locator("summary").click()
    release.get_by_label("Pourquoi l'équipe ne peut pas s'y rendre").fill("Crevaison rue Ontario")
    release.get_by_role("button", name="Remettre en attente").click()
    # the confirmation box is required: nothing was sent
    expect(mobile.get_by_test_id("assignment")).to_be_visible()
    release.get_by_label("Je confirme remettre la demande en attente").check()
    release.get_by_role("button", name="Remettre en attente").click()
    expect(mobile.get_by_role("status").first).to_contain_text("remise en attente")
    expect(mobile.get_by_test_id("no-assignment")).to_be_visible()
    expect(request_row(board, "Campement")).to_contain_text("En attente")

    intake.reload()
    expect(intake.get_by_test_id("request-history")).to_contain_text("Crevaison rue Ontario")
    expect(intake.get_by_test_id("recommendations")).to_be_visible()
    office.close()
    phone.close()


def test_the_capacity_form_keeps_what_was_typed_after_an_error(server, browser):
    office = browser.new_context(locale="fr-CA")
    page = sign_in(office, server, "agency_representative")
    page.goto(server.url + "/ma-ressource")
    form = page.locator("form[action$='/capacite']").first
    form.locator("input[name=available]").fill("-2")
    form.locator("input[name=occupied]").fill("17")
    form.get_by_role("button", name="Mettre à jour la capacité").click()
    form = page.locator("form[action$='/capacite']").first
    expect(form.locator("input[name=available]")).to_have_value("-2")
    expect(form.locator("input[name=occupied]")).to_have_value("17")
    expect(form.locator("input[name=available]")).to_have_attribute("aria-invalid", "true")
    expect(form).to_contain_text("entre 0 et 100 000")
    office.close()
