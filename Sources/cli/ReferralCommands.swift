import ArgumentParser
import Cases
import Views
import Foundation

struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: "Referrals to partner agencies, central review and sealed packets.",
        subcommands: [Suggest.self, Create.self, List.self, Show.self, Queue.self, Approve.self, Return.self, Submit.self, ReviewAfter.self,
                      Send.self, Open.self, Respond.self, Withdraw.self])

    struct Suggest: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Suggest referrals from the routing rules.")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String

        func run(_ work: Work) throws {
            let labels = try work.labels()
            let suggestions = try work.store.suggestReferrals(work.session, policy: labels.policy, caseID: caseID)
            try work.answer(suggestions.map(SuggestionJSON.init), lines: { suggestions.map { AgencyText.suggestion($0, labels: labels) } })
        }
    }

    struct Create: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Create a referral (consent required; a manager may override with a reason).")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String
        @Option var agency: String
        @Option var service: String
        @Option var priority: Priority?
        @Option var note: String?
        @Option(name: .customLong("override-consent"), help: "Managers only: why she is referred without recorded consent.") var overrideConsent: String?
        @Option(name: .customLong("fields-from"), help: "Read the personal fields from this JSON or YAML file (- for standard input), keys named like the flags.")
        var fieldsFrom: String?

        func prepare(_ context: Context) throws -> ReferralRequest {
            var request = ReferralRequest(caseID: caseID, agencyID: agency, service: service)
            request.priority = priority
            var personal = try PersonalInput(fieldsFrom, allowed: ["note", "override-consent"], context: context)
            request.note = try personal.text("note", argv: note).map(PersonalText.init)
            request.overrideConsent = try personal.text("override-consent", argv: overrideConsent).map(PersonalText.init)
            return request
        }

        func run(_ work: Work, _ request: ReferralRequest) throws {
            let labels = try work.labels()
            let referral = try work.store.createReferral(work.session, policy: labels.policy, request: request)
            try work.answer(ReferralCreatedJSON(referral),
                            saying: .referralCreated(referral.id, labels.referralStatus(referral.status), DisplayFormat.time(referral.due)))
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List referrals (no personal data).")
        @OptionGroup var global: GlobalOptions
        @Option var status: ReferralStatus?
        @Flag(help: "Only unanswered referrals past their due time.") var overdue = false
        @Option(name: .customLong("case"), help: "Only this case's referrals.") var caseID: String?

        func run(_ work: Work) throws {
            let list = try work.store.referrals(work.session, status: status, overdue: overdue, caseID: caseID)
            try work.answer(list.map(ReferralJSON.init), lines: {
                let labels = try work.labels()
                return list.map { r in
                    [r.id, r.agency, labels.need(r.service), labels.priority(r.priority), labels.referralStatus(r.status),
                     DisplayFormat.time(r.due), r.isOverdue() ? labels.overdue : ""].joined(separator: "\t")
                }
            })
        }
    }

    struct Show: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Show a referral with what it discloses.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let view = try work.store.showReferral(work.session, id: id)
            try work.answer(ReferralViewJSON(view), lines: { ReferralText.lines(view, labels: try work.labels()) })
        }
    }

    struct Queue: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Central officers: referrals waiting for review.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let queue = try work.store.reviewQueue(work.session)
            try work.answer(queue.map(ReferralViewJSON.init), text: {
                if queue.isEmpty { work.context.say(.nothingFound) }
                let labels = try work.labels()
                for view in queue { print(ReferralText.lines(view, labels: labels).joined(separator: "\n") + "\n") }
            })
        }
    }

    struct Approve: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Central officers: approve a referral for sending, with a note if wanted.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @OptionGroup var note: NoteOptions

        func prepare(_ context: Context) throws -> PersonalText? { try note.resolved(context) }

        func run(_ work: Work, _ note: PersonalText?) throws {
            try moved(work, try work.store.approveReferral(work.session, id: id, note: note))
        }
    }

    struct Return: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Central officers: return a referral to its centre with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @OptionGroup var why: ReasonOptions

        func prepare(_ context: Context) throws -> PersonalText? { try why.resolved(context) }

        func run(_ work: Work, _ reason: PersonalText?) throws {
            try moved(work, try work.store.returnReferral(work.session, id: id, reason: reason ?? PersonalText("")))
        }
    }

    struct Submit: PreparedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resubmit a returned (draft) referral: what it discloses is built again from the case and her consent as they are now.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @OptionGroup var note: NoteOptions

        func prepare(_ context: Context) throws -> PersonalText? { try note.resolved(context) }

        func run(_ work: Work, _ note: PersonalText?) throws {
            try moved(work, try work.store.submitReferral(work.session, policy: work.policy(), id: id, note: note))
        }
    }

    struct Send: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Send a ready referral: a sealed, signed packet, or a printable letter.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(help: "Write the packet or letter here (created 0600) instead of stdout.") var out: String?
        @Flag(help: "A printable HTML letter, in the agency's language (agencies.yaml `language`), instead of a packet.") var letter = false
        @Option(help: "The letter's language when it should not be the agency's: vi or en.") var letterLang: Language?
        @Flag(help: "Managers: send an emergency referral still waiting for review now, saying why (--reason or --fields-from); it is reviewed after the fact.")
        var emergency = false
        @OptionGroup var why: ReasonOptions

        func prepare(_ context: Context) throws -> (Policy, PersonalText?) {
            if let out, FileManager.default.fileExists(atPath: out) { throw CaunoiError.cannotCreate(.output) }
            let reason = try why.resolved(context)
            if reason != nil, !emergency { throw CommandLineError.conflictingFlags("--reason", "--emergency") }
            return (try context.loadPolicy(), reason)
        }

        func run(_ work: Work, _ input: (Policy, PersonalText?)) throws {
            let policy = input.0
            if emergency { try work.store.releaseForEmergency(work.session, id: id, reason: input.1 ?? PersonalText("")) }
            let sent = try work.store.sendReferral(work.session, policy: policy, id: id, letter: letter)
            let text = switch sent {
            case .packet(let packet): packet
            case .letter(let content): ReferralLetter.html(content, policy: policy, lang: letterLang ?? content.agency.language)
            }
            guard let out else { return FileHandle.standardOutput.write(Data(text.utf8)) }
            try OwnerOnlyFile.create(atPath: out, contents: Array(text.utf8), what: .output)
            try work.answer(["id": id, "out": out], saying: .referralSent(id, out))
        }
    }

    struct ReviewAfter: PreparedCommand {
        static let configuration = CommandConfiguration(
            commandName: "review-after", abstract: "Central officers: record the review of an emergency a manager sent before review.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @OptionGroup var note: NoteOptions

        func prepare(_ context: Context) throws -> PersonalText? { try note.resolved(context) }

        func run(_ work: Work, _ note: PersonalText?) throws {
            try moved(work, try work.store.reviewAfterTheFact(work.session, id: id, note: note))
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agency side: open a packet with the agency's key and check its signature.")
        @OptionGroup var global: GlobalOptions
        @Argument var file: String
        @Option(help: "The agency's secret key file.") var key: String
        @Option(help: "The deployment's trust file (`caunoi centre trust --out`) or its root key in base64, pinned once.") var root: String

        func run() throws {
            let context = Context(global)
            try context.run {
                guard let data = FileManager.default.contents(atPath: file) else { throw CaunoiError.fileNotFound(.packet) }
                let rootText = FileManager.default.contents(atPath: root).map { String(decoding: $0, as: UTF8.self) } ?? root
                let opened = try ReferralPacket.open(String(decoding: data, as: UTF8.self), keyPair: AgencyKeyFile.read(path: key),
                                                     root: TrustExport.root(from: rootText))
                let centre = opened.signingCentre
                if global.json {
                    print(JSONValue.object(["payload": opened.payload, "signature_valid": .bool(true), "signed_by_centre": .string(centre)]).canonical)
                } else {
                    context.say(.packetVerified(centre))
                    // A packet comes from outside: nothing in it may drive the terminal.
                    print(ControlCharacters.neutralised(opened.payload.canonical))
                }
            }
        }
    }

    struct Respond: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Record the agency's answer.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Flag var accepted = false
        @Option(help: "Decline reason code (declined, waiting-list, ineligible, inappropriate, other).") var declined: String?
        @Flag var completed = false
        @Option var note: String?

        func validate() throws {
            guard [accepted, declined != nil, completed].filter({ $0 }).count == 1 else {
                throw ValidationError("Give exactly one of --accepted, --declined CODE, --completed.")
            }
        }

        func run(_ work: Work) throws {
            let answer: AgencyAnswer = accepted ? .accepted : completed ? .completed : .declined(declined ?? "")
            try moved(work, try work.store.respondToReferral(work.session, policy: work.policy(), id: id, answer: answer,
                                                             note: note.map(PersonalText.init)))
        }
    }

    struct Withdraw: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a referral.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option var reason: String

        func run(_ work: Work) throws {
            try moved(work, try work.store.withdrawReferral(work.session, id: id, reason: PersonalText(reason)))
        }
    }
}

/// A referral's new status, by its label.
private func moved(_ work: Work, _ referral: Referral) throws {
    try work.answer(["id": referral.id, "status": referral.status.rawValue],
                    saying: .referralStatus(referral.id, try work.labels().referralStatus(referral.status)))
}
