"""Tests of enrolment (one-time codes, station tokens, revocation) and signed form bundles
(make-sign-key, sign-bundle, the bundle endpoints) of the reference server.

    python3 -m unittest discover -s Tools/provincial-server -p 'test_*.py'
"""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bundles  # noqa: E402
import enrolment  # noqa: E402
import server as srv  # noqa: E402
import test_server as base  # noqa: E402  (its Running helper; its tests are not re-collected)

FORMS = os.path.join(HERE, os.pardir, os.pardir, "Forms")
SERVER = os.path.join(HERE, "server.py")


def run(*args):
    return subprocess.run([sys.executable, SERVER] + list(args), capture_output=True, text=True,
                          timeout=60)


class AdminTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="enrol-test-")
        self.data = os.path.join(self.tmp, "data")
        self.token_file = os.path.join(self.tmp, "token")
        with open(self.token_file, "w") as f:
            f.write(base.TOKEN + "\n")
        os.chmod(self.token_file, 0o600)
        self.seal = os.path.join(self.tmp, "seal.key")
        srv.make_seal_key(self.seal)
        self.sign = os.path.join(self.tmp, "sign.key")
        self.sign_public = bundles.make_sign_key(self.sign)
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, *flags):
        s = base.Running(self.data, self.token_file, "--seal-key", self.seal,
                         "--sign-public-key", self.sign + ".pub", *flags)
        self.servers.append(s)
        return s

    def code(self, *extra):
        proc = run("enroll-code", "--data", self.data, "--agency", "000.00.00.H22", *extra)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout.strip()


