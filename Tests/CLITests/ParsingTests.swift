import ArgumentParser
import Testing
@testable import CaunoiCLI

/// The command line parsed in process (issue 13: the commands live in a library now), without
/// launching the binary: which command a line reaches, with which values, and which lines are
/// refused before anything runs.
@Suite struct ParsingTests {
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        try Caunoi.parseAsRoot(arguments)
    }

    @Test func aCaseUpdateCarriesItsListEdits() throws {
        let command = try #require(try Self.parse(["case", "update", "HN-OSSO-2026-00001", "--add-need", "health", "--remove-need",
                                                   "shelter", "--risk", "high"]) as? CaseUpdateCommand)
        #expect(command.id == "HN-OSSO-2026-00001")
        #expect(command.addNeeds == ["health"] && command.removeNeeds == ["shelter"])
        #expect(command.fields.risk == .high && command.fields.needs.isEmpty)
    }

    @Test func findTakesItsTermFromADocumentOrOneFlag() throws {
        let fromDocument = try #require(try Self.parse(["case", "find", "--fields-from", "-"]) as? CaseFind)
        #expect(fromDocument.fieldsFrom == "-" && fromDocument.name == nil)
        #expect(throws: (any Error).self) { _ = try Self.parse(["case", "find"]) }
        #expect(throws: (any Error).self) { _ = try Self.parse(["case", "find", "--name", "a", "--phone", "1"]) }
        #expect(throws: (any Error).self) { _ = try Self.parse(["case", "find", "--fields-from", "-", "--limit", "0"]) }
    }

    @Test func serveListensOnLoopbackByDefault() throws {
        let serve = try #require(try Self.parse(["serve"]) as? Serve)
        #expect(serve.listen == "127.0.0.1:8080" && !serve.behindProxy)
        let proxied = try #require(try Self.parse(["serve", "--listen", "0.0.0.0:9000", "--behind-proxy"]) as? Serve)
        #expect(proxied.listen == "0.0.0.0:9000" && proxied.behindProxy)
    }

    @Test func referralListNarrowsToACase() throws {
        let list = try #require(try Self.parse(["referral", "list", "--case", "HN-OSSO-2026-00001", "--json"]) as? ReferralCommand.List)
        #expect(list.caseID == "HN-OSSO-2026-00001" && list.global.json)
    }

    @Test func unknownOptionsAndValuesAreRefusedAndTypedValuesWithheld() throws {
        #expect(throws: (any Error).self) { _ = try Self.parse(["case", "open", "--programme", "returnee", "--opened-on", "2026-01-01"]) }
        #expect(throws: (any Error).self) { _ = try Self.parse(["case", "list", "--status", "Nguyễn Thị Hoà"]) }
        // The parser's message for a bad value quotes it; what reaches stderr keeps option
        // names and withholds the rest.
        let withheld = Caunoi.withholdingValues("The value 'Nguyễn Thị Hoà' is invalid for '--status <status>'")
        #expect(!withheld.contains("Nguyễn") && withheld.contains("'--status <status>'"))
    }
}
