import Foundation
import GRDB
import Testing
@testable import Cases

@Suite struct ImportTests {
    private func count(_ f: Fixture, _ table: String) throws -> Int {
        try f.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    private func importCSV(_ f: Fixture, _ text: String, dryRun: Bool = false) throws -> ImportSummary {
        try f.store.importCases(f.session("hoa"), policy: f.policy, data: Data(text.utf8), format: .csv, dryRun: dryRun)
    }

    @Test func csvRowsBecomeCasesAndPersonRefsJoinThem() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let csv = #"""
            programme,name,dob,phone,need,origin-province,destination,person-ref,opened-on,note
            returnee,"Nguyễn Thị Hoà, con",1990-05-04,0912345678;0987000111,shelter;health,30,KR,a,2026-01-02,"dòng ""một"""
            returnee,"Nguyễn Thị Hoà, con",,,,30,KR,a,2026-02-03,
            marriage,Trần Thị Lan,,,,01,TW,,2026-03-04,"hai
            dòng"
            """#
        let summary = try importCSV(f, csv)
        #expect(summary == ImportSummary(imported: 3, persons: 2))
        #expect(try count(f, "persons") == 2)
        let hoa = try f.session("hoa")
        let found = try f.store.findCases(hoa, policy: f.policy, query: .phone("0987000111"))
        #expect(found.map(\.id) == ["HN-OSSO-2026-00001", "HN-OSSO-2026-00002"])
        let view = try f.store.showCase(hoa, id: "HN-OSSO-2026-00001")
        #expect(view.person.name?.revealed == "Nguyễn Thị Hoà, con")
        #expect(view.notes.first?.text.revealed == "dòng \"một\"")
        #expect(view.summary.needs == ["health", "shelter"])
        #expect(try f.store.showCase(hoa, id: "HN-OSSO-2026-00003").notes.first?.text.revealed == "hai\ndòng")
    }

    @Test func oneBadRowWritesNothingAndNamesLineAndColumn() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        var csv = "programme,name,need\n"
        for i in 0..<50 { csv += "returnee,Người Thứ \(i),shelter\n" }
        csv += "returnee,Người Cuối,flying\n"
        let before = try count(f, "cases")
        #expect(expectError(.importFailed(line: 52, column: "need", reason: .unknownCode("flying"))) { _ = try importCSV(f, csv) })
        #expect(try count(f, "cases") == before)
        #expect(try count(f, "persons") == 0)
        #expect(try count(f, "blind_indexes") == 0)
    }

    @Test func badDatesUnknownColumnsAndBrokenQuotesAreNamed() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(expectError(.importFailed(line: 3, column: "dob", reason: .invalidDate)) {
            _ = try importCSV(f, "programme,name,dob\nreturnee,A B,1990-01-01\nreturnee,C D,1990-13-01\n")
        })
        #expect(expectError(.importFailed(line: 1, column: "shoe-size", reason: .unknownColumn)) {
            _ = try importCSV(f, "programme,name,shoe-size\nreturnee,A B,40\n")
        })
        #expect(expectError(.importFailed(line: 2, column: "-", reason: .malformedRow)) {
            _ = try importCSV(f, "programme,name\nreturnee,\"A B\n")
        })
        #expect(expectError(.importFailed(line: 3, column: "name", reason: .conflictsWithEarlierRow)) {
            _ = try importCSV(f, "programme,name,person-ref\nreturnee,A B,x\nreturnee,C D,x\n")
        })
        #expect(try count(f, "cases") == 0)
    }

    @Test func jsonlTakesArraysForRepeatableFields() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let jsonl = """
            {"programme": "returnee", "name": "Lý Thị Hạnh", "phone": ["0911111111", "0922222222"], "need": ["shelter"], "birth-year": 1985}

            {"programme": "marriage", "name": "Mạc Thị Hương", "destination": "tw"}
            """
        let summary = try f.store.importCases(f.session("hoa"), policy: f.policy, data: Data(jsonl.utf8), format: .jsonl, dryRun: false)
        #expect(summary.imported == 2)
        let hit = try f.store.findCases(f.session("hoa"), policy: f.policy, query: .phone("0922222222"))
        #expect(hit.count == 1)
        #expect(expectError(.importFailed(line: 1, column: "-", reason: .malformedRow)) {
            _ = try f.store.importCases(f.session("hoa"), policy: f.policy, data: Data("{not json".utf8), format: .jsonl, dryRun: false)
        })
    }

    @Test func dryRunWritesNothing() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let summary = try importCSV(f, "programme,name\nreturnee,A B\nreturnee,C D\n", dryRun: true)
        #expect(summary.imported == 2)
        #expect(try count(f, "cases") == 0)
    }
}
