import Foundation
import Testing

/// Acceptance: blind-index search finds a woman however her name, phone or passport number is
/// typed, and a new intake of someone already on file is flagged (SECURITY.md, blind indexes).
@Suite("Search")
struct SearchTests {
    @Test("name, phone and passport searches are normalised; duplicates are reported at intake")
    func search() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let hoa = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone, "--passport", Invented.hoaPassport,
                                            "--dob", "1993-06-21"])
            #expect(hoa.possibleDuplicates.isEmpty)
            // Someone else sharing one name token, so token search has a candidate to reject.
            let ly = try await d.openCase(["--name", Invented.lyName, "--phone", Invented.lyPhone])

            let queries = [
                "Nguyễn Thị Hoà",                                   // as typed at intake
                "nguyen thi hoa",                                   // no diacritics, lower case
                "HOA NGUYEN THI",                                   // foreign document order
                "Nguyễn Thị Hòa",                                   // the other tone-mark placement
                "Nguyễn Thị Hoà".decomposedStringWithCanonicalMapping, // NFD input
                "  nguyễn   THỊ hoà ",                              // stray spaces and mixed case
            ]
            for query in queries {
                let found = try await d.find("--name", query)
                #expect(found.map(\.id) == [hoa.id], "name query \(queries.firstIndex(of: query) ?? -1) found \(found.map(\.id))")
                #expect(found.first?.name == Invented.hoa)
                #expect(found.first?.centre == Deployment.centre)
            }

            // Before opening: `case match` offers her file (issue 15), from a document, off argv.
            let her = try d.write("her.yaml", "name: hoa nguyen thi\nphone: \"0999 000 111\"\n")
            let matched = try await d.ok(["case", "match", "--fields-from", her, "--json"], as: .counsellor)
            let persons = (try JSONSerialization.jsonObject(with: matched.stdoutData) as? [[String: Any]] ?? []).compactMap { $0["person"] as? String }
            #expect(persons == [hoa.person] && matched.stderr.isEmpty)
            let nobody = try d.write("nobody.yaml", "name: Phạm Thị Mỹ\n")
            #expect(try await d.ok(["case", "match", "--fields-from", nobody], as: .counsellor).stdout.contains("Không tìm thấy"))

            // The search term from a document, off argv: no warning, the same answer.
            let term = try d.write("term.yaml", "name: HOA NGUYEN THI\n")
            let fromDocument = try await d.ok(["case", "find", "--fields-from", term, "--json"], as: .counsellor)
            #expect(try JSON.decode([FoundCase].self, fromDocument).map(\.id) == [hoa.id])
            #expect(fromDocument.stderr.isEmpty)
            let onArgv = try await d.ok(["case", "find", "--name", "nguyen thi hoa"], as: .counsellor)
            #expect(!onArgv.stderr.isEmpty, "a name on argv warns")
            let twoTerms = try d.write("terms.yaml", "name: HOA NGUYEN THI\nphone: \"0912345678\"\n")
            #expect(try await d.run(["case", "find", "--fields-from", twoTerms], as: .counsellor).status == 64)
            #expect(try await d.run(["case", "find", "--fields-from", term, "--name", "x"], as: .counsellor).status == 64)

            let byPhone = try await d.find("--phone", "+84 912 345 678")
            #expect(byPhone.map(\.id) == [hoa.id])
            let byPhoneDots = try await d.find("--phone", "0912.345.678")
            #expect(byPhoneDots.map(\.id) == [hoa.id])
            let byPassport = try await d.find("--passport", "c 123-4567")
            #expect(byPassport.map(\.id) == [hoa.id])

            // Near misses find nothing.
            #expect(try await d.find("--phone", "0912345679").isEmpty)
            #expect(try await d.find("--passport", "C1234568").isEmpty)
            #expect(try await d.find("--name", "Nguyễn Thị Hoan").isEmpty)

            // A second person with the same phone is flagged as a possible duplicate of the first.
            let second = try await d.openCase(["--name", Invented.thaoName, "--phone", "+84 912 345 678"])
            #expect(second.person != hoa.person)
            #expect(second.possibleDuplicates.map(\.id) == [hoa.id])
            #expect(!second.possibleDuplicates.map(\.id).contains(ly.id))

            // The phone search now finds both.
            let both = try await d.find("--phone", Invented.hoaPhone)
            #expect(Set(both.map(\.id)) == [hoa.id, second.id])
        }
    }

    @Test("a name many women share is capped at --limit, with one line on stderr saying so")
    func limit() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await d.openCase(["--name", Invented.hoa]).id) }
            #expect(try await d.find("--name", Invented.hoa).count == 3)
            let term = try d.write("term.yaml", "name: \(Invented.hoa)\n")
            let capped = try await d.ok(["case", "find", "--fields-from", term, "--limit", "2", "--json"], as: .counsellor)
            let found = try JSON.decode([FoundCase].self, capped)
            #expect(found.count == 2 && Set(found.map(\.id)).isSubset(of: Set(ids)))
            #expect(capped.stderr.contains("--limit") && capped.stderr.split(separator: "\n").count == 1, "\(capped.stderr)")
            let exact = try await d.ok(["case", "find", "--fields-from", term, "--limit", "3"], as: .counsellor)
            #expect(exact.stderr.isEmpty)
            let zero = try await d.run(["case", "find", "--fields-from", term, "--limit", "0"], as: .counsellor)
            #expect(zero.status == 64)
        }
    }
}
