import Foundation
import Testing

/// Acceptance: a wrong passphrase is refused with 77 and one clean line, in Vietnamese by
/// default and in English on request (CLI.md, exit codes and language).
@Suite("Wrong passphrase")
struct PassphraseTests {
    static let vietnamese = "Sai tên người dùng hoặc mật khẩu"
    static let english = "Wrong user name or passphrase"

    @Test("exit 77, exactly one line, no crash output, Vietnamese by default and English on request")
    func wrongPassphrase() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let opened = try await d.openCase(["--name", Invented.lyName])
            let wrong = Staff(name: Staff.counsellor.name, passphrase: "not-the-right-passphrase")

            func check(_ result: CLIResult, contains text: String, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(result.status == 77, "\(comment): exit \(result.status)", sourceLocation: sourceLocation)
                #expect(result.stderrLines.count == 1, "\(comment): stderr has \(result.stderrLines.count) lines", sourceLocation: sourceLocation)
                #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
                #expect(result.stderr.contains(text), "\(comment): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
                #expect(!result.stderr.contains(wrong.passphrase), sourceLocation: sourceLocation)
                #expect(result.stdout.isEmpty, "\(comment): stdout \(result.stdout)", sourceLocation: sourceLocation)
            }

            check(try await d.run(["case", "show", opened.id], as: wrong), contains: Self.vietnamese, "LANG=C.UTF-8")
            check(try await d.run(["case", "show", opened.id], as: wrong, environment: ["LANG": nil]), contains: Self.vietnamese, "LANG unset")
            check(try await d.run(["case", "list"], as: wrong, environment: ["LANG": "vi_VN.UTF-8"]), contains: Self.vietnamese, "LANG=vi_VN")
            check(try await d.run(["case", "show", opened.id], as: wrong, environment: ["LANG": "en_US.UTF-8"]), contains: Self.english,
                  "LANG=en_US")
            check(try await d.run(["case", "show", opened.id, "--lang", "en"], as: wrong), contains: Self.english, "--lang en")
            check(try await d.run(["case", "list", "--json", "--lang", "vi"], as: wrong, environment: ["LANG": "en_US.UTF-8"]),
                  contains: Self.vietnamese, "--lang vi over LANG=en_US")

            // An unknown user gets the very same answer (no account enumeration).
            let stranger = try await d.run(["case", "show", opened.id], as: Staff(name: "khongco", passphrase: "whatever-passphrase"))
            check(stranger, contains: Self.vietnamese, "unknown user")
            let wrongAgain = try await d.run(["case", "show", opened.id], as: wrong)
            #expect(stranger.stderr == wrongAgain.stderr)
        }
    }
}
