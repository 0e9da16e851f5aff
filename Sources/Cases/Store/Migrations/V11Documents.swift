/// Her documents (issue 15): a checklist of what she holds or needs, and encrypted copies.
enum V11Documents: SchemaMigration {
    static let identifier = "v11-documents"
    static let sql = """
            -- The documents she holds or needs (codes of policy/codes/documents.yaml): plain, so
            -- that a centre can see whose foreign divorce judgment is still missing.
            CREATE TABLE case_documents (
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                document TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('holds', 'needs')),
                updated_by TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                PRIMARY KEY (case_id, document)
            ) WITHOUT ROWID;
            -- Attachments: a copy of a document, a letter, a photo of a judgment. The file is
            -- encrypted with crypto_secretstream under a key derived from her data key and the
            -- attachment's id, and kept in `attachment_contents` (outside the case seal, which
            -- would otherwise hash every file on every read); the seal covers this row, whose
            -- `content_hash` is the BLAKE2b-256 of the stored ciphertext. The title (usually
            -- the file's own name) and media type are sealed; the size and document code are
            -- plain. Erasure deletes the contents and clears the sealed columns.
            CREATE TABLE attachments (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                document TEXT,
                bytes INTEGER NOT NULL CHECK (bytes > 0),
                content_hash BLOB NOT NULL,
                title BLOB,
                media_type BLOB,
                added_by TEXT NOT NULL,
                added_on TEXT NOT NULL
            );
            CREATE INDEX attachments_case ON attachments(case_id);
            CREATE TABLE attachment_contents (
                attachment_id TEXT PRIMARY KEY NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
                content BLOB NOT NULL
            );
            """
}
