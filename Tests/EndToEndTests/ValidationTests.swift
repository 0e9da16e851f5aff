import Foundation
import Testing

/// Acceptance: typed codes and dates are checked against policy, usage errors give 64, and a
/// missing passphrase without a terminal is refused (CLI.md).
@Suite("Validation")
struct ValidationTests {
    /// Implausible dates, a duplicate CSV column, non-text JSONL values and control or
    /// direction-override characters are refused with their line and column; a file imported
    /// before is refused unless `--again` (issue 12).
    @Test("implausible input is refused where it stands, and an import is not repeated by accident")
    func implausibleInput() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            func open(_ document: String, _ codes: [String] = []) async throws -> CLIResult {
                let path = try d.write("fields-\(UUID().uuidString).json", document)
                return try await d.run(["case", "open", "--programme", "returnee", "--fields-from", path] + codes, as: .counsellor)
            }
            #expect(try await open(#"{"name": "Thị Tương Lai", "dob": "1899-12-31"}"#).status == 65)
            #expect(try await open(#"{"name": "Thị Tương Lai", "dob": "2099-01-01"}"#).status == 65)
            #expect(try await open(#"{"name": "Thị \u001b[31mĐỏ"}"#).status == 65)
            #expect(try await open(#"{"name": "Thị \u202eLộn"}"#).status == 65)
            let multiLine = try await open(#"{"name": "Thị Hai Dòng", "note": "dòng một\ndòng hai"}"#)
            #expect(multiLine.status == 0, "a note may have several lines: \(multiLine.stderr)")
            #expect(try await open(#"{"name": "Thị Hai\nDòng"}"#).status == 65)

            func importing(_ name: String, _ text: String, _ extra: [String] = []) async throws -> CLIResult {
                try await d.run(["case", "import", try d.write(name, text)] + extra, as: .counsellor)
            }
            let future = try await importing("future.csv", "programme,name,opened-on\nreturnee,Thị Một,2001-05-01\nreturnee,Thị Hai,2999-01-01\n")
            #expect(future.status == 65 && future.stderr.contains("3") && future.stderr.contains("opened-on"), "\(future.stderr)")
            let old = try await importing("old.csv", "programme,name,opened-on\nreturnee,Thị Một,1999-12-31\n")
            #expect(old.status == 65 && old.stderr.contains("opened-on"))
            let born = try await importing("born.csv", "programme,name,dob,opened-on\nreturnee,Thị Một,2010-01-01,2009-06-01\n")
            #expect(born.status == 65 && born.stderr.contains("dob"))
            let twice = try await importing("twice.csv", "programme,name,name\nreturnee,Thị Một,Thị Khác\n")
            #expect(twice.status == 65 && twice.stderr.contains("1") && twice.stderr.contains("name"), "\(twice.stderr)")
            let number = try await importing("number.jsonl", #"{"programme": "returnee", "name": 12345}"# + "\n")
            #expect(number.status == 65 && number.stderr.contains("name"))
            let flag = try await importing("flag.jsonl", #"{"programme": "returnee", "name": true}"# + "\n")
            #expect(flag.status == 65)
            let escape = try await importing("escape.csv", "programme,name\nreturnee,Thị \u{1B}[2JXoá\n")
            #expect(escape.status == 65 && escape.stderr.contains("name"))
            #expect(try await d.listCases().count == 1)

            // The same file twice: the second run is refused, unless asked for.
            let batch = "programme,name,opened-on\nreturnee,Thị Nhập Một,2024-02-01\nreturnee,Thị Nhập Hai,2024-02-02\n"
            try #require(try await importing("batch.csv", batch).status == 0)
            let repeated = try await importing("batch-copy.csv", batch)
            #expect(repeated.status == 65 && repeated.stderr.contains("--again"), "\(repeated.stderr)")
            #expect(try await d.listCases().count == 3)
            #expect(try await importing("batch-copy.csv", batch, ["--again"]).status == 0)
            #expect(try await d.listCases().count == 5)
        }
    }

    /// Personal values from a document instead of argv (issue 12): no warning, the values
    /// arrive; on argv they still work with one warning; both at once, an unknown key or a
    /// malformed document are refused.
    @Test("--fields-from carries personal values off the command line; argv still works with a warning")
    func fieldsFrom() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let yaml = try d.write("fields.yaml", """
                name: \(Invented.thaoName)
                phone: [\(Invented.thaoPhone), "0900000001"]
                safe-contact: Chỉ nhắn tin
                note: Ghi chú từ tệp
                """)
            let opened = try await d.run(["case", "open", "--programme", "returnee", "--fields-from", yaml, "--need", "health", "--json"], as: .counsellor)
            #expect(opened.status == 0 && opened.stderr.isEmpty, "\(opened.stderr)")
            let id = try JSON.decode(OpenedCase.self, opened).id
            let shown = try await d.show(id)
            #expect((shown["person"] as? [String: Any])?["name"] as? String == Invented.thaoName)
            #expect((shown["person"] as? [String: Any])?["phones"] as? [String] == [Invented.thaoPhone, "0900000001"])
            #expect(shown["safe_contact"] as? String == "Chỉ nhắn tin")
            let noteDocument = try d.write("note.json", #"{"text": "Ghi chú thứ hai từ tệp"}"#)
            try await d.ok(["case", "note", id, "--fields-from", noteDocument], as: .counsellor)
            #expect(try await d.show(id)["notes"].map { "\($0)".contains("Ghi chú thứ hai từ tệp") } == true)
            let consent = try d.write("consent.json", #"{"note": "Đồng ý tại văn phòng"}"#)
            let given = try await d.run(["consent", "give", id, "--purpose", "services", "--fields-from", consent], as: .counsellor)
            #expect(given.status == 0 && given.stderr.isEmpty, "\(given.stderr)")
            let contact = try d.write("contact.json", #"{"contact-name": "Người Liên Hệ Thử", "contact-phone": "0900000002"}"#)
            let association = try await d.run(["association", "add", "--name", "Hội thử", "--country", "KR", "--fields-from", contact], as: .manager)
            #expect(association.status == 0 && association.stderr.isEmpty, "\(association.stderr)")

            // On argv: works, and one warning line says why not to.
            let warned = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.lyName], as: .counsellor)
            #expect(warned.status == 0 && warned.stderrLines.count == 1 && warned.stderr.contains("--fields-from"), "\(warned.stderr)")
            // Both ways for one field, an unknown key, a value that is not text, a malformed file.
            let both = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.lyName, "--fields-from", yaml], as: .counsellor)
            #expect(both.status == 64)
            let unknown = try d.write("unknown.json", #"{"nickname": "x"}"#)
            #expect(try await d.run(["case", "open", "--programme", "returnee", "--fields-from", unknown], as: .counsellor).status == 64)
            let nested = try d.write("nested.json", #"{"name": {"first": "x"}}"#)
            #expect(try await d.run(["case", "open", "--programme", "returnee", "--fields-from", nested], as: .counsellor).status == 65)
            let broken = try d.write("broken.yaml", "name: [unclosed")
            #expect(try await d.run(["case", "open", "--programme", "returnee", "--fields-from", broken], as: .counsellor).status == 65)
            #expect(try await d.listCases().count == 2)
        }
    }

