"""Accounts and e-mail in pages (issue #17): an administrator creates an account and the invitation e-mail arrives at
a real SMTP server on loopback, whose link sets the password; a forgotten password is reset the same way; and the
administrator disables the account. In French, at a desktop's width and at 390 px, with no serious accessibility
violation axe can find."""
import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_phone_widths import DESKTOP, PHONE, overflow, sign_in

PASSWORD = "une tisane au parc du dimanche"


def no_serious_violations(page):
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def link_in(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/mot-de-passe/nouveau\?jeton=[\w-]+", text).group(0)


def choose_password(browser, viewport, link, password):
    context = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisir un mot de passe")
    assert overflow(page, viewport["width"]) <= 0
    no_serious_violations(page)
    page.get_by_label("Nouveau mot de passe", exact=True).fill(password)
    page.get_by_label("Confirmez le nouveau mot de passe").fill(password)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("status")).to_contain_text("Mot de passe enregistré")
    return context, page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
def test_an_invitation_and_a_reset_arrive_by_email_and_set_the_password(browser, server, viewport):
    email = f"eloise-{uuid.uuid4().hex[:8]}@example.org"
    admin_context, admin = sign_in(browser, server, "admin", "fr", viewport)
    try:
        admin.goto(server.url + "/admin/comptes")
        admin.get_by_role("link", name="Créer un compte").click()
        expect(admin.get_by_role("heading", level=1)).to_have_text("Nouveau compte")
        assert overflow(admin, viewport["width"]) <= 0
        no_serious_violations(admin)
        # bad input is named and nothing is created
        admin.get_by_role("button", name="Créer le compte et envoyer l'invitation").click()
        expect(admin.get_by_test_id("user-errors")).to_contain_text("Choisissez un rôle")
        admin.get_by_label("Nom").fill("Éloïse Tremblay")
        admin.get_by_label("Adresse courriel").fill(email)
        admin.get_by_label("Rôle").select_option("dispatcher")
        admin.get_by_label("Organisme").select_option(index=1)
        admin.get_by_role("button", name="Créer le compte et envoyer l'invitation").click()
        expect(admin.get_by_role("status")).to_contain_text("Compte créé")

        invitation = server.mailbox.wait_for(email)[0]
        assert invitation["Subject"] == "Votre compte Relais"
        assert "Bonjour Éloïse Tremblay" in invitation.get_body(preferencelist=("plain",)).get_content()
        assert invitation.get_body(preferencelist=("html",)) is not None
        context, page = choose_password(browser, viewport, link_in(invitation), PASSWORD)
        page.get_by_label("Adresse courriel").fill(email)
        page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
        page.get_by_label("Mot de passe", exact=True).press("Enter")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
        context.close()

        # a forgotten password
        visitor = browser.new_context(locale="fr-CA", viewport=viewport, is_mobile=viewport == PHONE)
        page = visitor.new_page()
        page.goto(server.url + "/connexion")
        page.get_by_role("link", name="Mot de passe oublié?").click()
        assert overflow(page, viewport["width"]) <= 0
        no_serious_violations(page)
        page.get_by_label("Adresse courriel").fill(email)
        page.get_by_role("button", name="Envoyer le lien").click()
        expect(page.get_by_test_id("reset-sent")).to_contain_text(email)
        reset = server.mailbox.wait_for(email, count=2)[1]
        assert reset["Subject"] == "Réinitialiser votre mot de passe Relais"
        link = link_in(reset)
        visitor.close()
        context, page = choose_password(browser, viewport, link, "un autre mot de passe tout neuf")
        # the link works once
        page.goto(link)
        expect(page.get_by_test_id("reset-invalid")).to_be_visible()
        context.close()

        # the administrator disables the account
        admin.goto(server.url + "/admin/comptes")
        admin.locator("tr", has_text=email).get_by_role("link").click()
        expect(admin.get_by_test_id("account-status")).to_contain_text("Actif")
        admin.get_by_label("Je confirme").last.check()
        admin.get_by_role("button", name="Désactiver le compte").click()
        expect(admin.get_by_test_id("account-status")).to_contain_text("Désactivé")
        assert overflow(admin, viewport["width"]) <= 0
    finally:
        admin_context.close()
