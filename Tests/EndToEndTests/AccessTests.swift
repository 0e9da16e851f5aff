import Foundation
import Testing

/// Acceptance: only the case's own centre reads it. Another centre's counsellor, a statistician
/// and the administrator are refused by `case show` and find nothing with `case find`.
@Suite("Access")
struct AccessTests {
    @Test("another centre, a statistician and the admin cannot read or find a centre's case")
    func outsidersAreRefused() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor, .statistician]) { d in
            let opened = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone, "--passport", Invented.hoaPassport])
            // The own centre's staff do read it.
            let own = try await d.show(opened.id, as: .manager)
            #expect((own["person"] as? [String: Any])?["name"] as? String == Invented.hoa)

            let outsiders: [(String, Staff)] = [
                ("counsellor of another centre", .otherCounsellor),
                ("statistician", .statistician),
                ("admin", .admin),
            ]
            for (who, staff) in outsiders {
                let show = try await d.run(["case", "show", opened.id], as: staff)
                #expect(show.status == 77, "\(who): case show exit \(show.status)")
                #expect(show.stderrLines.count == 1, "\(who): \(show.stderr)")
                #expect(!show.stdout.contains(Invented.hoa) && !show.stdout.contains(Invented.hoaPhone))

                let showJSON = try await d.run(["case", "show", opened.id, "--json"], as: staff)
                #expect(showJSON.status == 77, "\(who): case show --json exit \(showJSON.status)")
                #expect(showJSON.stdout.isEmpty)

                for (option, query) in [("--name", "nguyen thi hoa"), ("--phone", Invented.hoaPhone), ("--passport", Invented.hoaPassport)] {
                    let find = try await d.run(["case", "find", option, query, "--json"], as: staff)
                    #expect(find.status == 77 || find.status == 0, "\(who): case find \(option) exit \(find.status)")
                    if find.status == 0 {
                        let hits = try JSON.decode([FoundCase].self, find)
                        #expect(hits.isEmpty, "\(who): case find \(option) returned \(hits.count) hit(s)")
                    }
                    #expect(!find.stdout.contains(opened.id), "\(who): case find \(option) shows the case id")
                    #expect(!Invented.fold(find.stdout).contains(Invented.fold(Invented.hoa)), "\(who): case find \(option) shows the name")
                    #expect(!find.stdout.contains(Invented.hoaPhone))
                }
            }

            // Nor may they change it.
            let note = try await d.run(["case", "note", opened.id, "--text", "Ghi chú thử nghiệm"], as: .otherCounsellor)
            #expect(note.status == 77)
            let list = try await d.run(["case", "list", "--centre", Deployment.centre, "--json"], as: .otherCounsellor)
            #expect(list.status == 77)
            #expect(!list.stdout.contains(opened.id))
        }
    }
}
