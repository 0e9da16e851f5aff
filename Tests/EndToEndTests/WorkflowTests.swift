import Foundation
import Testing

/// Acceptance: notes, assignment, closing, reopening and updates, seen through `case show --json`,
/// `case list --json` and `case find` (CLI.md; PRODUCT.md workflow open → active → closed).
@Suite("Workflow")
struct WorkflowTests {
    @Test("assign, note, close, reopen and update a case")
    func workflow() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let opened = try await d.openCase([
                "--name", Invented.maiName, "--phone", Invented.maiPhone, "--birth-year", "1996", "--origin-province", "92",
                "--destination", "tw", "--migration", "marriage", "--need", "legal-counselling", "--risk", "medium",
            ], as: .manager, programme: "marriage")
            let justOpened = try #require(try await d.listCases(as: .manager).first { $0.id == opened.id })
            #expect(justOpened.status == "open" && justOpened.assignedTo == Staff.manager.name, "the opener has the case")

            // Assigning to a colleague keeps the status (issue 13: open cases assigned to someone
            // used to vanish from `--status open`); the first note makes it active.
            let assigned = try await d.ok(["case", "assign", opened.id, "--to", Staff.counsellor.name, "--json"], as: .manager)
            #expect(try JSON.object(assigned)["id"] as? String == opened.id)
            let afterAssign = try #require(try await d.listCases().first { $0.id == opened.id })
            #expect(afterAssign.status == "open")
            #expect(afterAssign.assignedTo == Staff.counsellor.name)
            let stillOpen = try JSON.decode([CaseSummary].self, try await d.ok(["case", "list", "--status", "open", "--json"], as: .manager))
            #expect(stillOpen.map(\.id).contains(opened.id))
            let byAssignee = try JSON.decode([CaseSummary].self,
                                             try await d.ok(["case", "list", "--assigned-to", Staff.counsellor.name, "--json"], as: .manager))
            #expect(byAssignee.map(\.id) == [opened.id])

            // Notes from --text and from --file.
            try await d.ok(["case", "note", opened.id, "--text", Invented.ngocNote], as: .counsellor)
            let notePath = try d.write("ghi-chu.txt", Invented.ngocFileNote)
            try await d.ok(["case", "note", opened.id, "--file", notePath], as: .counsellor)
            let missingFile = try await d.run(["case", "note", opened.id, "--file", d.directory.appendingPathComponent("khong-co.txt").path],
                                              as: .counsellor)
            #expect(missingFile.status == 66)

            // Close: an unknown outcome is refused; a known one closes.
            let unknownOutcome = try await d.run(["case", "close", opened.id, "--outcome", "vanished"], as: .counsellor)
            #expect(unknownOutcome.status == 65)
            #expect(unknownOutcome.stderrLines.count == 1)
            try await d.ok(["case", "close", opened.id, "--outcome", "resolved", "--reason", Invented.ngocReason], as: .counsellor)
            #expect(try await d.listCases().first { $0.id == opened.id }?.status == "closed")

            // Closing a closed case is an invalid transition.
            let again = try await d.run(["case", "close", opened.id, "--outcome", "resolved"], as: .counsellor)
            #expect(again.status == 65)
            #expect(again.stderrLines.count == 1)
            #expect(again.stderr.contains(opened.id))

            // Reopen with a reason: active again.
            try await d.ok(["case", "reopen", opened.id, "--reason", Invented.ngocReopenReason], as: .manager)
            let reopenActive = try await d.run(["case", "reopen", opened.id, "--reason", Invented.ngocReopenReason], as: .manager)
            #expect(reopenActive.status == 65, "reopening an active case must be an invalid transition")

            // case show --json: keys and values.
            let shown = try await d.show(opened.id)
            for key in ["id", "centre", "programme", "status", "person", "notes", "events", "referrals", "needs", "opened_on"] {
                #expect(shown[key] != nil, "case show --json lacks \(key)")
            }
            #expect(shown["id"] as? String == opened.id)
            #expect(shown["centre"] as? String == Deployment.centre)
            #expect(shown["programme"] as? String == "marriage")
            #expect(shown["status"] as? String == "active")
            #expect(shown["risk"] as? String == "medium")
            #expect(shown["assigned_to"] as? String == Staff.counsellor.name)
            #expect(shown["origin_province"] as? String == "92")
            #expect(shown["destination"] as? String == "TW")
            #expect(shown["migration"] as? String == "marriage")
            #expect(shown["needs"] as? [String] == ["legal-counselling"])
            #expect(shown["outcome"] == nil, "a reopened case has no outcome")
            #expect(shown["referrals"] as? [Any] != nil)
            let person = try #require(shown["person"] as? [String: Any])
            #expect(person["id"] as? String == opened.person)
            #expect(person["name"] as? String == Invented.maiName)
            #expect(person["phones"] as? [String] == [Invented.maiPhone])
            #expect(person["birth_year"] as? Int == 1996)
            let notes = try #require(shown["notes"] as? [[String: Any]])
            #expect(notes.compactMap { $0["text"] as? String } == [Invented.ngocNote, Invented.ngocFileNote])
            #expect(notes.allSatisfy { $0["author"] as? String == Staff.counsellor.name })
            let events = try #require(shown["events"] as? [[String: Any]])
            let kinds = events.compactMap { $0["kind"] as? String }
            #expect(kinds.first == "opened")
            for kind in ["opened", "assigned", "closed", "reopened"] {
                #expect(kinds.contains(kind), "events lack \(kind): \(kinds)")
            }
            let closed = try #require(events.first { $0["kind"] as? String == "closed" })
            #expect(closed["detail"] as? String == "resolved")
            #expect(closed["reason"] as? String == Invented.ngocReason)
            #expect(closed["to"] as? String == "closed")
            let reopened = try #require(events.first { $0["kind"] as? String == "reopened" })
            #expect(reopened["reason"] as? String == Invented.ngocReopenReason)
            #expect(reopened["from"] as? String == "closed")
            #expect(reopened["to"] as? String == "active")

            // case update: lists change by adding and removing; a plain --phone or --need, which
            // would replace the whole list, is refused and changes nothing (issue 13).
            #expect(try await d.find("--phone", Invented.maiPhone).map(\.id) == [opened.id])
            let whole = try await d.run(["case", "update", opened.id, "--need", "health"], as: .counsellor)
            #expect(whole.status == 64 && whole.stderr.contains("--add-need"))
            #expect(try await d.run(["case", "update", opened.id, "--phone", Invented.maiNewPhone], as: .counsellor).status == 64)
            let edits = try d.write("edits.yaml", "add-phone: \"\(Invented.maiNewPhone)\"\nremove-phone: \"\(Invented.maiPhone)\"\n")
            try await d.ok(["case", "update", opened.id, "--fields-from", edits, "--risk", "high", "--add-need", "health"], as: .counsellor)
            #expect(try await d.find("--phone", Invented.maiNewPhone).map(\.id) == [opened.id])
            #expect(try await d.find("--phone", Invented.maiPhone).isEmpty)
            let updated = try await d.show(opened.id)
            #expect((updated["person"] as? [String: Any])?["phones"] as? [String] == [Invented.maiNewPhone])
            #expect(Set(updated["needs"] as? [String] ?? []) == ["legal-counselling", "health"])
            #expect(try await d.run(["case", "update", opened.id, "--remove-need", "shelter"], as: .counsellor).status == 64)
            #expect((updated["person"] as? [String: Any])?["name"] as? String == Invented.maiName)
            #expect(updated["risk"] as? String == "high")
            #expect((updated["notes"] as? [Any])?.count == 2)
        }
    }
}
