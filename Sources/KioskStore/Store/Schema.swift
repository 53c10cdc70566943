/// The store's schema, as forward-only migrations. Never edit a migration
/// that has shipped: add the next one.
///
/// Times are Unix seconds (UTC). Personal data lives only in
/// `draft_answers`, `draft_prefills`, `dossier_answers`, `dossier_documents`, the dossiers'
/// `summary` and `applicant_name`, and the document files; purging clears
/// exactly those. `audit_log` never holds personal data. Since schema 4 the
/// personal values are sealed under the station's data key (BLOBs; see
/// `SealedColumn`), the files too, and lookups go through keyed hashes
/// (`dossier_verifiers`).
enum Schema {
    static let migrator: Migrator = {
        var m = Migrator()
        m.register(1, "initial", """
        CREATE TABLE form_versions (
            form_id     TEXT NOT NULL,
            version     TEXT NOT NULL,
            source      BLOB NOT NULL,          -- the form's JSON as it was loaded
            stored_at   INTEGER NOT NULL,
            PRIMARY KEY (form_id, version)
        ) WITHOUT ROWID;

        CREATE TABLE drafts (
            id              INTEGER PRIMARY KEY,
            resume_code     TEXT NOT NULL UNIQUE,
            form_id         TEXT NOT NULL,
            form_version    TEXT NOT NULL,
            page            INTEGER NOT NULL DEFAULT 0,
            field           TEXT,               -- path of the focused field
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            verifier        TEXT NOT NULL,      -- libsodium pwhash string (salted, slow)
            verifier_kind   TEXT NOT NULL,      -- 'pin' or 'id_last4'
            failed_tries    INTEGER NOT NULL DEFAULT 0,
            locked_until    INTEGER,
            answered        INTEGER NOT NULL DEFAULT 0,
            required_total  INTEGER NOT NULL DEFAULT 0,
            FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
        );
        CREATE INDEX drafts_updated ON drafts (updated_at);

        -- One row per answer, so that a keystroke is a one-row upsert.
        CREATE TABLE draft_answers (
            draft_id    INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            path        TEXT NOT NULL,          -- field id, or id[n] inside a repeat group
            value       TEXT NOT NULL,
            PRIMARY KEY (draft_id, path)
        ) WITHOUT ROWID;

        CREATE TABLE dossiers (
            id              INTEGER PRIMARY KEY,
            submission_id   TEXT NOT NULL UNIQUE,   -- UUID made here; idempotency key
            receipt_number  TEXT NOT NULL UNIQUE,   -- local receipt, STATION-YYYYMMDD-NNNN
            form_id         TEXT NOT NULL,
            form_version    TEXT NOT NULL,
            procedure_code  TEXT NOT NULL,
            status          TEXT NOT NULL,          -- queued, accepted, needs_attention, purged (6: withdrawn, replaced)
            summary         TEXT,                   -- personal: cleared by purge
            applicant_name  TEXT,                   -- personal: cleared by purge
            finalized_at    INTEGER NOT NULL,
            official_code   TEXT UNIQUE,            -- from the server (Thông tư 01/2018)
            due_date        TEXT,                   -- yyyy-mm-dd, from the server
            accepted_at     INTEGER,
            purged_at       INTEGER,
            earlier_codes   TEXT NOT NULL DEFAULT '', -- earlier dossier codes reused, space-separated
            FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
        );
        CREATE INDEX dossiers_status ON dossiers (status, accepted_at);

        CREATE TABLE dossier_answers (
            dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
            path        TEXT NOT NULL,
            key         TEXT,                   -- semantic key, for autofill
            value       TEXT NOT NULL,
            PRIMARY KEY (dossier_id, path)
        ) WITHOUT ROWID;
        CREATE INDEX dossier_answers_key ON dossier_answers (key) WHERE key IS NOT NULL;

        CREATE TABLE dossier_documents (
            dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
            component   TEXT NOT NULL,          -- document component code of the form
            source      TEXT NOT NULL,          -- 'file', 'reuse' or 'desk'
            sha256      TEXT,                   -- the file, for 'file' (and 'reuse' when held here)
            reused_from TEXT,                   -- earlier dossier code, for 'reuse'
            PRIMARY KEY (dossier_id, component)
        ) WITHOUT ROWID;
        CREATE INDEX dossier_documents_sha ON dossier_documents (sha256) WHERE sha256 IS NOT NULL;

        CREATE TABLE dossier_history (
            dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
            at          INTEGER NOT NULL,
            status      TEXT NOT NULL,
            note        TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX dossier_history_dossier ON dossier_history (dossier_id, at);

        -- Documents kept content-addressed under the attachments folder.
        CREATE TABLE documents (
            sha256      TEXT PRIMARY KEY,
            size        INTEGER NOT NULL,
            media_type  TEXT NOT NULL,
            stored_at   INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Dossiers waiting for upload (consumed by the sync worker).
        CREATE TABLE outbox (
            dossier_id      INTEGER PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
            enqueued_at     INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT
        );
        CREATE INDEX outbox_due ON outbox (next_attempt_at);

        CREATE TABLE receipt_sequence (
            day     TEXT PRIMARY KEY,           -- yyyymmdd, Vietnam time
            last    INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- What was done at the station, without personal data.
        CREATE TABLE audit_log (
            id          INTEGER PRIMARY KEY,
            at          INTEGER NOT NULL,
            event       TEXT NOT NULL,
            form_id     TEXT,
            draft_id    INTEGER,
            dossier_id  INTEGER,
            detail      TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE meta (
            key     TEXT PRIMARY KEY,
            value   TEXT NOT NULL
        ) WITHOUT ROWID;
        """)
        m.register(2, "autofill", """
        -- Answers filled from an earlier dossier, and where each came from:
        -- the mark beside the field survives a restart, and the review page
        -- lists them. The mark goes when the answer no longer equals `value`.
        CREATE TABLE draft_prefills (
            draft_id    INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            path        TEXT NOT NULL,
            value       TEXT NOT NULL,
            source_code TEXT NOT NULL,          -- the earlier dossier's code
            source_key  TEXT NOT NULL,          -- the semantic key it had there
            old_address INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (draft_id, path)
        ) WITHOUT ROWID;

        -- Failed tries at earlier dossier codes, per code (no personal data):
        -- a code is locked for a while after too many.
        CREATE TABLE prior_tries (
            code            TEXT PRIMARY KEY,
            failures        INTEGER NOT NULL,
            last_failure_at INTEGER NOT NULL,
            locked_until    INTEGER
        ) WITHOUT ROWID;
        """)
        m.register(3, "frozen dossiers, resume tries per code", """
        -- Who sent the dossier, as it was when it was finalized: the envelope
        -- is built from the dossier alone, so a changed kiosk.conf never
        -- changes what a retry sends (the server would answer 409). NULL for
        -- dossiers finalized before this version: they use kiosk.conf.
        ALTER TABLE dossiers ADD COLUMN station_id TEXT;
        ALTER TABLE dossiers ADD COLUMN agency_code TEXT;

        -- Failed resume tries per typed code, known or not (no personal
        -- data): an unknown code locks exactly as a real one does, so the
        -- lock tells nobody that a code exists. Replaces drafts.failed_tries
        -- and drafts.locked_until, which are no longer read.
        CREATE TABLE resume_tries (
            code            TEXT PRIMARY KEY,
            failures        INTEGER NOT NULL,
            last_failure_at INTEGER NOT NULL,
            locked_until    INTEGER
        ) WITHOUT ROWID;
        -- Tries and locks counted before this version keep counting.
        INSERT INTO resume_tries (code, failures, last_failure_at, locked_until)
            SELECT resume_code, failed_tries, updated_at, locked_until FROM drafts
            WHERE failed_tries > 0 OR locked_until IS NOT NULL;
        """)
        m.register(4, "vault", vaultSQL)
        m.register(5, "sealed uploads", """
        -- What the upload sends for a queued dossier, sealed to the province's
        -- public key when it was finalized (libsodium sealed boxes): the
        -- envelope ('envelope') and each file document (by the SHA-256 of the
        -- plain document). Sent as they are on every try; dropped once the
        -- server accepts the dossier. Only the province can open them.
        CREATE TABLE IF NOT EXISTS sealed_uploads (
            dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
            part        TEXT NOT NULL,          -- 'envelope', or a document's sha256
            key_id      TEXT NOT NULL,          -- SealKey.id it was sealed to
            body        BLOB NOT NULL,
            PRIMARY KEY (dossier_id, part)
        );
        """)
        m.register(6, "operators", operatorSQL)
        m.register(7, "document pages", """
        -- The pages a document made at the desk was made of, in order, each
        -- with the quarter turns it was given: the page images are documents
        -- too (content-addressed, sealed), so the PDF can be shown, turned or
        -- re-scanned page by page later. No row for a PDF attached whole.
        CREATE TABLE IF NOT EXISTS document_pages (
            document    TEXT NOT NULL,          -- the made PDF's sha256
            position    INTEGER NOT NULL,       -- 0-based
            page        TEXT NOT NULL,          -- the page image's sha256
            rotation    INTEGER NOT NULL,       -- clockwise quarter turns, 0-3
            PRIMARY KEY (document, position)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS document_pages_page ON document_pages (page);
        """)
        return m
    }()

