"""Tests of the reference provincial server (docs/protocol.md).

Run from the repository root:

    python3 -m unittest discover -s Tools/provincial-server -p 'test_*.py'

Servers run in-process on 127.0.0.1 with a free port and a temporary data folder; one test
starts the real command line as a subprocess. No traffic leaves 127.0.0.1.
"""

import hashlib
import http.client
import json
import os
import re
import shutil
import ssl
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import server as srv  # noqa: E402

TOKEN = "test-token-0123456789"
STATION = "KIOSK-TEST-01"
AGENCY = "000.00.00.H49"
OTHER_AGENCY = "000.25.01.H22"
CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")
TIMEOUT = 5
# Every server a test starts runs on this clock unless the test gives its own
# --fake-now: no assertion may depend on the day the suite runs.
DEFAULT_NOW = "20261123084100"


class Running:
    """A server in a background thread, stopped by close()."""

    def __init__(self, data_dir, token_file, *flags):
        flags = list(flags)
        if "--fake-now" not in flags:
            flags += ["--fake-now", DEFAULT_NOW]
        argv = ["--host", "127.0.0.1", "--port", "0", "--data", data_dir,
                "--token-file", token_file, "--quiet"] + flags
        self.server = srv.make_server(argv)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(TIMEOUT)

    def request(self, method, path, body=None, token=TOKEN, station=STATION,
                content_type=None, conn=None):
        own = conn is None
        if own:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        headers = {}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        if station is not None:
            headers["X-Station-Id"] = station
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        elif body is not None:
            headers["Content-Type"] = content_type or "application/octet-stream"
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), data
        finally:
            if own:
                conn.close()

    def json(self, method, path, body=None, **kw):
        status, headers, data = self.request(method, path, body, **kw)
        if status != 200 or not headers.get("content-type", "").startswith("text/html"):
            assert headers.get("content-type") == "application/json; charset=utf-8", headers
            return status, headers, json.loads(data.decode("utf-8"))
        return status, headers, data


def dossier(submission_id=None, agency=AGENCY, **extra):
    sid = submission_id or str(uuid.uuid4())
    body = {
        "SubmissionId": sid,
        "MaTTHC": "1.001193",
        "TenTTHC": "Đăng ký khai sinh",
        "MaLinhVuc": "HT",
        "TenLinhVuc": "Hộ tịch",
        "SoBienNhan": "KIOSK-TEST-01-000123",
        "ChuHoSo": "Nguyễn Văn An",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "022090001234",
        "Email": "",
        "SoDienThoai": "0912345678",
        "TrichYeuHoSo": "Đăng ký khai sinh cho Nguyễn Thị Bình",
        "NgayTiepNhan": "20261123084000",
        "HinhThuc": 1,
        "HinhThucNhanKetQua": "desk",
        "TaiLieuNop": [],
        "DanhSachLePhi": [],
        "Form": {"Id": "khai-sinh", "Version": "1"},
        "Answers": {"child.full_name": "Nguyễn Thị Bình"},
        "Fields": {},
        "Station": {"Id": STATION, "AgencyCode": agency},
        "MaHoSoTruoc": [],
    }
    body.update(extra)
    return sid, body


BRIDE_ID = "001301001234"
GROOM_ID = "001097005678"
BRIDE_PHONE = "0987654321"


def marriage(**extra):
    """A marriage registration: no applicant.* answers, bride and groom file together."""
    answers = {
        "bride.full_name": "Lê Thị Hoa", "bride.id_number": BRIDE_ID, "bride.phone": BRIDE_PHONE,
        "groom.full_name": "Phạm Văn Minh", "groom.id_number": GROOM_ID,
        "member.phone": ["0911111111"],      # a list: never a verification
        "mother.id_number": "001170009999",  # not one of the keys that may verify
    }
    return dossier(MaTTHC="1.000894", TenTTHC="Đăng ký kết hôn", ChuHoSo="Lê Thị Hoa",
                   MaDoiTuong="", SoDienThoai="", TrichYeuHoSo="Đăng ký kết hôn",
                   Form={"Id": "dang-ky-ket-hon", "Version": "1"},
                   Answers=dict(answers, **extra.pop("answers", {})), **extra)


class ServerTestCase(unittest.TestCase):
    flags = ()      # of the server started for each test; None: start none

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="provincial-test-")
        self.data = os.path.join(self.tmp, "data")
        self.token_file = os.path.join(self.tmp, "token")
        fd = os.open(self.token_file, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, (TOKEN + "\n").encode())
        os.close(fd)
        self.servers = []
        self.s = self.start(*self.flags) if self.flags is not None else None

    def start(self, *flags):
        running = Running(self.data, self.token_file, *flags)
        self.servers.append(running)
        return running

    def tearDown(self):
        for running in self.servers:
            running.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def put_dossier(self, body, sid=None, running=None):
        running = running or self.s
        return running.json("PUT", "/api/v1/dossiers/" + (sid or body["SubmissionId"]), body)

    def lookup(self, code, verify, running=None, quote=True):
        """(status, headers, raw bytes) of GET /api/v1/dossiers/{code}?verify=…"""
        running = running or self.s
        if quote:
            verify = urllib.parse.quote(verify, safe="")
        return running.request("GET", "/api/v1/dossiers/%s?verify=%s" % (code, verify))


