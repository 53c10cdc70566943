"""Tests of resumable document uploads (docs/protocol.md, "Resumable document uploads") and of
the cutting proxy (cut_proxy.py).

Run from the repository root:

    python3 -m unittest discover -s Tools/provincial-server -p 'test_*.py'
"""

import hashlib
import http.client
import json
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import server as srv  # noqa: E402
from test_server import STATION, TIMEOUT, TOKEN, ServerTestCase, dossier  # noqa: E402


def upload_path(document, body):
    return "/api/v1/documents/%s/uploads/%s" % (hashlib.sha256(document).hexdigest(),
                                                hashlib.sha256(body).hexdigest())


class UploadTests(ServerTestCase):
    flags = ()

    def send(self, method, path, body=b"", headers=None, running=None):
        running = running or self.s
        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=TIMEOUT)
        try:
            h = {"Authorization": "Bearer " + TOKEN, "X-Station-Id": STATION}
            h.update(headers or {})
            conn.request(method, path, body=body if method != "HEAD" else None, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            headers = dict((k.lower(), v) for k, v in resp.getheaders())
            return resp.status, headers, json.loads(data) if data else None
        finally:
            conn.close()

    def patch(self, path, part, offset, length, running=None, **headers):
        h = {"Upload-Offset": str(offset), "Upload-Length": str(length),
             "Content-Type": "application/offset+octet-stream"}
        h.update(headers)
        return self.send("PATCH", path, part, h, running)

    def offset(self, path, running=None):
        status, headers, _ = self.send("HEAD", path, running=running)
        self.assertEqual(status, 200)
        return int(headers["upload-offset"]), headers["x-document-stored"] == "true"

    def test_a_document_in_parts_is_stored_once_checked(self):
        doc = b"%PDF-1.4 scanned page\n" * 5000
        path = upload_path(doc, doc)
        self.assertEqual(self.offset(path), (0, False))
        status, headers, _ = self.patch(path, doc[:40000], 0, len(doc))
        self.assertEqual((status, headers["upload-offset"]), (204, "40000"))
        self.assertEqual(self.offset(path), (40000, False))
        # GET says the same as JSON.
        status, _, body = self.send("GET", path)
        self.assertEqual((body["offset"], body["length"], body["stored"]), (40000, len(doc), False))
        # A wrong offset: 409 with the one the server holds, nothing appended.
        status, headers, body = self.patch(path, doc[30000:40000], 30000, len(doc))
        self.assertEqual((status, body["error"], headers["upload-offset"], body["offset"]),
                         (409, "offset_mismatch", "40000", 40000))
        # Another length than the upload's: refused.
        status, _, body = self.patch(path, doc[40000:50000], 40000, len(doc) + 1)
        self.assertEqual((status, body["error"]), (422, "length_mismatch"))
        # The envelope waits for it: 409 documents_incomplete, a status the station understands.
        sid, d = dossier(TaiLieuNop=[{"MaThanhPhanHoSo": "TP1", "TenTaiLieu": "Giấy chứng sinh",
                                      "Nguon": "file", "Sha256": hashlib.sha256(doc).hexdigest()}])
        status, _, body = self.put_dossier(d)
        self.assertEqual((status, body["error"], body["missing"]),
                         (409, "documents_incomplete", [hashlib.sha256(doc).hexdigest()]))
        status, headers, body = self.patch(path, doc[40000:], 40000, len(doc))
        self.assertEqual((status, body["complete"], body["size"], headers["upload-offset"]),
                         (201, True, len(doc), str(len(doc))))
        with open(os.path.join(self.data, "documents", hashlib.sha256(doc).hexdigest()), "rb") as f:
            self.assertEqual(f.read(), doc)
        self.assertEqual(os.listdir(os.path.join(self.data, "uploads")), [], "the part is forgotten")
        self.assertTrue(self.offset(path)[1])
        # Appending to a document stored already: complete at once.
        status, _, body = self.patch(path, doc[:10], 0, len(doc))
        self.assertEqual((status, body["complete"]), (200, True))
        status, _, body = self.put_dossier(d)
        self.assertEqual(status, 201, body)
        # The whole PUT of older stations still works.
        other = b"another document"
        status, _, body = self.s.json("PUT", "/api/v1/documents/" + hashlib.sha256(other).hexdigest(), other)
        self.assertEqual(status, 201)

    def test_an_envelope_with_other_problems_too_is_refused_as_before(self):
        sid, d = dossier(ChuHoSo="", TaiLieuNop=[{"MaThanhPhanHoSo": "TP1", "TenTaiLieu": "x",
                                                  "Nguon": "file", "Sha256": "a" * 64}])
        status, _, body = self.put_dossier(d)
        self.assertEqual((status, body["error"]), (422, "invalid"))

    def test_a_part_survives_a_server_restart(self):
        doc = os.urandom(300000)
        path = upload_path(doc, doc)
        self.assertEqual(self.patch(path, doc[:100000], 0, len(doc))[0], 204)
        self.s.close()
        self.servers.remove(self.s)
        again = self.start()
        self.assertEqual(self.offset(path, running=again), (100000, False))
        self.assertEqual(self.patch(path, doc[100000:], 100000, len(doc), running=again)[0], 201)

    def test_a_body_that_does_not_match_its_hash_is_refused_and_forgotten(self):
        doc = b"the real document" * 100
        path = upload_path(doc, doc)
        changed = b"X" + doc[1:]
        status, _, body = self.patch(path, changed, 0, len(doc))
        self.assertEqual((status, body["error"]), (422, "hash_mismatch"))
        self.assertEqual(self.offset(path), (0, False), "sent again from the start")
        # Named by the body's hash but another document inside.
        path = "/api/v1/documents/%s/uploads/%s" % ("0" * 64, hashlib.sha256(doc).hexdigest())
        status, _, body = self.patch(path, doc, 0, len(doc))
        self.assertEqual((status, body["error"]), (422, "hash_mismatch"))
        self.assertFalse(os.path.exists(os.path.join(self.data, "documents", "0" * 64)))

    def test_a_document_over_the_limit_is_413(self):
        small = self.start("--max-document-mb", "0.01")   # 10485 bytes
        doc = b"y" * 20000
        status, _, body = self.patch(upload_path(doc, doc), doc[:1000], 0, len(doc), running=small)
        self.assertEqual((status, body["error"], body["limit"]), (413, "document_too_large", 10485))
        # Asked with the body's length, before any byte: the limit in a header (a HEAD has no body).
        status, headers, _ = self.send("HEAD", upload_path(doc, doc), headers={"Upload-Length": str(len(doc))},
                                       running=small)
        self.assertEqual((status, headers["upload-limit"]), (413, "10485"))
        status, _, body = small.json("PUT", "/api/v1/documents/" + hashlib.sha256(doc).hexdigest(), doc)
        self.assertEqual((status, body["limit"]), (413, 10485))

    def test_bad_names_and_headers(self):
        status, _, body = self.send("HEAD", "/api/v1/documents/%s/uploads/nothex" % ("a" * 64))
        self.assertEqual(status, 422)
        doc = b"abc"
        status, _, body = self.send("PATCH", upload_path(doc, doc), doc)
        self.assertEqual((status, body["error"]), (400, "bad_upload_headers"))
        status, headers, body = self.send("PUT", upload_path(doc, doc), doc)
        self.assertEqual((status, headers["allow"]), (405, "PATCH"))


class SealedUploadTests(UploadTests):
    """The body sent is the sealed box: named by its own hash, opened once whole."""
    flags = None

    def setUp(self):
        super().setUp()
        try:
            srv.sodium()
        except srv.ConfigError as e:
            self.skipTest(str(e))
        self.key = srv.SealKey.generate()
        path = os.path.join(self.tmp, "seal.key")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, (srv.base64.b64encode(self.key.secret).decode() + "\n").encode())
        os.close(fd)
        self.s = self.start("--seal-key", path)

    def test_a_sealed_document_in_parts(self):
        doc = "Giấy chứng sinh".encode() * 3000
        sealed = self.key.seal(doc)
        path = upload_path(doc, sealed)
        key = {srv.SEAL_KEY_HEADER: self.key.id}
        self.assertEqual(self.patch(path, sealed[:20000], 0, len(sealed), **key)[0], 204)
        status, _, body = self.patch(path, sealed[20000:], 20000, len(sealed), **key)
        self.assertEqual((status, body["size"]), (201, len(doc)))
        with open(os.path.join(self.data, "documents", hashlib.sha256(doc).hexdigest()), "rb") as f:
            self.assertEqual(f.read(), doc, "kept opened")
        # Sealed to a key the server does not hold: 422, forgotten.
        other = srv.SealKey.generate()
        doc2 = b"second" * 100
        sealed2 = other.seal(doc2)
        status, _, body = self.patch(upload_path(doc2, sealed2), sealed2, 0, len(sealed2),
                                     **{srv.SEAL_KEY_HEADER: other.id})
        self.assertEqual((status, body["error"]), (422, "unknown_seal_key"))


