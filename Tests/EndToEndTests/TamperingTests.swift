import Foundation
import GRDB
import Testing

/// Acceptance: ciphertexts altered or moved behind the application's back fail to open and are
/// reported as integrity failures (65) naming the record, while untouched cases still open
/// (SECURITY.md, sealed fields).
@Suite("Tampering")
struct TamperingTests {
    static let integrityVI = "Lỗi toàn vẹn"
    static let integrityEN = "Integrity failure"

    /// Edits the closed database file directly.
    @discardableResult
    static func tamper<T>(_ d: Deployment, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: d.databasePath)
        let value = try queue.write(body)
        try queue.close()
        return value
    }

    /// Flips one bit of byte `index` (negative: from the end) of a BLOB column of one row.
    static func flip(_ d: Deployment, table: String, column: String, id: String, index: Int = -1) throws {
        try tamper(d) { db in
            let blob = try #require(try Data.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE id = ?", arguments: [id]),
                                    "no \(table).\(column) for \(id)")
            var bytes = [UInt8](blob)
            let position = index < 0 ? bytes.count + index : index
            try #require(bytes.indices.contains(position))
            bytes[position] ^= 0x02
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [Data(bytes), id])
            #expect(db.changesCount == 1)
        }
    }

    /// `case show` of a tampered case: 65, one line naming an integrity failure and the record.
    static func expectIntegrityFailure(_ d: Deployment, _ caseID: String, record: String?,
                                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let vi = try await d.run(["case", "show", caseID], as: .counsellor, sourceLocation: sourceLocation)
        #expect(vi.status == 65, "case show of a tampered case: exit \(vi.status), \(vi.stderr)", sourceLocation: sourceLocation)
        #expect(vi.stderrLines.count == 1, "stderr: \(vi.stderr)", sourceLocation: sourceLocation)
        #expect(vi.stderr.contains(integrityVI), "stderr: \(vi.stderr)", sourceLocation: sourceLocation)
        #expect(vi.stdout.isEmpty, sourceLocation: sourceLocation)
        if let record {
            #expect(vi.stderr.contains(record), "the message should name the record \(record): \(vi.stderr)", sourceLocation: sourceLocation)
        }
        let en = try await d.run(["case", "show", caseID, "--json", "--lang", "en"], as: .counsellor, sourceLocation: sourceLocation)
        #expect(en.status == 65, sourceLocation: sourceLocation)
        #expect(en.stderrLines.count == 1, sourceLocation: sourceLocation)
        #expect(en.stderr.contains(integrityEN), "stderr: \(en.stderr)", sourceLocation: sourceLocation)
        #expect(en.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    static func expectShows(_ d: Deployment, _ caseID: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let shown = try await d.show(caseID, sourceLocation: sourceLocation)
        #expect((shown["person"] as? [String: Any])?["name"] as? String == name, sourceLocation: sourceLocation)
    }

    @Test("(a) one flipped byte in a person's name: that case fails with 65, the other two still open")
    func flippedName() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let first = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone])
            let second = try await d.openCase(["--name", Invented.lyName, "--phone", Invented.lyPhone])
            let third = try await d.openCase(["--name", Invented.thaoName, "--phone", Invented.thaoPhone])

            try Self.flip(d, table: "persons", column: "name", id: second.person)

            try await Self.expectIntegrityFailure(d, second.id, record: second.person)
            try await Self.expectShows(d, first.id, name: Invented.hoa)
            try await Self.expectShows(d, third.id, name: Invented.thaoName)
            // Search over the intact persons is not blocked by the bad row.
            #expect(try await d.find("--phone", Invented.thaoPhone).map(\.id) == [third.id])
        }
    }

    @Test("(b) a name ciphertext copied from person A into person B's row fails to open in B; A still opens")
    func movedName() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let a = try await d.openCase(["--name", Invented.hoa])
            let b = try await d.openCase(["--name", Invented.lyName])

            try Self.tamper(d) { db in
                let blob = try #require(try Data.fetchOne(db, sql: "SELECT name FROM persons WHERE id = ?", arguments: [a.person]))
                try db.execute(sql: "UPDATE persons SET name = ? WHERE id = ?", arguments: [blob, b.person])
                #expect(db.changesCount == 1)
            }

            try await Self.expectIntegrityFailure(d, b.id, record: b.person)
            try await Self.expectShows(d, a.id, name: Invented.hoa)
        }
    }

    @Test("(c) one flipped byte in a note body fails with 65")
    func flippedNote() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let noted = try await d.openCase(["--name", Invented.hoa, "--note", Invented.ngocNote])
            let other = try await d.openCase(["--name", Invented.lyName, "--note", Invented.ngocFileNote])
            let noteID = try Self.tamper(d) { db in
                try #require(try String.fetchOne(db, sql: "SELECT id FROM notes WHERE case_id = ?", arguments: [noted.id]))
            }

            try Self.flip(d, table: "notes", column: "body", id: noteID, index: 40)

            try await Self.expectIntegrityFailure(d, noted.id, record: noteID)
            try await Self.expectShows(d, other.id, name: Invented.lyName)
        }
    }

    @Test("(d) one flipped byte in a person's wrapped data key fails with 65")
    func flippedWrappedKey() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let a = try await d.openCase(["--name", Invented.hoa])
            let b = try await d.openCase(["--name", Invented.lyName])

            try Self.flip(d, table: "persons", column: "wrapped_dek", id: a.person)

            try await Self.expectIntegrityFailure(d, a.id, record: a.person)
            try await Self.expectShows(d, b.id, name: Invented.lyName)
        }
    }

    @Test("(d') an altered key version in the wrapped data key's header is an integrity failure too, not a missing key")
    func alteredWrappedKeyVersion() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let a = try await d.openCase(["--name", Invented.hoa])
            let b = try await d.openCase(["--name", Invented.lyName])

            // Header: format (1 byte) ‖ key version (4 bytes, big-endian) ‖ nonce ‖ ciphertext+tag.
            try Self.flip(d, table: "persons", column: "wrapped_dek", id: a.person, index: 4)

            try await Self.expectIntegrityFailure(d, a.id, record: a.person)
            try await Self.expectShows(d, b.id, name: Invented.lyName)
        }
    }
}
