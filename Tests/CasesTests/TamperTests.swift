import Foundation
import GRDB
import Testing
@testable import Cases

/// Someone edits the file behind the application's back: every sealed value must refuse to
/// open with an integrity error naming the record, and only that case is affected.
@Suite struct TamperTests {
    private func flipByte(_ f: Fixture, table: String, column: String, id: String, key: String = "id") throws {
        try f.store.write { db in
            let blob = try Data.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE \(key) = ?", arguments: [id])!
            var bytes = [UInt8](blob)
            bytes[bytes.count / 2] ^= 0x01
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(key) = ?", arguments: [Data(bytes), id])
        }
    }

    private func isIntegrityFailure(_ body: () throws -> Void) -> Bool {
        do { try body(); return false } catch CaunoiError.integrityFailure { return true } catch { return false }
    }

    @Test(arguments: ["name", "phones", "passport", "wrapped_dek"])
    func oneChangedByteIsAnIntegrityFailure(column: String) throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let victim = try f.open("Nguyễn Thị Hoà", phone: "0912345678", passport: "C1234567")
        let other = try f.open("Trần Thị Lan", phone: "0912000000", passport: "B7654321")
        try flipByte(f, table: "persons", column: column, id: victim.person)
        let lan = try f.session("lan")
        #expect(isIntegrityFailure { _ = try f.store.showCase(lan, id: victim.id) })
        #expect(try f.store.showCase(lan, id: other.id).person.name?.revealed == "Trần Thị Lan")
    }

    @Test func aValueCopiedFromAnotherPersonDoesNotOpen() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let a = try f.open("Nguyễn Thị Hoà")
        let b = try f.open("Trần Thị Lan")
        try f.store.write { db in
            try db.execute(sql: "UPDATE persons SET name = (SELECT name FROM persons WHERE id = ?) WHERE id = ?", arguments: [a.person, b.person])
        }
        let lan = try f.session("lan")
        #expect(isIntegrityFailure { _ = try f.store.showCase(lan, id: b.id) })
        #expect(try f.store.showCase(lan, id: a.id).person.name?.revealed == "Nguyễn Thị Hoà")
    }

    @Test func aValueMovedToAnotherColumnDoesNotOpen() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let a = try f.open("Nguyễn Thị Hoà", passport: "C1234567")
        try f.store.write { db in
            try db.execute(sql: "UPDATE persons SET address = passport WHERE id = ?", arguments: [a.person])
        }
        #expect(isIntegrityFailure { _ = try f.store.showCase(f.session("lan"), id: a.id) })
    }

    @Test func tamperedNotesAndSafeContactsAreIntegrityFailures() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let a = try f.open("Nguyễn Thị Hoà") { $0.note = PersonalText("ghi chú"); $0.safeContact = PersonalText("nhắn tin") }
        let b = try f.open("Trần Thị Lan") { $0.note = PersonalText("ghi chú") }
        try flipByte(f, table: "notes", column: "body", id: a.id, key: "case_id")
        try flipByte(f, table: "cases", column: "safe_contact", id: a.id)
        #expect(isIntegrityFailure { _ = try f.store.showCase(f.session("lan"), id: a.id) })
        #expect(try f.store.showCase(f.session("lan"), id: b.id).notes.count == 1)
    }

    /// Skipping her would answer "no case found" for a woman who is there (issue 12).
    @Test func searchReportsATamperedCandidate() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let a = try f.open("Nguyễn Thị Hoà")
        _ = try f.open("Nguyễn Thị Hoà")
        try flipByte(f, table: "persons", column: "name", id: a.person)
        #expect(throws: CaunoiError.integrityFailure(record: "\(a.person) (persons.name)")) {
            _ = try f.store.findCases(f.session("hoa"), policy: f.policy, query: .name("nguyen thi hoa"))
        }
    }
}
