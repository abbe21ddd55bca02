"""``newsweave serve``: the read-only web UI over a store."""

from __future__ import annotations

import click

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
    click.echo(f"Serving {path} read-only on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
