"""Enrolment of stations (docs/protocol.md, "Enrolment"): one-time codes the province mints,
each exchanged once, before it expires, for a station id, the agency code, a token of the
station's own and the province's public keys. Tokens are kept as SHA-256 hashes; a station's
token can be revoked. Tables live in the server's database (created if missing, so they need
no step of server.py's migrations).
"""

import base64
import hashlib
import os
import re

# Crockford's base32 without I, L, O, U: read aloud or typed from paper without doubt.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RE = re.compile(r"[0-9A-Z]{16}")           # fullmatch, once normalised
STATION_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")  # kiosk.conf's [station] id
REQUEST_RE = re.compile(r"[A-Za-z0-9-]{8,64}")   # the station's request id (a UUID)
DEFAULT_VALID_HOURS = 72

TABLES = (
    """CREATE TABLE IF NOT EXISTS enrol_codes (
           code_sha256 TEXT PRIMARY KEY, agency TEXT NOT NULL, station_id TEXT,
           created_epoch REAL NOT NULL, expires_epoch REAL NOT NULL,
           used_epoch REAL, used_by TEXT, used_request TEXT)""",
    """CREATE TABLE IF NOT EXISTS stations (
           station_id TEXT PRIMARY KEY, agency TEXT NOT NULL,
           token_sha256 TEXT NOT NULL UNIQUE, enrolled_epoch REAL NOT NULL,
           revoked_epoch REAL)""",
)


class EnrolError(Exception):
    """Why a code is not exchanged: (status, error code, message in vi — en)."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def ensure_tables(db):
    for statement in TABLES:
        db.execute(statement)


def normalise(code):
    """As typed: case, spaces and dashes do not matter; O reads 0, I and L read 1."""
    text = "".join(c for c in (code or "").upper() if c not in " -")
    return text.translate(str.maketrans("OIL", "011"))


def code_hash(code):
    return hashlib.sha256(normalise(code).encode("ascii", "replace")).hexdigest()


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def mint_code(db, agency, station_id, now, valid_hours=DEFAULT_VALID_HOURS):
    """A new code, shown once (only its hash is kept): XXXX-XXXX-XXXX-XXXX, 80 bits."""
    if station_id is not None and not STATION_RE.fullmatch(station_id):
        raise EnrolError(422, "invalid", "a station id is ASCII letters, digits, - and _")
    raw = int.from_bytes(os.urandom(10), "big")
    text = "".join(ALPHABET[(raw >> (5 * i)) & 31] for i in range(16))
    db.execute("INSERT INTO enrol_codes (code_sha256, agency, station_id, created_epoch, "
               "expires_epoch) VALUES (?, ?, ?, ?, ?)",
               (code_hash(text), agency, station_id, now, now + valid_hours * 3600))
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def _new_station_id(db, agency):
    """H49-0001, H49-0002, …: the agency's last level and a number not yet taken."""
    prefix = agency.rsplit(".", 1)[-1]
    n = db.execute("SELECT count(*) FROM stations WHERE agency = ?", (agency,)).fetchone()[0]
    while True:
        n += 1
        candidate = "%s-%04d" % (prefix, n)
        if db.execute("SELECT 1 FROM stations WHERE station_id = ?", (candidate,)).fetchone() is None:
            return candidate


def exchange(db, code, now, request_id=None):
    """Uses a code once: (station id, agency, token). Raises EnrolError. The caller holds the
    store's lock; the update is conditional, so a code is never used twice.

    `request_id` (the station's, kept until it has its answer): the same code sent again with
    the same request id before the code expires is the same station whose answer was lost on
    the way, not a second use: it gets its station id again with a new token (the one it never
    received stops working)."""
    if request_id is not None and not REQUEST_RE.fullmatch(request_id):
        request_id = None
    if not CODE_RE.fullmatch(normalise(code)):
        raise EnrolError(403, "invalid_code",
                         "Mã đăng ký không đúng. — The enrolment code is not valid.")
    digest = code_hash(code)
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute("SELECT agency, station_id, expires_epoch, used_epoch, used_by, "
                         "used_request FROM enrol_codes WHERE code_sha256 = ?", (digest,)).fetchone()
        if row is None:
            raise EnrolError(403, "invalid_code",
                             "Mã đăng ký không đúng. — The enrolment code is not valid.")
        agency, station_id, expires, used, used_by, used_request = row
        replay = (used is not None and request_id is not None and used_request == request_id
                  and now < expires)
        if replay:
            station_id = used_by
        elif used is not None:
            raise EnrolError(410, "code_used", "Mã đăng ký này đã được dùng. — This enrolment "
                             "code has already been used.")
        if now >= expires:
            raise EnrolError(410, "code_expired", "Mã đăng ký này đã hết hạn. — This enrolment "
                             "code has expired.")
        station_id = station_id or _new_station_id(db, agency)
        token = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
        # A station enrolled again (a new machine at the same desk) gets a new token; the old
        # one stops working.
        db.execute("INSERT OR REPLACE INTO stations (station_id, agency, token_sha256, "
                   "enrolled_epoch, revoked_epoch) VALUES (?, ?, ?, ?, NULL)",
                   (station_id, agency, token_hash(token), now))
        if not replay:
            db.execute("UPDATE enrol_codes SET used_epoch = ?, used_by = ?, used_request = ? "
                       "WHERE code_sha256 = ?", (now, station_id, request_id, digest))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return station_id, agency, token


def token_station(db, token):
    """The station a token belongs to, or None (unknown or revoked)."""
    row = db.execute("SELECT station_id FROM stations WHERE token_sha256 = ? AND "
                     "revoked_epoch IS NULL", (token_hash(token),)).fetchone()
    return row[0] if row else None


def revoke(db, station_id, now):
    """True when the station had a live token."""
    cur = db.execute("UPDATE stations SET revoked_epoch = ? WHERE station_id = ? AND "
                     "revoked_epoch IS NULL", (now, station_id))
    return cur.rowcount > 0
