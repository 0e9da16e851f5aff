import CaunoiCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `backup create` reports: ids and counts.
public struct BackupSummary: Sendable, Encodable {
    public let backup: String
    public let path: String
    public let createdAt: String
    public let cases: Int
    public let erasures: Int
    public let bytes: Int
}

extension CaseStore {
    /// Writes an encrypted backup of the whole database to `path` (created 0600, never
    /// overwritten). An admin's job: she holds no data key and needs none, because the image
    /// is encrypted under a fresh file key sealed to the deployment's recovery public key, so
    /// only the offline recovery key opens it. The header and the stream are signed with her
    /// Ed25519 key. The `backup.create` audit entry is appended after the file is on disk (it
    /// is therefore not inside this backup); if it cannot be, the file is removed.
    public func createBackup(_ session: Session, to path: String) throws -> BackupSummary {
        try session.require(.admin)
        if FileManager.default.fileExists(atPath: path) { throw CaunoiError.cannotCreate(.output) }
        let (facts, image): (SnapshotFacts, SecureBytes)
        do {
            let memory = try Snapshot.copy(of: writer)
            facts = try memory.read(SnapshotFacts.read)
            image = try Snapshot.image(of: memory)
        } catch {
            throw CaseStore.translate(error)
        }
        // The file key is sealed to the recovery key the snapshot names: it must be the certified
        // one (an edited `meta.recovery_public` would hand the whole database to the editor).
        let certified = try read { db in try TrustChain(db, root: session.trustRoot).deploymentKey(.recovery) }
        guard certified == facts.recoveryPublic else { throw CaunoiError.integrityFailure(record: "meta.recovery_public") }
        let header = BackupHeader(backup: Ids.random(prefix: "B"), createdAt: AuditTrail.timestamp(), createdBy: session.user, facts: facts)
        let bytes = try BackupFile.seal(image: image, header: header, signer: session.signingKeyPair)
        try OwnerOnlyFile.create(atPath: path, contents: bytes, what: .output)
        do {
            try write { db in try audit(db, session, "backup.create", record: header.backup) }
        } catch {
            unlink(path)
            throw error
        }
        return BackupSummary(backup: header.backup, path: path, createdAt: header.createdAt, cases: facts.cases,
                             erasures: facts.erasures, bytes: bytes.count)
    }
}
