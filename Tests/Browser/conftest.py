"""Starts a real `relais serve --demo` for the browser tests, on a free loopback port with a fresh data folder."""
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("RELAIS_BIN", ROOT / ".build" / "debug" / "relais"))
CHROMIUM = os.environ.get("RELAIS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / ".build" / "browser-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps every message Relais sends, for the server's lifetime."""

    def __init__(self):
        self.messages = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.original_content))
        return "250 2.0.0 OK"

    def wait_for(self, recipient, count=1, timeout=20):
        """The messages to `recipient` (parsed), once there are at least `count`."""
        import email
        from email import policy
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [email.message_from_bytes(raw, policy=policy.default)
                     for rcpt, raw in list(self.messages) if recipient in rcpt]
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"no e-mail to {recipient} within {timeout} s ({len(self.messages)} in all)")


class RelaisServer:
    """A running Relais process, the demo accounts it printed, and the mailbox its e-mail goes to."""

    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.data = tempfile.mkdtemp(prefix="relais-browser-")
        self.log_path = Path(self.data) / "server.log"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["RELAIS_DATA_DIR"] = self.data
        env["RELAIS_SMTP_URL"] = f"smtp://127.0.0.1:{self.mailbox.port}"
        env["RELAIS_PUBLIC_URL"] = f"http://127.0.0.1:{self.port}"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(BINARY), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.accounts = {}
        deadline = time.time() + 60
        while time.time() < deadline:
            text = self.log_path.read_text()
            if "Server started" in text:
                for role, email, password in re.findall(r"^\s+(\w+)\s+(\S+@demo\.relais\.example)\s+(\S+)$", text, re.M):
                    self.accounts[role] = (email, password)
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError("relais did not start:\n" + self.log_path.read_text())

    def command(self, *arguments: str) -> str:
        """Runs a `relais` command on this server's data folder and returns its last line of output."""
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["RELAIS_DATA_DIR"] = self.data
        result = subprocess.run([str(BINARY), *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        return result.stdout.strip().splitlines()[-1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        """Sends SIGTERM and returns the exit code (graceful shutdown must exit 0 quickly)."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        finally:
            self.log.close()
            self.mailbox.controller.stop()


@pytest.fixture(scope="session")
def server():
    relais = RelaisServer()
    yield relais
    if relais.process.poll() is None:
        relais.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def pytest_collection_modifyitems(items):
    """The graceful-shutdown test stops the shared server: it runs last, whatever the files' order."""
    items.sort(key=lambda item: item.name == "test_graceful_shutdown_on_sigterm")
