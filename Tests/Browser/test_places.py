"""The address lookup and the street map on intake (issue #17): a dispatcher types "coin Berri et Ontario", picks
the suggestion with the keyboard, sees the point on the map at street level (the demo draws its own streets, no tile
server), and saves; a point in the river says so before saving. In French and English, at a desktop's width and at
390 px, with no accessibility violation axe can find."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_phone_widths import DESKTOP, PHONE, overflow, sign_in

TEXT = {
    "fr": {"address": "Adresse ou lieu", "borough": "Arrondissement : Ville-Marie", "outside": "aucun arrondissement",
           "zoom_in": "Zoom avant", "map": "Carte du lieu"},
    "en": {"address": "Address or place", "borough": "Borough: Ville-Marie", "outside": "in no borough",
           "zoom_in": "Zoom in", "map": "Map of the place"},
}


def no_serious_violations(page):
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def save_cancel_and_find(page, server, viewport):
    """Saves the call, cancels it with a reason, and finds it among the closed requests."""
    for group in page.locator(".screening [role=radiogroup]").all():
        group.get_by_label("Non").check()
    page.get_by_label("Provenance").select_option(label="Résident ou résidente")
    page.get_by_label("Anonyme (pas de rappel)").check()
    page.get_by_label("Type de situation").select_option(label="Bruit")
    page.get_by_label("Description").fill("Musique forte au coin de la rue depuis une heure.")
    page.get_by_role("button", name="Enregistrer et trier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande")
    reference = page.url.rsplit("/", 1)[1][:8]
    page.locator("summary", has_text="Fermer sans envoyer d'équipe").click()
    page.get_by_role("button", name="Fermer la demande").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    page.get_by_label("Annulée").check()
    page.get_by_label("Raison", exact=True).fill("La personne a rappelé : la musique a cessé.")
    page.get_by_role("button", name="Fermer la demande").click()
    expect(page.locator(".notice")).to_contain_text("Demande fermée")
    expect(page.get_by_test_id("request-closure")).to_contain_text("la musique a cessé")
    assert overflow(page, viewport["width"]) <= 0
    no_serious_violations(page)
    page.goto(server.url + "/demandes")
    page.get_by_label("Demandes", exact=True).select_option("fermees")
    page.get_by_role("button", name="Filtrer").click()
    row = page.get_by_test_id("request-list").locator("tr", has_text=reference)
    expect(row).to_contain_text("Fermée sans équipe")
    expect(row).to_contain_text("Ville-Marie")
    assert overflow(page, viewport["width"]) <= 0
    no_serious_violations(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_dispatcher_finds_a_corner_and_sees_it_on_the_street_map(browser, server, language, viewport):
    words = TEXT[language]
    context, page = sign_in(browser, server, "dispatcher", language, viewport)
    try:
        page.goto(server.url + "/demandes/nouvelle")
        street_map = page.get_by_test_id("pick-map")
        expect(street_map).to_have_attribute("data-ready", "true")
        # a point in the river (typed coordinates) is said to be outside every borough before saving
        page.get_by_label("Latitude").fill("45.5000")
        page.get_by_label("Longitude").fill("-73.5200")
        page.get_by_label("Longitude").press("Tab")
        expect(page.get_by_test_id("place-where")).to_contain_text(words["outside"])
        address = page.get_by_role("combobox", name=words["address"])
        address.press_sequentially("coin Berri et Ontario", delay=20)
        options = page.get_by_role("listbox")
        expect(options.get_by_role("option").first).to_contain_text("Berri")
        expect(options.get_by_role("option").first).to_contain_text("Ontario")
        expect(options.get_by_role("option").first).to_contain_text("Ville-Marie")
        assert overflow(page, viewport["width"]) <= 0
        no_serious_violations(page)
        address.press("Enter")
        expect(options).to_be_hidden()
        expect(address).to_have_value(re.compile("Berri.*Ontario"))
        expect(page.get_by_label("Latitude")).to_have_value(re.compile(r"^45\.517"))
        expect(page.get_by_label("Longitude")).to_have_value(re.compile(r"^-73\.564"))
        expect(page.get_by_test_id("place-where")).to_contain_text(words["borough"])
        # the map follows the point at street level, with streets drawn (the demo's sketched and OSM lines)
        expect(street_map).to_have_attribute("data-marker", re.compile(r"^45\.517"))
        # the frame at street level has been drawn (the map draws on the next animation frame)
        expect(street_map).to_have_attribute("data-zoom-level", re.compile(r"^1[6-9]"))
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        drawn = page.evaluate("""() => {
            const canvas = document.querySelector('[data-map] canvas');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let white = 0, red = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255) white++;
              if (data[i] === 198 && data[i + 1] === 40 && data[i + 2] === 40) red++;
            }
            return { white, red };
        }""")
        assert drawn["white"] > 150, drawn  # street casings (a map without streets has no pure white)
        assert drawn["red"] > 100, drawn  # the marker
        # zoom by button and by keyboard
        page.get_by_role("button", name=words["zoom_in"]).click()
        expect(street_map).to_have_attribute("data-zoom-level", re.compile(r"^1[7-9]"))
        street_map.focus()
        page.keyboard.press("-")
        page.keyboard.press("ArrowLeft")
        assert overflow(page, viewport["width"]) <= 0
        no_serious_violations(page)
        if language == "fr":
            save_cancel_and_find(page, server, viewport)
    finally:
        # The language is the account's: leave it French for the other tests.
        page.goto(server.url + "/")
        if page.locator("html").get_attribute("lang") != "fr":
            page.locator("form[action='/langue'] button").first.click()
            expect(page.locator("html")).to_have_attribute("lang", "fr")
        context.close()
