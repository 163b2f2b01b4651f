"""A worker presses the backup button on the phone (issue #17): every open dispatch board alerts at once, with the
team's name, until one dispatcher takes it in hand; then every board clears. In French, the phone at 390 px."""
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from test_mediation import open_board, sign_in

PHONE = {"locale": "fr-CA", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_workers_backup_call_alerts_every_board_until_a_dispatcher_takes_it(server, browser):
    phone = browser.new_context(**PHONE)
    office = browser.new_context(locale="fr-CA", viewport={"width": 1600, "height": 900})
    second = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900})
    try:
        mobile = sign_in(phone, server, "mobile_worker")
        first_board = open_board(sign_in(office, server, "dispatcher"), server)
        second_board = open_board(sign_in(second, server, "dispatcher"), server)
        # the board's map draws the teams and requests it lists, and a borough filter narrows both
        board_map = first_board.get_by_test_id("board-map")
        expect(board_map).to_have_attribute("data-ready", "true")
        expect(board_map).to_have_attribute("data-points", re.compile(r"^[1-9]"))
        all_points = int(board_map.get_attribute("data-points"))
        first_board.get_by_test_id("board-borough").select_option(label="Le Sud-Ouest")
        expect(board_map).not_to_have_attribute("data-points", str(all_points))
        for row in first_board.get_by_test_id("board-teams").locator("tr").all():
            expect(row).to_contain_text(re.compile("SO|Aucune"))
        first_board.get_by_test_id("board-borough").select_option(value="")
        # the board uses a dispatch screen's width
        width = first_board.evaluate("document.querySelector('[data-testid=board]').getBoundingClientRect().width")
        assert width > 1400, width

        mobile.goto(server.url + "/mobile")
        mobile.get_by_test_id("backup-button").click()
        expect(mobile.locator(".notice")).to_contain_text("chaque tableau de répartition est alerté")
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 390

        for board in (first_board, second_board):
            alert = board.get_by_test_id("board-alerts").locator(".backup-alert")
            expect(alert).to_have_count(1)
            expect(alert).to_contain_text("RENFORT demandé par")
            expect(board.locator("body")).to_have_class(re.compile("alarm"))
        results = Axe().run(first_board)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, results.generate_report()

        # muting keeps the alert on screen
        first_board.get_by_test_id("board-mute").click()
        expect(first_board.get_by_test_id("board-mute")).to_have_attribute("aria-pressed", "true")
        first_board.get_by_role("button", name="Je prends en charge").click()
        expect(first_board.locator(".notice")).to_contain_text("Renfort pris en charge")
        expect(first_board.get_by_test_id("board-alerts").locator(".backup-alert")).to_have_count(0)
        expect(second_board.get_by_test_id("board-alerts").locator(".backup-alert")).to_have_count(0)
        expect(second_board.locator("body")).not_to_have_class(re.compile("alarm"))
    finally:
        phone.close()
        office.close()
        second.close()
