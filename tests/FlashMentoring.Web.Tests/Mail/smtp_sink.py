"""A real SMTP server for the tests: aiosmtpd on loopback, each message received written to a folder.

Usage: /usr/bin/python3 smtp_sink.py PORT FOLDER [REFUSE]
Each message becomes one .eml file (an X-Sink-Rcpt-To header with the envelope recipients, then the raw message),
written under a temporary name and renamed, so a reader never sees half a file. A recipient whose address contains
REFUSE is refused with 550. Prints "ready" once the port accepts; exits cleanly on SIGTERM.
"""
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and self.refuse in address.lower():
            return "550 5.1.1 No mailbox by that name here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = "%d-%s" % (len(os.listdir(self.folder)), uuid.uuid4().hex)
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(b"X-Sink-Rcpt-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content or envelope.content)
        os.replace(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    refuse = sys.argv[3].lower() if len(sys.argv) > 3 else ""
    os.makedirs(folder, exist_ok=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    controller = Controller(Sink(folder, refuse), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