class BasicTests(ServerTestCase):
    flags = ("--fake-now", "20261123084100")

    def test_health_and_keep_alive(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=TIMEOUT)
        try:
            for _ in range(2):  # two requests on one connection
                status, headers, data = self.s.request("GET", "/api/v1/health", conn=conn)
                self.assertEqual(status, 200)
                self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
                self.assertEqual(int(headers["content-length"]), len(data))
                body = json.loads(data)
                self.assertEqual(body["server"], "provincial-server")
                self.assertEqual(body["version"], "1")
                self.assertEqual(body["agencyCode"], AGENCY)
                self.assertTrue(body["time"].startswith("2026112308"))
                # The Date header tells the same clock (stations compare theirs with it):
                # 08:41 in Hanoi is 01:41 GMT.
                self.assertTrue(headers["date"].startswith("Mon, 23 Nov 2026 01:41:"), headers["date"])
        finally:
            conn.close()

    def test_unauthorized(self):
        for token in (None, "wrong"):
            status, headers, body = self.s.json("GET", "/api/v1/health", token=token)
            self.assertEqual(status, 401)
            self.assertEqual(body["error"], "unauthorized")
            self.assertIn("message", body)
        sid, d = dossier()
        status, _, body = self.s.json("PUT", "/api/v1/dossiers/" + sid, d, token="wrong")
        self.assertEqual(status, 401)

    def test_station_id_required(self):
        status, _, body = self.s.json("GET", "/api/v1/health", station=None)
        self.assertEqual(status, 400)
        self.assertEqual(body["error"], "missing_station_id")

    def test_document_put(self):
        data = b"%PDF-1.4 scanned birth certificate\n" * 10
        digest = hashlib.sha256(data).hexdigest()
        status, _, body = self.s.json("PUT", "/api/v1/documents/" + digest, data)
        self.assertEqual(status, 201)
        self.assertEqual(body, {"sha256": digest, "size": len(data)})
        status, _, body = self.s.json("PUT", "/api/v1/documents/" + digest, data)
        self.assertEqual(status, 200)
        self.assertEqual(body, {"sha256": digest, "size": len(data)})
        with open(os.path.join(self.data, "documents", digest), "rb") as f:
            self.assertEqual(f.read(), data)
        # Bad hash: 422, nothing stored.
        wrong = hashlib.sha256(b"other").hexdigest()
        status, _, body = self.s.json("PUT", "/api/v1/documents/" + wrong, data)
        self.assertEqual(status, 422)
        self.assertEqual(body["error"], "hash_mismatch")
        self.assertFalse(os.path.exists(os.path.join(self.data, "documents", wrong)))

    def test_document_too_large(self):
        small = self.start("--max-body", "100")
        data = b"x" * 101
        status, _, body = small.json("PUT", "/api/v1/documents/" + hashlib.sha256(data).hexdigest(),
                                     data)
        self.assertEqual(status, 413)
        self.assertEqual(body["limit"], 100)

    def test_dossier_created_and_sequence(self):
        codes = []
        for _ in range(3):
            _, d = dossier()
            status, headers, body = self.put_dossier(d)
            self.assertEqual(status, 201, body)
            self.assertRegex(body["MaHoSo"], CODE_RE)
            self.assertEqual(body["TrangThaiHoSo"], 2)
            self.assertEqual(body["NgayTiepNhan"][:8], "20261123")
            self.assertEqual(body["NgayHenTra"], "2026-11-24")
            codes.append(body["MaHoSo"])
        self.assertEqual(codes, ["000.00.00.H49-261123-000%d" % i for i in (1, 2, 3)])
        # Another agency has its own sequence.
        _, d = dossier(agency=OTHER_AGENCY)
        status, _, body = self.put_dossier(d)
        self.assertEqual(body["MaHoSo"], OTHER_AGENCY + "-261123-0001")
        # Another day (same data folder, clock one day later) starts again at 0001.
        self.s.close()
        self.servers.remove(self.s)
        tomorrow = self.start("--fake-now", "20261124090000")
        _, d = dossier()
        status, _, body = self.put_dossier(d, running=tomorrow)
        self.assertEqual(status, 201)
        self.assertEqual(body["MaHoSo"], AGENCY + "-261124-0001")

    def test_replay_and_conflict(self):
        sid, d = dossier()
        status, _, first = self.put_dossier(d)
        self.assertEqual(status, 201)
        # Identical content (keys in another order) → the same answer.
        reordered = dict(reversed(list(d.items())))
        status, _, again = self.put_dossier(reordered)
        self.assertEqual(status, 201)
        self.assertEqual(again, first)
        # Different content under the same id → 409.
        changed = dict(d, ChuHoSo="Trần Văn Bảo")
        status, _, body = self.put_dossier(changed)
        self.assertEqual(status, 409)
        self.assertEqual(body["error"], "conflict")
        # The next dossier still gets the next number: the replay consumed none.
        _, d2 = dossier()
        status, _, body = self.put_dossier(d2)
        self.assertEqual(body["MaHoSo"], AGENCY + "-261123-0002")

    def test_validation_details(self):
        sid, d = dossier()
        del d["MaTTHC"]
        d["ChuHoSo"] = ""
        del d["SoBienNhan"]
        d["TaiLieuNop"] = [
            {"MaThanhPhanHoSo": "TP1", "TenTaiLieu": "Giấy chứng sinh", "Nguon": "file",
             "Sha256": hashlib.sha256(b"never uploaded").hexdigest()},
            {"MaThanhPhanHoSo": "TP2", "TenTaiLieu": "CCCD", "Nguon": "desk"},
        ]
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 422)
        self.assertEqual(body["error"], "invalid")
        paths = {p["path"] for p in body["details"]}
        self.assertEqual(paths, {"MaTTHC", "ChuHoSo", "SoBienNhan", "TaiLieuNop[0].Sha256"})
        for p in body["details"]:
            self.assertTrue(p["message"])
        # Once the document is stored the same dossier (fixed) is accepted.
        data = b"never uploaded"
        self.s.json("PUT", "/api/v1/documents/" + hashlib.sha256(data).hexdigest(), data)
        sid, good = dossier(TaiLieuNop=d["TaiLieuNop"])
        status, _, body = self.put_dossier(good)
        self.assertEqual(status, 201, body)
        # The id in the address must be the one in the body.
        _, other = dossier()
        status, _, body = self.put_dossier(other, sid=str(uuid.uuid4()))
        self.assertEqual(status, 422)
        self.assertEqual(body["details"][0]["path"], "SubmissionId")
        # Not JSON.
        status, _, body = self.s.json("PUT", "/api/v1/dossiers/" + str(uuid.uuid4()),
                                      b"{not json", content_type="application/json")
        self.assertEqual(status, 422)

    def test_lookup_verify(self):
        _, d = dossier()
        _, _, created = self.put_dossier(d)
        code = created["MaHoSo"]
        for verify in ("022090001234", "0912345678"):
            status, _, body = self.s.json("GET", "/api/v1/dossiers/%s?verify=%s" % (code, verify))
            self.assertEqual(status, 200)
            self.assertEqual(body["MaHoSo"], code)
            self.assertEqual(body["MaTTHC"], "1.001193")
            self.assertEqual(body["TrangThaiHoSo"], 2)
            self.assertEqual(body["NgayHenTra"], "2026-11-24")
            self.assertEqual(body["Answers"], d["Answers"])
            self.assertEqual([h["TrangThaiHoSo"] for h in body["LichSu"]], [2])
        wrong = self.s.request("GET", "/api/v1/dossiers/%s?verify=000000000000" % code)
        unknown = self.s.request("GET", "/api/v1/dossiers/%s?verify=022090001234"
                                 % (AGENCY + "-261123-9999"))
        missing = self.s.request("GET", "/api/v1/dossiers/%s" % code)
        self.assertEqual(wrong[0], 404)
        self.assertEqual((wrong[0], wrong[2]), (unknown[0], unknown[2]))
        self.assertEqual((wrong[0], wrong[2]), (missing[0], missing[2]))
        self.assertEqual(wrong[1]["content-length"], unknown[1]["content-length"])


class VerifyTests(ServerTestCase):
    flags = ("--fake-now", "20261123084100")

    def unknown(self):
        return self.lookup(AGENCY + "-261123-9999", BRIDE_ID)

    def test_marriage_bride_groom_and_phone(self):
        _, d = marriage()
        status, _, created = self.put_dossier(d)
        self.assertEqual(status, 201, created)
        code = created["MaHoSo"]
        for verify, quote in ((BRIDE_ID, True), (GROOM_ID, True),
                              ("001.301.001.234", True), ("001-097-005-678", True),
                              (" 001 301 001 234 ", True),
                              (BRIDE_PHONE, True), ("+84987654321", True),
                              ("+84 987 654 321", True), ("84987654321", True),
                              ("+84987654321", False),   # an unencoded + arrives as a space
                              ("0987.654.321", True), ("098-765-4321", True)):
            status, _, data = self.lookup(code, verify, quote=quote)
            self.assertEqual(status, 200, (verify, data))
            body = json.loads(data)
            self.assertEqual(body["MaHoSo"], code)
            self.assertEqual(body["Answers"], d["Answers"])
        unknown = self.unknown()
        self.assertEqual(unknown[0], 404)
        for verify in ("000000000000", "001301001235", "0911111111", "001170009999",
                       "", "   ", "-.-", "0", "+84", "001301001234x", "00130100123",
                       "1301001234", "987654321", "0987 654 321 0"):
            wrong = self.lookup(code, verify)
            self.assertEqual((wrong[0], wrong[2]), (unknown[0], unknown[2]), repr(verify))
            self.assertEqual(wrong[1]["content-length"], unknown[1]["content-length"])
        missing = self.s.request("GET", "/api/v1/dossiers/%s" % code)
        self.assertEqual((missing[0], missing[2]), (unknown[0], unknown[2]))

    def test_applicant_answers_and_envelope_fields(self):
        _, d = dossier(MaDoiTuong="022 090 001 234", SoDienThoai="+84 912 345 678",
                       Answers={"applicant.id_number": "031200004321",
                                "applicant.phone": "0388 111 222"})
        _, _, created = self.put_dossier(d)
        code = created["MaHoSo"]
        for verify in ("022090001234", "0912345678", "84912345678", "031200004321",
                       "+84388111222", "0388111222"):
            self.assertEqual(self.lookup(code, verify)[0], 200, verify)
        # An id is not a phone: the id's digits with 84 in front match nothing.
        self.assertEqual(self.lookup(code, "8422090001234")[0], 404)

    def test_normalisation(self):
        self.assertEqual(srv.normalise_id(" 001.301-001 234"), "001301001234")
        self.assertIsNone(srv.normalise_id("CCCD 001301001234"))
        self.assertIsNone(srv.normalise_id(""))
        self.assertIsNone(srv.normalise_id(["001301001234"]))
        self.assertIsNone(srv.normalise_id("٠١٢"))           # not ASCII digits
        self.assertEqual(srv.normalise_phone("+84 912.345-678"), "0912345678")
        self.assertEqual(srv.normalise_phone("84912345678"), "0912345678")
        self.assertEqual(srv.normalise_phone("0912345678"), "0912345678")
        self.assertIsNone(srv.normalise_phone("(091) 2345678"))
        self.assertIsNone(srv.normalise_phone("0912345678\n"))
        self.assertIsNone(srv.normalise_phone(""))


