"""HTTPS to the address that was checked: the name goes as Host and TLS SNI, and the
receiver's certificate must be the name's, though the connection goes to the checked IP."""

import socket
import ssl
import subprocess

import pytest
from standardwebhooks.webhooks import Webhook

from signon.webhooks import addresses
from tests.webhooks.helpers import add_endpoint, deliveries, running_receiver, send

NAME = "hooks.example.org"


def certificate(tmp_path, name: str) -> tuple[str, str]:
    """A self-signed certificate for `name`, made by openssl for this test."""
    cert, key = str(tmp_path / f"{name}.pem"), str(tmp_path / f"{name}.key")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
         "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def name_resolves_to_loopback(monkeypatch):
    """`hooks.example.org` answers 127.0.0.1 (the one lookup the worker makes)."""
    real = socket.getaddrinfo

    def lookup(host, port, *args, **kwargs):
        if host == NAME:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(addresses.socket, "getaddrinfo", lookup)


@pytest.fixture
def tls_receiver(app, tmp_path, name_resolves_to_loopback, request):
    cert, key = certificate(tmp_path, request.param)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, server_name, ctx: names.append(server_name)
    trusted, _ = certificate(tmp_path, NAME) if request.param != NAME else (cert, key)
    app.config["WEBHOOK_TLS_CA_FILE"] = trusted
    for receiver in running_receiver(app, tls=context):
        receiver.names = names
        yield receiver


@pytest.mark.parametrize("tls_receiver", [NAME], indirect=True)
def test_https_goes_to_the_checked_address_with_the_names_sni_and_host(
    app, runner, make_letter, confirmed, tls_receiver
):
    make_letter()
    secret = add_endpoint(runner, f"https://{NAME}:{tls_receiver.port}/hook")
    confirmed()
    assert "1 delivered" in send(runner)
    (got,) = tls_receiver.received
    assert tls_receiver.names == [NAME]
    assert got.headers["Host"] == f"{NAME}:{tls_receiver.port}"
    assert Webhook(secret).verify(got.body, got.headers)["type"] == "sign_on.confirmed"


@pytest.mark.parametrize("tls_receiver", ["impostor.example.net"], indirect=True)
def test_a_certificate_for_another_name_is_refused(
    app, runner, make_letter, confirmed, tls_receiver
):
    make_letter()
    add_endpoint(runner, f"https://{NAME}:{tls_receiver.port}/hook")
    confirmed()
    assert "0 delivered, 1 failed" in send(runner)
    assert tls_receiver.received == []
    (row,) = deliveries(app)
    assert row.status == "pending" and row.last_status_code is None and row.last_error
