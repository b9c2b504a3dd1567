"""`facilitator present --web`: the room view in a browser, for a projector driven by one.

textual-serve runs `facilitator present` afresh for each browser window that connects and
carries its screen over a websocket, so the browser shows exactly the terminal room view:
the engine's room-safe picture, nothing more. It listens on loopback unless told otherwise.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from pathlib import Path

from facilitator.errors import UserError
from facilitator.i18n import gettext


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may well reach past this computer


def room_command(root: Path, run_id: str | None, high_contrast: bool) -> str:
    """The command each browser window runs: this Python, this workspace, the same room view."""
    args = [sys.executable, "-m", "facilitator", "--workspace", str(root.resolve()), "present"]
    return shlex.join(args + ([run_id] if run_id else []) + (["--high-contrast"] if high_contrast else []))


DEFAULT_FONT_SIZE = 24  # textual-serve's 16 px is small print from the back of a room


def serve(root: Path, run_id: str | None, *, host: str, port: int, high_contrast: bool = False,
          font_size: int = DEFAULT_FONT_SIZE) -> None:
    """Serve the room view until Ctrl+C (or SIGTERM)."""
    from textual_serve.server import Server

    class RoomServer(Server):
        async def handle_index(self, request):
            # textual-serve sizes the page's terminal from ?fontsize= (16 without it): ours unless the
            # address names its own, so one browser can still be made larger than the rest
            if "fontsize" not in request.query:
                request = request.clone(rel_url=request.rel_url.update_query(fontsize=str(font_size)))
            return await super().handle_index(request)

        async def on_startup(self, app) -> None:  # one line, not textual-serve's banner
            where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
            print(gettext("room view in a browser: %(address)s (Ctrl+C stops it)") % {"address": where}, flush=True)

    _check_free(host, port)  # said before anything else is printed, in one line
    server = RoomServer(room_command(root, run_id, high_contrast), host=host, port=port,
                        title="facilitator · room view")
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this computer's
        raise UserError(_cannot_listen(host, port, exc))


def _cannot_listen(host: str, port: int, exc: OSError) -> str:
    return gettext("cannot listen on %(address)s (%(why)s); choose another with --port") % {
        "address": f"{host}:{port}", "why": exc.strerror or exc}


def _check_free(host: str, port: int) -> None:
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
            probe.bind((host.strip("[]"), port))
    except OSError as exc:
        raise UserError(_cannot_listen(host, port, exc))
