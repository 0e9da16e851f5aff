import Foundation
import Testing

/// Acceptance: bulk intake is all-or-nothing, names the line and column of a bad row, and reads
/// RFC 4180 CSV and JSONL (CLI.md, `case import`).
@Suite("Import")
struct ImportTests {
    @Test("10,000 CSV rows import in one go; a bad row near the end names its line and column and writes nothing")
    func bulkCSV() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let existing = try await d.openCase(["--name", Invented.hoa])

            // One unknown need code on line 9,990.
            let badNeed = try d.write("bad-need.csv", IntakeCSV.text(override: (line: 9990, column: "need", value: "health;teleportation")))
            let needFailure = try await d.run(["case", "import", badNeed], as: .counsellor)
            #expect(needFailure.status == 65)
            #expect(needFailure.stderrLines.count == 1, "stderr: \(needFailure.stderr)")
            #expect(needFailure.stderr.contains("dòng 9990"), "stderr: \(needFailure.stderr)")
            #expect(needFailure.stderr.contains("cột need"), "stderr: \(needFailure.stderr)")
            #expect(needFailure.stdout.isEmpty)

            // Separately, an invalid date on line 9,990 (English message).
            let badDate = try d.write("bad-date.csv", IntakeCSV.text(override: (line: 9990, column: "opened-on", value: "2025-02-30")))
            let dateFailure = try await d.run(["case", "import", badDate, "--json", "--lang", "en"], as: .counsellor)
            #expect(dateFailure.status == 65)
            #expect(dateFailure.stderrLines.count == 1, "stderr: \(dateFailure.stderr)")
            #expect(dateFailure.stderr.contains("line 9990"), "stderr: \(dateFailure.stderr)")
            #expect(dateFailure.stderr.contains("column opened-on"), "stderr: \(dateFailure.stderr)")
            #expect(dateFailure.stdout.isEmpty)

            // And an invalid date of birth of a person on her own (no person-ref coincidence).
            let badDOB = try d.write("bad-dob.csv", IntakeCSV.text(override: (line: 9990, column: "dob", value: "1990-02-30")))
            let dobFailure = try await d.run(["case", "import", badDOB, "--lang", "en"], as: .counsellor)
            #expect(dobFailure.status == 65)
            #expect(dobFailure.stderr.contains("line 9990"), "stderr: \(dobFailure.stderr)")
            #expect(dobFailure.stderr.contains("column dob"), "stderr: \(dobFailure.stderr)")
            for failure in [needFailure, dateFailure, dobFailure] {
                #expect(!failure.stderr.contains(IntakeCSV.name(person: 9988)), "an import error shows the row's name")
                #expect(!failure.stderr.contains(IntakeCSV.phone(person: 9988)), "an import error shows the row's phone")
            }
            try FileManager.default.removeItem(atPath: badNeed)
            try FileManager.default.removeItem(atPath: badDate)
            try FileManager.default.removeItem(atPath: badDOB)

            // Nothing was written.
            let before = try await d.listCases()
            #expect(before.map(\.id) == [existing.id])

            // The good file.
            let good = try d.write("intake.csv", IntakeCSV.text())
            let imported = try JSON.decode(ImportSummary.self, try await d.ok(["case", "import", good, "--json"], as: .counsellor))
            #expect(imported == ImportSummary(imported: IntakeCSV.rows, persons: IntakeCSV.persons))
            try FileManager.default.removeItem(atPath: good)

            let after = try await d.listCases()
            #expect(after.count == before.count + IntakeCSV.rows)
            #expect(Set(after.map(\.id)).count == after.count, "case ids are unique")
            let importedCases = after.filter { $0.id != existing.id }
            #expect(importedCases.allSatisfy { $0.centre == Deployment.centre && $0.status == "open" })
            // needs cycle: "health;employment", …, …, "employment;health;health" (a repeated code counts once).
            #expect(importedCases.filter { $0.needs == ["employment", "health"] }.count == (0..<IntakeCSV.rows).filter { [0, 3].contains($0 % 4) }.count)
            #expect(importedCases.filter { $0.needs == ["psychosocial", "shelter"] }.count == (0..<IntakeCSV.rows).filter { $0 % 4 == 2 }.count)
            // provinces cycle: "01", "31", "92", "Hải Dương" (now "31"), "Cần Thơ" ("92"), "48".
            #expect(importedCases.filter { $0.originProvince == "31" }.count == (0..<IntakeCSV.rows).filter { [1, 3].contains($0 % 6) }.count)
            #expect(importedCases.filter { $0.destination == "SG" }.count == IntakeCSV.rows / 5)
            #expect(importedCases.filter { $0.openedOn.hasPrefix("2025-") }.count == IntakeCSV.rows)
            #expect(!importedCases.contains { $0.originProvince == "Hải Dương" })