class EnvelopeTests(ServerTestCase):
    flags = ("--fake-now", "20261123084100")

    def test_document_keys_accepted_and_returned(self):
        data = b"scanned identity card of the bride"
        digest = hashlib.sha256(data).hexdigest()
        self.s.json("PUT", "/api/v1/documents/" + digest, data)
        documents = [
            {"MaThanhPhanHoSo": "TP1", "TenTaiLieu": "Căn cước của bên nữ", "Nguon": "file",
             "Sha256": digest, "Khoa": "bride.identity_document"},
            {"MaThanhPhanHoSo": "TP2", "TenTaiLieu": "Căn cước của bên nam", "Nguon": "reuse",
             "MaHoSoGoc": "000.25.01.H49-250715-0007", "Khoa": "groom.identity_document"},
            {"MaThanhPhanHoSo": "TP3", "TenTaiLieu": "Giấy tờ khác", "Nguon": "desk"},
            {"MaThanhPhanHoSo": "TP4", "TenTaiLieu": "Giấy tờ khác", "Nguon": "desk",
             "Khoa": None},
        ]
        earlier = ["000.25.01.H49-250715-0007", "000.00.00.H49-260101-0001"]
        _, d = marriage(TaiLieuNop=documents, MaHoSoTruoc=earlier)
        status, _, created = self.put_dossier(d)
        self.assertEqual(status, 201, created)
        status, _, data = self.lookup(created["MaHoSo"], BRIDE_ID)
        self.assertEqual(status, 200)
        body = json.loads(data)
        self.assertEqual(body["TaiLieuNop"], documents)
        self.assertEqual(body["MaHoSoTruoc"], earlier)

    def test_malformed_document_keys(self):
        documents = [{"MaThanhPhanHoSo": "TP%d" % i, "TenTaiLieu": "Giấy tờ", "Nguon": "desk",
                      "Khoa": key}
                     for i, key in enumerate(["bride.identity_document", "Bride.identity",
                                              "bride", "bride.identity.front", "bride.id2",
                                              "", 7, ["bride.x"], "bride.identity_document\n",
                                              "cô_dâu.giấy_tờ", "bride identity"])]
        _, d = marriage(TaiLieuNop=documents)
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 422)
        self.assertEqual([p["path"] for p in body["details"]],
                         ["TaiLieuNop[%d].Khoa" % i for i in range(1, len(documents))])

    def test_earlier_codes_validated(self):
        _, d = dossier(MaHoSoTruoc=["000.25.01.H49-250715-0007", "000.25.01.H49-250715-7",
                                    None, "000.25.01.h49-250715-0007",
                                    "000.25.01.H49-250715-0007\n"])
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 422)
        self.assertEqual([p["path"] for p in body["details"]],
                         ["MaHoSoTruoc[%d]" % i for i in (1, 2, 3, 4)])
        _, d = dossier(MaHoSoTruoc="000.25.01.H49-250715-0007")
        status, _, body = self.put_dossier(d)
        self.assertEqual([p["path"] for p in body["details"]], ["MaHoSoTruoc"])
        # Absent or null: accepted, and the lookup answers [].
        _, d = dossier(MaHoSoTruoc=None)
        status, _, created = self.put_dossier(d)
        self.assertEqual(status, 201, created)
        _, _, data = self.lookup(created["MaHoSo"], "022090001234")
        self.assertEqual(json.loads(data)["MaHoSoTruoc"], [])


class TryLimitTests(ServerTestCase):
    flags = ("--fake-now", "20261123084100")

    def setUp(self):
        super().setUp()
        _, d = marriage()
        _, _, created = self.put_dossier(d)
        self.code = created["MaHoSo"]
        self.not_found = self.lookup(AGENCY + "-261123-9999", BRIDE_ID)
        self.assertEqual(self.not_found[0], 404)

    def assertNotFound(self, answer):
        self.assertEqual((answer[0], answer[2]), (self.not_found[0], self.not_found[2]))
        self.assertEqual(answer[1]["content-length"], self.not_found[1]["content-length"])

    def fail_times(self, times, code=None):
        for _ in range(times):
            self.assertNotFound(self.lookup(code or self.code, "000000000000"))

    def test_lockout_after_five_failures(self):
        self.fail_times(5)
        # The right verification now gets the very same 404, and does not count.
        for _ in range(3):
            self.assertNotFound(self.lookup(self.code, BRIDE_ID))
        self.s.server.advance_clock(14 * 60)
        self.assertNotFound(self.lookup(self.code, GROOM_ID))
        # Fifteen minutes after the fifth failure: open again.
        self.s.server.advance_clock(60)
        status, _, data = self.lookup(self.code, BRIDE_ID)
        self.assertEqual(status, 200, data)
        self.assertEqual(json.loads(data)["MaHoSo"], self.code)
        # The count started again from zero.
        self.fail_times(4)
        self.assertEqual(self.lookup(self.code, GROOM_ID)[0], 200)

    def test_success_resets_the_count(self):
        self.fail_times(4)
        self.assertEqual(self.lookup(self.code, BRIDE_ID)[0], 200)
        self.fail_times(4)
        self.assertEqual(self.lookup(self.code, BRIDE_ID)[0], 200)
        self.fail_times(5)
        self.assertNotFound(self.lookup(self.code, BRIDE_ID))

    def test_old_failures_are_forgotten(self):
        self.fail_times(4)
        self.s.server.advance_clock(15 * 60)
        self.fail_times(4)
        self.assertEqual(self.lookup(self.code, BRIDE_ID)[0], 200)

    def test_missing_verify_counts(self):
        for _ in range(5):
            self.assertNotFound(self.s.request("GET", "/api/v1/dossiers/" + self.code))
        self.assertNotFound(self.lookup(self.code, BRIDE_ID))

    def test_locks_are_per_code_and_unknown_codes_count(self):
        unknown = AGENCY + "-261123-0777"
        self.fail_times(5, code=unknown)
        tries = self.s.server.tries
        self.assertGreater(tries.entries[unknown].locked_until, self.s.server.now())
        # Another code is not affected.
        self.assertEqual(self.lookup(self.code, BRIDE_ID)[0], 200)
        self.assertNotIn(self.code, tries.entries)

    def test_table_is_bounded(self):
        tries = self.s.server.tries
        tries.capacity = 3
        for n in range(3):
            self.fail_times(1, code=AGENCY + "-261123-%04d" % (100 + n))
        self.assertEqual(len(tries.entries), 3)
        # Full of codes still being counted: a code it does not hold fails unchecked…
        self.assertNotFound(self.lookup(self.code, BRIDE_ID))
        self.assertEqual(len(tries.entries), 3)
        # …until they expire and are pruned.
        self.s.server.advance_clock(15 * 60)
        self.assertEqual(self.lookup(self.code, BRIDE_ID)[0], 200)
        self.assertEqual(len(tries.entries), 0)
        # A long address is kept by its hash, not whole.
        self.fail_times(1, code="X" * 5000)
        self.assertEqual([len(k) for k in tries.entries], [len("sha256:") + 64])


