#!/usr/bin/env python3
"""A real SMTP server on loopback for Relais's tests (aiosmtpd, from PyPI): it accepts every message and writes each
to FOLDER as N.eml (whole, as received), and answers 451 (try again later) to the first --refuse messages.
Prints "ready PORT" once it listens; stops on SIGTERM or SIGINT.
    python3 Tests/Support/smtp_sink.py FOLDER [--port 0] [--refuse 0]"""
import argparse
import pathlib
import signal
import socket

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse):
        self.folder = pathlib.Path(folder)
        self.refuse = refuse
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Try again later (test)"
        self.count += 1
        name = self.folder / f"{self.count:04d}.eml"
        header = f"X-Envelope-From: {envelope.mail_from}\r\nX-Envelope-To: {','.join(envelope.rcpt_tos)}\r\n"
        name.write_bytes(header.encode() + envelope.original_content)
        return "250 2.0.0 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse", type=int, default=0)
    arguments = parser.parse_args()
    pathlib.Path(arguments.folder).mkdir(parents=True, exist_ok=True)
    port = arguments.port or free_port()
    controller = Controller(Sink(arguments.folder, arguments.refuse), hostname="127.0.0.1", port=port)
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])  # every thread: sigwait takes them
    controller.start()
    print(f"ready {port}", flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    controller.stop()


if __name__ == "__main__":
    main()
