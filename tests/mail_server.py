"""A real SMTP server for the test session (aiosmtpd): messages travel over a socket, as they
would to LOTI's mail relay, and arrive parsed for the tests to read."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd's handler: keeps every message it accepts, whole."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    # As a real server refuses an unknown mailbox: at RCPT, with 550.
    REFUSED_DOMAIN = "@refused.example.org"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(self.REFUSED_DOMAIN):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append(Delivery(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def clear(self):
        with self.lock:
            self.messages.clear()


class Delivery:
    def __init__(self, sender, recipients, message):
        self.sender, self.recipients, self.message = sender, recipients, message

    @property
    def subject(self):
        return self.message["Subject"]

    @property
    def text(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self):
        return self.message.get_body(preferencelist=("html",)).get_content()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()
