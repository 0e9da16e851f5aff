import CaunoiCrypto
import GRDB

/// One person's data key (DEK), unwrapped for the duration of a command. Seals and opens
/// her fields with associated data naming table, column, row and person, so a ciphertext
/// moved anywhere else fails as an integrity error naming the record. An association's
/// contact data has a DEK of its own in the same way (`dekTable` "associations", the
/// association id in place of the person id).
struct PersonVault {
    let personID: String
    /// The table whose `wrapped_dek` column holds this DEK (part of the wrap's associated data).
    let dekTable: String
    private let dek: SecureBytes

    /// A key derived from the DEK for another purpose (the case seal), so that only someone who
    /// can open her data can make or check it.
    func subkey(_ label: String) throws -> SecureBytes { try KeyDerivation.subkey(of: dek, label: label) }

    /// A new person (or association): a fresh random DEK.
    static func create(personID: String, dekTable: String = "persons") -> PersonVault {
        PersonVault(personID: personID, dekTable: dekTable, dek: .random(count: 32))
    }

    /// The DEK wrapped under the centre key, bound to this person's row.
    func wrapped(centreKey: SecureBytes, version: Int) throws -> SealedBlob {
        SealedBlob(bytes: try SealedValue.seal(dek, key: centreKey, keyVersion: UInt32(version), place: Self.dekPlace(personID, dekTable)))
    }

    /// Unwraps a stored DEK with the centre key its header names. A header naming a version
    /// the centre never had is tampering (65), not a missing grant (77).
    static func open(personID: String, wrapped: [UInt8], session: Session, centre: String, currentVersion: Int,
                     dekTable: String = "persons") throws -> PersonVault {
        let version: UInt32
        do { version = try SealedValue.keyVersion(of: wrapped) } catch {
            throw CaunoiError.integrityFailure(record: "\(personID) (\(dekTable).wrapped_dek)")
        }
        guard version >= 1, version <= currentVersion else {
            throw CaunoiError.integrityFailure(record: "\(personID) (\(dekTable).wrapped_dek)")
        }
        return try unwrap(personID: personID, wrapped: wrapped, centreKey: session.centreKey(centre, version: Int(version)), dekTable: dekTable)
    }

    /// Her DEK sealed (crypto_box_seal) to another centre's box key for a transfer, with what
    /// it is for bound inside (`binding`, checked by `fromTransfer`).
    func sealedForTransfer(to publicKey: [UInt8], binding: String) throws -> [UInt8] {
        let suffix = Array(binding.utf8)
        let message = SecureBytes(count: dek.count + suffix.count) { buffer in
            dek.withUnsafeBytes { buffer.copyMemory(from: $0) }
            suffix.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[dek.count...]).copyMemory(from: $0) }
        }
        return try SealedBox.seal(message, to: publicKey)
    }

    /// The DEK a transfer carried, opened with the receiving centre's box pair; anything but
    /// a 32-byte key followed by exactly `binding` is an integrity failure naming `record`.
    static func fromTransfer(_ sealed: [UInt8], with keyPair: BoxKeyPair, personID: String, binding: String, record: String) throws -> PersonVault {
        let failure = CaunoiError.integrityFailure(record: record)
        let message: SecureBytes
        do { message = try SealedBox.open(sealed, with: keyPair) } catch { throw failure }
        guard message.count == 32 + binding.utf8.count,
              message.withUnsafeBytes({ Array($0[32...]) }) == Array(binding.utf8) else { throw failure }
        let dek = SecureBytes(count: 32) { buffer in message.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<32])) } }
        return PersonVault(personID: personID, dekTable: "persons", dek: dek)
    }

    /// Unwraps a DEK with a given centre key (key rotation holds keys outside a session).
    static func unwrap(personID: String, wrapped: [UInt8], centreKey: SecureBytes, dekTable: String = "persons") throws -> PersonVault {
        do {
            let dek = try SealedValue.open(wrapped, key: centreKey, place: dekPlace(personID, dekTable))
            return PersonVault(personID: personID, dekTable: dekTable, dek: dek)
        } catch {
            throw CaunoiError.integrityFailure(record: "\(personID) (\(dekTable).wrapped_dek)")
        }
    }

    /// Every personal value passes here on its way to disk, so this is where control and
    /// direction-override characters are refused (a newline is allowed: free-text columns; the
    /// one-line fields are checked one by one in `PersonFields.sealed`).
    func seal(_ value: PersonalText, table: String, column: String, row: String) throws -> SealedBlob {
        try ControlCharacters.check(value, field: "\(table).\(column)", allowNewline: true)
        let place = SealedValue.Place(table: table, column: column, row: row, person: personID)
        return SealedBlob(bytes: try SealedValue.seal(value.secret, key: dek, keyVersion: 1, place: place))
    }

    func sealIfPresent(_ value: PersonalText?, table: String, column: String, row: String) throws -> SealedBlob? {
        try value.map { try seal($0, table: table, column: column, row: row) }
    }

    func open(_ blob: [UInt8], table: String, column: String, row: String) throws -> PersonalText {
        let place = SealedValue.Place(table: table, column: column, row: row, person: personID)
        do {
            return PersonalText(secret: try SealedValue.open(blob, key: dek, place: place))
        } catch {
            throw CaunoiError.integrityFailure(record: "\(row) (\(table).\(column))")
        }
    }

    func openIfPresent(_ blob: [UInt8]?, table: String, column: String, row: String) throws -> PersonalText? {
        try blob.map { try open($0, table: table, column: column, row: row) }
    }

    private static func dekPlace(_ personID: String, _ table: String) -> SealedValue.Place {
        SealedValue.Place(table: table, column: "wrapped_dek", row: personID, person: personID)
    }
}
