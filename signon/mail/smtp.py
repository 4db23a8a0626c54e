"""One kept-open SMTP connection per batch, the headers of each email, and what failed how."""

import base64
import logging
import re
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from email.header import Header
from email.utils import format_datetime, formataddr, parseaddr
from functools import lru_cache
from urllib.parse import urlsplit

from flask import current_app

from signon.mail.models import OutboxMessage
from signon.storage.database import utcnow

log = logging.getLogger(__name__)

CRLF = "\r\n"


class TemporaryFailure(Exception):
    """Try again later: the server is down, busy (4xx), or the connection broke."""


class PermanentFailure(Exception):
    """The server refused this message for good (5xx): retrying would not help."""


@dataclass(frozen=True)
class Extra:
    """Headers that depend on more than the message row."""

    list_unsubscribe: str | None = None


def service_domain() -> str:
    """The domain of the service's own Message-IDs: BASE_URL's host, else the sender's."""
    base = current_app.config.get("BASE_URL")
    host = urlsplit(base).hostname if base else None
    if not host:
        host = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2]
    return host or "localhost"


def _header(name: str, value: str) -> str:
    """One header line: as it is when plain ASCII (up to SMTP's 998 characters, so that
    List-Unsubscribe's long URL stays on its line), else RFC 2047 encoded words."""
    if value.isascii() and "\r" not in value and "\n" not in value and len(name) + len(value) < 996:
        return f"{name}: {value}\r\n"
    return f"{name}: {Header(value, 'utf-8', header_name=name).encode(linesep=CRLF)}\r\n"


def _body(kind: str, text: str) -> bytes:
    """A text part's own headers and its base64 body (76-character lines, as email.mime)."""
    encoded = base64.encodebytes(text.encode("utf-8")).replace(b"\n", b"\r\n")
    head = f'Content-Type: text/{kind}; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n'
    return head.encode("ascii") + b"\r\n" + encoded


@lru_cache(maxsize=256)
def _from_header(sender: str, name: str | None = None) -> str:
    # Parsing an address costs as much as the rest of the headers: once per setting and name.
    default_name, address = parseaddr(sender)
    return formataddr((name or default_name, address), charset="utf-8")


def _path(address: str) -> str:
    """`<address>` for MAIL FROM and RCPT TO; smtplib's parsing only for an unusual one."""
    return f"<{address}>" if _PLAIN_ADDRESS.fullmatch(address) else smtplib.quoteaddr(address)