class DueDateTests(ServerTestCase):
    # Friday 2026-11-20, 16:00 in Hà Nội.
    flags = ("--fake-now", "20261120160000")

    def test_due_date_skips_weekend(self):
        _, d = dossier()
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 201)
        self.assertEqual(body["NgayHenTra"], "2026-11-23")  # Monday, not Saturday
        _, d = dossier(SoNgayXuLy=3)
        status, _, body = self.put_dossier(d)
        self.assertEqual(body["NgayHenTra"], "2026-11-25")

    def test_holidays_file_and_builtin(self):
        off, worked = srv.load_calendar(srv.SHARED_CALENDAR)
        self.assertEqual(srv.add_working_days(srv._dt.date(2026, 4, 29), 1, off, worked),
                         srv._dt.date(2026, 5, 4))
        holidays = os.path.join(self.tmp, "holidays.txt")
        with open(holidays, "w") as f:
            f.write("# extra days off\n2026-11-23\n")
        other = self.start("--holidays", holidays, "--fake-now", "20261120160000")
        _, d = dossier()
        status, _, body = self.put_dossier(d, running=other)
        self.assertEqual(body["NgayHenTra"], "2026-11-24")


class LinkedProceduresTests(ServerTestCase):
    """A one-sitting dossier (liên thông, Nghị định 63/2024/NĐ-CP): several procedures, each
    with its own due date; the dossier's due date is the latest."""
    # Friday 2026-11-20, 16:00 in Hà Nội.
    flags = ("--fake-now", "20261120160000")

    LINKED = [
        {"MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai sinh", "CoQuan": "UBND cấp xã",
         "SoNgayXuLy": 0},
        {"MaTTHC": "1.004194", "TenTTHC": "Đăng ký thường trú", "CoQuan": "Công an cấp xã",
         "SoNgayXuLy": 3},
        {"MaTTHC": "1.011442", "TenTTHC": "Cấp thẻ BHYT", "CoQuan": "Bảo hiểm xã hội",
         "SoNgayXuLy": 2},
    ]

    def test_each_procedure_gets_its_due_date(self):
        _, d = dossier(SoNgayXuLy=0, LienThong=self.LINKED)
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 201, body)
        self.assertEqual(body["LienThong"], [
            {"MaTTHC": "1.001193", "NgayHenTra": "2026-11-20"},   # the same day
            {"MaTTHC": "1.004194", "NgayHenTra": "2026-11-25"},
            {"MaTTHC": "1.011442", "NgayHenTra": "2026-11-24"},
        ])
        self.assertEqual(body["NgayHenTra"], "2026-11-25")
        # A replay answers the same; the lookup gives the list too.
        status, _, again = self.put_dossier(d)
        self.assertEqual((status, again), (201, body))
        _, _, data = self.lookup(body["MaHoSo"], "022090001234")
        self.assertEqual(json.loads(data)["LienThong"], body["LienThong"])

    def test_a_plain_dossier_has_no_linked_list(self):
        _, d = dossier()
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 201)
        self.assertNotIn("LienThong", body)
        _, _, data = self.lookup(body["MaHoSo"], "022090001234")
        self.assertEqual(json.loads(data)["LienThong"], [])

    def test_malformed_linked_procedures(self):
        bad = [
            {"MaTTHC": "1.001193", "SoNgayXuLy": 0},
            {"MaTTHC": "khai sinh", "SoNgayXuLy": 0},
            {"MaTTHC": "1.004194", "SoNgayXuLy": -1},
            {"MaTTHC": "1.004194", "SoNgayXuLy": True},
            {"MaTTHC": "1.004194", "SoNgayXuLy": 1, "CoQuan": 5},
            "1.011442",
        ]
        _, d = dossier(LienThong=bad)
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 422)
        self.assertEqual([p["path"] for p in body["details"]],
                         ["LienThong[1].MaTTHC", "LienThong[2].SoNgayXuLy",
                          "LienThong[3].SoNgayXuLy", "LienThong[4].CoQuan", "LienThong[5]"])
        _, d = dossier(LienThong={"MaTTHC": "1.001193"})
        status, _, body = self.put_dossier(d)
        self.assertEqual([p["path"] for p in body["details"]], ["LienThong"])


