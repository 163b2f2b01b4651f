"""An administrator gives a person a second role and takes it back (issue #14): the staff list links to each person's
roles, the roles page grants and withdraws (with a confirmation), the person's home page shows what each role lets them
do, and the page is readable in French and English, at a desktop's width and at 390 px, with no accessibility
violation axe can find."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_phone_widths import DESKTOP, PHONE, overflow, sign_in

TEXT = {
    "fr": {"roles": "Rôles de", "role": "Rôle", "organisation": "Organisme", "grant": "Accorder",
           "confirm": "Je confirme", "withdraw": "Retirer", "granted": "Rôle accordé.", "withdrawn": "Rôle retiré.",
           "representative": "Représentant·e d'organisme", "already": "tient déjà ce rôle"},
    "en": {"roles": "roles", "role": "Role", "organisation": "Organisation", "grant": "Grant",
           "confirm": "I confirm", "withdraw": "Withdraw", "granted": "Role granted.", "withdrawn": "Role withdrawn.",
           "representative": "Agency representative", "already": "already holds this role"},
}


def roles_page_of(page, server, email):
    page.goto(server.url + "/admin/comptes")
    row = page.locator("tr", has_text=email)
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/admin/comptes/[0-9a-f-]{36}$"))


def no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_administrator_grants_a_second_role_and_withdraws_it(browser, server, language, viewport):
    words = TEXT[language]
    dispatcher_email = server.accounts["dispatcher"][0]
    admin, page = sign_in(browser, server, "admin", language, viewport)
    worker, person = sign_in(browser, server, "dispatcher", language, viewport)
    try:
        roles_page_of(page, server, dispatcher_email)
        expect(page.get_by_role("heading", level=1)).to_contain_text(words["roles"])
        assert overflow(page, viewport["width"]) <= 0
        no_violations(page)

        page.get_by_label(words["role"], exact=True).select_option("agency_representative")
        page.get_by_label(words["organisation"], exact=True).select_option(label="Accueil Bonneau")
        page.get_by_role("button", name=words["grant"], exact=True).click()
        expect(page.get_by_role("status").or_(page.locator(".notice"))).to_contain_text(words["granted"])
        row = page.locator("tbody tr", has_text=words["representative"])
        expect(row).to_have_count(1)
        assert overflow(page, viewport["width"]) <= 0

        # The same role twice is refused with the reason, and nothing is added.
        page.get_by_label(words["role"], exact=True).select_option("agency_representative")
        page.get_by_label(words["organisation"], exact=True).select_option(label="Accueil Bonneau")
        page.get_by_role("button", name=words["grant"], exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text(words["already"])
        no_violations(page)

        # The person sees their second role at their next page, and its work.
        person.goto(server.url + "/")
        expect(person.locator("main")).to_contain_text(words["representative"])
        assert person.goto(server.url + "/ma-ressource").status == 200

        # Withdrawing needs the confirmation; then the role is gone at once.
        roles_page_of(page, server, dispatcher_email)
        row = page.locator("tbody tr", has_text=words["representative"])
        row.get_by_label(words["confirm"]).check()
        row.get_by_role("button", name=words["withdraw"]).click()
        expect(page.get_by_role("status").or_(page.locator(".notice"))).to_contain_text(words["withdrawn"])
        expect(page.locator("tbody tr", has_text=words["representative"])).to_have_count(0)
        assert person.goto(server.url + "/ma-ressource").status == 403
    finally:
        for context, each in ((admin, page), (worker, person)):
            # The language is the account's: leave it French for the other tests.
            each.goto(server.url + "/")
            if each.locator("html").get_attribute("lang") != "fr":
                each.locator("form[action='/langue'] button").first.click()
                expect(each.locator("html")).to_have_attribute("lang", "fr")
            context.close()
