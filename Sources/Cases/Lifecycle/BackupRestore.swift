import CaunoiCrypto
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Where a restore takes the erasure ledger from.
public enum RestoreLedger: Sendable, Equatable {
    /// The live database's `erasures` table. The live file is opened read-only: a restore
    /// never changes it (it may be the damaged one).
    case live(path: String)
    /// None, because the live database is lost (restoring without a ledger). Recorded in the audit trail.
    case none
}

/// What `backup restore` reports: ids and counts.
public struct RestoreSummary: Sendable, Encodable {
    public let backup: String
    public let path: String
    public let createdAt: String
    public let cases: Int
    /// Person ids erased again from the live ledger (random ids, not personal data).
    public let erased: [String]
    public let ledger: Bool
}

extension CaseStore {
    /// Restores a backup into a new database file (disaster recovery). Everything happens in
    /// memory: the file is checked and decrypted with the recovery key, the image is loaded,
    /// checked against the header and the creator's signature, migrated, and the acting admin
    /// (an admin *of the backup*, with the passphrase she had then) is unlocked there. Every
    /// woman in the live ledger is crypto-shredded again, the restore is audited, and only
    /// then is `newPath` created (0600) and the database written into it with `VACUUM INTO`,
    /// which copies live rows only: an erased woman's data never reaches the disk. On any
    /// failure nothing is left at `newPath`.
    public static func restoreBackup(file: String, into newPath: String, recovery: RecoveryKey, ledger: RestoreLedger,
                                     user: String, passphrase: () throws -> SecureBytes) throws -> RestoreSummary {
        if FileManager.default.fileExists(atPath: newPath) { throw CaunoiError.cannotCreate(.database) }
        let parts = try BackupFile.parse(readBackup(file))
        let header = parts.header
        let (image, envelope, streamHash) = try BackupFile.open(parts, recovery: recovery)
        let store = CaseStore(writer: try Snapshot.load(image), path: ":memory:")
        let signer: [UInt8] = try store.read { db in
            guard (try? SnapshotFacts.read(db)) == header.facts else { throw CaunoiError.backupUnreadable }
            return try creatorKey(db, header: header, root: recovery.rootSigningKeyPair().publicKey, message: BackupFile.signedMessage(headerHash: envelope.headerHash, streamHash: streamHash),
                                  signature: envelope.signature)
        }
        // A backup of an earlier schema is brought up to this version's.
        do { try Schema.migrator.migrate(store.writer) } catch { throw translate(error) }
        let erasures: [Erasure]
        switch ledger {
        case .live(let path): erasures = try liveLedger(path, header: header, signer: signer, root: recovery.rootSigningKeyPair().publicKey)
        case .none: erasures = []
        }
        let session = try store.unlock(user: user, passphrase: passphrase())
        try session.require(.admin)
        let erased = try store.write { db -> [String] in
            var erased: [String] = []
            for entry in erasures {
                let present = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?)", arguments: [entry.person]) ?? false
                guard present, try Erasure.fetch(db, person: entry.person) == nil else { continue }
                try Shredder.shred(db, person: entry.person, by: session.user, basis: .ledger)
                try store.audit(db, session, "subject.erase.ledger", record: entry.person, centre: entry.centre)
                erased.append(entry.person)
            }
            try store.audit(db, session, ledger == .none ? "backup.restore.no-ledger" : "backup.restore", record: header.backup)
            return erased
        }
        try store.vacuum(into: newPath)
        return RestoreSummary(backup: header.backup, path: newPath, createdAt: header.createdAt, cases: header.facts.cases,
                              erased: erased, ledger: ledger != .none)
    }

    private static func readBackup(_ file: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: file) else { throw CaunoiError.fileNotFound(.backup) }
        guard let data = FileManager.default.contents(atPath: file) else { throw CaunoiError.ioFailure(.backup) }
        return [UInt8](data)
    }

    /// The creator's public key that verifies the backup's signature, among the keys the image
    /// itself records for her. This proves the file is whole and consistent; it does not prove
    /// who made it (anyone who knows the recovery public key could build an image with a key
    /// of their own), which is why a restore with a live database checks the key there too.
    private static func creatorKey(_ db: Database, header: BackupHeader, root: [UInt8], message: [UInt8], signature: [UInt8]) throws -> [UInt8] {
        let keys = try signingKeys(db, of: header.createdBy, root: root)
        guard let key = keys.first(where: { Ed25519.isValid(signature: signature, for: message, publicKey: $0) }) else {
            throw CaunoiError.backupUnreadable
        }
        return key
    }

    /// The signing keys certified for a user under the root the recovery key gives (so an
    /// edited `signing_keys` table vouches for nothing); in a database from before certificates,
    /// that table is all there is.
    private static func signingKeys(_ db: Database, of user: String, root: [UInt8]) throws -> [[UInt8]] {
        let certified = try db.tableExists("certificates") && (try Int.fetchOne(db, sql: "SELECT count(*) FROM certificates") ?? 0) > 0
        if certified { return try TrustChain(db, root: root).signingKeys(of: user) }
        return try Data.fetchAll(db, sql: "SELECT public FROM signing_keys WHERE user = ?", arguments: [user]).map { [UInt8]($0) }
    }

    /// The live database's erasure ledger, read-only. It must be the same deployment, and know
    /// the key that signed the backup as one of its creator's keys (`signing_keys` keeps every
    /// key a user has had, so a later passphrase reset does not matter).
    private static func liveLedger(_ path: String, header: BackupHeader, signer: [UInt8], root: [UInt8]) throws -> [Erasure] {
        guard FileManager.default.fileExists(atPath: path) else { throw CaunoiError.databaseNotFound(path) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        do {
            let live = try DatabaseQueue(path: path, configuration: config)
            defer { try? live.close() }
            return try live.read { db in
                guard try db.tableExists("meta") else { throw CaunoiError.notADatabase }
                guard let deployment = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'deployment_id'") else {
                    throw CaunoiError.databaseNotInitialised
                }
                guard String(decoding: deployment, as: UTF8.self) == header.facts.deployment else { throw CaunoiError.deploymentMismatch }
                guard try signingKeys(db, of: header.createdBy, root: root).contains(signer) else {
                    throw CaunoiError.backupSignerUnknown(header.createdBy)
                }
                return try db.tableExists("erasures") ? Erasure.fetchAll(db) : []
            }
        } catch {
            throw translate(error)
        }
    }

    /// Writes this (in-memory) database into a new owner-only file. `VACUUM INTO` accepts an
    /// existing empty file and rebuilds the database from its live rows (no free pages, so no
    /// trace of anything deleted in memory). SQLite does not fsync the result; we do.
    private func vacuum(into path: String) throws {
        try OwnerOnlyFile.create(atPath: path, contents: [], what: .database)
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            try OwnerOnlyFile.sync(atPath: path, what: .database)
        } catch {
            unlink(path)
            throw CaseStore.translate(error)
        }
    }
}
