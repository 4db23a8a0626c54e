"""Sending one signed webhook over HTTP(S) to the address that was checked (urllib3).

Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the endpoint's
secret (`whsec_<base64>`). 5 seconds for the whole exchange, redirects never followed (a
3xx is a failure: the redirect could point anywhere, loopback included).
"""

import base64
import functools
import hashlib
import hmac
import secrets
import ssl
from dataclasses import dataclass

import urllib3

from signon.webhooks.addresses import Target

# Receivers' answers are not read beyond this: a status code is all we keep.
MAX_ANSWER_BYTES = 64 * 1024


def new_secret() -> str:
    """A new endpoint secret, 32 random bytes, as Standard Webhooks writes them."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header's value for this body."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


@dataclass(frozen=True)
class Answer:
    """What came back: a status code, or None and why nothing did."""

    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        """A 2xx answer: delivered."""
        return self.status is not None and 200 <= self.status < 300


@functools.cache
def _tls_context(ca_file: str | None) -> ssl.SSLContext:
    # Loading the system's CA certificates takes ~0.1 s: once per process.
    return ssl.create_default_context(cafile=ca_file)


class Connections:
    """One connection pool per checked address and name, reused across a worker's pass."""

    def __init__(self, timeout: float, ca_file: str | None = None) -> None:
        self.timeout = urllib3.Timeout(total=timeout)
        self.ca_file = ca_file
        self.pools: dict[tuple[str, str, int, str], urllib3.HTTPConnectionPool] = {}

    def _pool(self, target: Target) -> urllib3.HTTPConnectionPool:
        key = (target.scheme, target.ip, target.port, target.host)
        pool = self.pools.get(key)
        if pool is None:
            common = {"timeout": self.timeout, "retries": False, "maxsize": 1}
            if target.scheme == "https":
                # Connect to the checked IP; present and verify the name (SNI, certificate).
                pool = urllib3.HTTPSConnectionPool(
                    target.ip,
                    target.port,
                    server_hostname=target.host,
                    assert_hostname=target.host,
                    ssl_context=_tls_context(self.ca_file),
                    **common,
                )
            else:
                pool = urllib3.HTTPConnectionPool(target.ip, target.port, **common)
            self.pools[key] = pool
        return pool

    def post(self, target: Target, body: bytes, headers: dict[str, str]) -> Answer:
        """POST the body; never follows a redirect, never raises for a network failure."""
        headers = {**headers, "Host": target.host_header}
        try:
            response = self._pool(target).urlopen(
                "POST",
                target.path,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
            )
        except urllib3.exceptions.HTTPError as exc:
            return Answer(None, _reason(exc))
        try:
            response.read(MAX_ANSWER_BYTES)
        except urllib3.exceptions.HTTPError:
            pass
        finally:
            response.release_conn()
        return Answer(response.status)

    def close(self) -> None:
        """Close every pooled connection."""
        for pool in self.pools.values():
            pool.close()
        self.pools.clear()


def _reason(exc: Exception) -> str:
    """A short reason for the delivery log (no answer body: it is the receiver's text)."""
    cause = exc
    while isinstance(cause, urllib3.exceptions.HTTPError) and cause.__context__ is not None:
        cause = cause.__context__
    if isinstance(exc, urllib3.exceptions.TimeoutError):
        return "timeout"
    return type(cause).__name__
