import Cases
import Foundation
import GRDB

/// The plaintext baseline: the same rows, schema shape and SQLite settings (WAL,
/// secure_delete, foreign keys, one transaction per import chunk) with no encryption and
/// plain indexes on the normalised name and phone. What caunoi would cost without its
/// cryptography, measured in the same run on the same data.
struct Baseline {
    let queue: DatabaseQueue
    let path: String

    /// A baseline left by an earlier run (`caunoi-bench --reuse`).
    init(existing path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
        queue = try DatabaseQueue(path: path, configuration: config)
        self.path = path
    }

    init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        self.path = path
        try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE persons (id TEXT PRIMARY KEY NOT NULL, centre TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
                                      birth_year TEXT, phones TEXT, phone_key TEXT, passport TEXT, created_on TEXT NOT NULL);
                CREATE INDEX persons_name ON persons(name_key);
                CREATE INDEX persons_phone ON persons(phone_key);
                CREATE TABLE cases (id TEXT PRIMARY KEY NOT NULL, person_id TEXT NOT NULL REFERENCES persons(id), centre TEXT NOT NULL,
                                    programme TEXT NOT NULL, status TEXT NOT NULL, risk TEXT, origin_province TEXT, destination TEXT,
                                    migration TEXT, opened_on TEXT NOT NULL, created_by TEXT NOT NULL, updated_on TEXT NOT NULL);
                CREATE INDEX cases_person ON cases(person_id);
                CREATE TABLE case_needs (case_id TEXT NOT NULL REFERENCES cases(id), need TEXT NOT NULL, PRIMARY KEY (case_id, need)) WITHOUT ROWID;
                CREATE TABLE case_events (id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id), on_day TEXT NOT NULL,
                                          by_user TEXT NOT NULL, kind TEXT NOT NULL, to_status TEXT);
                CREATE INDEX case_events_case ON case_events(case_id);
                CREATE TABLE notes (id TEXT PRIMARY KEY NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id), author TEXT NOT NULL,
                                    created_on TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX notes_case ON notes(case_id);
                """)
        }
    }

    static let idSymbols = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// Inserts one chunk of CSV rows (the bench's own format) in one transaction.
    func insert(rows: ArraySlice<[String]>, firstIndex: Int) throws {
        try queue.write { db in
            let person = try db.makeStatement(sql: "INSERT INTO persons VALUES (?, 'BENCH', ?, ?, ?, ?, ?, ?, '2026-11-23')")
            let kase = try db.makeStatement(sql: "INSERT INTO cases VALUES (?, ?, 'BENCH', ?, 'open', ?, ?, ?, ?, ?, 'bench', '2026-11-23')")
            let need = try db.makeStatement(sql: "INSERT INTO case_needs VALUES (?, ?)")
            let event = try db.makeStatement(sql: "INSERT INTO case_events VALUES (?, ?, ?, 'bench', 'opened', 'open')")
            let note = try db.makeStatement(sql: "INSERT INTO notes VALUES (?, ?, 'bench', ?, ?)")
            var random = SystemRandomNumberGenerator()
            for (offset, f) in rows.enumerated() {
                let n = firstIndex + offset
                // Random person ids of caunoi's shape: their B-tree inserts land anywhere, as caunoi's do.
                let personID = "P-" + String((0..<12).map { _ in Self.idSymbols[Int(random.next() % 32)] })
                let caseID = "BENCH-\(n)"
                try person.execute(arguments: [personID, f[1], Normalise.nameKey(f[1]), f[2], f[3], Normalise.phone(f[3]), f[4]])
                try kase.execute(arguments: [caseID, personID, f[0], f[9], f[5], f[6], f[7], f[10]])
                for code in f[8].split(separator: ";") { try need.execute(arguments: [caseID, String(code)]) }
                try event.execute(arguments: ["E-\(n)", caseID, f[10]])
                try note.execute(arguments: ["N-\(n)", caseID, f[10], f[11]])
            }
        }
    }

    /// The cases of the women with this name; at most `limit` women, as caunoi's `case find`.
    func findByName(_ name: String, limit: Int = Int.max) throws -> Int {
        let key = Normalise.nameKey(name)
        return try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.id FROM (SELECT id FROM persons WHERE name_key = ? LIMIT ?) p JOIN cases c ON c.person_id = p.id
                """, arguments: [key, limit]).count
        }
    }

    func findByPhone(_ phone: String) throws -> Int {
        let key = Normalise.phone(phone)
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT c.id FROM persons p JOIN cases c ON c.person_id = p.id WHERE p.phone_key = ?", arguments: [key]).count
        }
    }

    /// One case with all its fields, notes and history.
    func show(_ index: Int) throws -> Int {
        try queue.read { db in
            let caseRow = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: ["BENCH-\(index)"])
            let person = try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id = ?", arguments: [caseRow?["person_id"] as String?])
            let notes = try Row.fetchAll(db, sql: "SELECT * FROM notes WHERE case_id = ?", arguments: ["BENCH-\(index)"])
            let casework = try db.tableExists("casework")
                ? try Row.fetchAll(db, sql: "SELECT * FROM casework WHERE case_id = ?", arguments: ["BENCH-\(index)"]).count : 0
            let events = try Row.fetchAll(db, sql: "SELECT * FROM case_events WHERE case_id = ?", arguments: ["BENCH-\(index)"])
            return (caseRow == nil ? 0 : 1) + (person == nil ? 0 : 1) + notes.count + events.count + casework
        }
    }

    func checkpoint() throws {
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
