"""A service that speaks sd_notify with nothing but Python's standard library."""
import os
import socket
import time


def notify(message):
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return  # not supervised by envy or systemd: nobody to tell
    if address.startswith("@"):
        address = "\0" + address[1:]  # Linux's abstract namespace
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.connect(address)
        s.sendall(message.encode())


notify("STATUS=loading its data")
time.sleep(0.5)
notify("READY=1\nSTATUS=serving")
print("api: ready", flush=True)
# RD-2: envy sets WATCHDOG_USEC when the service has a watchdog; ping at half that period, as systemd advises
usec = int(os.environ.get("WATCHDOG_USEC", "0"))
while True:
    if usec:
        time.sleep(usec / 2_000_000)
        notify("WATCHDOG=1")
    else:
        time.sleep(3600)
