"""Bounding what waitress buffers before the application sees a request (issue 11).

waitress reads a whole request body (to a temp file past 512 KiB) before a
worker thread runs the application, up to `max_request_body_size`. With that
at 256 MiB, four unauthenticated connections left 796 MiB of temp files. Here:

- `max_request_body_size` is a little above the contract's largest body
  (a 5 MiB attachment), so no body, chunked or not, buffers more than that;
- a request whose `Content-Length` is over the limit of its path (5 MiB for
  an attachment, 1 MiB of JSON plus what gzip may add, 64 KiB for a trainer
  page form) is refused when its headers arrive: its body is read and
  dropped, never stored, so that the client still reads the answer cleanly
  (a body past waitress's cap is not read: the connection closes after the
  answer);
- waitress's own error answers (413, 400, 431, 501) carry the contract's
  error shape, so a client reads `payload_too_large` and keeps the item
  instead of retrying a response it cannot parse.

The application applies the exact limits itself (`http_io.read_body`), also
to chunked bodies and after gzip decompression.

These hook into waitress's `HTTPChannel.parser_class` and
`error_task_class`, stable in waitress 3 (pinned `<4` in pyproject.toml).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.receiver import FixedStreamReceiver
from waitress.task import ErrorTask
from waitress.utilities import RequestEntityTooLarge

CODES = {400: "bad_request", 413: "payload_too_large", 431: "bad_request", 501: "bad_request"}
MESSAGES = {
    413: "Isi permintaan melebihi batas ukuran (JSON 1 MiB, lampiran 5 MiB).",
    431: "Header permintaan terlalu besar.",
    501: "Transfer-Encoding ini tidak didukung.",
}

BodyLimit = Callable[[str], int]


class _Dropped:
    """A body buffer that only counts: the refused body's bytes are read and let go."""

    def __init__(self) -> None:
        self.size = 0

    def append(self, data: bytes) -> None:
        self.size += len(data)

    def __len__(self) -> int:
        return self.size

    def getfile(self) -> BytesIO:
        return BytesIO()

    def close(self) -> None:
        pass


class ContractErrorTask(ErrorTask):
    """waitress's own error answers, in the contract's error shape."""

    def execute(self) -> None:
        error = self.request.error
        code = CODES.get(error.code, "bad_request" if error.code < 500 else "internal")
        message = MESSAGES.get(error.code, "Permintaan HTTP tidak dapat dibaca.")
        body = json.dumps({"error": {"code": code, "message": message}}).encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json; charset=utf-8"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


def bounded_channel(body_limit: BodyLimit) -> type[HTTPChannel]:
    """A waitress channel class refusing bodies over `body_limit(path)` as their headers arrive."""

    class BoundedParser(HTTPRequestParser):
        def parse_header(self, header_plus: bytes) -> None:
            super().parse_header(header_plus)
            if self.chunked or self.content_length <= body_limit(self.path):
                return
            self.error = RequestEntityTooLarge(f"{self.content_length} bytes for {self.path}")
            if self.expect_continue:
                # The client waits for our word before sending: no body will come.
                self.expect_continue = False
                self.completed = True
                return
            self.body_rcv = FixedStreamReceiver(self.content_length, _Dropped())

    class BoundedChannel(HTTPChannel):
        parser_class = BoundedParser
        error_task_class = ContractErrorTask

    return BoundedChannel