class CutProxyTests(ServerTestCase):
    """cut_proxy.py in front of the server: a body cut in the middle keeps what arrived."""
    flags = ()

    def setUp(self):
        super().setUp()
        port_file = os.path.join(self.tmp, "cut.port")
        self.stats_file = os.path.join(self.tmp, "cut.json")
        self.proxy = subprocess.Popen([sys.executable, os.path.join(HERE, "cut_proxy.py"),
                                       "--target-port", str(self.s.port), "--port-file", port_file,
                                       "--cut-after", "150000", "--path-prefix", "/api/v1/documents/",
                                       "--stats-file", self.stats_file])
        deadline = time.time() + 10
        while not os.path.exists(port_file) and time.time() < deadline:
            time.sleep(0.02)
        with open(port_file) as f:
            self.port = int(f.read())

    def tearDown(self):
        self.proxy.terminate()
        self.proxy.wait(TIMEOUT)
        super().tearDown()

    def test_a_cut_body_keeps_what_came_and_the_upload_resumes(self):
        doc = os.urandom(200000)
        path = upload_path(doc, doc)
        headers = {"Authorization": "Bearer " + TOKEN, "X-Station-Id": STATION,
                   "Upload-Offset": "0", "Upload-Length": str(len(doc))}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        with self.assertRaises((OSError, http.client.HTTPException)):
            conn.request("PATCH", path, body=doc, headers=headers)
            conn.getresponse().read()
        conn.close()
        # The server took what came before the cut (it may still be writing it).
        deadline = time.time() + 5
        while self.s.server.store.uploads.offset(*path.split("/")[4:7:2]) < 150000 and time.time() < deadline:
            time.sleep(0.02)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        conn.request("HEAD", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        self.assertEqual(resp.getheader("Upload-Offset"), "150000")
        conn.request("PATCH", path, body=doc[150000:], headers=dict(headers, **{"Upload-Offset": "150000"}))
        resp = conn.getresponse()
        self.assertEqual(resp.status, 201, resp.read())
        conn.close()
        with open(self.stats_file) as f:
            stats = json.load(f)
        self.assertEqual((stats["cuts"], stats["bodyBytesAtCuts"], stats["bodyBytes"]), (1, [150000], 200000))


if __name__ == "__main__":
    unittest.main()
