"""Every page at a phone's width (390 px) and at a desktop's, in French and in English, for every role that sees it:
nothing scrolls sideways. Pages are found from each role's navigation, plus those reached from them."""
import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ROLES = ["dispatcher", "mobile_worker", "agency_representative", "admin", "analyst", "police_officer", "table_chair"]
# Reached from the pages above rather than from the navigation.
EXTRA = {
    "mobile_worker": ["/mobile/ressources?q=h%C3%A9bergement+ouvert+maintenant"],
    "agency_representative": [],
    "dispatcher": ["/statistiques/delais"],
    "admin": ["/compte/second-facteur", "/admin/comptes/nouveau", "/admin/courriels", "/mot-de-passe/oublie"],
    "analyst": ["/a-propos-des-donnees"],
    "police_officer": [],
    "table_chair": ["/table/agences"],
}


def sign_in(browser, server, role, language, viewport):
    context = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    email, password = server.accounts[role]
    page.goto(server.url + "/connexion")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Bonjour|Hello"))
    if page.locator("html").get_attribute("lang") != language:
        page.locator("form[action='/langue'] button").first.click()
        expect(page.locator("html")).to_have_attribute("lang", language)
    return context, page


def overflow(page, width) -> int:
    """How many pixels the page is wider than the screen (0 when nothing scrolls sideways). A phone's browser widens its
    layout to fit what is too wide, so the page is compared with the screen's width, not the window's."""
    return page.evaluate(
        "width => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth) - width",
        width)


def pages_of(page, server, role):
    links = page.locator("nav a[href^='/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    paths = []
    for path in links + EXTRA[role]:
        if path not in paths and path != "/deconnexion":
            paths.append(path)
    return paths


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways(browser, server, role, language, viewport):
    context, page = sign_in(browser, server, role, language, viewport)
    try:
        wide = []
        for path in pages_of(page, server, role):
            page.goto(server.url + path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            extra = overflow(page, viewport["width"])
            if extra > 0:
                wide.append(f"{path} (+{extra} px)")
        assert not wide, f"{role}, {language}, {viewport['width']} px: " + ", ".join(wide)
    finally:
        # The language is the account's: leave it French for the other tests.
        if page.locator("html").get_attribute("lang") != "fr":
            page.locator("form[action='/langue'] button").first.click()
            expect(page.locator("html")).to_have_attribute("lang", "fr")
        context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_signed_out_pages_fit_a_phone(browser, server, language):
    context = browser.new_context(locale="fr-CA" if language == "fr" else "en-CA", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    try:
        for path in ["/connexion", "/a-propos-des-donnees"]:
            page.goto(server.url + path)
            assert overflow(page, PHONE["width"]) <= 0, path
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_receipt_and_a_request_page_fit_a_phone(browser, server, language):
    """The pages reached from a submission rather than from the navigation: the receipt a police officer gets, and
    the request as dispatch reads it (with its history of teams)."""
    context, page = sign_in(browser, server, "police_officer", language, PHONE)
    office, desk = sign_in(browser, server, "dispatcher", language, PHONE)
    try:
        page.goto(server.url + "/demandes/nouvelle")
        for answer in page.locator(".screening input[type=radio][value=false]").all():
            answer.check()
        page.locator("input[name=policeEventNumber]").fill("SPVM-2026-000777")
        page.locator("input[name=anonymous]").check()
        page.locator("input[name=address]").fill("Place Émilie-Gamelin, devant l'entrée principale du métro Berri-UQAM")
        page.locator("input[name=latitude]").fill("45.5155")
        page.locator("input[name=longitude]").fill("-73.5622")
        page.locator("select[name=situation]").select_option("loitering")
        page.locator("textarea[name=description]").fill("Un groupe s'installe chaque soir devant les portes.")
        page.locator("button[type=submit]").last.click()
        expect(page).to_have_url(re.compile(r"/demandes/[0-9a-f-]+/recu$"))
        assert overflow(page, PHONE["width"]) <= 0, page.url
        request = page.url.removesuffix("/recu")
        desk.goto(request)
        expect(desk.get_by_test_id("triage-instruction")).to_be_visible()
        assert overflow(desk, PHONE["width"]) <= 0, request
    finally:
        for tab in (page, desk):
            if tab.locator("html").get_attribute("lang") != "fr":
                tab.locator("form[action='/langue'] button").first.click()
                expect(tab.locator("html")).to_have_attribute("lang", "fr")
        context.close()
        office.close()