class SharedCalendarTests(unittest.TestCase):
    """The kiosk's expected due dates and the server's come from one table and one rule: the
    vectors of Tests/Fixtures/working-days.csv, which the kiosk's WorkingCalendarTests read too."""

    def test_the_shared_vectors(self):
        import csv
        off, worked = srv.load_calendar(srv.SHARED_CALENDAR)
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                            "Tests", "Fixtures", "working-days.csv")
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
        self.assertGreater(len(rows), 10)
        for row in rows:
            start = srv._dt.date.fromisoformat(row["start"])
            due = srv.add_working_days(start, int(row["days"]), off, worked)
            self.assertEqual(due.isoformat(), row["due"], row)

    def test_swapped_days_and_bad_rows(self):
        off, worked = srv.load_calendar(srv.SHARED_CALENDAR)
        self.assertIn(srv._dt.date(2026, 8, 31), off)      # Monday swapped away
        self.assertIn(srv._dt.date(2026, 8, 22), worked)   # the Saturday worked for it
        bad = os.path.join(tempfile.mkdtemp(), "holidays.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("# a comment\ncode,name,name_en,kind\n2026-11-21,Thứ Bảy,Saturday,off\n")
        with self.assertRaises(srv.ConfigError) as e:
            srv.load_calendar(bad)
        self.assertIn(":3:", str(e.exception))


class CaptivePortalTests(ServerTestCase):
    flags = ("--captive-portal",)

    def test_everything_is_a_login_page(self):
        for method, path, body, token in (("GET", "/api/v1/health", None, TOKEN),
                                          ("GET", "/api/v1/health", None, None),
                                          ("PUT", "/api/v1/dossiers/x", b"{}", TOKEN)):
            status, headers, data = self.s.request(method, path, body, token=token)
            self.assertEqual(status, 200)
            self.assertTrue(headers["content-type"].startswith("text/html"))
            self.assertIn(b"login", data.lower())
            self.assertTrue(data.startswith(b"<html>"))


class FaultTests(ServerTestCase):
    flags = ("--fake-now", "20261123084100")

    def test_drop_after_body_then_retry(self):
        dropping = self.start("--drop-after-body", "1", "--seed", "1",
                              "--fake-now", "20261123084100")
        sid, d = dossier()
        with self.assertRaises((http.client.RemoteDisconnected, ConnectionError)):
            self.put_dossier(d, running=dropping)
        # The retry (same id, same content) is a replay: answered, with the stored code.
        status, _, body = self.put_dossier(d, running=dropping)
        self.assertEqual(status, 201)
        self.assertEqual(body["MaHoSo"], AGENCY + "-261123-0001")
        status, _, found = dropping.json(
            "GET", "/api/v1/dossiers/%s?verify=0912345678" % body["MaHoSo"])
        self.assertEqual(status, 200)
        # Only one dossier was made.
        _, d2 = dossier()
        self.assertRaises((http.client.RemoteDisconnected, ConnectionError),
                          self.put_dossier, d2, None, dropping)
        status, _, body2 = self.put_dossier(d2, running=dropping)
        self.assertEqual(body2["MaHoSo"], AGENCY + "-261123-0002")

    def test_fail_rate_with_seed_is_repeatable(self):
        def pattern(running, n=12):
            result = []
            for i in range(n):
                data = ("document %d" % i).encode()
                status, headers, body = running.json(
                    "PUT", "/api/v1/documents/" + hashlib.sha256(data).hexdigest(), data)
                if status == 503:
                    self.assertEqual(headers.get("retry-after"), "1")
                    self.assertEqual(body["error"], "unavailable")
                result.append(status)
            return result

        a = self.start("--fail-rate", "0.5", "--seed", "7")
        first = pattern(a)
        self.assertIn(503, first)
        self.assertIn(201, first)
        a.close()
        self.servers.remove(a)
        # Same seed on a fresh data folder: the same answers in the same order.
        self.data = os.path.join(self.tmp, "data2")
        b = self.start("--fail-rate", "0.5", "--seed", "7")
        self.assertEqual(pattern(b), first)
        # A document refused with 503 was not stored: it is new (201) on the unfailing server.
        i = first.index(503)
        data = ("document %d" % i).encode()
        status, _, _ = self.s.json("PUT", "/api/v1/documents/" + hashlib.sha256(data).hexdigest(),
                                   data)
        self.assertEqual(status, 201)

    def test_fail_rate_on_dossiers(self):
        failing = self.start("--fail-rate", "1", "--seed", "3")
        _, d = dossier()
        status, headers, body = self.put_dossier(d, running=failing)
        self.assertEqual(status, 503)
        self.assertEqual(headers["retry-after"], "1")
        # Nothing stored: the first real dossier of the day is 0001.
        status, _, body = self.put_dossier(d)
        self.assertEqual(body["MaHoSo"], AGENCY + "-261123-0001")

    def test_slow_bytes_and_latency(self):
        slow = self.start("--slow-bytes", "--latency-ms", "50")
        started = time.monotonic()
        status, headers, body = slow.json("GET", "/api/v1/health")
        self.assertGreaterEqual(time.monotonic() - started, 0.05)
        self.assertEqual(status, 200)
        self.assertEqual(body["server"], "provincial-server")


class ProgressTests(ServerTestCase):
    flags = ("--progress-seconds", "0.3")

    def test_status_progresses(self):
        _, d = dossier()
        status, _, created = self.put_dossier(d)
        self.assertEqual(created["TrangThaiHoSo"], 2)
        url = "/api/v1/dossiers/%s?verify=022090001234" % created["MaHoSo"]
        seen = []
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            _, _, body = self.s.json("GET", url)
            if not seen or seen[-1] != body["TrangThaiHoSo"]:
                seen.append(body["TrangThaiHoSo"])
            if body["TrangThaiHoSo"] == 10:
                break
            time.sleep(0.1)
        self.assertEqual(seen, [2, 4, 9, 10])
        self.assertEqual([h["TrangThaiHoSo"] for h in body["LichSu"]], [2, 4, 9, 10])
        self.assertEqual(body["LichSu"][-1]["GhiChu"], "Đã trả kết quả")
        # The replay answer of the PUT is unchanged (the original 201).
        status, _, again = self.put_dossier(d)
        self.assertEqual((status, again), (201, created))


class ResultTests(ServerTestCase):
    # Statuses move 2 → 4 → 9 → 10 every minute of the (fake, advanced by hand) clock.
    flags = ("--fake-now", "20261123084100", "--progress-seconds", "60")

    def look(self, code, verify=BRIDE_ID, running=None):
        status, _, data = self.lookup(code, verify, running=running)
        self.assertEqual(status, 200, data)
        return json.loads(data)

    def test_results_issued_when_done_and_stable(self):
        _, d = marriage()
        _, _, created = self.put_dossier(d)
        code = created["MaHoSo"]
        for status in (2, 4):
            body = self.look(code)
            self.assertEqual(body["TrangThaiHoSo"], status)
            self.assertEqual(body["KetQua"], {})
            self.assertEqual(body["DanhSachGiayToKetQua"], [])
            self.s.server.advance_clock(60)
        body = self.look(code)
        self.assertEqual(body["TrangThaiHoSo"], 9)
        done = [h["ThoiGian"] for h in body["LichSu"] if h["TrangThaiHoSo"] == 9][0]
        self.assertEqual(body["KetQua"], {"bride.marriage_certificate_number": "1/2026",
                                          "groom.marriage_certificate_number": "1/2026"})
        self.assertEqual(body["DanhSachGiayToKetQua"], [
            {"TenGiayTo": "Giấy chứng nhận kết hôn", "SoGiayTo": "1/2026", "NgayCap": done,
             "Khoa": ["bride.marriage_certificate", "groom.marriage_certificate"]}])
        # Another dossier done meanwhile takes the next number…
        _, birth = dossier()
        _, _, other = self.put_dossier(birth)
        self.s.server.advance_clock(120)
        other_body = self.look(other["MaHoSo"], "022090001234")
        self.assertEqual(other_body["TrangThaiHoSo"], 9)
        self.assertEqual(other_body["KetQua"], {"child.birth_certificate_number": "2/2026"})
        self.assertEqual(other_body["DanhSachGiayToKetQua"][0]["Khoa"],
                         ["child.birth_certificate"])
        # …while the first keeps its own, at status 10 and across a restart.
        again = self.look(code, GROOM_ID)
        self.assertEqual(again["TrangThaiHoSo"], 10)
        self.assertEqual((again["KetQua"], again["DanhSachGiayToKetQua"]),
                         (body["KetQua"], body["DanhSachGiayToKetQua"]))
        self.s.close()
        self.servers.remove(self.s)
        restarted = self.start("--fake-now", "20261124090000")
        after = self.look(code, running=restarted)
        self.assertEqual((after["KetQua"], after["DanhSachGiayToKetQua"]),
                         (body["KetQua"], body["DanhSachGiayToKetQua"]))

    def test_numbers_per_agency_and_procedure_table(self):
        codes = []
        for agency, procedure in ((AGENCY, "1.000656"), (OTHER_AGENCY, "1.004873"),
                                  (AGENCY, "1.004873"), (AGENCY, "1.004222")):
            _, d = dossier(agency=agency, MaTTHC=procedure)
            _, _, created = self.put_dossier(d)
            codes.append(created["MaHoSo"])
        self.s.server.advance_clock(180)
        bodies = [self.look(code, "0912345678") for code in codes]
        self.assertEqual([b["TrangThaiHoSo"] for b in bodies], [10] * 4)
        self.assertEqual([b["KetQua"] for b in bodies], [
            {"deceased.death_certificate_number": "1/2026"},
            {"subject.marital_status_certificate_number": "1/2026"},   # its own agency
            {"subject.marital_status_certificate_number": "2/2026"},
            {},                                       # a procedure without a known result
        ])
        self.assertEqual([[g["TenGiayTo"] for g in b["DanhSachGiayToKetQua"]] for b in bodies],
                         [["Trích lục khai tử"], ["Giấy xác nhận tình trạng hôn nhân"],
                          ["Giấy xác nhận tình trạng hôn nhân"], []])

    def test_year_is_the_year_it_was_done(self):
        late = self.start("--fake-now", "20261231235830", "--progress-seconds", "60")
        _, d = marriage()
        _, _, created = self.put_dossier(d, running=late)
        late.server.advance_clock(125)     # done at 2027-01-01 00:00:30
        body = self.look(created["MaHoSo"], running=late)
        self.assertEqual(body["TrangThaiHoSo"], 9)
        self.assertEqual(body["DanhSachGiayToKetQua"][0]["NgayCap"], "20270101000030")
        self.assertEqual(body["KetQua"]["bride.marriage_certificate_number"], "1/2027")


# The tables of the first data folders (schema 0, before results), frozen here as they were.
OLD_SCHEMA = """
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
        station_id TEXT, stored_at TEXT NOT NULL);
    CREATE TABLE sequences (
        agency TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL,
        PRIMARY KEY (agency, day));
    CREATE TABLE dossiers (
        submission_id TEXT PRIMARY KEY, ma_ho_so TEXT NOT NULL UNIQUE, station_id TEXT,
        agency TEXT NOT NULL, canonical_json TEXT NOT NULL, content_sha256 TEXT NOT NULL,
        answer_json TEXT NOT NULL, received_epoch REAL NOT NULL, ngay_tiep_nhan TEXT NOT NULL,
        ngay_hen_tra TEXT NOT NULL, status INTEGER NOT NULL, ma_doi_tuong TEXT,
        so_dien_thoai TEXT);
    CREATE TABLE history (
        ma_ho_so TEXT NOT NULL, step INTEGER NOT NULL,
        thoi_gian TEXT NOT NULL, status INTEGER NOT NULL, ghi_chu TEXT,
        PRIMARY KEY (ma_ho_so, step));
"""


class MigrationTests(ServerTestCase):
    flags = None    # each test starts its own server on a folder it prepared

    def make_old_folder(self):
        os.makedirs(os.path.join(self.data, "documents"))
        db = sqlite3.connect(os.path.join(self.data, "provincial.sqlite3"))
        db.executescript(OLD_SCHEMA)
        sid, d = marriage()
        canonical = json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        code = AGENCY + "-261120-0001"
        answer = json.dumps({"MaHoSo": code, "NgayTiepNhan": "20261120100000",
                             "NgayHenTra": "2026-11-23", "TrangThaiHoSo": 2},
                            sort_keys=True, separators=(",", ":"))
        db.execute("INSERT INTO dossiers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (sid, code, STATION, AGENCY, canonical,
                    hashlib.sha256(canonical.encode()).hexdigest(), answer,
                    srv.parse_time("20261120100000"), "20261120100000", "2026-11-23", 10, "", ""))
        for step, (when, status) in enumerate((("20261120100000", 2), ("20261120110000", 4),
                                               ("20261121090000", 9), ("20261122090000", 10))):
            db.execute("INSERT INTO history VALUES (?, ?, ?, ?, ?)",
                       (code, step, when, status, srv.STATUS_NAMES[status]))
        db.execute("INSERT INTO sequences VALUES (?, ?, 1)", (AGENCY, "261120"))
        db.commit()
        db.close()
        return code, sid, d

    def user_version(self):
        db = sqlite3.connect(os.path.join(self.data, "provincial.sqlite3"))
        try:
            return db.execute("PRAGMA user_version").fetchone()[0]
        finally:
            db.close()

    def test_old_folder_still_works(self):
        code, sid, d = self.make_old_folder()
        self.assertEqual(self.user_version(), 0)
        running = self.start("--fake-now", "20261120120000")
        self.assertEqual(self.user_version(), srv.SCHEMA_VERSION)
        # The old dossier opens, done before the upgrade: its result is issued now, dated when
        # it was done.
        status, _, data = self.lookup(code, GROOM_ID, running=running)
        self.assertEqual(status, 200, data)
        body = json.loads(data)
        self.assertEqual(body["TrangThaiHoSo"], 10)
        self.assertEqual(body["Answers"], d["Answers"])
        self.assertEqual(body["KetQua"]["groom.marriage_certificate_number"], "1/2026")
        self.assertEqual(body["DanhSachGiayToKetQua"][0]["NgayCap"], "20261121090000")
        # Its replay still answers the stored 201; the day's sequence goes on.
        status, _, replay = self.put_dossier(d, running=running)
        self.assertEqual((status, replay["MaHoSo"]), (201, code))
        _, other = dossier()
        status, _, created = self.put_dossier(other, running=running)
        self.assertEqual((status, created["MaHoSo"]), (201, AGENCY + "-261120-0002"))
        # A second start migrates nothing more and keeps the number.
        running.close()
        self.servers.remove(running)
        again = self.start("--fake-now", "20261125120000")
        status, _, data = self.lookup(code, BRIDE_ID, running=again)
        self.assertEqual(json.loads(data)["KetQua"], body["KetQua"])

    def test_newer_folder_refused(self):
        self.make_old_folder()
        db = sqlite3.connect(os.path.join(self.data, "provincial.sqlite3"))
        db.execute("PRAGMA user_version = %d" % (srv.SCHEMA_VERSION + 1))
        db.close()
        with self.assertRaises(srv.ConfigError) as cm:
            self.start()
        self.assertIn("newer server", str(cm.exception))


