"""The mobile mediation team's flow, in French: a call taken in Ville-Marie, the board, the assignment of the
recommended team, and the worker's status buttons on a phone, each change reaching both open boards live."""
import re

from playwright.sync_api import expect

PLACE = "Place Émilie-Gamelin"
QUESTIONS = [
    "Une vie est-elle en danger immédiat?",
    "Y a-t-il une arme?",
    "Un crime est-il en cours?",
    "Y a-t-il une urgence médicale?",
]


def sign_in(context, server, role):
    """Signs in as the demo account of `role` and makes sure the pages are in French."""
    email, password = server.accounts[role]
    page = context.new_page()
    page.goto(server.url + "/connexion")
    page.get_by_label("Adresse courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Bonjour|Hello"))
    if page.locator("html").get_attribute("lang") == "en":
        page.get_by_role("button", name="Français").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    return page


def open_board(page, server):
    page.goto(server.url + "/tableau")
    expect(page.get_by_test_id("board-connection")).to_have_attribute("data-state", "live")
    page.evaluate("window.__sameDocument = true")
    return page


def take_call(page, server, situation, description, weapon=False):
    page.goto(server.url + "/demandes/nouvelle")
    for question in QUESTIONS:
        answer = "Oui" if weapon and question == "Y a-t-il une arme?" else "Non"
        page.get_by_role("radiogroup", name=question).get_by_label(answer).check()
    page.get_by_label("Provenance").select_option(label="Résident ou résidente")
    page.get_by_label("Nom (facultatif)").fill("Marie Tremblay")
    page.get_by_label("Comment rappeler").fill("514-555-0101")
    page.get_by_label("Adresse ou lieu").fill(PLACE)
    # A click on the borough map fills in the coordinates; the coordinator then types the exact ones.
    page.get_by_test_id("pick-map").click()
    expect(page.get_by_label("Latitude")).to_have_value(re.compile(r"^45\.\d+$"))
    page.get_by_label("Latitude").fill("45.5155")
    page.get_by_label("Longitude").fill("-73.5622")
    page.get_by_label("Type de situation").select_option(label=situation)
    page.get_by_label("Description").fill(description)
    page.get_by_role("button", name="Enregistrer et trier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande")


def request_row(board, situation):
    return board.get_by_test_id("board-requests").locator("tr", has_text=situation)


def team_row(board, team):
    return board.get_by_test_id("board-teams").locator("tr", has_text=team)


def test_a_call_in_ville_marie_goes_from_intake_to_a_team_on_scene(server, browser):
    office = browser.new_context(locale="fr-CA")
    board = open_board(sign_in(office, server, "dispatcher"), server)
    intake = office.new_page()

    phone = browser.new_context(locale="fr-CA", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    mobile = sign_in(phone, server, "mobile_worker")
    mobile.goto(server.url + "/mobile")
    expect(mobile.get_by_test_id("no-assignment")).to_be_visible()
    worker_board = open_board(phone.new_page(), server)

    take_call(intake, server, "Conflit entre personnes", "Deux personnes se disputent fort devant le métro.")
    expect(intake.get_by_test_id("triage-instruction")).to_have_text("Mise en file pour l'équipe mobile.")
    recommended = intake.get_by_test_id("recommendations").locator("tbody tr").first
    expect(recommended).to_contain_text("Équipe Ville-Marie")

    for screen in (board, worker_board):
        expect(request_row(screen, "Conflit entre personnes")).to_contain_text("En attente")

    intake.get_by_role("button", name="Assigner l'équipe recommandée").click()
    expect(intake.get_by_role("status").first).to_contain_text("Équipe assignée")
    for screen in (board, worker_board):
        expect(request_row(screen, "Conflit entre personnes")).to_contain_text("Équipe Ville-Marie")
        expect(team_row(screen, "Équipe Ville-Marie")).to_contain_text("Assignée")

    # The phone's screen shows the assignment by itself, with a link to the phone's maps.
    expect(mobile.get_by_test_id("assignment")).to_contain_text(PLACE)
    expect(mobile.get_by_test_id("maps-link")).to_have_attribute("href", re.compile(r"^geo:45\.515500,-73\.562200"))

    mobile.get_by_role("button", name="En route").click()
    for screen in (board, worker_board):
        expect(request_row(screen, "Conflit entre personnes")).to_contain_text("Équipe en route")
        expect(team_row(screen, "Équipe Ville-Marie")).to_contain_text("En route")

    mobile.get_by_role("button", name="Sur place").click()
    expect(mobile.get_by_test_id("mobile-status")).to_have_text("Sur place")
    for screen in (board, worker_board):
        expect(request_row(screen, "Conflit entre personnes")).to_contain_text("Équipe sur place")
        expect(team_row(screen, "Équipe Ville-Marie")).to_contain_text("Sur place")
        # every change arrived without reloading the board
        assert screen.evaluate("window.__sameDocument") is True

    office.close()
    phone.close()


def test_a_weapon_means_911_and_nothing_is_queued(server, browser):
    office = browser.new_context(locale="fr-CA")
    board = open_board(sign_in(office, server, "dispatcher"), server)
    intake = office.new_page()
    take_call(intake, server, "Bruit", "Voisin menaçant avec un couteau.", weapon=True)
    expect(intake.get_by_test_id("triage-instruction")).to_contain_text("appeler le 911 maintenant")
    expect(intake.get_by_test_id("recommendations")).to_have_count(0)
    # The board stays as it was: the request is kept, but never queued.
    board.wait_for_timeout(1000)
    expect(request_row(board, "Bruit")).to_have_count(0)
    office.close()


def test_a_board_that_loses_its_connection_says_so_and_catches_up(server, browser):
    office = browser.new_context(locale="fr-CA")
    board = sign_in(office, server, "dispatcher")
    state = {"blocked": False, "sockets": []}

    def relay(socket):
        # Between the page and Relais: refuse new connections while "the network is down".
        if state["blocked"]:
            socket.close()
            return
        socket.connect_to_server()
        state["sockets"].append(socket)

    board.route_web_socket(re.compile(r".*/tableau/direct$"), relay)
    open_board(board, server)
    connection = board.get_by_test_id("board-connection")

    state["blocked"] = True
    state["sockets"][-1].close()
    expect(connection).to_have_attribute("data-state", "offline")
    expect(connection).to_contain_text("Connexion perdue")

    # A call is taken while this board is cut off; it cannot hear about it.
    take_call(office.new_page(), server, "Intoxication", "Une personne titube au bord de la rue.")
    expect(request_row(board, "Intoxication")).to_have_count(0)

    state["blocked"] = False
    expect(connection).to_have_attribute("data-state", "live", timeout=15000)
    expect(request_row(board, "Intoxication")).to_contain_text("En attente")
    assert board.evaluate("window.__sameDocument") is True
    office.close()
