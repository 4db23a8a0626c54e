"""Where a webhook may go: resolve the name, refuse what is not a public address, pin it.

A URL an organiser gives could point inside our network (the database, the cloud's metadata
service at 169.254.169.254 or fd00:ec2::254, a loopback admin port). So the host is resolved
once, every address it has is checked (any private one refuses it: a name that mixes public
and private answers is a trick), and the connection goes to the address that was checked,
never to a second lookup that could answer differently (DNS rebinding). The HTTP library
(urllib3) connects to that IP while sending the name as `Host` and as TLS SNI, and verifies
the certificate against the name.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask_babel import gettext


class Refused(ValueError):
    """The URL may not receive webhooks; the message says why, for the organiser."""


@dataclass(frozen=True)
class Target:
    """A checked URL: the name to present, the address to connect to, and the path."""

    scheme: str
    host: str
    port: int
    ip: str
    path: str

    @property
    def host_header(self) -> str:
        """The `Host` header: the name, with the port when it is not the scheme's."""
        default = 443 if self.scheme == "https" else 80
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"


def check_url(url: str, *, allow_http: bool) -> tuple[str, str, int, str]:
    """The URL's scheme, host, port and path; Refused when it is not one we send to."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise Refused(gettext("This is not a web address.")) from None
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes:
        raise Refused(gettext("The address must start with https://."))
    if not parts.hostname:
        raise Refused(gettext("This is not a web address."))
    if parts.username or parts.password:
        raise Refused(gettext("The address may not carry a user name or password."))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def is_public(ip: str) -> bool:
    """Whether an address is one anyone on the internet reaches (not loopback, private,
    link-local, reserved, multicast, shared or a metadata service's)."""
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(url: str, *, allow_private: bool) -> Target:
    """Check the URL and resolve its host; Refused unless every address is public."""
    scheme, host, port, path = check_url(url, allow_http=allow_private)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused(gettext("The name %(host)s could not be found.", host=host)) from None
    ips = [str(info[4][0]) for info in found]
    if not ips:
        raise Refused(gettext("The name %(host)s could not be found.", host=host))
    if not allow_private and not all(is_public(ip) for ip in ips):
        raise Refused(
            gettext(
                "%(host)s leads to a private or local address: webhooks go only to public "
                "addresses.",
                host=host,
            )
        )
    return Target(scheme, host, port, ips[0], path)