_PLAIN_ADDRESS = re.compile(r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+")


def _sendable(address: str) -> bool:
    """Whether a recipient is one plain ASCII address of at most 254 characters, as every form
    accepts them: anything else (letters beyond ASCII, a newline, a NUL, a second address
    smtplib's parsing would pick out of it) must not reach RCPT TO."""
    return (
        len(address) <= 254
        and address.isascii()
        and address.isprintable()
        and _PLAIN_ADDRESS.fullmatch(address) is not None
    )


def build(message: OutboxMessage, extra: Extra, domain: str) -> bytes:
    """The email as it goes out (CRLF line ends), with the headers a careful sender sets.

    Written directly: the `email` package's classes and generator (even compat32, faster
    than `EmailMessage`) cost a fifth of a sender's time per email for this fixed shape,
    a text part and an HTML part in base64.
    """
    headers = [
        # A letter's emails come from its sender by name; the address stays the service's own.
        ("From", _from_header(current_app.config["MAIL_DEFAULT_SENDER"], message.from_name)),
        ("To", message.recipient),
        ("Subject", message.subject),
        ("Date", format_datetime(utcnow())),
        # The same id for every attempt: a receiver that got it twice (after a crash) sees one.
        ("Message-ID", f"<outbox.{message.id}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"),
        ("Auto-Submitted", "auto-generated"),
    ]
    if message.reply_to:
        headers.append(("Reply-To", message.reply_to))
    if extra.list_unsubscribe:
        headers.append(("List-Unsubscribe", f"<{extra.list_unsubscribe}>"))
        headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    head = "".join(_header(name, value) for name, value in headers) + "MIME-Version: 1.0\r\n"
    text = _body("plain", message.body_text or "")
    if not message.body_html:
        return head.encode("ascii") + text
    boundary = f"=_signon_{secrets.token_hex(16)}".encode("ascii")
    head += f'Content-Type: multipart/alternative; boundary="{boundary.decode()}"\r\n\r\n'
    html = _body("html", message.body_html)
    parts = b"--" + boundary + b"\r\n" + text + b"--" + boundary + b"\r\n" + html
    return head.encode("ascii") + parts + b"--" + boundary + b"--\r\n"


class Connection:
    """An SMTP session kept open across a batch, reconnected once when it breaks."""

    def __init__(self) -> None:
        cfg = current_app.config
        self.cfg = cfg
        self.envelope_from = parseaddr(cfg["MAIL_DEFAULT_SENDER"])[1]
        self.smtp: smtplib.SMTP | None = None
        # The last attempt to connect failed: the rest of a batch need not try again.
        self.unreachable = False

    def _tls(self) -> ssl.SSLContext:
        """A verifying TLS context (loading the CA store takes a while: only when used)."""
        return ssl.create_default_context(cafile=self.cfg.get("MAIL_TLS_CA_FILE") or None)

    def _open(self) -> smtplib.SMTP:
        cfg = self.cfg
        host, port, timeout = cfg["MAIL_SERVER"], cfg["MAIL_PORT"], cfg["MAIL_TIMEOUT"]
        try:
            if cfg["MAIL_USE_SSL"]:
                smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=self._tls())
            else:
                smtp = smtplib.SMTP(host, port, timeout=timeout)
                if cfg["MAIL_USE_TLS"]:
                    smtp.starttls(context=self._tls())
            if cfg["MAIL_USERNAME"]:
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        except (OSError, smtplib.SMTPException) as exc:
            self.unreachable = True
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
        self.unreachable = False
        return smtp

    def send(self, email: bytes, recipient: str) -> None:
        """Hand one email to the server; raises TemporaryFailure or PermanentFailure.

        A connection that breaks before the message's data was sent is opened again and the
        message tried once more; one that breaks after may have delivered it, so that message
        waits for its retry like any temporary failure.
        """
        if not _sendable(recipient):
            raise PermanentFailure("not an address mail can be sent to")
        data, to = email, recipient
        reused = self.smtp is not None
        try:
            self._envelope(to)
        except smtplib.SMTPResponseException as exc:  # e.g. HELO refused: this message waits
            self.close()
            raise TemporaryFailure(f"{exc.smtp_code} {exc.smtp_error!r}"[:500]) from exc
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.close()
            if not reused:
                raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
            log.info("SMTP connection lost (%s); reconnecting", type(exc).__name__)
            try:
                self._envelope(to)
            except (OSError, smtplib.SMTPServerDisconnected) as again:
                self.close()
                raise TemporaryFailure(f"{type(again).__name__}: {again}") from again
        try:
            code, reply = self.smtp.data(data)
        except smtplib.SMTPDataError as exc:
            self._reset()
            raise _refused(exc.smtp_code, exc.smtp_error) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
        if code != 250:
            self._reset()
            raise _refused(code, reply)

    def _envelope(self, to: str) -> None:
        """MAIL FROM and RCPT TO, on a connection opened when there is none."""
        if self.smtp is None:
            self.smtp = self._open()
        smtp = self.smtp
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.docmd("mail", f"FROM:{_path(self.envelope_from)}")
        if code != 250:
            self._reset()
            # Our own address refused: the configuration's fault, never the recipient's.
            raise TemporaryFailure(f"sender refused: {code} {reply!r}"[:500])
        try:
            code, reply = smtp.docmd("rcpt", f"TO:{_path(to)}")
        except (UnicodeError, ValueError) as exc:
            # An address SMTP cannot carry (letters beyond ASCII, a newline): nothing of it
            # was written, so the session goes on after RSET; this message never can.
            self._reset()
            raise PermanentFailure(f"cannot address this recipient: {type(exc).__name__}") from exc
        if code not in (250, 251):
            self._reset()
            raise _refused(code, reply)

    def _reset(self) -> None:
        try:
            self.smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        """End the session (quietly: the server may be gone already)."""
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


def _refused(code: int, reply: bytes | str) -> Exception:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    reason = f"{code} {text}".strip()[:500]
    return PermanentFailure(reason) if 500 <= code < 600 else TemporaryFailure(reason)
