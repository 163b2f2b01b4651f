"""The foundation's browser flow: a dispatcher signs in in French, switches to English and signs out."""
import re

from playwright.sync_api import expect


def test_dispatcher_signs_in_in_french_switches_to_english_and_signs_out(server, page):
    email, password = server.accounts["dispatcher"]

    page.goto(server.url + "/")
    expect(page).to_have_url(re.compile(r"/connexion$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")

    page.get_by_label("Adresse courriel").fill(email)
    page.get_by_label("Mot de passe").fill("not the right password")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_have_text("Adresse courriel ou mot de passe incorrect.")

    page.get_by_label("Mot de passe").fill(password)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour, Camille Répartition")
    expect(page.get_by_role("navigation")).to_contain_text("Mon compte")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Camille Répartition")
    expect(page.get_by_role("navigation")).to_contain_text("My account")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.goto(server.url + "/compte")
    expect(page).to_have_url(re.compile(r"/connexion\?suite=/compte$"))

    # The choice of language belongs to the account: a fresh browser gets English after signing in.
    fresh = page.context.browser.new_context(locale="fr-CA").new_page()
    fresh.goto(server.url + "/connexion")
    expect(fresh.locator("html")).to_have_attribute("lang", "fr")
    fresh.get_by_label("Adresse courriel").fill(email)
    fresh.get_by_label("Mot de passe").fill(password)
    fresh.get_by_role("button", name="Se connecter").click()
    expect(fresh.get_by_role("heading", level=1)).to_have_text("Hello, Camille Répartition")
    fresh.context.close()


def test_sign_in_works_from_the_keyboard_on_a_phone(server, browser):
    email, password = server.accounts["mobile_worker"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url + "/connexion")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
    page.get_by_label("Adresse courriel").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour, Jordan Intervention")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the home page scrolls sideways on a phone by {overflow}px"
    context.close()


def test_an_analyst_cannot_open_the_audit_log(server, page):
    email, password = server.accounts["analyst"]
    page.goto(server.url + "/connexion")
    page.get_by_label("Adresse courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    response = page.goto(server.url + "/admin/journal")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")


def test_graceful_shutdown_on_sigterm(server):
    assert server.stop() == 0
    assert "Server started" in server.log_path.read_text()
