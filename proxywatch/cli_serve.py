"""The ``serve`` command: the web dashboard and HTTP API over a store (``proxywatch/serve/web``).

FastAPI and uvicorn are imported inside the command, so other commands never load them.
"""

from __future__ import annotations

import ipaddress
import socket
import stat
from pathlib import Path
from typing import Optional

import typer

from proxywatch.clikit import ConfigOpt, DbOpt, KbOpt, app, err, guard, open_existing, settings_from
from proxywatch.errors import ProxywatchError

__all__ = ["serve", "read_token"]

MIN_TOKEN = 16


def read_token(path: Path) -> str:
    """The bearer token in ``path`` (first line); refused when missing, empty or shorter than 16 characters."""
    if not path.is_file():
        raise ProxywatchError(f"{path}: no such file (--token-file)")
    try:
        token = path.read_text(encoding="utf-8").strip().splitlines()[0].strip() if path.stat().st_size else ""
    except (OSError, UnicodeDecodeError, IndexError) as exc:
        raise ProxywatchError(f"{path}: cannot read the token ({exc})") from None
    if len(token) < MIN_TOKEN:
        raise ProxywatchError(f"{path}: the token must be at least {MIN_TOKEN} characters "
                              "(e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`)")
    if path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
        err.print(f"warning: {path} can be read by other users; `chmod 600 {path}`", markup=False)
    return token


def _check_port(host: str, port: int) -> None:
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise ProxywatchError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@app.command()
def serve(
    db: Optional[str] = DbOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (default: this machine only)"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="port to listen on"),
    allow_ingest: bool = typer.Option(False, "--allow-ingest",
                                      help="open the store for writing and accept POST /api/v1/articles from "
                                           "clients that send the token of --token-file"),
    token_file: Optional[Path] = typer.Option(None, "--token-file", help="file holding the bearer token "
                                              "(with --allow-ingest)"),
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Serve the web dashboard and the HTTP API (/api/v1, docs at /api/docs) over a store, read-only by default."""
    with guard():
        settings = settings_from(config, db=db)
        token = None
        if allow_ingest:
            if token_file is None:
                raise ProxywatchError("--allow-ingest needs --token-file FILE: clients must send that token")
            token = read_token(token_file)
        elif token_file is not None:
            raise ProxywatchError("--token-file is used only with --allow-ingest")
        _check_port(host, port)
        store = open_existing(settings.db)
        if allow_ingest:  # reopen for writing (open_existing checked that it exists and is a proxywatch store)
            from proxywatch.store import Store

            store.close()
            store = Store(settings.db)
        import uvicorn

        from proxywatch.serve.web.app import ServeConfig, create_app

        web = create_app(store, ServeConfig(settings=settings, kb_files=tuple(kb or ()), allow_ingest=allow_ingest,
                                            token=token))
        shown = f"[{host}]" if ":" in host else host
        err.print(f"proxywatch serve: open http://{shown}:{port}/ (API docs at /api/docs); store {settings.db}, "
                  f"{'writable: POST /api/v1/articles with the token' if allow_ingest else 'read-only'}; "
                  "Ctrl-C stops", markup=False)
        if not _is_loopback(host):
            err.print(f"warning: listening on {host}: other machines can read this store", markup=False)
        try:
            uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
        finally:
            store.close()