            // Quoted names (commas, doubled quotes) come back exactly; rows sharing a person-ref are one person.
            for person in [7, 13, 35, 65] {
                let hits = try await d.find("--passport", IntakeCSV.passport(person: person))
                #expect(hits.count == (person % 5 == 0 ? 2 : 1), "person \(person): \(hits.count) case(s)")
                #expect(hits.allSatisfy { $0.name == IntakeCSV.name(person: person) }, "person \(person): name differs after import")
            }
        }
    }

    @Test("JSONL rows with arrays import; --dry-run writes nothing; a malformed CSV is refused")
    func jsonlDryRunAndMalformed() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let jsonl = try d.write("intake.jsonl", """
                {"programme": "returnee", "name": "\(Invented.lyName)", "phone": ["\(Invented.lyPhone)", "+84 868 222 444"], "need": ["health", "shelter"], "person-ref": "a", "opened-on": "2025-03-04", "birth-year": 1989}
                {"programme": "marriage", "name": "\(Invented.lyName)", "need": ["legal-counselling"], "person-ref": "a", "risk": "low"}

                {"programme": "returnee", "name": "\(Invented.thaoName)", "passport": "K0101010", "origin-province": "Hai Duong", "destination": "kr", "need": "psychosocial"}

                """)
            let result = try JSON.decode(ImportSummary.self, try await d.ok(["case", "import", jsonl, "--json"], as: .counsellor))
            #expect(result == ImportSummary(imported: 3, persons: 2))
            let listed = try await d.listCases()
            #expect(listed.count == 3)
            #expect(listed.contains { $0.needs == ["health", "shelter"] && $0.openedOn == "2025-03-04" && $0.ageBand == "35-44" })
            #expect(listed.contains { $0.needs == ["legal-counselling"] && $0.programme == "marriage" && $0.risk == "low" })
            #expect(listed.contains { $0.needs == ["psychosocial"] && $0.originProvince == "31" && $0.destination == "KR" })
            let byOtherPhone = try await d.find("--phone", "0868222444")
            #expect(byOtherPhone.count == 2, "both cases of person-ref a share her second phone")
            #expect(Set(byOtherPhone.map(\.name)) == [Invented.lyName])
            #expect(try await d.find("--passport", "k 010-1010").map(\.name) == [Invented.thaoName])

            // --dry-run: checked, counted, nothing written.
            let csv = try d.write("dry.csv", """
                programme,name,phone,need,person-ref
                returnee,"\(Invented.maiName), con bà Tư",\(Invented.maiPhone),health;employment,x
                returnee,\(Invented.hoa),\(Invented.hoaPhone),,y

                """)
            let dry = try JSON.decode(ImportSummary.self, try await d.ok(["case", "import", csv, "--dry-run", "--json"], as: .counsellor))
            #expect(dry == ImportSummary(imported: 2, persons: 2))
            #expect(try await d.listCases().count == 3)
            #expect(try await d.find("--phone", Invented.maiPhone).isEmpty)

            // Malformed CSV: an unterminated quote.
            let broken = try d.write("broken.csv", """
                programme,name,phone
                returnee,\(Invented.lyName),\(Invented.lyPhone)
                returnee,"\(Invented.thaoName),\(Invented.thaoPhone)
                returnee,\(Invented.hoa),\(Invented.hoaPhone)

                """)
            let malformed = try await d.run(["case", "import", broken, "--lang", "en"], as: .counsellor)
            #expect(malformed.status == 65)
            #expect(malformed.stderrLines.count == 1, "stderr: \(malformed.stderr)")
            #expect(malformed.stderr.contains("line 3"), "stderr: \(malformed.stderr)")

            // A row with too many fields, and an unknown column.
            let ragged = try d.write("ragged.csv", "programme,name\nreturnee,\(Invented.lyName),extra\n")
            let raggedResult = try await d.run(["case", "import", ragged, "--lang", "en"], as: .counsellor)
            #expect(raggedResult.status == 65)
            #expect(raggedResult.stderr.contains("line 2"), "stderr: \(raggedResult.stderr)")
            let unknownColumn = try d.write("columns.csv", "programme,name,favourite-colour\nreturnee,\(Invented.lyName),blue\n")
            let columnResult = try await d.run(["case", "import", unknownColumn, "--lang", "en"], as: .counsellor)
            #expect(columnResult.status == 65)
            #expect(columnResult.stderr.contains("favourite-colour"), "stderr: \(columnResult.stderr)")

            #expect(try await d.listCases().count == 3)
        }
    }
}

