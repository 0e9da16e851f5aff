import Foundation
import GRDB

/// The encrypted case store over one SQLite file: a `DatabasePool` (WAL; one writer, readers
/// beside it, as a server needs), opened and migrated once per process, a busy timeout,
/// `secure_delete` so deleted pages are zeroed, foreign keys on. Use cases run over the
/// injected writer, so an in-memory copy (a backup being restored) works the same.
public struct CaseStore: Sendable {
    let writer: any DatabaseWriter
    public let path: String

    init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
    }

    /// Opens an existing store, or creates the file when `create` is set (for `init`).
    public static func open(path: String, create: Bool = false) throws -> CaseStore {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw CaunoiError.databaseNotFound(path) }
        if !exists {
            // Create the file owner-only before SQLite writes anything into it.
            try OwnerOnlyFile.create(atPath: path, contents: [], what: .database)
        }
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // 32 MiB of page cache (the default is 2 MiB): bulk imports and national-scale
            // lookups re-read fewer index pages (issue 7). Memory only; nothing changes on disk.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
            return CaseStore(writer: pool, path: path)
        } catch {
            throw CaseStore.translate(error)
        }
    }

    /// A write transaction: all or nothing, with database failures translated.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch { throw CaseStore.translate(error) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch { throw CaseStore.translate(error) }
    }

    /// Folds the WAL back into the main file and empties it (used after bulk work and
    /// erasure, so old page images do not linger there). False when another connection kept
    /// it from completing; the next checkpoint finishes the job.
    @discardableResult
    public func checkpoint() throws -> Bool {
        do {
            return try writer.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { $0[0] as Int == 0 } ?? false
            }
        } catch { throw CaseStore.translate(error) }
    }

    /// Maps SQLite failures to typed failures (busy, read-only, I/O, not a database). SQL arguments never appear in the
    /// text (GRDB keeps them out of `DatabaseError.description` unless asked).
    static func translate(_ error: Error) -> Error {
        if error is CaunoiError { return error }
        guard let db = error as? DatabaseError else { return CaunoiError.internalError(String(describing: type(of: error))) }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return CaunoiError.databaseBusy
        case .SQLITE_FULL: return CaunoiError.diskFull
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return CaunoiError.notADatabase
        case .SQLITE_CANTOPEN: return CaunoiError.cannotCreate(.database)
        case .SQLITE_READONLY, .SQLITE_PERM: return CaunoiError.databaseReadOnly
        case .SQLITE_IOERR: return CaunoiError.ioFailure(.database)
        case .SQLITE_CONSTRAINT: return CaunoiError.internalError("constraint")
        default: return CaunoiError.internalError("database \(db.resultCode.rawValue)")
        }
    }
}
