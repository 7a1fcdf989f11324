"""TLS verification is always on: a self-signed local HTTPS server is refused as a transient TLS failure."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import ApiClient
from sync.errors import Transient, TransientKind
from sync.probe import probe


class PingHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        body = json.dumps(
            {"service": "lapor-api", "api_version": "1.0", "server_time": "2026-11-29T05:42:50Z"}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "cert.pem"
    key_path = directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert_path, key_path = self_signed(tmp_path)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), PingHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/api", cert_path
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_self_signed_server_is_refused(https_server: tuple[str, Path]) -> None:
    url, _ = https_server
    with ApiClient(url, "token", connect_timeout=3.0, read_timeout=3.0) as api:
        assert api.session.verify is True
        with pytest.raises(Transient) as caught:
            api.ping()
        assert caught.value.kind is TransientKind.TLS
        result = probe(api)
    assert result.online is False and "Sertifikat" in result.reason


def test_a_session_with_verify_off_cannot_switch_it_off(https_server: tuple[str, Path]) -> None:
    url, _ = https_server
    careless = requests.Session()
    careless.verify = False
    with ApiClient(url, "token", session=careless, connect_timeout=3.0, read_timeout=3.0) as api:
        assert api.session.verify is not False
        with pytest.raises(Transient) as caught:
            api.ping()
    assert caught.value.kind is TransientKind.TLS
    careless.close()


def test_a_trusted_ca_bundle_is_accepted(https_server: tuple[str, Path]) -> None:
    # The positive case proves the refusal above is certificate checking, not a broken server.
    url, cert_path = https_server
    with ApiClient(url, "token", ca_bundle=str(cert_path), connect_timeout=3.0, read_timeout=3.0) as api:
        assert api.ping().service == "lapor-api"
