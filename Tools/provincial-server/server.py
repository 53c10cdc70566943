#!/usr/bin/env python3
"""Reference provincial server for the Một Cửa kiosk.

The executable form of docs/protocol.md (kiosk <-> provincial server).
Python 3 standard library only.

    python3 Tools/provincial-server/server.py --port 8088 --data DIR --token-file FILE

See README.md beside this file for the flags (fault injection included).
"""

import argparse
import base64
import ctypes
import ctypes.util
import datetime as _dt
import hashlib
import hmac
import ipaddress
import json
import os
import random
import re
import socket
import sqlite3
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import bundles      # signed form bundles (beside this file)
import uploads      # resumable document uploads, kept on disk
import enrolment    # one-time enrolment codes, station tokens

SERVER_NAME = "provincial-server"
PROTOCOL_VERSION = "1"

# Asia/Ho_Chi_Minh has had no DST since 1975: a fixed +07:00 offset is exact.
VN_TZ = _dt.timezone(_dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")

AGENCY_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TIME_RE = re.compile(r"^\d{14}$")
DOSSIER_CODE_RE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}",
                             re.ASCII)                 # use with fullmatch
DIGITS_RE = re.compile(r"[0-9]+")            # use with fullmatch
SEMANTIC_KEY_RE = re.compile(r"[a-z_]+\.[a-z_]+")   # role.attribute; use with fullmatch
# A national procedure code, optionally with a local variant's agency code (fullmatch).
PROCEDURE_CODE_RE = re.compile(r"\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?")

# Who may open a dossier with GET /api/v1/dossiers/{code}?verify=… (docs/protocol.md):
# the envelope's MaDoiTuong and SoDienThoai, and these answers by semantic key.
VERIFY_ID_KEYS = ("applicant.id_number", "bride.id_number", "groom.id_number")
VERIFY_PHONE_KEYS = ("applicant.phone", "bride.phone", "groom.phone")

# Failed verifications allowed per dossier code (docs/protocol.md, "Tries").
LOOKUP_MAX_FAILURES = 5
LOOKUP_WINDOW_SECONDS = 15 * 60      # failures older than this are forgotten
LOOKUP_LOCKOUT_SECONDS = 15 * 60     # how long a code stays locked after the 5th failure
LOOKUP_TABLE_SIZE = 10000            # codes tracked at once (bounded memory)

# Statuses a dossier walks through in demonstration mode (--progress-seconds).
PROGRESSION = [2, 4, 9, 10]
STATUS_NAMES = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

# The result documents a procedure (MaTTHC) issues once its dossier is done: status 9 (Đã xử lý
# xong) or 10. Each is (name, answer keys its number fills, document keys it provides); its
# number is "sequence/year", one sequence per agency and year, kept in SQLite once issued.
PROCEDURE_RESULTS = {
    "1.000894": [("Giấy chứng nhận kết hôn",                  # đăng ký kết hôn
                  ("bride.marriage_certificate_number", "groom.marriage_certificate_number"),
                  ("bride.marriage_certificate", "groom.marriage_certificate"))],
    "1.001193": [("Giấy khai sinh",                           # đăng ký khai sinh
                  ("child.birth_certificate_number",),
                  ("child.birth_certificate",))],
    "1.000656": [("Trích lục khai tử",                        # đăng ký khai tử
                  ("deceased.death_certificate_number",),
                  ("deceased.death_certificate",))],
    "1.004873": [("Giấy xác nhận tình trạng hôn nhân",        # xác nhận tình trạng hôn nhân
                  ("subject.marital_status_certificate_number",),
                  ("subject.marital_status_certificate",))],
}
RESULT_STATUSES = (9, 10)

# The civil service's calendar for due dates, one table with the kiosk (which shows the same
# expected date on an offline receipt): days off on weekdays and weekend days worked in
# exchange, with their sources. Extend it with --holidays FILE.
SHARED_CALENDAR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               os.pardir, os.pardir, "Forms", "datasets", "holidays.csv")

CAPTIVE_PORTAL_HTML = (
    "<html><head><title>Wi-Fi login</title></head><body>"
    "<h1>Welcome</h1><p>Please login to use the Internet.</p>"
    "<form><input name=\"user\"><input name=\"password\" type=\"password\">"
    "<button>Login</button></form></body></html>"
).encode("utf-8")


class ConfigError(Exception):
    """A start-up problem, reported to the operator in one clear line."""


# ---------------------------------------------------------------------------------------------
# Sealed bodies (docs/protocol.md, "Sealed bodies"): libsodium sealed boxes to the province's
# X25519 key, opened through the system's libsodium with ctypes (the standard library has no
# X25519 or Poly1305).

SEALED_CONTENT_TYPE = "application/vnd.motcua.sealed-box"
SEAL_KEY_HEADER = "X-Seal-Key-Id"

_sodium = None


def sodium():
    """The system's libsodium (Debian: libsodium23), loaded once."""
    global _sodium
    if _sodium is not None:
        return _sodium
    names = [n for n in (ctypes.util.find_library("sodium"), "libsodium.so.23", "libsodium.so") if n]
    lib = None
    for name in names:
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError:
            continue
    if lib is None or lib.sodium_init() < 0:
        raise ConfigError("cannot load libsodium to open sealed dossiers "
                          "(install it: sudo apt-get install libsodium23)")
    lib.crypto_box_sealbytes.restype = ctypes.c_size_t
    lib.crypto_box_seal_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong,
                                         ctypes.c_char_p, ctypes.c_char_p]
    lib.crypto_box_seal.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong,
                                    ctypes.c_char_p]
    lib.crypto_scalarmult_base.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.crypto_box_keypair.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    _sodium = lib
    return lib


def seal_key_id(public_key):
    """How a key is named without being given: the first 16 bytes of SHA-256(public key), hex."""
    return hashlib.sha256(public_key).hexdigest()[:32]


class SealKey:
    """One of the province's key pairs: the secret read from a file, the public derived."""

    def __init__(self, secret):
        if len(secret) != 32:
            raise ValueError("a seal key is 32 bytes")
        lib = sodium()
        public = ctypes.create_string_buffer(32)
        if lib.crypto_scalarmult_base(public, secret) != 0:
            raise ValueError("not an X25519 secret key")
        self.secret = secret
        self.public = public.raw
        self.id = seal_key_id(self.public)

    @classmethod
    def generate(cls):
        lib = sodium()
        public, secret = ctypes.create_string_buffer(32), ctypes.create_string_buffer(32)
        lib.crypto_box_keypair(public, secret)
        return cls(secret.raw)

    def open(self, sealed):
        """The plain bytes, or None when the box was not sealed to this key or was changed."""
        lib = sodium()
        overhead = lib.crypto_box_sealbytes()
        if len(sealed) < overhead:
            return None
        out = ctypes.create_string_buffer(max(1, len(sealed) - overhead))
        if lib.crypto_box_seal_open(out, sealed, len(sealed), self.public, self.secret) != 0:
            return None
        return out.raw[:len(sealed) - overhead]

    def seal(self, plain):
        """What a station does (the tests use it)."""
        lib = sodium()
        out = ctypes.create_string_buffer(len(plain) + lib.crypto_box_sealbytes())
        if lib.crypto_box_seal(out, plain, len(plain), self.public) != 0:
            raise ValueError("crypto_box_seal failed")
        return out.raw


