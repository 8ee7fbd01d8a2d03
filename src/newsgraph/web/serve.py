"""`newsgraph serve`: run the web app on this machine only, unless told otherwise."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_command(db: Store | str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `db` (a Store, or a SQLite path or postgresql:// URL) read-only on http://host:port/ until
    interrupted.

    Binding to anything but loopback shares the archive with the network: no login guards it, so it is
    allowed but warned about, and then any Host header is accepted (the DNS-rebinding guard is for local use)."""
    import uvicorn

    from .app import LOOPBACK_HOSTS, create_app

    local = _is_loopback(host)
    if not local:
        log.warning("serving on %s: anyone who can reach this address can read the whole store (no login)", host)
    app = create_app(db, allowed_hosts=LOOPBACK_HOSTS if local else ["*"])
    shown = f"[{host}]" if ":" in host else host
    print(f"newsgraph: serving {app.state.site.reads.where} read-only at http://{shown}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