    /// Operator mode (schema 6): who may sign in at the operator's screens,
    /// who helped with each draft and dossier, and the link from a corrected
    /// dossier to the one the server refused. Ids only: an operator id is
    /// the station's own name for a clerk, never a citizen's data. Written
    /// to apply whatever migrations come after it.
    static let operatorSQL = """
        CREATE TABLE IF NOT EXISTS operators (
            id          TEXT PRIMARY KEY,
            pin_hash    TEXT NOT NULL,          -- Argon2id (crypto_pwhash_str)
            created_at  INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Failed sign-ins per typed id, known or not: an unknown id locks
        -- exactly as a real one does (5 wrong tries, 15 minutes).
        CREATE TABLE IF NOT EXISTS operator_tries (
            id              TEXT PRIMARY KEY,
            failures        INTEGER NOT NULL,
            last_failure_at INTEGER NOT NULL,
            locked_until    INTEGER
        ) WITHOUT ROWID;

        ALTER TABLE drafts ADD COLUMN operator_id TEXT;
        -- The submission id of the refused dossier this draft corrects.
        ALTER TABLE drafts ADD COLUMN replaces TEXT;
        ALTER TABLE dossiers ADD COLUMN operator_id TEXT;
        -- When its draft was started (NULL: finalized before schema 6).
        ALTER TABLE dossiers ADD COLUMN started_at INTEGER;
        -- The submission id of the refused dossier this one corrects.
        ALTER TABLE dossiers ADD COLUMN replaces TEXT;
        ALTER TABLE audit_log ADD COLUMN operator_id TEXT;
        CREATE INDEX IF NOT EXISTS dossiers_finalized ON dossiers (finalized_at);
        """

