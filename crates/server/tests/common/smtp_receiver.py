"""A real SMTP server for the e-mail tests.

Usage: smtp_receiver.py PORT FOLDER. Accepts every message on 127.0.0.1:PORT, writes each to
FOLDER/N.eml as received, prints "ready" once listening, and stops when stdin closes.
"""

import itertools
import pathlib
import sys

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        partial = self.folder / f".{number}.tmp"
        partial.write_bytes(envelope.original_content)
        partial.rename(self.folder / f"{number}.eml")
        return "250 Message accepted"


port, folder = int(sys.argv[1]), pathlib.Path(sys.argv[2])
folder.mkdir(parents=True, exist_ok=True)
controller = Controller(Keep(folder), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
