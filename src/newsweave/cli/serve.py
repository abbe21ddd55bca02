"""``newsweave serve``: the read-only web UI over a store."""

from __future__ import annotations

import socket

import click

from newsweave.errors import NewsweaveError

__all__ = ["serve"]


@click.command()
@click.option(
    "--db",
    type=str,
    default=None,
    help="SQLite store to serve, read-only (default: your data directory).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the stories, search, story and article pages of a store (read-only), each
    with a JSON twin at the same path plus .json; Ctrl-C stops."""
    import uvicorn

    from newsweave.config import load_settings
    from newsweave.store import default_db_path
    from newsweave.webui import create_app

    path = load_settings(overrides={"db": db}).db or str(default_db_path())
    app = create_app(path)
    sock = _bound(host, port)
    where = sock.getsockname()
    shown = f"[{where[0]}]" if sock.family == socket.AF_INET6 else where[0]
    click.echo(f"Serving {path} read-only on http://{shown}:{where[1]}/ (Ctrl-C stops)", err=True)
    config = uvicorn.Config(app, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])


def _bound(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (port 0: a free one), so that a taken port or an
    unknown host is a one-line error before anything is announced.

    Raises:
        NewsweaveError: the address cannot be used (the message names the fix).
    """
    sock = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as error:
        if sock is not None:
            sock.close()
        raise NewsweaveError(
            f"cannot listen on {host}:{port}: {error.strerror or error} (choose another "
            "--port, or a --host this machine has, such as 127.0.0.1)"
        ) from None
    return sock
