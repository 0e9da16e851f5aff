import Foundation
import Testing

/// Acceptance: someone who copies the database file finds no personal value in it, in any
/// spelling; list output and error messages carry none either (SECURITY.md).
@Suite("No plaintext at rest")
struct NoPlaintextTests {
    @Test("names, numbers, addresses, safe-contact text, notes and reasons never reach the file in the clear")
    func noPlaintextInDatabaseFiles() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let ngoc = try await d.openCase([
                "--name", Invented.ngocName, "--other-name", Invented.ngocOtherName, "--dob", "1991-04-17",
                "--phone", Invented.ngocPhone, "--email", Invented.ngocEmail, "--id-number", Invented.ngocIDNumber,
                "--passport", Invented.ngocPassport, "--address", Invented.ngocAddress, "--origin-province", "Hưng Yên",
                "--destination", "KR", "--migration", "marriage", "--need", "divorce-recognition", "--need", "custody",
                "--risk", "high", "--safe-contact", Invented.ngocSafeContact, "--note", Invented.ngocNote,
            ])
            let hoa = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone, "--passport", Invented.hoaPassport],
                                           programme: "marriage")
            let notePath = try d.write("note.txt", Invented.ngocFileNote + "\n")
            try await d.ok(["case", "note", ngoc.id, "--file", notePath], as: .counsellor)
            try FileManager.default.removeItem(atPath: notePath)
            // High risk: the manager closes it, saying why.
            try await d.ok(["case", "close", ngoc.id, "--outcome", "withdrew", "--reason", Invented.ngocReason], as: .manager)
            try await d.ok(["case", "reopen", ngoc.id, "--reason", Invented.ngocReopenReason], as: .manager)
            try await d.ok(["case", "update", hoa.id, "--add-phone", Invented.maiPhone], as: .counsellor)

            // Failures along the way (their stderr is checked by the harness for every value).
            #expect(try await d.run(["case", "show", ngoc.id], as: .otherCounsellor).status == 77)
            #expect(try await d.run(["case", "show", ngoc.id], as: Staff(name: Staff.counsellor.name, passphrase: Invented.ngocName)).status == 77)
            #expect(try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.maiName, "--phone", Invented.maiPhone,
                                     "--dob", "1990-13-01"], as: .counsellor).status == 65)
            #expect(try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.maiName,
                                     "--origin-province", Invented.ngocAddress], as: .counsellor).status == 65)
            #expect(try await d.run(["case", "find", "--name", Invented.thaoName], as: .admin).status == 77)
            #expect(try await d.run(["case", "update", ngoc.id, "--passport", Invented.ngocPassport], as: .otherCounsellor).status == 77)

            // The decrypted view holds them (so the scan below is meaningful) …
            let shown = try await d.ok(["case", "show", ngoc.id, "--json"], as: .counsellor)
            for value in [Invented.ngocName, Invented.ngocAddress, Invented.ngocSafeContact, Invented.ngocNote, Invented.ngocFileNote] {
                #expect(shown.stdout.contains(value), "case show --json lacks a sealed value it should reveal")
            }

            // … case list --json does not.
            let list = try await d.ok(["case", "list", "--json"], as: .manager)
            let listFolded = Invented.fold(list.stdout)
            for value in Invented.all {
                #expect(!list.stdout.contains(value) && !listFolded.contains(Invented.fold(value)), "case list --json shows a personal value")
            }

            // The raw bytes of the database and its WAL / shared-memory files.
            let files = d.databaseFiles
            #expect(files.contains(d.databasePath))
            let contents = try files.map { ($0, try Data(contentsOf: URL(fileURLWithPath: $0))) }
            // Positive control: plain organisational data (a centre's name) is found by the same scan.
            #expect(contents.contains { $0.1.containsBytes(Array("Văn phòng OSSO thử nghiệm".utf8)) },
                    "the scan does not even find the centre name, which is stored in the clear")
            let values = [
                Invented.ngocName, Invented.ngocOtherName, Invented.ngocPhone, Invented.ngocEmail, Invented.ngocIDNumber,
                Invented.ngocPassport, Invented.ngocAddress, Invented.ngocSafeContact, Invented.ngocNote, Invented.ngocFileNote,
                Invented.ngocReason, Invented.ngocReopenReason, Invented.hoa, Invented.hoaPhone, Invented.hoaPassport, Invented.maiPhone,
                "1991-04-17", "Duyên", "Bích Ngọc", "Thị Hoà", "Vườn Ổi", "chị họ Thuận", "Đức Ánh", "trích lục ly hôn",
                "ngoc.tran",
            ]
            for value in values {
                for needle in Invented.needles(value) {
                    for (path, data) in contents where data.containsBytes(needle) {
                        Issue.record("\(URL(fileURLWithPath: path).lastPathComponent) holds a personal value in the clear (a \(needle.count)-byte pattern)")
                    }
                }
            }
            // The id number and phone also as the digit runs a normaliser would produce.
            for digits in ["84987650432", "987650432", "84912345678"] {
                for (path, data) in contents where data.containsBytes(Array(digits.utf8)) {
                    Issue.record("\(URL(fileURLWithPath: path).lastPathComponent) holds a phone number in the clear")
                }
            }
        }
    }
}