/// A deterministic intake file of invented women: 10,000 rows, every fifth person with two
/// cases (same `person-ref`, the second row repeating only her name), names with diacritics,
/// some with commas or quotes that need CSV quoting.
enum IntakeCSV {
    static let rows = 10_000
    /// Rows with index ≡ 1 (mod 5) continue the person of the row before.
    static let persons = rows - rows / 5
    static let header = ["programme", "name", "dob", "phone", "passport", "origin-province", "destination", "migration",
                         "need", "risk", "person-ref", "opened-on"]

    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
    static let middles = ["Thị", "Thị Thu", "Thị Ngọc", "Thị Mỹ", "Thị Bích", "Thị Thanh"]
    static let givens = ["Hoà", "Lan", "Hương", "Thảo", "Duyên", "Ánh", "Nhung", "Quỳnh", "Trang", "Yến", "Hạnh", "Loan", "Xuân"]

    /// The person of data row `index` (0-based).
    static func person(row index: Int) -> Int { index % 5 == 1 ? index - 1 : index }

    static func name(person p: Int) -> String {
        let base = "\(families[p % families.count]) \(middles[(p / 3) % middles.count]) \(givens[(p / 7) % givens.count])"
        if p % 7 == 0 { return base + ", con bà \(givens[(p / 11) % givens.count])" }
        if p % 13 == 0 { return base + " \"Bé\"" }
        return base + " \(p)"
    }

    static func phone(person p: Int) -> String { "09" + String(format: "%08d", 13_000_000 + p * 7) }
    static func passport(person p: Int) -> String { "E" + String(format: "%07d", 2_000_000 + p) }

    static func fields(row index: Int) -> [String] {
        let p = person(row: index)
        let first = p == index
        let dob = String(format: "%04d-%02d-%02d", 1965 + p % 40, 1 + p % 12, 1 + p % 28)
        let phones = p % 4 == 0 ? phone(person: p) + ";+84 " + String(format: "%09d", 870_000_000 + p) : phone(person: p)
        let provinces = ["01", "31", "92", "Hải Dương", "Cần Thơ", "48"]
        let needs = ["health;employment", "divorce-recognition", "psychosocial; shelter", "employment;health;health"]
        return [
            index % 3 == 0 ? "marriage" : "returnee",
            name(person: p),
            first ? dob : "",
            first ? phones : "",
            first ? passport(person: p) : "",
            provinces[index % provinces.count],
            ["KR", "TW", "CN", "JP", "sg"][index % 5],
            ["marriage", "labour", "trafficked", "other"][index % 4],
            needs[index % needs.count],
            ["low", "medium", "high", ""][index % 4],
            "ref-\(p)",
            String(format: "2025-%02d-%02d", 1 + index % 12, 1 + index % 28),
        ]
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(",") || field.contains("\"") || field.contains("\n") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The whole file; `override` replaces one column's value on one physical line (line 1 is the header).
    static func text(override: (line: Int, column: String, value: String)? = nil) -> String {
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(rows * 130)
        let overrideColumn = override.flatMap { header.firstIndex(of: $0.column) }
        for index in 0..<rows {
            var values = fields(row: index)
            if let override, let overrideColumn, override.line == index + 2 { values[overrideColumn] = override.value }
            out += values.map(quoted).joined(separator: ",") + "\n"
        }
        return out
    }
}