def read_seal_key(path):
    """A secret seal key file: base64 of 32 bytes on its first line that is not a # comment;
    readable by its owner only, as the token file."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise ConfigError("cannot read the seal key file %s: %s" % (path, e.strerror))
    mode = st.st_mode & 0o777
    if mode & 0o077:
        raise ConfigError(
            "refusing to start: the seal key file %s is accessible by group/others (mode %04o); "
            "run: chmod 600 %s" % (path, mode, path))
    with open(path, encoding="ascii", errors="replace") as f:
        lines = [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]
    try:
        secret = base64.b64decode(lines[0], validate=True) if lines else b""
        return SealKey(secret)
    except (ValueError, base64.binascii.Error):
        raise ConfigError("the seal key file %s does not hold a secret key (base64 of 32 bytes)"
                          % path)


def make_seal_key(path):
    """Writes a new secret key (0600, never over an existing file); returns its public key."""
    key = SealKey.generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("# The province's secret seal key (X25519). Keep it secret and backed up: a\n"
                "# dossier sealed to it opens with it alone.\n"
                "# Public key, for [server] seal_public_key: %s\n%s\n"
                % (base64.b64encode(key.public).decode(), base64.b64encode(key.secret).decode()))
    return base64.b64encode(key.public).decode()


# ---------------------------------------------------------------------------------------------
# Pure helpers

def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def format_time(epoch):
    return _dt.datetime.fromtimestamp(epoch, VN_TZ).strftime("%Y%m%d%H%M%S")


def local_date(epoch):
    return _dt.datetime.fromtimestamp(epoch, VN_TZ).date()


def parse_time(text):
    """yyyyMMddHHmmss in Asia/Ho_Chi_Minh -> epoch seconds."""
    d = _dt.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VN_TZ)
    return d.timestamp()


def add_working_days(start, days, holidays, worked=frozenset()):
    """The date `days` working days after `start`: Monday to Friday less `holidays`, plus the
    weekend days in `worked`. The kiosk counts the same way (KioskCore's WorkingCalendar).

    0 days gives `start` itself when it is a working day, else the next working day."""
    def working(d):
        return d in worked if d.weekday() >= 5 else d not in holidays

    d = start
    if days <= 0:
        while not working(d):
            d += _dt.timedelta(days=1)
        return d
    remaining = days
    while remaining > 0:
        d += _dt.timedelta(days=1)
        if working(d):
            remaining -= 1
    return d


def load_calendar(path):
    """The shared table (CSV: code = yyyy-mm-dd, kind = off | work; `#` comment lines):
    (weekdays off, weekend days worked)."""
    import csv
    off, worked = set(), set()
    with open(path, encoding="utf-8", newline="") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if not line.startswith("#")]
    rows = csv.reader([line for _, line in lines])
    header = [h.strip().lower() for h in next(rows)]
    for (number, _), row in zip(lines[1:], rows):
        if not row:
            continue
        fields = dict(zip(header, row))
        try:
            day = _dt.date.fromisoformat(fields.get("code", "").strip())
        except ValueError:
            raise ConfigError("%s:%d: not a yyyy-mm-dd date: %r" % (path, number, fields.get("code")))
        kind = fields.get("kind", "").strip()
        if kind == "off" and day.weekday() < 5:
            off.add(day)
        elif kind == "work" and day.weekday() >= 5:
            worked.add(day)
        else:
            raise ConfigError("%s:%d: %s cannot be %r (off: Monday to Friday; work: a weekend day)"
                              % (path, number, day.isoformat(), kind))
    return frozenset(off), frozenset(worked)


def load_holidays(path):
    holidays = set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            try:
                holidays.add(_dt.date.fromisoformat(text))
            except ValueError:
                raise ConfigError("%s:%d: not a yyyy-mm-dd date: %r" % (path, number, text))
    return holidays


def read_token(path):
    try:
        st = os.stat(path)
    except OSError as e:
        raise ConfigError("cannot read the token file %s: %s" % (path, e.strerror))
    mode = st.st_mode & 0o777
    if mode & 0o077:
        raise ConfigError(
            "refusing to start: the token file %s is accessible by group/others (mode %04o); "
            "run: chmod 600 %s" % (path, mode, path))
    with open(path, encoding="utf-8") as f:
        token = f.readline().strip()
    if not token:
        raise ConfigError("the token file %s is empty (the first line must hold the token)" % path)
    return token


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_VERIFY_SEPARATORS = str.maketrans("", "", " .-")


def normalise_id(text):
    """An id number as compared by verify: spaces, dots and dashes removed; None unless only
    ASCII digits remain."""
    if not isinstance(text, str):
        return None
    digits = text.translate(_VERIFY_SEPARATORS)
    return digits if DIGITS_RE.fullmatch(digits) else None


def normalise_phone(text):
    """A phone number as compared by verify, in the national form 0xxxxxxxxx: spaces, dots and
    dashes removed, a leading +84 or 84 replaced by 0; None unless only ASCII digits remain."""
    if not isinstance(text, str):
        return None
    digits = text.translate(_VERIFY_SEPARATORS)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84"):
        digits = "0" + digits[2:]
    return digits if DIGITS_RE.fullmatch(digits) else None


def verify_matches(body, verify):
    """Whether `verify` opens the dossier whose envelope is `body` (docs/protocol.md).

    Every candidate is compared, each in constant time."""
    answers = body.get("Answers")
    if not isinstance(answers, dict):
        answers = {}
    ids = [body.get("MaDoiTuong")] + [answers.get(k) for k in VERIFY_ID_KEYS]
    phones = [body.get("SoDienThoai")] + [answers.get(k) for k in VERIFY_PHONE_KEYS]
    as_id = normalise_id(verify)
    as_phone = normalise_phone(verify)
    matched = False
    for given, candidates, normalise in ((as_id, ids, normalise_id),
                                         (as_phone, phones, normalise_phone)):
        if given is None:
            continue
        for candidate in candidates:
            candidate = normalise(candidate)      # None for a list, a number, a blank
            if candidate is not None:
                matched |= hmac.compare_digest(given.encode("ascii"), candidate.encode("ascii"))
    return matched


# The one problem of an envelope the station mends by itself: a `file` document that is not (yet)
# complete here. An envelope whose only problems are these is answered 409 documents_incomplete
# (the station uploads them, then sends the envelope again), not 422.
MISSING_DOCUMENT = "Tệp chưa được gửi xong lên máy chủ (PUT hoặc PATCH /api/v1/documents)."


def error_body(code, message, details=None, **extra):
    body = {"error": code, "message": message, "details": details or []}
    body.update(extra)
    return body


def review_refusals(body, rules):
    """The province's review (--refuse-answer PATH=VALUE, for tests and demos): a dossier whose
    Fields.NAME or Answers.KEY equals VALUE is refused, with that path, as a clerk who checked it
    against a national database would. Returns the {path, message} problems."""
    problems = []
    for rule in rules:
        path, _, value = rule.partition("=")
        section, _, name = path.partition(".")
        answers = body.get(section) if section in ("Fields", "Answers") else None
        if isinstance(answers, dict) and answers.get(name) == value:
            problems.append({"path": path, "message": "Thông tin này không khớp với cơ sở dữ liệu "
                             "của cơ quan tiếp nhận; hãy kiểm tra lại cùng người dân."})
    return problems


def validate_dossier(body, submission_id, store):
    """Returns a list of {path, message} problems (empty when valid)."""
    problems = []

    def bad(path, message):
        problems.append({"path": path, "message": message})

    if not isinstance(body, dict):
        bad("", "Hồ sơ phải là một đối tượng JSON.")
        return problems

    sid = body.get("SubmissionId")
    if not isinstance(sid, str) or not sid:
        bad("SubmissionId", "Thiếu SubmissionId.")
    elif sid.lower() != submission_id.lower():
        bad("SubmissionId", "SubmissionId trong nội dung khác với địa chỉ yêu cầu.")

    for key, label in (("MaTTHC", "mã thủ tục hành chính"), ("ChuHoSo", "họ tên chủ hồ sơ"),
                       ("SoBienNhan", "số biên nhận")):
        value = body.get(key)
        if not isinstance(value, str) or not value.strip():
            bad(key, "Thiếu %s." % label)

    for key in ("TenTTHC", "MaLinhVuc", "TenLinhVuc", "MaDoiTuong", "Email", "SoDienThoai",
                "TrichYeuHoSo", "HinhThucNhanKetQua"):
        if key in body and body[key] is not None and not isinstance(body[key], str):
            bad(key, "Phải là chuỗi ký tự.")

    if "NgayTiepNhan" in body and body["NgayTiepNhan"] is not None:
        value = body["NgayTiepNhan"]
        ok = isinstance(value, str) and TIME_RE.match(value)
        if ok:
            try:
                parse_time(value)
            except ValueError:
                ok = False
        if not ok:
            bad("NgayTiepNhan", "Thời gian phải có dạng yyyyMMddHHmmss.")

    if "SoNgayXuLy" in body and body["SoNgayXuLy"] is not None:
        value = body["SoNgayXuLy"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 366:
            bad("SoNgayXuLy", "Số ngày xử lý phải là số nguyên từ 0 đến 366.")

    station = body.get("Station")
    if station is not None:
        if not isinstance(station, dict):
            bad("Station", "Phải là một đối tượng { Id, AgencyCode }.")
        else:
            code = station.get("AgencyCode")
            if code is not None and (not isinstance(code, str) or not AGENCY_RE.match(code)):
                bad("Station.AgencyCode",
                    "Mã cơ quan không đúng dạng QCVN 102:2016 (ví dụ 000.00.00.H49).")

    for key in ("Answers", "Fields", "Form"):
        if key in body and body[key] is not None and not isinstance(body[key], dict):
            bad(key, "Phải là một đối tượng JSON.")

    for key in ("DanhSachLePhi", "MaHoSoTruoc"):
        if key in body and body[key] is not None and not isinstance(body[key], list):
            bad(key, "Phải là một danh sách.")
    if isinstance(body.get("MaHoSoTruoc"), list):
        for i, code in enumerate(body["MaHoSoTruoc"]):
            if not isinstance(code, str) or not DOSSIER_CODE_RE.fullmatch(code):
                bad("MaHoSoTruoc[%d]" % i,
                    "Mã hồ sơ không đúng dạng (ví dụ 000.00.00.H49-261123-0041).")

    linked = body.get("LienThong")
    if linked is not None:
        if not isinstance(linked, list):
            bad("LienThong", "Phải là một danh sách.")
        else:
            for i, item in enumerate(linked):
                path = "LienThong[%d]" % i
                if not isinstance(item, dict):
                    bad(path, "Phải là một đối tượng { MaTTHC, TenTTHC, CoQuan, SoNgayXuLy }.")
                    continue
                code = item.get("MaTTHC")
                if not isinstance(code, str) or not PROCEDURE_CODE_RE.fullmatch(code):
                    bad(path + ".MaTTHC", "Mã thủ tục không đúng dạng (ví dụ 1.001193).")
                for key in ("TenTTHC", "CoQuan"):
                    if key in item and item[key] is not None and not isinstance(item[key], str):
                        bad(path + "." + key, "Phải là chuỗi ký tự.")
                days = item.get("SoNgayXuLy")
                if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 366:
                    bad(path + ".SoNgayXuLy", "Số ngày xử lý phải là số nguyên từ 0 đến 366.")

    replaces = body.get("ThayThe")
    if replaces is not None:
        # A correction of a dossier this server refused (docs/protocol.md, "Corrections").
        if not isinstance(replaces, str) or not UUID_RE.match(replaces):
            bad("ThayThe", "Phải là mã nộp (UUID) của hồ sơ bị từ chối mà hồ sơ này thay thế.")
        elif replaces.lower() == submission_id.lower():
            bad("ThayThe", "Hồ sơ không thể thay thế chính nó.")

    docs = body.get("TaiLieuNop")
    if docs is not None:
        if not isinstance(docs, list):
            bad("TaiLieuNop", "Phải là một danh sách.")
        else:
            for i, doc in enumerate(docs):
                path = "TaiLieuNop[%d]" % i
                if not isinstance(doc, dict):
                    bad(path, "Phải là một đối tượng.")
                    continue
                source = doc.get("Nguon")
                if source not in ("file", "reuse", "desk"):
                    bad(path + ".Nguon", "Nguồn phải là \"file\", \"reuse\" hoặc \"desk\".")
                if source == "file":
                    digest = doc.get("Sha256")
                    if not isinstance(digest, str) or not SHA256_RE.match(digest.lower()):
                        bad(path + ".Sha256", "Thiếu mã băm SHA-256 của tệp.")
                    elif not store.has_document(digest.lower()):
                        bad(path + ".Sha256", MISSING_DOCUMENT)
                key = doc.get("Khoa")
                if key is not None and (not isinstance(key, str)
                                        or not SEMANTIC_KEY_RE.fullmatch(key)):
                    bad(path + ".Khoa", "Khoá ngữ nghĩa phải có dạng vai_trò.thuộc_tính, chữ "
                                        "thường và dấu gạch dưới (ví dụ bride.identity_document).")
    return problems


class _Tries:
    __slots__ = ("failures", "locked_until")

    def __init__(self):
        self.failures = []          # times of recent failures, oldest first
        self.locked_until = 0.0


class TryLimiter:
    """Failed verifications per dossier code, kept in memory.

    After `max_failures` failures of one code within `window` seconds the code is locked for
    `lockout` seconds from the last of them: every lookup of it fails, the right verification
    included, without being checked (and without counting). A success forgets the code's
    failures. The key is the code string as asked, known or not, so that a locked unknown code
    answers like a locked real one.

    In memory rather than in SQLite: a scanner's guesses then cost no disk writes, and the
    table is bounded (`capacity` codes; idle entries are pruned when it is full). When it is
    full of codes still being counted, a code it does not hold fails without being checked
    until entries expire: a flood of guesses can deny lookups for a while, never open extra
    tries. A restart forgets the counts (at most `max_failures` more tries per restart)."""

    def __init__(self, max_failures=LOOKUP_MAX_FAILURES, window=LOOKUP_WINDOW_SECONDS,
                 lockout=LOOKUP_LOCKOUT_SECONDS, capacity=LOOKUP_TABLE_SIZE):
        self.max_failures = max_failures
        self.window = window
        self.lockout = lockout
        self.capacity = capacity
        self.lock = threading.Lock()
        self.entries = {}
        self._pruned_at = None

    @staticmethod
    def key(code):
        # Bounded size whatever the address holds; real codes (25 characters) stay readable.
        if len(code) <= 64:
            return code
        return "sha256:" + hashlib.sha256(code.encode("utf-8", "replace")).hexdigest()

    def _idle(self, entry, now):
        return entry.locked_until <= now and all(now - t >= self.window for t in entry.failures)

    def _prune(self, now):
        if self._pruned_at is not None and 0 <= now - self._pruned_at < 1.0:
            return                                  # at most once a second
        self._pruned_at = now
        for key in [k for k, e in self.entries.items() if self._idle(e, now)]:
            del self.entries[key]

    def attempt(self, code, now, check):
        """check() unless `code` is locked out; its result, None on failure or lockout.

        Attempts are serialised, so concurrent guesses cannot overtake the count."""
        key = self.key(code)
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry.locked_until > now:
                return None
            if entry is None and len(self.entries) >= self.capacity:
                self._prune(now)
                if len(self.entries) >= self.capacity:
                    return None                      # full: fail closed
            result = check()
            if result is not None:
                self.entries.pop(key, None)
                return result
            if entry is None:
                entry = self.entries[key] = _Tries()
            entry.failures = [t for t in entry.failures if now - t < self.window] + [now]
            if len(entry.failures) >= self.max_failures:
                entry.locked_until = now + self.lockout
                entry.failures = []
            return None


# ---------------------------------------------------------------------------------------------
# Storage

# Schema changes since the first data folders, by SQLite's PRAGMA user_version (0 = the first
# schema, created by Store.__init__). A folder written by an older server is brought up to date
# at start, in one transaction per step; one written by a newer server is refused.
SCHEMA_VERSION = 1
MIGRATIONS = {
    1: (  # result documents: their numbers, fixed once issued
        """CREATE TABLE IF NOT EXISTS results (
               ma_ho_so TEXT NOT NULL, item INTEGER NOT NULL,
               agency TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
               ten_giay_to TEXT NOT NULL, so_giay_to TEXT NOT NULL, ngay_cap TEXT NOT NULL,
               PRIMARY KEY (ma_ho_so, item), UNIQUE (agency, year, number))""",
        """CREATE TABLE IF NOT EXISTS result_sequences (
               agency TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,
               PRIMARY KEY (agency, year))""",
    ),
}


class Store:
    """SQLite database plus a folder of documents named by their SHA-256."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.docs_dir = os.path.join(data_dir, "documents")
        os.makedirs(self.docs_dir, exist_ok=True)
        self.lock = threading.RLock()
        self.db = sqlite3.connect(os.path.join(data_dir, "provincial.sqlite3"),
                                  check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS documents (
                sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
                station_id TEXT, stored_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sequences (
                agency TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL,
                PRIMARY KEY (agency, day));
            CREATE TABLE IF NOT EXISTS dossiers (
                submission_id TEXT PRIMARY KEY,
                ma_ho_so TEXT NOT NULL UNIQUE,
                station_id TEXT,
                agency TEXT NOT NULL,
                canonical_json TEXT NOT NULL,
                content_sha256 TEXT NOT NULL,
                answer_json TEXT NOT NULL,
                received_epoch REAL NOT NULL,
                ngay_tiep_nhan TEXT NOT NULL,
                ngay_hen_tra TEXT NOT NULL,
                status INTEGER NOT NULL,
                ma_doi_tuong TEXT,
                so_dien_thoai TEXT);
            CREATE TABLE IF NOT EXISTS history (
                ma_ho_so TEXT NOT NULL, step INTEGER NOT NULL,
                thoi_gian TEXT NOT NULL, status INTEGER NOT NULL, ghi_chu TEXT,
                PRIMARY KEY (ma_ho_so, step));
            -- A corrected dossier and the refused submission it replaces (ThayThe): one
            -- correction per refused submission. Made here, not by a migration: a table
            -- of its own that an older folder simply gains.
            CREATE TABLE IF NOT EXISTS replacements (
                replaces TEXT PRIMARY KEY,
                submission_id TEXT NOT NULL UNIQUE,
                ma_ho_so TEXT NOT NULL);
        """)
        try:
            self._migrate()
            enrolment.ensure_tables(self.db)
            self.uploads = uploads.Uploads(self.db, self.lock, data_dir)
        except BaseException:
            self.db.close()
            raise

    def _migrate(self):
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ConfigError("the data folder %s was written by a newer server (schema %d; this "
                              "one knows %d)" % (self.data_dir, version, SCHEMA_VERSION))
        for step in range(version + 1, SCHEMA_VERSION + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[step]:
                    self.db.execute(statement)
                self.db.execute("PRAGMA user_version = %d" % step)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def close(self):
        with self.lock:
            self.db.close()

    # documents
    def has_document(self, digest):
        with self.lock:
            row = self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (digest,)).fetchone()
        return row is not None and os.path.exists(os.path.join(self.docs_dir, digest))

    def put_document(self, digest, data, station_id, now):
        """Returns True when newly stored, False when it was already there."""
        with self.lock:
            if self.has_document(digest):
                return False
            final = os.path.join(self.docs_dir, digest)
            tmp = final + ".tmp-%d" % threading.get_ident()
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
            self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                            (digest, len(data), station_id, format_time(now)))
            return True

    # corrections
    def replacement_of(self, replaces):
        """(submission id, MaHoSo) of the correction already made for a refused submission."""
        with self.lock:
            return self.db.execute(
                "SELECT submission_id, ma_ho_so FROM replacements WHERE replaces = ?",
                (replaces.lower(),)).fetchone()

    # dossiers
    def find_by_submission(self, submission_id):
        with self.lock:
            return self.db.execute(
                "SELECT content_sha256, answer_json FROM dossiers WHERE submission_id = ?",
                (submission_id,)).fetchone()

    def create_dossier(self, submission_id, station_id, agency, canonical, content_hash,
                       body, now, due, linked_due=None):
        """Allocates the next code of (agency, day) and stores the dossier atomically.
        `linked_due` lists (code, date) of the procedures of a one-sitting (liên thông)
        dossier; `due` is then the latest of them all.

        Returns (answer, created)."""
        day = local_date(now).strftime("%y%m%d")
        received = format_time(now)
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                row = self.db.execute(
                    "SELECT content_sha256, answer_json FROM dossiers WHERE submission_id = ?",
                    (submission_id,)).fetchone()
                if row is not None:          # lost a race with an identical request
                    self.db.execute("ROLLBACK")
                    return row, False
                self.db.execute("INSERT OR IGNORE INTO sequences VALUES (?, ?, 0)", (agency, day))
                self.db.execute("UPDATE sequences SET last = last + 1 WHERE agency = ? AND day = ?",
                                (agency, day))
                number = self.db.execute(
                    "SELECT last FROM sequences WHERE agency = ? AND day = ?",
                    (agency, day)).fetchone()[0]
                if number > 9999:
                    raise OverflowError("more than 9999 dossiers for %s on %s" % (agency, day))
                code = "%s-%s-%04d" % (agency, day, number)
                answer = {"MaHoSo": code, "NgayTiepNhan": received,
                          "NgayHenTra": due.isoformat(), "TrangThaiHoSo": 2}
                if linked_due is not None:
                    answer["LienThong"] = [{"MaTTHC": c, "NgayHenTra": d.isoformat()}
                                           for c, d in linked_due]
                answer_json = canonical_json(answer)
                self.db.execute(
                    "INSERT INTO dossiers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (submission_id, code, station_id, agency, canonical, content_hash,
                     answer_json, now, received, due.isoformat(), 2,
                     str(body.get("MaDoiTuong") or "").strip(),
                     str(body.get("SoDienThoai") or "").strip()))
                self.db.execute("INSERT INTO history VALUES (?, 0, ?, 2, ?)",
                                (code, received, STATUS_NAMES[2]))
                replaces = body.get("ThayThe")
                if replaces:
                    self.db.execute("INSERT INTO replacements VALUES (?, ?, ?)",
                                    (replaces.lower(), submission_id, code))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return (content_hash, answer_json), True

    def lookup(self, code, verify, now, progress_seconds):
        """The status document of a dossier, or None (unknown code or wrong verify alike)."""
        with self.lock:
            row = self.db.execute(
                "SELECT ma_ho_so, canonical_json, received_epoch, ngay_tiep_nhan, ngay_hen_tra, "
                "status, agency, answer_json FROM dossiers WHERE ma_ho_so = ?",
                (code,)).fetchone()
            if row is None:
                return None
            ma, canonical, received, ngay_tiep_nhan, ngay_hen_tra, status, agency, answer_json = row
            body = json.loads(canonical)
            if not verify_matches(body, verify):
                return None
            if progress_seconds > 0 and status in PROGRESSION:
                reached = min(len(PROGRESSION) - 1, int((now - received) // progress_seconds))
                current = PROGRESSION.index(status)
                if reached > current:
                    self.db.execute("BEGIN IMMEDIATE")
                    try:
                        for step in range(current + 1, reached + 1):
                            new = PROGRESSION[step]
                            self.db.execute(
                                "INSERT OR IGNORE INTO history VALUES (?, ?, ?, ?, ?)",
                                (ma, step, format_time(received + step * progress_seconds),
                                 new, STATUS_NAMES[new]))
                        status = PROGRESSION[reached]
                        self.db.execute("UPDATE dossiers SET status = ? WHERE ma_ho_so = ?",
                                        (status, ma))
                        self.db.execute("COMMIT")
                    except BaseException:
                        self.db.execute("ROLLBACK")
                        raise
            history = [
                {"ThoiGian": t, "TrangThaiHoSo": s, "GhiChu": g}
                for t, s, g in self.db.execute(
                    "SELECT thoi_gian, status, ghi_chu FROM history WHERE ma_ho_so = ? "
                    "ORDER BY step", (ma,))]
            ket_qua, giay_to = self._results(ma, agency, body.get("MaTTHC"), status, now)
        return {
            "MaHoSo": ma,
            "MaTTHC": body.get("MaTTHC"),
            "TenTTHC": body.get("TenTTHC"),
            "TrangThaiHoSo": status,
            "NgayTiepNhan": ngay_tiep_nhan,
            "NgayHenTra": ngay_hen_tra,
            "LichSu": history,
            "Answers": body.get("Answers") or {},
            "TaiLieuNop": body.get("TaiLieuNop") or [],
            "MaHoSoTruoc": body.get("MaHoSoTruoc") or [],
            "ThayThe": body.get("ThayThe"),
            "LienThong": json.loads(answer_json).get("LienThong", []),
            "KetQua": ket_qua,
            "DanhSachGiayToKetQua": giay_to,
        }

    def _results(self, ma, agency, procedure, status, now):
        """(KetQua, DanhSachGiayToKetQua) of a dossier: empty until it is done; issued (numbered
        and stored) the first time it is seen done, the same ever after. Call with the lock."""
        spec = PROCEDURE_RESULTS.get(procedure) if status in RESULT_STATUSES else None
        if not spec:
            return {}, []
        select = ("SELECT item, ten_giay_to, so_giay_to, ngay_cap FROM results "
                  "WHERE ma_ho_so = ? ORDER BY item")
        rows = self.db.execute(select, (ma,)).fetchall()
        if len(rows) < len(spec):
            issued = {row[0] for row in rows}
            # Dated when the dossier was done: the first history entry at a done status.
            done = self.db.execute(
                "SELECT thoi_gian FROM history WHERE ma_ho_so = ? AND status IN (%s) "
                "ORDER BY step LIMIT 1" % ",".join(str(s) for s in RESULT_STATUSES),
                (ma,)).fetchone()
            ngay_cap = done[0] if done else format_time(now)
            year = int(ngay_cap[:4])
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for item, (name, _, _) in enumerate(spec):
                    if item in issued:
                        continue
                    self.db.execute("INSERT OR IGNORE INTO result_sequences VALUES (?, ?, 0)",
                                    (agency, year))
                    self.db.execute("UPDATE result_sequences SET last = last + 1 "
                                    "WHERE agency = ? AND year = ?", (agency, year))
                    number = self.db.execute(
                        "SELECT last FROM result_sequences WHERE agency = ? AND year = ?",
                        (agency, year)).fetchone()[0]
                    self.db.execute("INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    (ma, item, agency, year, number, name,
                                     "%d/%d" % (number, year), ngay_cap))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            rows = self.db.execute(select, (ma,)).fetchall()
        ket_qua, giay_to = {}, []
        for item, name, number, ngay_cap in rows:
            if item >= len(spec):
                continue
            _, number_keys, document_keys = spec[item]
            for key in number_keys:
                ket_qua[key] = number
            giay_to.append({"TenGiayTo": name, "SoGiayTo": number, "NgayCap": ngay_cap,
                            "Khoa": list(document_keys)})
        return ket_qua, giay_to


# ---------------------------------------------------------------------------------------------
# HTTP

class DroppedConnection(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    # Headers and body go out in separate writes: without this, Nagle's
    # algorithm and the client's delayed ACK stall every keep-alive answer
    # by ~40 ms.
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"
    server_version = "provincial-server/" + PROTOCOL_VERSION
    # Idle keep-alive connections are closed after this many seconds.
    timeout = 30

    # -- plumbing ------------------------------------------------------------------------------
    @property
    def cfg(self):
        return self.server.cfg

    def log_message(self, fmt, *args):
        if not self.cfg.quiet:
            sys.stderr.write("%s [%s] %s\n" % (self.address_string(),
                                               self.log_date_time_string(), fmt % args))

    def date_time_string(self, timestamp=None):
        # The Date header tells the server's clock (--fake-now moves it): stations compare theirs
        # with it (kiosk doctor).
        return super().date_time_string(self.server.now() if timestamp is None else timestamp)

    def send_error(self, code, message=None, explain=None):
        # http.server's own errors (bad request line, unknown method, …) answer JSON too.
        self.close_connection = True
        try:
            short = self.responses.get(code, ("error",))[0]
            self._error(code, short.lower().replace(" ", "_"),
                        message or short, [{"path": "", "message": explain}] if explain else [])
        except OSError:
            pass

    def handle_expect_100(self):
        # Refuse before the client sends a body that would be refused anyway.
        if self.cfg.captive_portal:
            return super().handle_expect_100()
        enrolling = urllib.parse.urlsplit(self.path).path.rstrip("/") == "/api/v1/enrol"
        if not enrolling and not self._token_ok():
            self._unauthorized()
            return False
        length = self._content_length()
        if length is not None and length > self.cfg.max_body:
            self._too_large()
            return False
        return super().handle_expect_100()

    def _content_length(self):
        value = self.headers.get("Content-Length")
        if value is None:
            return None
        try:
            n = int(value)
        except ValueError:
            return -1
        return n if n >= 0 else -1

    def _send(self, status, body, content_type="application/json; charset=utf-8", headers=None):
        if isinstance(body, (dict, list)):
            data = (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
        else:
            data = body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if self.cfg.slow_bytes:
            self.wfile.flush()
            for i in range(0, len(data), 4):
                self.wfile.write(data[i:i + 4])
                self.wfile.flush()
                time.sleep(0.005)
        else:
            self.wfile.write(data)

    def _error(self, status, code, message, details=None, headers=None, **extra):
        self._send(status, error_body(code, message, details, **extra), headers=headers)

    def _token_ok(self):
        auth = self.headers.get("Authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        if hmac.compare_digest(token.strip().encode("utf-8"), self.cfg.token.encode("utf-8")):
            return True
        # An enrolled station's own token, for that station only (and not once revoked).
        with self.server.store.lock:
            station = enrolment.token_station(self.server.store.db, token.strip())
        return station is not None and station == self.headers.get("X-Station-Id", "").strip()

    def _unauthorized(self):
        self.close_connection = True  # the body (if any) is not read
        self._error(401, "unauthorized", "Thiếu hoặc sai mã truy cập của trạm.",
                    headers={"WWW-Authenticate": "Bearer"})

    def _too_large(self):
        self.close_connection = True
        self._error(413, "too_large", "Nội dung quá lớn (tối đa %d byte)." % self.cfg.max_body,
                    limit=self.cfg.max_body)

    def _discard_body(self):
        """Consumes a request body we do not need; closes the connection when we cannot."""
        length = self._content_length()
        if length is None or length == 0:
            if self.headers.get("Transfer-Encoding"):
                self.close_connection = True
            return
        if length < 0 or length > self.cfg.max_body:
            self.close_connection = True
            return
        self.rfile.read(length)

    def _read_body(self):
        """The request body, or None after an error answer has been sent."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._error(411, "length_required", "Cần có Content-Length (không hỗ trợ chunked).")
            return None
        length = self._content_length()
        if length is None or length < 0:
            self.close_connection = True
            self._error(411, "length_required", "Cần có Content-Length hợp lệ.")
            return None
        if length > self.cfg.max_body:
            self._too_large()
            return None
        data = self.rfile.read(length)
        if len(data) != length:
            self.close_connection = True
            raise DroppedConnection()
        return data

    # -- dispatch ------------------------------------------------------------------------------
    def do_GET(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def _dispatch(self):
        try:
            if self.cfg.latency_ms > 0:
                time.sleep(self.cfg.latency_ms / 1000.0)
            if self.cfg.captive_portal:
                self._discard_body()
                self._send(200, CAPTIVE_PORTAL_HTML, content_type="text/html; charset=utf-8")
                return
            url = urllib.parse.urlsplit(self.path)
            if url.path.rstrip("/") == "/api/v1/enrol":
                # The one call without a token: the one-time code is the credential.
                self._enrol()
                return
            if not self._token_ok():
                self._unauthorized()
                return
            station_id = self.headers.get("X-Station-Id", "").strip()
            if not station_id:
                self._discard_body()
                self._error(400, "missing_station_id", "Thiếu tiêu đề X-Station-Id.")
                return
            url = urllib.parse.urlsplit(self.path)
            parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            route = None
            if parts == ["api", "v1", "health"]:
                route = ("GET", self._health, ())
            elif parts == ["api", "v1", "forms", "bundle"]:
                route = ("GET", self._bundle_info, ())
            elif len(parts) == 5 and parts[:4] == ["api", "v1", "forms", "bundle"]:
                route = ("GET", self._bundle_download, (parts[4],))
            elif len(parts) == 4 and parts[:3] == ["api", "v1", "documents"]:
                route = ("PUT", self._put_document, (parts[3], station_id))
            elif len(parts) == 6 and parts[:3] == ["api", "v1", "documents"] and parts[4] == "uploads":
                # Resumable: HEAD (or GET) the offset, PATCH to append.
                if self.command in ("GET", "HEAD"):
                    route = ("GET", self._upload_offset, (parts[3], parts[5]))
                else:
                    route = ("PATCH", self._append_document, (parts[3], parts[5], station_id))
            elif len(parts) == 4 and parts[:3] == ["api", "v1", "dossiers"]:
                if self.command in ("GET", "HEAD"):
                    route = ("GET", self._get_dossier, (parts[3], query))
                else:
                    route = ("PUT", self._put_dossier, (parts[3], station_id))
            if route is None:
                self._discard_body()
                self._error(404, "not_found", "Không có địa chỉ này.")
                return
            method, fn, args = route
            allowed = "GET, HEAD" if method == "GET" else method
            if self.command not in allowed.split(", "):
                self._discard_body()
                self._error(405, "method_not_allowed", "Phương thức không được hỗ trợ.",
                            headers={"Allow": allowed})
                return
            fn(*args)
        except DroppedConnection:
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as e:  # noqa: BLE001 — a server bug must still answer JSON
            self.close_connection = True
            sys.stderr.write("internal error: %r\n" % (e,))
            try:
                self._error(500, "internal_error", "Lỗi máy chủ.")
            except OSError:
                pass

    def _unseal(self, data, key_id=None):
        """The plain bytes of the body: opened when it is sealed (Content-Type
        application/vnd.motcua.sealed-box), else as it came. None after a 422 for a body sealed
        to a key this server does not hold, or one that does not open (changed on the way).
        `key_id`: the key an upload assembled from parts was sealed to ("" when not sealed)."""
        if key_id is None:
            content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type != SEALED_CONTENT_TYPE:
                return data
            key_id = self.headers.get(SEAL_KEY_HEADER, "").strip().lower()
        elif not key_id:
            return data
        key = self.server.seal_keys.get(key_id)
        if key is None:
            message = ("Hồ sơ được niêm phong bằng một khoá mà máy chủ tỉnh không giữ (mã khoá %s); "
                       "máy chủ không mở được. Báo bộ phận CNTT của tỉnh. — Sealed to a key this "
                       "provincial server does not hold (key id %s): it cannot be opened. Tell the "
                       "province's IT team." % (key_id or "?", key_id or "?"))
            self._error(422, "unknown_seal_key", message,
                        [{"path": SEAL_KEY_HEADER, "message": message}],
                        known=sorted(self.server.seal_keys))
            return None
        plain = key.open(data)
        if plain is None:
            message = ("Nội dung niêm phong không mở được: đã bị thay đổi hoặc hỏng. — The sealed "
                       "body does not open: it was changed or damaged.")
            self._error(422, "unsealable", message, [{"path": "", "message": message}])
            return None
        return plain

    def _maybe_fail(self):
        if self.cfg.fail_rate > 0 and self.server.draw("fail") < self.cfg.fail_rate:
            self._error(503, "unavailable", "Máy chủ tạm thời quá tải, vui lòng thử lại.",
                        headers={"Retry-After": "1"})
            return True
        return False

    # -- endpoints -----------------------------------------------------------------------------
    def _health(self):
        self._discard_body()
        self._send(200, {"server": SERVER_NAME, "version": PROTOCOL_VERSION,
                         "time": format_time(self.server.now()),
                         "agencyCode": self.cfg.agency_code,
                         "sealKeyIds": sorted(self.server.seal_keys)})

    def _enrol(self):
        """POST /api/v1/enrol {"code": "…"}: a one-time code for the station's identity,
        token and the province's public keys (docs/protocol.md, "Enrolment")."""
        if self.command != "POST":
            self._discard_body()
            self._error(405, "method_not_allowed", "Phương thức không được hỗ trợ.",
                        headers={"Allow": "POST"})
            return
        data = self._read_body()
        if data is None:
            return
        try:
            body = json.loads(data.decode("utf-8"))
            code = body["code"]
            request_id = body.get("requestId")
            if not isinstance(code, str) or not isinstance(request_id, (str, type(None))):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            self._error(422, "invalid", "Cần {\"code\": \"…\"}. — Expected {\"code\": \"…\"}.",
                        [{"path": "code", "message": "missing"}])
            return
        store = self.server.store
        try:
            with store.lock:
                station_id, agency, token = enrolment.exchange(store.db, code, self.server.now(),
                                                               request_id)
        except enrolment.EnrolError as e:
            self._error(e.status, e.code, e.message)
            return
        seal = self.server.seal_keys.get(self.server.current_seal_key_id)
        self._send(201, {
            "stationId": station_id, "agencyCode": agency, "token": token,
            "signPublicKey": self.cfg.sign_public_key,
            "sealPublicKey": base64.b64encode(seal.public).decode() if seal else None,
            "server": SERVER_NAME, "time": format_time(self.server.now())})

    def _bundle_info(self):
        self._discard_body()
        published = self.server.bundle()
        if published is None:
            self._error(404, "no_bundle", "Tỉnh chưa phát hành bộ biểu mẫu nào. — The province "
                        "has published no form bundle.")
            return
        self._send(200, published.describe())

    def _bundle_download(self, version):
        self._discard_body()
        published = self.server.bundle()
        if published is None or version != published.version:
            self._error(404, "not_found", "Không có bộ biểu mẫu phiên bản này. — No form "
                        "bundle of this version.")
            return
        self._send(200, published.served, content_type="application/octet-stream")

    def _put_document(self, digest, station_id):
        length = self._content_length()
        if length is not None and length > self.cfg.max_document:
            self._document_too_large()
            return
        data = self._read_body()
        if data is None:
            return
        if self._maybe_fail():
            return
        digest = digest.lower()
        if not SHA256_RE.match(digest):
            self._error(422, "invalid", "Địa chỉ phải chứa mã SHA-256 (64 ký tự hex).",
                        [{"path": "sha256", "message": "Không phải mã SHA-256."}])
            return
        # A sealed document is named by the hash of the plain document inside: checked once open.
        data = self._unseal(data)
        if data is None:
            return
        actual = hashlib.sha256(data).hexdigest()
        if actual != digest:
            self._error(422, "hash_mismatch", "Nội dung tệp không khớp với mã SHA-256.",
                        [{"path": "sha256",
                          "message": "Mã băm của nội dung là %s." % actual}])
            return
        created = self.server.store.put_document(digest, data, station_id, self.server.now())
        self._send(201 if created else 200, {"sha256": digest, "size": len(data)})

    def _document_too_large(self):
        # A part (at most --max-body) is read and dropped, so that the station reads this
        # answer rather than a reset; a larger body is not read.
        self._discard_body()
        limit = self.cfg.max_document
        self._error(413, "document_too_large",
                    "Tệp lớn hơn mức máy chủ tỉnh nhận (tối đa %d byte). — The document is larger "
                    "than the provincial server accepts (at most %d bytes)." % (limit, limit),
                    headers={"Upload-Limit": str(limit)}, limit=limit)

    def _upload_target(self, digest, body):
        """The two names of an upload, lower case; None after a 422 for one that is not a
        SHA-256."""
        digest, body = digest.lower(), body.lower()
        if SHA256_RE.match(digest) and SHA256_RE.match(body):
            return digest, body
        self._discard_body()
        self._error(422, "invalid", "Địa chỉ phải chứa hai mã SHA-256 (64 ký tự hex).",
                    [{"path": "sha256", "message": "Không phải mã SHA-256."}])
        return None

    def _upload_state(self, digest, body):
        """Upload-Offset, Upload-Length (when known) and X-Document-Stored of an upload."""
        store = self.server.store
        begun = store.uploads.find(digest, body)
        stored = store.has_document(digest)
        offset = store.uploads.offset(digest, body)
        if stored and begun is not None:
            offset = begun[0]
        headers = {"Upload-Offset": str(offset), "X-Document-Stored": "true" if stored else "false",
                   "Upload-Limit": str(self.cfg.max_document)}
        if begun is not None:
            headers["Upload-Length"] = str(begun[0])
        return headers

    def _upload_offset(self, digest, body):
        """HEAD /api/v1/documents/{sha256}/uploads/{bodySha256}: how much of that body the
        server holds (Upload-Offset; 0 for an upload never begun) and whether the document is
        stored already (X-Document-Stored). GET answers the same as JSON."""
        self._discard_body()
        names = self._upload_target(digest, body)
        if names is None:
            return
        # The station may say the body's length: one too large is refused before any byte.
        length = self._header_int("Upload-Length")
        if length is not None and length > self.cfg.max_document:
            self._document_too_large()
            return
        # An append still running (the connection it came on was just cut, and its last
        # bytes are being written) is waited for, a little: the offset then counts them.
        lock = self.server.store.uploads.lock(*names)
        waited = lock.acquire(timeout=5)
        try:
            headers = self._upload_state(*names)
        finally:
            if waited:
                lock.release()
        self._send(200, {"sha256": names[0], "bodySha256": names[1],
                         "offset": int(headers["Upload-Offset"]),
                         "length": int(headers["Upload-Length"]) if "Upload-Length" in headers else None,
                         "stored": headers["X-Document-Stored"] == "true"}, headers=headers)

    def _header_int(self, name):
        try:
            value = int(self.headers.get(name, "").strip())
        except ValueError:
            return None
        return value if value >= 0 else None

    def _append_document(self, digest, body, station_id):
        """PATCH /api/v1/documents/{sha256}/uploads/{bodySha256} with Upload-Offset and
        Upload-Length: appends the request's bytes at that offset. 204 with the new offset;
        once the last byte came, the whole body is checked against bodySha256, opened (sealed
        to X-Seal-Key-Id) and checked against sha256, and stored: 201 (200 when the document
        was there already). 409 with the current offset when the offset is not it."""
        names = self._upload_target(digest, body)
        if names is None:
            return
        digest, body = names
        offset, length = self._header_int("Upload-Offset"), self._header_int("Upload-Length")
        count = self._content_length()
        if offset is None or not length or count is None or count < 0:
            self.close_connection = True
            self._error(400, "bad_upload_headers", "Cần Upload-Offset, Upload-Length (> 0) và "
                        "Content-Length hợp lệ. — Upload-Offset, Upload-Length (> 0) and a valid "
                        "Content-Length are required.")
            return
        if length > self.cfg.max_document:
            self._document_too_large()
            return
        if count > self.cfg.max_body:
            self._too_large()
            return
        if self._maybe_fail():
            self._discard_body()
            return
        store = self.server.store
        key_id = self.headers.get(SEAL_KEY_HEADER, "").strip().lower()
        with store.uploads.lock(digest, body):
            if store.has_document(digest):
                # Stored already (by this body or another): nothing to append.
                self._discard_body()
                headers = self._upload_state(digest, body)
                headers["Upload-Offset"] = str(length)
                self._send(200, {"sha256": digest, "size": None, "complete": True}, headers=headers)
                return
            if offset == 0 and count == length and store.uploads.find(digest, body) is None:
                # The whole body in one part (a small document): checked and stored from
                # memory, with no part on disk unless it is cut.
                data = self._read_part(count)
                if len(data) < count:
                    store.uploads.begin(digest, body, length, key_id, station_id,
                                        format_time(self.server.now()))
                    store.uploads.keep(digest, body, data)
                    raise DroppedConnection()
                self._complete_upload(digest, body, key_id, station_id, data=data)
                return
            begun_length, begun_key = store.uploads.begin(digest, body, length, key_id, station_id,
                                                          format_time(self.server.now()))
            current = store.uploads.offset(digest, body)
            if begun_length != length or offset + count > length:
                self._discard_body()
                self._error(422, "length_mismatch",
                            "Upload-Length hoặc độ dài phần gửi không khớp với lần tải lên này "
                            "(%d byte). — Upload-Length or the part's length does not match this "
                            "upload's (%d bytes)." % (begun_length, begun_length),
                            headers={"Upload-Offset": str(current)})
                return
            if offset != current:
                # The part is read and dropped (so that the station reads this answer, not a
                # reset); the station goes on from the offset given.
                self._discard_body()
                self._error(409, "offset_mismatch",
                            "Máy chủ đang giữ %d byte của tệp này, không phải %d. — The server holds "
                            "%d bytes of this upload, not %d." % (current, offset, current, offset),
                            headers={"Upload-Offset": str(current)}, offset=current)
                return
            received = store.uploads.append(digest, body, self.rfile, count)
            if received < count:
                raise DroppedConnection()  # cut in the middle: what came is kept
            current += received
            if current < length:
                self._send(204, b"", headers={"Upload-Offset": str(current)})
                return
            self._complete_upload(digest, body, begun_key or "", station_id)

    def _read_part(self, count, piece=64 * 1024):
        """Up to `count` bytes of the request body: fewer when the connection is cut."""
        chunks, received = [], 0
        try:
            while received < count:
                data = self.rfile.read(min(piece, count - received))
                if not data:
                    break
                chunks.append(data)
                received += len(data)
        except OSError:
            pass
        return b"".join(chunks)

    def _complete_upload(self, digest, body, key_id, station_id, data=None):
        """The whole body is here (on disk, or `data` when it came in one part): checked,
        opened, checked again, stored; the part forgotten. A body that fails a check is
        forgotten as well (422): it would never pass."""
        store = self.server.store
        on_disk = data is None
        if on_disk:
            data = store.uploads.read(digest, body)
        actual = hashlib.sha256(data).hexdigest()
        if actual != body:
            if on_disk:
                store.uploads.discard(digest, body)
            self._error(422, "hash_mismatch", "Nội dung nhận được không khớp với mã SHA-256 của nó; "
                        "đã bỏ, gửi lại từ đầu. — The body received does not match its SHA-256; it "
                        "was discarded, send it again from the start.",
                        [{"path": "bodySha256", "message": "Mã băm của nội dung là %s." % actual}])
            return
        plain = self._unseal(data, key_id=key_id)
        if plain is None:
            if on_disk:
                store.uploads.discard(digest, body)
            return
        actual = hashlib.sha256(plain).hexdigest()
        if actual != digest:
            if on_disk:
                store.uploads.discard(digest, body)
            self._error(422, "hash_mismatch", "Nội dung tệp không khớp với mã SHA-256.",
                        [{"path": "sha256", "message": "Mã băm của nội dung là %s." % actual}])
            return
        created = store.put_document(digest, plain, station_id, self.server.now())
        if on_disk:
            store.uploads.discard(digest, body)
        self._send(201 if created else 200, {"sha256": digest, "size": len(plain), "complete": True},
                   headers={"Upload-Offset": str(len(data)), "X-Document-Stored": "true"})

    def _put_dossier(self, submission_id, station_id):
        data = self._read_body()
        if data is None:
            return
        if self._maybe_fail():
            return
        if not UUID_RE.match(submission_id):
            self._error(422, "invalid", "Mã nộp hồ sơ phải là UUID.",
                        [{"path": "submissionId", "message": "Không phải UUID."}])
            return
        submission_id = submission_id.lower()
        # Identity is the opened envelope's content: the same sealed bytes are always a replay.
        data = self._unseal(data)
        if data is None:
            return
        try:
            body = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            self._error(422, "invalid_json", "Nội dung không phải JSON UTF-8 hợp lệ.",
                        [{"path": "", "message": str(e)}])
            return
        canonical = canonical_json(body)
        content_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        store = self.server.store

        existing = store.find_by_submission(submission_id)
        if existing is not None:
            self._answer_existing(existing, content_hash)
            return

        problems = validate_dossier(body, submission_id, store)
        if problems and all(p["message"] == MISSING_DOCUMENT for p in problems):
            # Only documents not complete here: the station uploads them and sends this again.
            missing = sorted({body["TaiLieuNop"][int(re.search(r"\[(\d+)\]", p["path"]).group(1))]
                              ["Sha256"].lower() for p in problems})
            self._error(409, "documents_incomplete",
                        "Hồ sơ nêu tệp chưa được gửi xong lên máy chủ; trạm gửi tệp rồi gửi lại "
                        "hồ sơ. — The dossier names documents not complete on the server yet; the "
                        "station uploads them, then sends the dossier again.", problems,
                        missing=missing)
            return
        if problems:
            self._error(422, "invalid", "Hồ sơ chưa hợp lệ.", problems)
            return
        refusals = review_refusals(body, self.cfg.refuse_answer)
        if refusals:
            self._error(422, "refused", "Cán bộ tiếp nhận yêu cầu sửa hồ sơ.", refusals)
            return
        replaces = body.get("ThayThe")
        if replaces:
            earlier = store.replacement_of(replaces)
            if earlier is not None:
                self._error(409, "already_replaced",
                            "Hồ sơ bị từ chối này đã được thay bằng hồ sơ %s." % earlier[1],
                            [{"path": "ThayThe", "message": "Đã có hồ sơ sửa lại: %s." % earlier[1]}])
                return

        station = body.get("Station") or {}
        agency = station.get("AgencyCode") or self.cfg.agency_code
        days = body.get("SoNgayXuLy")
        if days is None:
            days = 1
        now = self.server.now()
        due = add_working_days(local_date(now), days, self.cfg.holidays, self.cfg.worked_days)
        linked_due = None
        if body.get("LienThong") is not None:
            # One sitting, several procedures (Nghị định 63/2024/NĐ-CP): each its own due
            # date; the dossier is done when the last one is.
            linked_due = [(item["MaTTHC"],
                           add_working_days(local_date(now), item["SoNgayXuLy"],
                                            self.cfg.holidays, self.cfg.worked_days))
                          for item in body["LienThong"]]
            due = max([due] + [d for _, d in linked_due])
        try:
            row, created = store.create_dossier(submission_id, station_id, agency, canonical,
                                                content_hash, body, now, due, linked_due)
        except OverflowError:
            self._error(503, "sequence_exhausted", "Đã hết số hồ sơ trong ngày.",
                        headers={"Retry-After": "3600"})
            return
        if not created:
            self._answer_existing(row, content_hash)
            return
        if self.cfg.drop_after_body > 0 and self.server.draw("drop") < self.cfg.drop_after_body:
            # Stored, but the answer is lost: the client must retry and get the same code.
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self._send(201, json.loads(row[1]))

    def _answer_existing(self, row, content_hash):
        stored_hash, answer_json = row
        if stored_hash == content_hash:
            self._send(201, json.loads(answer_json))
        else:
            self._error(409, "conflict",
                        "Mã nộp hồ sơ này đã được dùng cho một hồ sơ có nội dung khác.")

    def _get_dossier(self, code, query):
        self._discard_body()
        verify = (query.get("verify") or [""])[0].strip()
        now = self.server.now()

        def check():
            if not verify:
                return None
            return self.server.store.lookup(code, verify, now, self.cfg.progress_seconds)

        # Missing, wrong, unknown, locked out: one and the same 404.
        result = self.server.tries.attempt(code, now, check)
        if result is None:
            self._error(404, "not_found",
                        "Không tìm thấy hồ sơ, hoặc thông tin xác minh không đúng.")
            return
        self._send(200, result)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, cfg, store, tls=None):
        self.cfg = cfg
        self.store = store
        # An ssl.SSLContext when serving https (--tls-cert, --tls-key).
        self.tls = tls
        self._rng_lock = threading.Lock()
        self._rngs = {name: random.Random("%s:%s" % (cfg.seed, name)) if cfg.seed is not None
                      else random.Random() for name in ("fail", "drop")}
        self._clock_offset = 0.0
        self._bundle, self._bundle_stamp = None, None
        if cfg.fake_now:
            self._clock_offset = parse_time(cfg.fake_now) - time.time()
        self.tries = TryLimiter()
        # The province's seal keys by key id (--seal-key, repeatable: an old key kept after a
        # new one is given to the stations still opens what was sealed to it).
        self.seal_keys = {k.id: k for k in getattr(cfg, "seal_keys", [])}
        # The first --seal-key is the current one: the key enrolment gives new stations.
        self.current_seal_key_id = cfg.seal_keys[0].id if getattr(cfg, "seal_keys", []) else None
        super().__init__(address, Handler)

    def now(self):
        return time.time() + self._clock_offset

    def bundle(self):
        """The bundle offered now: --bundle FILE, read again whenever the file changed, so a
        province publishes a new one by replacing the file (a rename), without a restart. A
        file that is not a bundle then offers none."""
        path = self.cfg.bundle
        if not path:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        with self._rng_lock:
            if self._bundle_stamp != stamp:
                try:
                    self._bundle = bundles.Published(path, self.cfg.bundle_truncate)
                except bundles.BundleError:
                    self._bundle = None
                self._bundle_stamp = stamp
            return self._bundle

    def advance_clock(self, seconds):
        """Tests: move the server clock forward (as --fake-now moves its start)."""
        self._clock_offset += seconds

    def draw(self, name):
        with self._rng_lock:
            return self._rngs[name].random()

    def finish_request(self, request, client_address):
        # TLS: the handshake runs here, in the connection's own thread, so a
        # client that connects and says nothing holds only its own thread.
        if self.tls is None:
            super().finish_request(request, client_address)
            return
        try:
            request.settimeout(Handler.timeout)
            secure = self.tls.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            return
        try:
            super().finish_request(secure, client_address)
        finally:
            try:
                secure.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            secure.close()

    @property
    def scheme(self):
        return "https" if self.tls is not None else "http"

    def server_close(self):
        super().server_close()
        self.store.close()


class Server6(Server):
    address_family = socket.AF_INET6


def build_parser():
    p = argparse.ArgumentParser(
        description="Reference provincial server for the kiosk (docs/protocol.md).")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8088,
                   help="port (default 8088; 0 = any free, see --port-file)")
    p.add_argument("--port-file",
                   help="once listening, write the port to this file (with --port 0: the one "
                        "the system gave; written whole, by rename)")
    p.add_argument("--tls-cert", help="serve https with this PEM certificate (chain); needs --tls-key")
    p.add_argument("--tls-key", help="the PEM private key of --tls-cert")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow a non-loopback --host")
    p.add_argument("--data", help="folder for the SQLite database and documents")
    p.add_argument("--token-file",
                   help="file whose first line is the bearer token (mode 600)")
    p.add_argument("--agency-code", default="000.00.00.H49",
                   help="the server's agency code (health answer; default when a dossier "
                        "names none)")
    p.add_argument("--seal-key", action="append", default=[], metavar="FILE",
                   help="the province's secret seal key (mode 600), to open sealed dossiers and "
                        "documents; repeat to keep older keys")
    p.add_argument("--make-seal-key", metavar="FILE",
                   help="write a new secret seal key to FILE (mode 600), print its public key "
                        "(for [server] seal_public_key) and exit")
    p.add_argument("--sign-public-key", metavar="FILE|BASE64",
                   help="the province's form-signing public key (Ed25519; make-sign-key's .pub), "
                        "given to stations at enrolment")
    p.add_argument("--bundle", metavar="FILE",
                   help="the signed form bundle to offer stations (sign-bundle's output)")
    p.add_argument("--bundle-truncate", type=int, metavar="N",
                   help="fault injection: the bundle download stops after N bytes")
    p.add_argument("--holidays", help="file of yyyy-mm-dd lines: extra non-working days")
    p.add_argument("--no-builtin-holidays", action="store_true",
                   help="do not read the shared calendar Forms/datasets/holidays.csv "
                        "(weekends and --holidays only)")
    p.add_argument("--max-body", type=int, default=20 * 1024 * 1024,
                   help="largest request body in bytes (default 20 MB)")
    p.add_argument("--max-document-mb", type=float, default=20,
                   help="largest document, in MiB of the body sent (sealed), whole or in parts "
                        "(default 20): a larger one is answered 413")
    p.add_argument("--progress-seconds", type=float, default=0,
                   help="demonstration: every N seconds a dossier moves 2→4→9→10 (0 = never)")
    p.add_argument("--fail-rate", type=float, default=0.0,
                   help="fraction of dossier/document PUTs answered 503 before storing")
    p.add_argument("--latency-ms", type=int, default=0, help="delay before every answer")
    p.add_argument("--drop-after-body", type=float, default=0.0,
                   help="fraction of new dossiers stored, then the connection closed unanswered")
    p.add_argument("--captive-portal", action="store_true",
                   help="answer 200 text/html login page to everything")
    p.add_argument("--slow-bytes", action="store_true",
                   help="write response bodies a few bytes at a time")
    p.add_argument("--refuse-answer", action="append", default=[], metavar="PATH=VALUE",
                   help="refuse (422) a dossier whose Fields.NAME or Answers.KEY equals VALUE, "
                        "as a clerk's review would (tests, demos; repeatable)")
    p.add_argument("--seed", type=int, help="seed of the random fault choices")
    p.add_argument("--fake-now", metavar="yyyyMMddHHmmss",
                   help="start the server clock at this Asia/Ho_Chi_Minh time (demos, tests)")
    p.add_argument("--quiet", action="store_true", help="no request log on stderr")
    return p


def make_server(argv):
    """Parses argv, checks the configuration and binds; raises ConfigError on a problem."""
    parser = build_parser()
    cfg = parser.parse_args(argv)
    if not cfg.data or not cfg.token_file:
        parser.error("the following arguments are required: --data, --token-file")
    if not cfg.allow_remote and not is_loopback(cfg.host):
        raise ConfigError("refusing to listen on %s: not a loopback address "
                          "(pass --allow-remote to serve the network)" % cfg.host)
    for name in ("fail_rate", "drop_after_body"):
        if not 0.0 <= getattr(cfg, name) <= 1.0:
            raise ConfigError("--%s must be between 0 and 1" % name.replace("_", "-"))
    for rule in cfg.refuse_answer:
        path, eq, _ = rule.partition("=")
        if not eq or path.partition(".")[0] not in ("Fields", "Answers") or not path.partition(".")[2]:
            raise ConfigError("--refuse-answer takes Fields.NAME=VALUE or Answers.KEY=VALUE, not %r" % rule)
    if cfg.max_body <= 0:
        raise ConfigError("--max-body must be positive")
    if cfg.max_document_mb <= 0:
        raise ConfigError("--max-document-mb must be positive")
    cfg.max_document = int(cfg.max_document_mb * 1024 * 1024)
    if cfg.progress_seconds < 0:
        raise ConfigError("--progress-seconds must not be negative")
    if not AGENCY_RE.match(cfg.agency_code):
        raise ConfigError("--agency-code %r is not like 000.00.00.H49" % cfg.agency_code)
    if cfg.fake_now:
        try:
            if not TIME_RE.match(cfg.fake_now):
                raise ValueError
            parse_time(cfg.fake_now)
        except ValueError:
            raise ConfigError("--fake-now must be yyyyMMddHHmmss")
    if bool(cfg.tls_cert) != bool(cfg.tls_key):
        raise ConfigError("--tls-cert and --tls-key go together")
    tls = None
    if cfg.tls_cert:
        try:
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls.minimum_version = ssl.TLSVersion.TLSv1_2
            tls.load_cert_chain(cfg.tls_cert, cfg.tls_key)
        except (OSError, ssl.SSLError) as e:
            raise ConfigError("cannot load the TLS certificate %s or key %s: %s"
                              % (cfg.tls_cert, cfg.tls_key, e))
    cfg.token = read_token(cfg.token_file)
    cfg.seal_keys = [read_seal_key(path) for path in cfg.seal_key]
    try:
        cfg.sign_public_key = (base64.b64encode(bundles.read_public_key(cfg.sign_public_key)).decode()
                               if cfg.sign_public_key else None)
        if cfg.bundle and os.path.exists(cfg.bundle):
            # Refused at start when unusable; a file not there yet offers none until it is.
            bundles.Published(cfg.bundle, cfg.bundle_truncate)
    except bundles.BundleError as e:
        raise ConfigError(str(e))
    holidays, cfg.worked_days = set(), frozenset()
    if not cfg.no_builtin_holidays:
        try:
            off, cfg.worked_days = load_calendar(SHARED_CALENDAR)
        except OSError as e:
            raise ConfigError("cannot read the shared calendar %s: %s (or pass --no-builtin-holidays)"
                              % (SHARED_CALENDAR, e.strerror))
        holidays.update(off)
    if cfg.holidays:
        try:
            holidays.update(load_holidays(cfg.holidays))
        except OSError as e:
            raise ConfigError("cannot read the holidays file %s: %s" % (cfg.holidays, e.strerror))
    cfg.holidays = frozenset(holidays)
    try:
        os.makedirs(cfg.data, exist_ok=True)
        store = Store(cfg.data)
    except (OSError, sqlite3.Error) as e:
        raise ConfigError("cannot open the data folder %s: %s" % (cfg.data, e))
    cls = Server6 if ":" in cfg.host else Server
    try:
        return cls((cfg.host, cfg.port), cfg, store, tls)
    except OSError as e:
        store.close()
        raise ConfigError("cannot listen on %s:%d: %s" % (cfg.host, cfg.port, e.strerror or e))


def write_port_file(path, port):
    """Writes the port the server listens on, whole: a reader never sees half a number."""
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, path)


def admin_command(argv):
    """The province's commands beside the server (docs/protocol.md, "Enrolment", "Form
    bundles"); an exit code."""
    p = argparse.ArgumentParser(prog="server.py " + argv[0])
    if argv[0] in ("enroll-code", "revoke-station"):
        p.add_argument("--data", required=True, help="the server's data folder")
    if argv[0] == "enroll-code":
        p.add_argument("--agency", required=True, help="agency code of the station, 000.00.00.H49")
        p.add_argument("--station", help="the station id to give (default: the agency's next, H49-0001)")
        p.add_argument("--valid-hours", type=float, default=enrolment.DEFAULT_VALID_HOURS)
        p.add_argument("--fake-now", metavar="yyyyMMddHHmmss", help="tests: the time it is minted")
    elif argv[0] == "revoke-station":
        p.add_argument("--station", required=True)
    elif argv[0] == "make-sign-key":
        p.add_argument("file", help="where the secret key goes (its public key: FILE.pub)")
    elif argv[0] == "sign-bundle":
        p.add_argument("--key", required=True, help="the signing key (make-sign-key)")
        p.add_argument("--version", required=True, help="the bundle's version, e.g. 2026.12.1")
        p.add_argument("--out", required=True, help="the bundle file to write")
        p.add_argument("forms", help="the forms folder (*.json, datasets/*.csv)")
    a = p.parse_args(argv[1:])
    try:
        if argv[0] == "make-sign-key":
            print(bundles.make_sign_key(a.file))
            return 0
        if argv[0] == "sign-bundle":
            public, secret = bundles.read_sign_key(a.key)
            data = bundles.build(a.forms, a.version, secret, time.time())
            tmp = a.out + ".tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, a.out)
            print("%s %s %d bytes sha256 %s" % (a.out, a.version, len(data),
                                                 hashlib.sha256(data).hexdigest()))
            return 0
        store = Store(a.data)
        try:
            if argv[0] == "enroll-code":
                if not AGENCY_RE.match(a.agency):
                    raise ConfigError("--agency %r is not like 000.00.00.H49" % a.agency)
                now = parse_time(a.fake_now) if a.fake_now else time.time()
                with store.lock:
                    print(enrolment.mint_code(store.db, a.agency, a.station, now, a.valid_hours))
                return 0
            with store.lock:
                revoked = enrolment.revoke(store.db, a.station, time.time())
            if not revoked:
                sys.stderr.write("provincial-server: no enrolled station %s with a live token\n"
                                 % a.station)
                return 1
            print("revoked %s" % a.station)
            return 0
        finally:
            store.close()
    except FileExistsError as e:
        sys.stderr.write("provincial-server: %s exists; not overwritten\n" % e.filename)
    except (OSError, ConfigError, bundles.BundleError, enrolment.EnrolError, sqlite3.Error) as e:
        sys.stderr.write("provincial-server: %s\n" % e)
    return 2


ADMIN_COMMANDS = ("enroll-code", "revoke-station", "make-sign-key", "sign-bundle")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ADMIN_COMMANDS:
        return admin_command(argv)
    if "--make-seal-key" in argv:
        path = argv[argv.index("--make-seal-key") + 1] if argv.index("--make-seal-key") + 1 < len(argv) else ""
        try:
            if not path:
                raise ConfigError("--make-seal-key needs a file name")
            public = make_seal_key(path)
        except FileExistsError:
            sys.stderr.write("provincial-server: %s exists; not overwritten\n" % path)
            return 2
        except (OSError, ConfigError) as e:
            sys.stderr.write("provincial-server: %s\n" % e)
            return 2
        print(public)
        return 0
    try:
        server = make_server(argv)
    except ConfigError as e:
        sys.stderr.write("provincial-server: %s\n" % e)
        return 2
    host, port = server.server_address[:2]
    if server.cfg.port_file:
        try:
            write_port_file(server.cfg.port_file, port)
        except OSError as e:
            sys.stderr.write("provincial-server: cannot write %s: %s\n" % (server.cfg.port_file, e))
            server.server_close()
            return 2
    sys.stderr.write("provincial-server listening on %s://%s:%d (data %s)\n"
                     % (server.scheme, host, port, server.cfg.data))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
