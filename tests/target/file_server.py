"""A tiny local HTTP server that serves CV files and misbehaves on request (for data_url tests)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/cv.pdf": (200, {"Content-Type": "application/pdf"}, PDF),
    "/cv-generic.pdf": (200, {"Content-Type": "application/octet-stream"}, PDF),
    "/page.html": (200, {"Content-Type": "text/html"}, b"<html></html>"),
    "/fake.pdf": (200, {"Content-Type": "application/pdf"}, b"MZ\x90\x00 not a pdf"),
    "/missing.pdf": (404, {"Content-Type": "text/plain"}, b"nope"),
    "/broken": (503, {"Content-Type": "text/plain"}, b"down"),
    "/to-loopback": (302, {"Location": "http://127.0.0.1:{port}/cv.pdf"}, b""),
    "/to-local-name": (302, {"Location": "http://localhost:{port}/cv.pdf"}, b""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/huge":  # chunked, no Content-Length: the cap must apply while reading
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"%PDF" + b"0" * 65532
            for _ in range(40):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            return
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        port = str(self.server.server_address[1])
        for name, value in headers.items():
            self.send_header(name, value.replace("{port}", port))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


class FileServer:
    """A running server: ``url(path)`` and the paths it was asked for."""

    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.paths = []  # type: ignore[attr-defined]
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    @property
    def paths(self) -> list[str]:
        return list(self.httpd.paths)  # type: ignore[attr-defined]
