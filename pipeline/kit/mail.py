"""A message as an .eml file (RFC 5322 / MIME) that a mail client opens as a draft to send.

Python's `email` package writes it: the subject encoded per RFC 2047, the body as UTF-8 plain text in
quoted-printable (7-bit safe, so no gateway or client mangles å, ä, ö), CRLF line ends. No addresses are invented:
there is no From (the client fills in the sender's own account) and no To (the facilitator adds the participants);
RFC 5322 allows neither a name without an address nor an empty To, so both are left out. `X-Unsent: 1` makes
Outlook open the file as an unsent draft. There is no Date or Message-ID either: the client sets them when the
message is sent, and the file stays the same for the same input."""
from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from pipeline.kit.texts import Message


def eml(message: Message, language: str) -> bytes:
    """MESSAGE as .eml bytes; LANGUAGE is the Content-Language tag (e.g. fi-FI)."""
    mail = EmailMessage(policy=SMTP)
    mail["Subject"] = message.subject
    mail["X-Unsent"] = "1"
    mail.set_content(message.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    mail["Content-Language"] = language          # after set_content, which clears the Content-* headers
    return mail.as_bytes()
