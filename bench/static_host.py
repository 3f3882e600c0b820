"""The built site served on 127.0.0.1 the way a static host serves it: text files gzipped
when the browser accepts it (GitHub Pages, Netlify and nginx with gzip on all do this), so
benchmarks see the bytes a reader's browser would receive."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real static host offers.
    protocol_version = "HTTP/1.1"
    _cache: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self._cache.get(path)
            if body is None:
                body = self._cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    """A file-like object over bytes, as SimpleHTTPRequestHandler.copyfile expects."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve(site: Path = SITE):
    """Serve `site` on a free port; yields the base URL."""
    if not (site / "intro.html").exists():
        raise SystemExit(f"No built site in {site}: run `make book` first.")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
