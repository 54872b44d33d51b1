"""A real SMTP server for the tests: aiosmtpd on loopback, each message received written to a folder.

Usage: /usr/bin/python3 smtp_sink.py PORT FOLDER [REFUSE [TAKE]]
Each message becomes one .eml file (an X-Sink-Rcpt-To header with the envelope recipients, then the raw message),
written under a temporary name and renamed, so a reader never sees half a file. A recipient whose address contains
REFUSE ("" for none) is refused with 550. With TAKE, the server takes that many messages and then, as a relay going
down for maintenance, answers every further message's MAIL FROM with 421 and closes the connection (RFC 5321, 3.8).
Prints "ready" once the port accepts; exits cleanly on SIGTERM.
"""
import asyncio
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse, take):
        self.folder = folder
        self.refuse = refuse
        self.take = take
        self.taken = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.take is not None and self.taken >= self.take:
            # Closed once the 421 is written: the reply goes out first, then the connection ends.
            asyncio.get_running_loop().call_soon(server.transport.close)
            return "421 4.3.2 Closing for maintenance, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

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
        self.taken += 1
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    refuse = sys.argv[3].lower() if len(sys.argv) > 3 else ""
    take = int(sys.argv[4]) if len(sys.argv) > 4 else None
    os.makedirs(folder, exist_ok=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    controller = Controller(Sink(folder, refuse, take), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