class SealedTests(ServerTestCase):
    """Sealed bodies (docs/protocol.md, "Sealed bodies"): opened with the province's secret key
    through the system's libsodium; refused readably when they cannot be."""
    flags = None

    def setUp(self):
        super().setUp()
        try:
            srv.sodium()
        except srv.ConfigError as e:
            self.skipTest(str(e))
        self.key = srv.SealKey.generate()
        self.key_file = self.write_key(self.key, "seal.key")
        self.s = self.start("--seal-key", self.key_file)

    def write_key(self, key, name, mode=0o600):
        path = os.path.join(self.tmp, name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, mode)
        os.write(fd, ("# a test key\n" + srv.base64.b64encode(key.secret).decode() + "\n").encode())
        os.close(fd)
        os.chmod(path, mode)
        return path

    def put_sealed(self, path, sealed, key_id=None, running=None):
        running = running or self.s
        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=TIMEOUT)
        try:
            conn.request("PUT", path, body=sealed, headers={
                "Authorization": "Bearer " + TOKEN, "X-Station-Id": STATION,
                "Content-Type": srv.SEALED_CONTENT_TYPE,
                srv.SEAL_KEY_HEADER: key_id or self.key.id})
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read().decode("utf-8"))
        finally:
            conn.close()

    def test_a_sealed_document_and_dossier_open_and_hashes_are_checked_inside(self):
        doc = "Giấy chứng sinh của Nguyễn Thị Bình".encode("utf-8")
        digest = hashlib.sha256(doc).hexdigest()
        sealed_doc = self.key.seal(doc)
        self.assertNotIn(doc, sealed_doc)
        status, body = self.put_sealed("/api/v1/documents/" + digest, sealed_doc)
        self.assertEqual((status, body["sha256"], body["size"]), (201, digest, len(doc)))
        with open(os.path.join(self.data, "documents", digest), "rb") as f:
            self.assertEqual(f.read(), doc, "kept as the citizen gave it, opened")
        # The same document sealed again (other bytes, same inside): already there.
        self.assertEqual(self.put_sealed("/api/v1/documents/" + digest, self.key.seal(doc))[0], 200)
        # Named by another hash than the plain document's: refused once opened.
        status, body = self.put_sealed("/api/v1/documents/" + "0" * 64, self.key.seal(doc))
        self.assertEqual((status, body["error"]), (422, "hash_mismatch"))

        sid, envelope = dossier(TaiLieuNop=[{"MaThanhPhanHoSo": "TP1", "TenTaiLieu": "Giấy chứng sinh",
                                             "Nguon": "file", "Sha256": digest}])
        sealed = self.key.seal(srv.canonical_json(envelope).encode("utf-8"))
        status, first = self.put_sealed("/api/v1/dossiers/" + sid, sealed)
        self.assertEqual(status, 201, first)
        self.assertTrue(CODE_RE.match(first["MaHoSo"]))
        # A replay of the same sealed bytes: the same answer.
        self.assertEqual(self.put_sealed("/api/v1/dossiers/" + sid, sealed), (201, first))
        # The same envelope sent plain (a station older than sealing): still a replay.
        self.assertEqual(self.put_dossier(envelope)[0:3:2], (201, first))
        # Other content under the same id: a conflict.
        changed = dict(envelope, ChuHoSo="Người khác")
        status, body = self.put_sealed("/api/v1/dossiers/" + sid, self.key.seal(srv.canonical_json(changed).encode()))
        self.assertEqual((status, body["error"]), (409, "conflict"))
        # What the province keeps is the opened envelope (lookups read its answers).
        status, _, found = self.lookup(first["MaHoSo"], "022090001234")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(found)["TaiLieuNop"][0]["Sha256"], digest)

    def test_a_dossier_sealed_to_a_key_the_server_does_not_hold_is_refused_readably(self):
        other = srv.SealKey.generate()
        sid, envelope = dossier()
        status, body = self.put_sealed("/api/v1/dossiers/" + sid,
                                       other.seal(srv.canonical_json(envelope).encode()), key_id=other.id)
        self.assertEqual((status, body["error"]), (422, "unknown_seal_key"))
        self.assertIn(other.id, body["message"])
        self.assertIn("không giữ", body["message"])
        self.assertIn("does not hold", body["message"])
        self.assertEqual(body["details"][0]["path"], srv.SEAL_KEY_HEADER)
        self.assertEqual(body["known"], [self.key.id])
        # Named as ours but sealed to another: it does not open.
        status, body = self.put_sealed("/api/v1/dossiers/" + sid, other.seal(srv.canonical_json(envelope).encode()))
        self.assertEqual((status, body["error"]), (422, "unsealable"))
        # Nothing was stored: sent again to the right key, it is taken.
        status, _ = self.put_sealed("/api/v1/dossiers/" + sid, self.key.seal(srv.canonical_json(envelope).encode()))
        self.assertEqual(status, 201)

    def test_a_flipped_byte_is_refused_never_opened_to_garbage(self):
        sid, envelope = dossier()
        sealed = bytearray(self.key.seal(srv.canonical_json(envelope).encode()))
        for position in (0, 40, len(sealed) - 1):       # ephemeral key, body, MAC
            damaged = bytearray(sealed)
            damaged[position] ^= 0x01
            status, body = self.put_sealed("/api/v1/dossiers/" + sid, bytes(damaged))
            self.assertEqual((status, body["error"]), (422, "unsealable"), position)
        doc = b"scan"
        damaged = bytearray(self.key.seal(doc))
        damaged[-1] ^= 0x80
        status, body = self.put_sealed("/api/v1/documents/" + hashlib.sha256(doc).hexdigest(), bytes(damaged))
        self.assertEqual((status, body["error"]), (422, "unsealable"))
        self.assertEqual(self.put_sealed("/api/v1/dossiers/" + sid, bytes(sealed))[0], 201)

    def test_a_server_without_a_key_refuses_sealed_bodies_and_older_keys_still_open(self):
        bare = self.start()
        sid, envelope = dossier()
        sealed = self.key.seal(srv.canonical_json(envelope).encode())
        status, body = self.put_sealed("/api/v1/dossiers/" + sid, sealed, running=bare)
        self.assertEqual((status, body["error"]), (422, "unknown_seal_key"))
        # A new key for the stations, the old one kept: what was sealed to the old one opens.
        newer = self.write_key(srv.SealKey.generate(), "newer.key")
        both = self.start("--seal-key", newer, "--seal-key", self.key_file)
        self.assertEqual(self.put_sealed("/api/v1/dossiers/" + sid, sealed, running=both)[0], 201)
        status, _, health = both.json("GET", "/api/v1/health")
        self.assertIn(self.key.id, health["sealKeyIds"])

    def test_key_files_are_checked_and_made(self):
        readable = self.write_key(srv.SealKey.generate(), "readable.key", mode=0o644)
        with self.assertRaises(srv.ConfigError) as e:
            self.start("--seal-key", readable)
        self.assertIn("chmod 600", str(e.exception))
        garbage = os.path.join(self.tmp, "garbage.key")
        fd = os.open(garbage, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b"not a key\n")
        os.close(fd)
        with self.assertRaises(srv.ConfigError):
            self.start("--seal-key", garbage)
        made = os.path.join(self.tmp, "made.key")
        public = srv.make_seal_key(made)
        self.assertEqual(os.stat(made).st_mode & 0o777, 0o600)
        key = srv.read_seal_key(made)
        self.assertEqual(srv.base64.b64encode(key.public).decode(), public)
        with self.assertRaises(FileExistsError):
            srv.make_seal_key(made)

    def test_the_demo_key_matches_the_shipped_kiosk_conf(self):
        demo = os.path.join(self.tmp, "demo.key")
        shutil.copyfile(os.path.join(HERE, "demo-seal.key"), demo)
        os.chmod(demo, 0o600)
        public = srv.base64.b64encode(srv.read_seal_key(demo).public).decode()
        with open(os.path.join(HERE, os.pardir, os.pardir, "kiosk.conf"), encoding="utf-8") as f:
            self.assertIn("seal_public_key = " + public, f.read())