class EnrolmentTests(AdminTestCase):
    def test_a_code_is_exchanged_once_for_a_working_token(self):
        s = self.start()
        code = self.code()
        self.assertRegex(code, r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
        # As typed from paper: lower case, no dashes.
        status, _, body = s.json("POST", "/api/v1/enrol", {"code": code.lower().replace("-", " ")},
                                 token=None, station=None)
        self.assertEqual(status, 201, body)
        self.assertEqual(body["stationId"], "H22-0001")
        self.assertEqual(body["agencyCode"], "000.00.00.H22")
        self.assertEqual(body["signPublicKey"], self.sign_public)
        self.assertEqual(len(base64.b64decode(body["sealPublicKey"])), 32)
        self.assertGreaterEqual(len(body["token"]), 43)
        # Its token works for that station, not under another station's id.
        status, _, _ = s.json("GET", "/api/v1/health", token=body["token"], station="H22-0001")
        self.assertEqual(status, 200)
        status, _, _ = s.json("GET", "/api/v1/health", token=body["token"], station="OTHER")
        self.assertEqual(status, 401)
        # Used: refused, and nothing else changes.
        status, _, again = s.json("POST", "/api/v1/enrol", {"code": code}, token=None, station=None)
        self.assertEqual((status, again["error"]), (410, "code_used"))
        # Only hashes are kept.
        db = s.server.store.db
        self.assertIsNone(db.execute("SELECT 1 FROM stations WHERE token_sha256 = ?",
                                     (body["token"],)).fetchone())
        self.assertEqual(db.execute("SELECT count(*) FROM enrol_codes WHERE code_sha256 = ?",
                                    (code,)).fetchone()[0], 0)

    def test_named_station_unknown_and_expired_codes(self):
        s = self.start()
        status, _, body = s.json("POST", "/api/v1/enrol", {"code": self.code("--station", "DESK-7")},
                                 token=None, station=None)
        self.assertEqual((status, body["stationId"]), (201, "DESK-7"))
        status, _, body = s.json("POST", "/api/v1/enrol", {"code": "AAAA-BBBB-CCCC-DDDD"},
                                 token=None, station=None)
        self.assertEqual((status, body["error"]), (403, "invalid_code"))
        # Minted long before the server's clock (--fake-now), valid one hour.
        old = self.code("--fake-now", "20261101080000", "--valid-hours", "1")
        status, _, body = s.json("POST", "/api/v1/enrol", {"code": old}, token=None, station=None)
        self.assertEqual((status, body["error"]), (410, "code_expired"))
        self.assertIn("expired", body["message"])
        status, _, body = s.json("POST", "/api/v1/enrol", {"nope": 1}, token=None, station=None)
        self.assertEqual(status, 422)
        status, _, _ = s.json("GET", "/api/v1/enrol", token=None, station=None)
        self.assertEqual(status, 405)

    def test_a_lost_answer_is_asked_again_with_the_same_request_id(self):
        s = self.start()
        code = self.code("--fake-now", base.DEFAULT_NOW)   # on the server's clock, valid 72 h
        ask = {"code": code, "requestId": "3f0c2a4e-1111-4222-8333-944445555666"}
        status, _, first = s.json("POST", "/api/v1/enrol", ask, token=None, station=None)
        self.assertEqual(status, 201)
        # The answer was lost: the same station asks again, with its request id.
        status, _, again = s.json("POST", "/api/v1/enrol", ask, token=None, station=None)
        self.assertEqual((status, again["stationId"]), (201, first["stationId"]))
        self.assertNotEqual(again["token"], first["token"])
        self.assertEqual(s.json("GET", "/api/v1/health", token=first["token"], station=first["stationId"])[0], 401)
        self.assertEqual(s.json("GET", "/api/v1/health", token=again["token"], station=first["stationId"])[0], 200)
        # Anyone else with the code, or no request id: used.
        for other in ({"code": code, "requestId": "99999999-1111-4222-8333-944445555666"}, {"code": code}):
            status, _, body = s.json("POST", "/api/v1/enrol", other, token=None, station=None)
            self.assertEqual((status, body["error"]), (410, "code_used"))
        # Not once the code has expired.
        s.server.advance_clock(80 * 3600)
        status, _, body = s.json("POST", "/api/v1/enrol", ask, token=None, station=None)
        self.assertEqual(status, 410)

    def test_revoked_token_is_refused(self):
        s = self.start()
        _, _, body = s.json("POST", "/api/v1/enrol", {"code": self.code()}, token=None, station=None)
        proc = run("revoke-station", "--data", self.data, "--station", body["stationId"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        status, _, _ = s.json("GET", "/api/v1/health", token=body["token"], station=body["stationId"])
        self.assertEqual(status, 401)
        self.assertEqual(run("revoke-station", "--data", self.data, "--station", "NONE").returncode, 1)

    def test_a_code_is_never_used_twice_concurrently(self):
        s = self.start()
        code = self.code()
        import threading
        results = []

        def go():
            results.append(s.json("POST", "/api/v1/enrol", {"code": code}, token=None, station=None)[0])
        threads = [threading.Thread(target=go) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [201] + [410] * 7)


class BundleTests(AdminTestCase):
    def sign_bundle(self, version, forms=FORMS, key=None):
        out = os.path.join(self.tmp, "forms-%s.bundle" % version)
        proc = run("sign-bundle", "--key", key or self.sign, "--version", version, "--out", out, forms)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return out

    def test_sign_bundle_verifies_and_carries_every_file(self):
        path = self.sign_bundle("2026.12.1")
        with open(path, "rb") as f:
            data = f.read()
        manifest, signature, signed = bundles.parse(data)
        public = base64.b64decode(self.sign_public)
        self.assertTrue(bundles.verify(public, signature, signed))
        self.assertFalse(bundles.verify(public, signature, signed[:-1] + b"x"))
        self.assertEqual(manifest["version"], "2026.12.1")
        names = [f["path"] for f in manifest["files"]]
        self.assertIn("datasets/holidays.csv", names)
        self.assertTrue(all(n.endswith(".json") or n.startswith("datasets/") for n in names))
        # The payload is the files, in order, each as its hash says.
        offset = signed.index(b"\n") + 1
        for entry in manifest["files"]:
            chunk = signed[offset:offset + entry["size"]]
            self.assertEqual(hashlib.sha256(chunk).hexdigest(), entry["sha256"])
            offset += entry["size"]
        self.assertEqual(offset, len(signed))

    def test_refuses_bad_versions_keys_and_folders(self):
        out = os.path.join(self.tmp, "x.bundle")
        self.assertNotEqual(run("sign-bundle", "--key", self.sign, "--version", "v2", "--out", out,
                                FORMS).returncode, 0)
        os.chmod(self.sign, 0o644)
        proc = run("sign-bundle", "--key", self.sign, "--version", "1", "--out", out, FORMS)
        self.assertIn("chmod 600", proc.stderr)
        os.chmod(self.sign, 0o600)
        self.assertNotEqual(run("sign-bundle", "--key", self.sign, "--version", "1", "--out", out,
                                self.tmp).returncode, 0)
        self.assertFalse(os.path.exists(out))
        self.assertNotEqual(run("make-sign-key", self.sign).returncode, 0)   # never overwritten

    def test_server_offers_and_serves_the_bundle(self):
        path = self.sign_bundle("2026.12.2")
        s = self.start("--bundle", path)
        status, _, info = s.json("GET", "/api/v1/forms/bundle")
        self.assertEqual(status, 200)
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(info, {"version": "2026.12.2", "size": len(data),
                                "sha256": hashlib.sha256(data).hexdigest(),
                                "path": "api/v1/forms/bundle/2026.12.2"})
        status, headers, body = s.request("GET", "/api/v1/forms/bundle/2026.12.2")
        self.assertEqual((status, headers["content-type"], body), (200, "application/octet-stream", data))
        status, _, _ = s.json("GET", "/api/v1/forms/bundle/2026.12.1")
        self.assertEqual(status, 404)
        status, _, _ = s.json("GET", "/api/v1/forms/bundle", token="wrong")
        self.assertEqual(status, 401)
        # Published again by replacing the file: offered without a restart.
        newer = self.sign_bundle("2026.12.3")
        os.replace(newer, path)
        status, _, info = s.json("GET", "/api/v1/forms/bundle")
        self.assertEqual((status, info["version"]), (200, "2026.12.3"))

    def test_no_bundle_and_a_cut_download(self):
        s = self.start()
        status, _, body = s.json("GET", "/api/v1/forms/bundle")
        self.assertEqual((status, body["error"]), (404, "no_bundle"))
        path = self.sign_bundle("3")
        cut = self.start("--bundle", path, "--bundle-truncate", "1000")
        status, _, info = cut.json("GET", "/api/v1/forms/bundle")
        _, _, body = cut.request("GET", "/api/v1/forms/bundle/3")
        self.assertEqual(len(body), 1000)
        self.assertGreater(info["size"], 1000)

    def test_server_refuses_a_file_that_is_no_bundle(self):
        junk = os.path.join(self.tmp, "junk")
        with open(junk, "w") as f:
            f.write("<html>")
        with self.assertRaises(srv.ConfigError):
            self.start("--bundle", junk)


if __name__ == "__main__":
    unittest.main()
