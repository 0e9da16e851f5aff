import CaunoiCrypto
import Foundation
import GRDB
import GRDBSQLite

/// Facts about a database image that a backup header repeats in the clear, and that a restore
/// checks against the decrypted image: ids, counts and the audit head, nothing personal.
struct SnapshotFacts: Sendable, Equatable {
    let deployment: String
    let recoveryPublic: [UInt8]
    let cases: Int
    let erasures: Int
    /// The last audit entry in the image (0 and the genesis hash when there is none): an
    /// external record of where the trail stood, against someone rewriting the live file.
    let auditHeadSeq: Int64
    let auditHeadHash: [UInt8]

    static func read(_ db: Database) throws -> SnapshotFacts {
        func meta(_ key: String) throws -> [UInt8] {
            guard let value = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) else {
                throw CaunoiError.databaseNotInitialised
            }
            return [UInt8](value)
        }
        // An image of an older schema may lack the newer tables.
        let erasures = try db.tableExists("erasures") ? try Int.fetchOne(db, sql: "SELECT count(*) FROM erasures") ?? 0 : 0
        let head = try db.tableExists("audit_log") ? try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") : nil
        return SnapshotFacts(deployment: String(decoding: try meta("deployment_id"), as: UTF8.self), recoveryPublic: try meta("recovery_public"),
                             cases: try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0, erasures: erasures,
                             auditHeadSeq: head?["seq"] ?? 0, auditHeadHash: head.map { [UInt8]($0["hash"] as Data) } ?? AuditTrail.genesis)
    }
}

/// Whole-database images in memory, through the SQLite C API: a consistent copy of the live
/// file taken with the backup API, turned into bytes (`sqlite3_serialize`) for encryption, and
/// bytes turned back into a working in-memory database (`sqlite3_deserialize`) for a restore.
/// Nothing of the image touches the disk on either side.
enum Snapshot {
    /// Connection settings of the in-memory copies: as the store's (foreign keys, zeroed
    /// deletions), so migrations and shredding behave there as in a file.
    private static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        return config
    }

    /// A consistent in-memory copy of `source` (one backup step, so one read snapshot).
    static func copy(of source: any DatabaseReader) throws -> DatabaseQueue {
        let memory = try DatabaseQueue(configuration: configuration)
        try source.backup(to: memory)
        return memory
    }

    /// VACUUMs the copy (no free pages, no leftovers) and returns its bytes in wiping memory.
    /// SQLite's own buffer is zeroed and freed at once.
    static func image(of memory: DatabaseQueue) throws -> SecureBytes {
        try memory.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")
            var size: sqlite3_int64 = 0
            guard let buffer = sqlite3_serialize(db.sqliteConnection, "main", &size, 0) else {
                throw CaunoiError.internalError("snapshot")
            }
            let raw = UnsafeMutableRawBufferPointer(start: buffer, count: Int(size))
            defer {
                SecureBytes.wipe(raw)
                sqlite3_free(buffer)
            }
            return SecureBytes(copying: UnsafeRawBufferPointer(raw))
        }
    }

    /// An in-memory database holding `image`. SQLite owns the copy (`sqlite3_malloc64`, freed
    /// on close, resizable so the restore can write). An image SQLite cannot read is an
    /// unreadable backup.
    static func load(_ image: SecureBytes) throws -> DatabaseQueue {
        let memory = try DatabaseQueue(configuration: configuration)
        try memory.writeWithoutTransaction { db in
            guard image.count > 0, let buffer = sqlite3_malloc64(sqlite3_uint64(image.count)) else {
                throw image.count > 0 ? CaunoiError.internalError("memory") : CaunoiError.backupUnreadable
            }
            image.withUnsafeBytes { UnsafeMutableRawBufferPointer(start: buffer, count: image.count).copyMemory(from: $0) }
            // With FREEONCLOSE, SQLite frees the buffer itself even when this call fails.
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
            let rc = sqlite3_deserialize(db.sqliteConnection, "main", buffer.assumingMemoryBound(to: UInt8.self),
                                         sqlite3_int64(image.count), sqlite3_int64(image.count), flags)
            guard rc == SQLITE_OK else { throw CaunoiError.backupUnreadable }
            // An in-memory image may grow only up to SQLITE_MEMDB_DEFAULT_MAXSIZE (1 GiB) unless
            // told otherwise; the restore writes a little (shredding, audit entries).
            var limit = sqlite3_int64(max(image.count * 2, 64 << 20))
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit)
            db.clearSchemaCache()
            do {
                try db.execute(sql: "PRAGMA secure_delete = ON")
                guard try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok" else { throw CaunoiError.backupUnreadable }
            } catch is DatabaseError {
                throw CaunoiError.backupUnreadable
            }
        }
        return memory
    }
}