class CorrectionTests(ServerTestCase):
    """A dossier refused (422 with field paths), corrected with the citizen and sent under a new
    submission id that names the refused one (ThayThe): the server keeps the link."""
    flags = ("--refuse-answer", "Fields.child_full_name=Trần Gia Sai",
             "--refuse-answer", "Answers.child.full_name=Nguyễn Văn Sai")

    def test_a_review_refusal_names_the_answers(self):
        sid, d = dossier(Fields={"child_full_name": "Trần Gia Sai"},
                         Answers={"child.full_name": "Nguyễn Văn Sai"})
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 422, body)
        self.assertEqual(body["error"], "refused")
        self.assertEqual([p["path"] for p in body["details"]],
                         ["Fields.child_full_name", "Answers.child.full_name"])
        # Nothing stored: the same submission id corrected is a new dossier, not a conflict.
        status, _, _ = self.put_dossier(dict(d, Fields={"child_full_name": "Trần Gia Đúng"},
                                             Answers={"child.full_name": "Nguyễn Văn Đúng"}))
        self.assertEqual(status, 201)

    def test_a_correction_records_the_refused_submission(self):
        refused_sid, refused = dossier(Fields={"child_full_name": "Trần Gia Sai"})
        self.assertEqual(self.put_dossier(refused)[0], 422)
        sid, corrected = dossier(Fields={"child_full_name": "Trần Gia Đúng"}, ThayThe=refused_sid)
        status, _, created = self.put_dossier(corrected)
        self.assertEqual(status, 201, created)
        # A replay is the same answer; the link is kept and shown by a lookup.
        self.assertEqual(self.put_dossier(corrected)[2]["MaHoSo"], created["MaHoSo"])
        status, _, data = self.lookup(created["MaHoSo"], "022090001234")
        self.assertEqual(status, 200, data)
        self.assertEqual(json.loads(data)["ThayThe"], refused_sid)
        row = self.s.server.store.replacement_of(refused_sid.upper())
        self.assertEqual(row, (sid, created["MaHoSo"]))
        # A second correction of the same refused dossier is a conflict, said with the path.
        _, again = dossier(Fields={"child_full_name": "Trần Gia Khác"}, ThayThe=refused_sid)
        status, _, body = self.put_dossier(again)
        self.assertEqual(status, 409, body)
        self.assertEqual(body["error"], "already_replaced")
        self.assertEqual(body["details"][0]["path"], "ThayThe")
        self.assertIn(created["MaHoSo"], body["message"])
        # An ordinary dossier has no link.
        _, plain = dossier(Fields={"child_full_name": "Trần Gia Khác"})
        status, _, other = self.put_dossier(plain)
        self.assertEqual(status, 201)
        self.assertIsNone(json.loads(self.lookup(other["MaHoSo"], "022090001234")[2])["ThayThe"])

    def test_a_link_that_is_no_submission_id_is_refused(self):
        sid, d = dossier(ThayThe="not-a-uuid")
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 422)
        self.assertEqual(body["details"][0]["path"], "ThayThe")
        sid, d = dossier()
        d["ThayThe"] = sid
        status, _, body = self.put_dossier(d)
        self.assertEqual((status, body["details"][0]["path"]), (422, "ThayThe"))

    def test_a_rule_of_the_wrong_shape_is_a_configuration_error(self):
        with self.assertRaises(srv.ConfigError):
            self.start("--refuse-answer", "child_full_name=x")


class StartupTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="provincial-start-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _token(self, mode):
        path = os.path.join(self.tmp, "token-%o" % mode)
        with open(path, "w") as f:
            f.write(TOKEN + "\n")
        os.chmod(path, mode)
        return path

    def test_refuses_readable_token_file(self):
        proc = subprocess.run(
            [sys.executable, os.path.join(HERE, "server.py"), "--port", "0",
             "--data", os.path.join(self.tmp, "d"), "--token-file", self._token(0o644)],
            capture_output=True, text=True, timeout=TIMEOUT)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("chmod 600", proc.stderr)

    def test_refuses_remote_host_without_flag(self):
        with self.assertRaises(srv.ConfigError) as cm:
            srv.make_server(["--host", "0.0.0.0", "--port", "0", "--data",
                             os.path.join(self.tmp, "d"), "--token-file", self._token(0o600)])
        self.assertIn("--allow-remote", str(cm.exception))

    def test_command_line_serves(self):
        proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "server.py"), "--port", "0", "--quiet",
             "--fake-now", DEFAULT_NOW,
             "--data", os.path.join(self.tmp, "d"), "--token-file", self._token(0o600)],
            stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stderr.readline()
            port = int(re.search(r":(\d+) ", line).group(1))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            conn.request("GET", "/api/v1/health", headers={
                "Authorization": "Bearer " + TOKEN, "X-Station-Id": STATION})
            resp = conn.getresponse()
            self.assertEqual(resp.status, 200)
            self.assertEqual(json.loads(resp.read())["server"], "provincial-server")
            conn.close()
        finally:
            proc.terminate()
            proc.wait(TIMEOUT)
            proc.stderr.close()

    def test_port_zero_writes_the_port_it_got(self):
        token = self._token(0o600)
        port_file = os.path.join(self.tmp, "port")
        proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "server.py"), "--port", "0", "--quiet",
             "--port-file", port_file, "--fake-now", DEFAULT_NOW,
             "--data", os.path.join(self.tmp, "d"), "--token-file", token],
            stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + TIMEOUT
            while not os.path.exists(port_file) and time.time() < deadline:
                time.sleep(0.02)
            with open(port_file) as f:
                port = int(f.read().strip())
            self.assertGreater(port, 0)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            conn.request("GET", "/api/v1/health", headers={
                "Authorization": "Bearer " + TOKEN, "X-Station-Id": STATION})
            self.assertEqual(conn.getresponse().status, 200)
            conn.close()
            self.assertFalse([n for n in os.listdir(self.tmp) if n.endswith(".tmp")], "no partial file left")
        finally:
            proc.terminate()
            proc.wait(TIMEOUT)


def make_certificate(folder):
    """A throw-away self-signed certificate for 127.0.0.1 (openssl), or None without openssl."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", key, "-out", cert],
                       check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.CalledProcessError):
        return None
    return cert, key


class TLSTests(ServerTestCase):
    flags = None

    def setUp(self):
        super().setUp()
        pair = make_certificate(self.tmp)
        if pair is None:
            self.skipTest("openssl is needed to make a test certificate")
        self.cert, self.key = pair

    def https(self, port, cafile):
        context = ssl.create_default_context(cafile=cafile)
        return http.client.HTTPSConnection("127.0.0.1", port, timeout=TIMEOUT, context=context)

    def test_serves_https_and_keeps_the_connection(self):
        running = self.start("--tls-cert", self.cert, "--tls-key", self.key)
        self.assertEqual(running.server.scheme, "https")
        conn = self.https(running.port, self.cert)
        sid, body = dossier()
        try:
            first = running.json("PUT", "/api/v1/dossiers/" + sid, body, conn=conn)
            sock = conn.sock
            again = running.json("PUT", "/api/v1/dossiers/" + sid, body, conn=conn)
            health = running.json("GET", "/api/v1/health", conn=conn)
            self.assertIs(conn.sock, sock, "one TLS connection for the three requests")
        finally:
            conn.close()
        self.assertEqual(first[0], 201)
        self.assertEqual(again[2]["MaHoSo"], first[2]["MaHoSo"], "a replay gets the same code")
        self.assertEqual(health[0], 200)

    def test_a_client_that_does_not_trust_the_certificate_is_refused(self):
        running = self.start("--tls-cert", self.cert, "--tls-key", self.key)
        conn = self.https(running.port, None)
        with self.assertRaises(ssl.SSLCertVerificationError):
            conn.request("GET", "/api/v1/health")
        conn.close()
        # The server still serves whoever trusts it.
        self.assertEqual(running.json("GET", "/api/v1/health", conn=self.https(running.port, self.cert))[0], 200)

    def test_plain_http_to_a_tls_port_gets_no_answer(self):
        running = self.start("--tls-cert", self.cert, "--tls-key", self.key)
        with self.assertRaises((http.client.HTTPException, OSError)):
            running.request("GET", "/api/v1/health")

    def test_certificate_and_key_go_together_and_must_load(self):
        for flags in (["--tls-cert", self.cert], ["--tls-key", self.key]):
            with self.assertRaises(srv.ConfigError) as cm:
                srv.make_server(["--port", "0", "--data", self.data, "--token-file", self.token_file] + flags)
            self.assertIn("go together", str(cm.exception))
        with self.assertRaises(srv.ConfigError) as cm:
            srv.make_server(["--port", "0", "--data", self.data, "--token-file", self.token_file,
                             "--tls-cert", self.key, "--tls-key", self.cert])
        self.assertIn("cannot load", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