    /// The vault's tables (schema 4).
    static let vaultSQL = """
        -- The station's data key, wrapped (never stored plain): one row per
        -- way to unlock (the passphrase, a key file). The vault's id and a
        -- check value sealed under the key are in meta (vault_id, vault_check).
        CREATE TABLE IF NOT EXISTS vault_keys (
            kind        TEXT PRIMARY KEY,       -- 'passphrase' or 'key_file'
            salt        BLOB NOT NULL,
            ops_limit   INTEGER NOT NULL,       -- Argon2id cost of a passphrase (0 for a key file)
            mem_limit   INTEGER NOT NULL,
            wrapped     BLOB NOT NULL,          -- nonce, XChaCha20-Poly1305 of the data key
            created_at  INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Keyed hashes (BLAKE2b, a subkey of the data key) of the id numbers
        -- and phones that may open a dossier: a lookup compares hashes, and
        -- no plain id number is kept for it. Cleared by purge.
        CREATE TABLE IF NOT EXISTS dossier_verifiers (
            dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
            hash        BLOB NOT NULL,
            PRIMARY KEY (dossier_id, hash)
        ) WITHOUT ROWID;

        -- The documents a draft's answers name (`file:SHA`), now that the
        -- answers are sealed: purge keeps these files.
        CREATE TABLE IF NOT EXISTS draft_files (
            draft_id    INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            path        TEXT NOT NULL,
            sha256      TEXT NOT NULL,
            PRIMARY KEY (draft_id, path)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS draft_files_sha ON draft_files (sha256);
        INSERT OR IGNORE INTO draft_files (draft_id, path, sha256)
            SELECT draft_id, path, substr(value, 6) FROM draft_answers WHERE typeof(value) = 'text' AND value LIKE 'file:%';
        -- The values themselves are sealed, and the old pages wiped, at the
        -- first unlock (KioskStore.finishPlainMigration): that needs the key.
        """
}
