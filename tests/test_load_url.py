"""Loading from http(s) URLs against a real local server (no network access needed)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hpig_audit.errors import LoadError
from hpig_audit.load import load_document
from tests import docgen

BLOCKS: docgen.Blocks = [("h1", "Strategy"), ("p", "Children come first in everything we do."), ("li", "Family hubs")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    files = {
        "/strategy.html": (docgen.write_html(folder / "s.html", BLOCKS, title="Web strategy").read_bytes(), "text/html; charset=utf-8"),
        "/download": (docgen.write_pdf(folder / "s.pdf", BLOCKS).read_bytes(), "application/octet-stream"),
        "/plain": ("Strategy\n\nChildren come first in everything we do and always will.\n".encode(), "text/plain"),
        "/legacy": (
            "<html><body><p>\u201cBest start\u201d \u2013 for every child.</p></body></html>".encode("cp1252"),
            "text/html; charset=windows-1252",
        ),
    }
    seen_agents: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            seen_agents.append(self.headers.get("User-Agent", ""))
            if self.path not in files:
                self.send_error(404, "Not Found")
                return
            body, content_type = files[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert all(agent.startswith("hpig-audit/") for agent in seen_agents)


def test_html_page(server: str) -> None:
    url = f"{server}/strategy.html"
    doc = load_document(url, timeout=5)
    assert doc.source == url and doc.type == "html" and doc.title == "Web strategy"
    assert [b.text for b in doc.blocks] == ["Strategy", "Children come first in everything we do.", "Family hubs"]


def test_pdf_without_extension_or_pdf_content_type(server: str) -> None:
    doc = load_document(f"{server}/download", timeout=5)
    assert doc.type == "pdf" and doc.pages == 1
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "list_item"]


def test_plain_text_by_content_type(server: str) -> None:
    doc = load_document(f"{server}/plain", timeout=5)
    assert doc.type == "text" and doc.blocks[0].kind == "heading"


def test_http_404(server: str) -> None:
    with pytest.raises(LoadError) as info:
        load_document(f"{server}/missing.pdf", timeout=5)
    assert info.value.reason == "HTTP error 404 Not Found"


def test_connection_refused() -> None:
    with socket.socket() as probe:  # find a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LoadError) as info:
        load_document(f"http://127.0.0.1:{port}/strategy.pdf", timeout=5)
    assert info.value.reason == "connection refused"


def test_charset_from_content_type(server: str) -> None:
    doc = load_document(f"{server}/legacy", timeout=5)
    assert doc.blocks[0].text == "\u201cBest start\u201d \u2013 for every child."


def test_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never responds
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/strategy.pdf"
        with pytest.raises(LoadError) as info:
            load_document(url, timeout=0.3)
    assert info.value.reason == "timed out after 0.3 s"
