"""Issue #4's flow on a phone, in French: the mobile worker records a verbal agreement between a merchant and a
person in a vulnerable situation, searches "hébergement ouvert maintenant", refers the person to the shelter,
escorts them there and closes; the request is closed and the team available again."""
import re

from playwright.sync_api import expect

from test_mediation import open_board, sign_in, take_call, team_row

SHELTER = "Hébergement d'urgence 24 h"
PHONE = {"locale": "fr-CA", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def finish_what_is_under_way(mobile, server):
    """Another test may have left the worker's team on scene: close that intervention first."""
    mobile.goto(server.url + "/mobile")
    if mobile.get_by_test_id("intervention").count():
        close(mobile, "Réglée sur place", police_avoided=False)


def close(mobile, outcome, police_avoided):
    closing = mobile.get_by_test_id("closing")
    closing.locator("summary").click()
    closing.get_by_label("Issue", exact=True).select_option(label=outcome)
    if police_avoided:
        closing.get_by_label("Une intervention policière a été évitée").check()
    closing.get_by_role("button", name="Clore et redevenir disponible").click()
    expect(mobile.get_by_role("status").first).to_contain_text("Intervention close")


def add_party(mobile, role):
    mobile.get_by_text("Ajouter une personne", exact=True).click()
    mobile.get_by_label("Rôle").select_option(label=role)
    mobile.get_by_role("button", name="Ajouter la personne").click()
    expect(mobile.get_by_role("status").first).to_have_text("Partie ajoutée.")


def search_shelter(mobile):
    mobile.get_by_test_id("find-resource").click()
    mobile.get_by_label("Chercher", exact=True).fill("hébergement ouvert maintenant")
    mobile.get_by_role("button", name="Chercher").click()
    hit = mobile.get_by_test_id("resource-hits").locator("li", has_text=SHELTER)
    expect(hit).to_contain_text("Ouvert maintenant")
    return hit


def test_an_agreement_a_referral_and_an_escort_then_the_team_is_free(server, browser):
    phone = browser.new_context(**PHONE)
    mobile = sign_in(phone, server, "mobile_worker")
    finish_what_is_under_way(mobile, server)

    office = browser.new_context(locale="fr-CA")
    board = open_board(sign_in(office, server, "dispatcher"), server)
    intake = office.new_page()
    take_call(intake, server, "Cohabitation dans l'espace public",
              "Un commerçant et une personne qui dort devant sa porte ne s'entendent pas.")
    request_url = intake.url
    recommended = intake.get_by_test_id("recommendations").locator("tbody tr").first
    expect(recommended).to_contain_text("Équipe Ville-Marie")
    intake.get_by_role("button", name="Assigner l'équipe recommandée").click()
    expect(intake.get_by_role("status").first).to_contain_text("Équipe assignée")

    expect(mobile.get_by_test_id("assignment")).to_contain_text("Place Émilie-Gamelin")
    mobile.get_by_role("button", name="En route").click()
    expect(mobile.get_by_test_id("mobile-status")).to_have_text("En route")
    mobile.get_by_role("button", name="Sur place").click()
    expect(mobile.get_by_test_id("intervention")).to_be_visible()

    # the parties, by role only: no identifying details unless the worker adds them
    add_party(mobile, "Commerçant ou commerçante")
    add_party(mobile, "Personne en situation de vulnérabilité")
    expect(mobile.get_by_test_id("parties")).to_contain_text("Commerçant ou commerçante 1")

    mobile.get_by_text("Entente verbale", exact=True).click()
    mobile.get_by_label("Commerçant ou commerçante 1", exact=True).check()
    mobile.get_by_label("Personne en situation de vulnérabilité 1", exact=True).check()
    mobile.get_by_label("Engagement : Commerçant ou commerçante 1").fill("Laisse la personne s'abriter sous l'auvent la nuit.")
    mobile.get_by_label("Engagement : Personne en situation de vulnérabilité 1").fill("Range ses affaires avant 9 h.")
    scrolled = mobile.evaluate("window.scrollY")
    mobile.get_by_role("button", name="Enregistrer l'entente").click()
    expect(mobile.get_by_test_id("services")).to_contain_text("Range ses affaires avant 9 h.")
    # the screen comes back where the worker was, not at the top
    assert mobile.evaluate("window.scrollY") > 0, scrolled

    hit = search_shelter(mobile)
    hit.get_by_label("Pour").select_option(label="Personne en situation de vulnérabilité 1")
    hit.get_by_label("Ce qui est demandé (facultatif)").fill("Un lit pour cette nuit")
    hit.get_by_role("button", name="Référer").click()
    expect(mobile.get_by_role("status").first).to_have_text("Référence enregistrée.")
    expect(mobile.get_by_test_id("services")).to_contain_text(SHELTER)

    search_shelter(mobile).get_by_role("button", name="Accompagner").click()
    expect(mobile.get_by_test_id("mobile-status")).to_have_text("En accompagnement")
    expect(mobile.get_by_test_id("escort-under-way")).to_contain_text(SHELTER)
    expect(team_row(board, "Équipe Ville-Marie")).to_contain_text("En accompagnement")
    mobile.get_by_role("button", name="Arrivés à destination").click()
    expect(mobile.get_by_test_id("mobile-status")).to_have_text("Sur place")

    close(mobile, "Accompagnement vers une ressource", police_avoided=True)
    expect(mobile.get_by_test_id("no-assignment")).to_be_visible()
    expect(mobile.get_by_test_id("mobile-status")).to_have_text("Disponible")
    expect(team_row(board, "Équipe Ville-Marie")).to_contain_text("Disponible")

    intake.goto(request_url)
    expect(intake.get_by_test_id("request-status")).to_contain_text("Terminée")
    # the phone screen fits the phone: nothing wider than the screen
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390

    office.close()
    phone.close()
