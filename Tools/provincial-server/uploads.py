"""Resumable document uploads of the reference provincial server (docs/protocol.md,
"Resumable document uploads"): the bytes of an upload received so far, kept on disk across
restarts until the whole body has come and has been checked.

An upload is named by two SHA-256s: the document's (of the plain file, the name the envelope
gives it) and the body's (of exactly the bytes sent: the sealed box when sealed). The part
received so far is the file uploads/<document>.<body>.part; its size is the upload's offset.
Its declared length and the seal key it was sealed to are rows of the `uploads` table.
Python 3 standard library only.
"""

import os
import threading


class Uploads:
    def __init__(self, db, db_lock, data_dir):
        self.db = db
        self.db_lock = db_lock
        self.dir = os.path.join(data_dir, "uploads")
        os.makedirs(self.dir, exist_ok=True)
        # One append at a time per upload (two connections of one station may race).
        self._locks = {}
        self._locks_lock = threading.Lock()
        with self.db_lock:
            self.db.execute("""
                CREATE TABLE IF NOT EXISTS uploads (
                    sha256 TEXT NOT NULL, body_sha256 TEXT NOT NULL,
                    length INTEGER NOT NULL, seal_key_id TEXT,
                    station_id TEXT, started_at TEXT NOT NULL,
                    PRIMARY KEY (sha256, body_sha256))""")

    def lock(self, digest, body):
        with self._locks_lock:
            return self._locks.setdefault((digest, body), threading.Lock())

    def path(self, digest, body):
        return os.path.join(self.dir, "%s.%s.part" % (digest, body))

    def find(self, digest, body):
        """(length, seal key id) of an upload begun, or None."""
        with self.db_lock:
            return self.db.execute("SELECT length, seal_key_id FROM uploads WHERE sha256 = ? AND "
                                   "body_sha256 = ?", (digest, body)).fetchone()

    def offset(self, digest, body):
        """Bytes of the body received so far (0 when none)."""
        try:
            return os.path.getsize(self.path(digest, body))
        except OSError:
            return 0

    def begin(self, digest, body, length, key_id, station_id, started_at):
        """Records the upload if new; returns its (length, seal key id) as first recorded."""
        with self.db_lock:
            self.db.execute("INSERT OR IGNORE INTO uploads VALUES (?, ?, ?, ?, ?, ?)",
                            (digest, body, length, key_id, station_id, started_at))
        return self.find(digest, body)

    def append(self, digest, body, rfile, count, piece=64 * 1024):
        """Appends up to `count` bytes read from `rfile`, each piece written as it comes, so a
        body cut in the middle keeps what arrived. Returns the bytes received."""
        received = 0
        with open(self.path(digest, body), "ab") as f:
            try:
                while received < count:
                    data = rfile.read(min(piece, count - received))
                    if not data:
                        break
                    f.write(data)
                    f.flush()
                    received += len(data)
            except OSError:
                pass  # the connection died: what came is kept
            finally:
                f.flush()
                os.fsync(f.fileno())
        return received

    def keep(self, digest, body, data):
        """Appends bytes already read (what came of a body cut in the middle)."""
        with open(self.path(digest, body), "ab") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    def read(self, digest, body):
        with open(self.path(digest, body), "rb") as f:
            return f.read()

    def discard(self, digest, body):
        """Forgets an upload: stored (complete) or refused."""
        try:
            os.remove(self.path(digest, body))
        except OSError:
            pass
        with self.db_lock:
            self.db.execute("DELETE FROM uploads WHERE sha256 = ? AND body_sha256 = ?", (digest, body))