    @Test("bad codes and dates are 65, missing name and unknown subcommand 64, no passphrase and no TTY 77")
    func validation() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            // Personal values go in a --fields-from document, as the docs say; codes on argv.
            func open(_ fields: [String]) async throws -> CLIResult {
                var personal: [String: String] = [:]
                var codes: [String] = []
                var index = 0
                while index < fields.count {
                    let flag = String(fields[index].dropFirst(2))
                    if ["name", "dob", "phone", "passport"].contains(flag) { personal[flag] = fields[index + 1] } else { codes += [fields[index], fields[index + 1]] }
                    index += 2
                }
                let document = try d.write("fields-\(UUID().uuidString).json", String(decoding: try JSONSerialization.data(withJSONObject: personal), as: UTF8.self))
                return try await d.run(["case", "open", "--programme", "returnee", "--fields-from", document] + codes, as: .counsellor)
            }
            func expectOneLine(_ result: CLIResult, _ status: Int32, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(result.status == status, "\(comment): exit \(result.status), \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderrLines.count == 1, "\(comment): stderr \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderr.hasPrefix("caunoi: "), "\(comment): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
            }

            let unknownNeed = try await open(["--name", Invented.thaoName, "--need", "teleportation"])
            expectOneLine(unknownNeed, 65, "unknown need")
            // What was typed is never echoed (a name typed into a code field must not reach stderr);
            // the message names the list instead.
            #expect(!unknownNeed.stderr.contains("teleportation") && unknownNeed.stderr.contains("need"), "\(unknownNeed.stderr)")
            let nameAsCode = try await open(["--name", Invented.thaoName, "--destination", "Lan"])
            #expect(nameAsCode.status == 65 && !nameAsCode.stderr.contains("Lan"), "\(nameAsCode.stderr)")

            for bad in ["1990-02-30", "1990-13-01", "17/04/1991", "1991-4-17", "ngày mai"] {
                expectOneLine(try await open(["--name", Invented.thaoName, "--dob", bad]), 65, "bad --dob")
            }
            let unknownProvince = try await open(["--name", Invented.thaoName, "--origin-province", "Atlantis"])
            expectOneLine(unknownProvince, 65, "unknown province")
            expectOneLine(try await open(["--name", Invented.thaoName, "--origin-province", "99"]), 65, "unknown province code")
            expectOneLine(try await open(["--name", Invented.thaoName, "--destination", "XX"]), 65, "unknown country")
            expectOneLine(try await open(["--name", Invented.thaoName, "--migration", "tourism"]), 65, "unknown migration")

            // Nothing was written by the refused intakes.
            #expect(try await d.listCases().isEmpty)

            // A province typed by its name without diacritics is stored as its current code:
            // Hải Dương (former 30) now belongs to Hải Phòng, "31".
            let haiDuong = try await d.openCase(["--name", Invented.thaoName, "--origin-province", "Hai Duong"])
            let haNoi = try await d.openCase(["--name", Invented.lyName, "--origin-province", "hà nội"])
            let listed = try await d.listCases()
            #expect(listed.first { $0.id == haiDuong.id }?.originProvince == "31")
            #expect(listed.first { $0.id == haNoi.id }?.originProvince == "01")

            // Missing --name: a usage or data error, one clean line.
            let noName = try await open(["--phone", Invented.thaoPhone])
            #expect(noName.status == 64 || noName.status == 65, "missing --name: exit \(noName.status)")
            expectOneLine(noName, noName.status, "missing --name")
            #expect(noName.stderr.contains("--name"))
            let blankName = try await open(["--name", "   "])
            #expect(blankName.status == 64 || blankName.status == 65, "blank --name: exit \(blankName.status)")
            expectOneLine(blankName, blankName.status, "blank --name")

            // An unknown subcommand is a usage error.
            #expect(try await d.run(["case", "frobnicate"], as: .counsellor).status == 64)
            #expect(try await d.run(["frobnicate"], as: .counsellor).status == 64)

            // No CAUNOI_PASSPHRASE and no terminal: refused with 77 (setsid detaches any
            // controlling terminal the test runner may have).
            var noPassphrase = ["case", "list"]
            var launcher = try Harness.binary()
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") {
                noPassphrase = ["-w", launcher] + noPassphrase
                launcher = "/usr/bin/setsid"
            }
            var env = Harness.baseEnvironment()
            env["CAUNOI_DB"] = d.databasePath
            env["CAUNOI_USER"] = Staff.counsellor.name
            let refused = try await Harness.launch(launcher, noPassphrase, environment: env, scratch: d.directory)
            Harness.checkHygiene(refused, sourceLocation: #_sourceLocation)
            expectOneLine(refused, 77, "no passphrase, no TTY")
        }
    }
}
