import ArgumentParser
import Cases
import Views
import Foundation

struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: "Referrals to partner agencies, central review and sealed packets.",
        subcommands: [Suggest.self, Create.self, List.self, Show.self, Queue.self, Approve.self, Return.self, Submit.self,
                      Send.self, Open.self, Respond.self, Withdraw.self])

    struct Suggest: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Suggest referrals from the routing rules.")
        @OptionGroup var global: GlobalOptions
        @Argument var caseID: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let suggestions = try store.suggestReferrals(session, policy: policy, caseID: caseID)
            if global.json { try context.emit(suggestions.map(SuggestionJSON.init)); return }
            for s in suggestions {
                print([s.rule, s.agency, s.service, s.priority.rawValue, s.review ? "review" : "-",
                       s.fields.map(\.rawValue).joined(separator: ",")].joined(separator: "\t"))
            }
        }
    }

    struct Create: ParsableCommand {
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

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                var request = ReferralRequest(caseID: caseID, agencyID: agency, service: service)
                request.priority = priority
                var personal = try PersonalInput(fieldsFrom, allowed: ["note", "override-consent"], context: context)
                request.note = try personal.text("note", argv: note).map(PersonalText.init)
                request.overrideConsent = try personal.text("override-consent", argv: overrideConsent).map(PersonalText.init)
                let (store, session) = try context.unlock()
                let referral = try store.createReferral(session, policy: policy, request: request)
                if global.json { try context.emit(CreatedJSON(id: referral.id, status: referral.status.rawValue, due: referral.due)); return }
                context.say(.referralCreated(referral.id, referral.status.rawValue, referral.due))
            }
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List referrals (no personal data).")
        @OptionGroup var global: GlobalOptions
        @Option var status: ReferralStatus?
        @Flag(help: "Only unanswered referrals past their due time.") var overdue = false
        @Option(name: .customLong("case"), help: "Only this case's referrals.") var caseID: String?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let list = try store.referrals(session, status: status, overdue: overdue, caseID: caseID)
            if global.json { try context.emit(list.map(ReferralJSON.init)); return }
            let labels = CodeLabels(policy: try work.policy(), lang: context.lang)
            for r in list {
                print([r.id, r.agency, labels.need(r.service), labels.priority(r.priority), labels.referralStatus(r.status),
                       DisplayFormat.time(r.due), r.isOverdue() ? labels.overdue : ""].joined(separator: "\t"))
            }
        }
    }

    struct Show: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Show a referral with what it discloses.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let view = try store.showReferral(session, id: id)
            if global.json { try context.emit(ReferralViewJSON(view)); return }
            print(ReferralText.lines(view, labels: CodeLabels(policy: try work.policy(), lang: context.lang)).joined(separator: "\n"))
        }
    }

    struct Queue: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Central officers: referrals waiting for review.")
        @OptionGroup var global: GlobalOptions

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let queue = try store.reviewQueue(session)
            if global.json { try context.emit(queue.map(ReferralViewJSON.init)); return }
            if queue.isEmpty { context.say(.nothingFound) }
            let labels = CodeLabels(policy: try work.policy(), lang: context.lang)
            for view in queue {
                print(ReferralText.lines(view, labels: labels).joined(separator: "\n"))
                print()
            }
        }
    }

    struct Approve: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Central officers: approve a referral for sending.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            try moved(context, try store.approveReferral(session, id: id))
        }
    }

    struct Return: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Central officers: return a referral to its centre with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option var reason: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            try moved(context, try store.returnReferral(session, id: id, reason: PersonalText(reason)))
        }
    }

    struct Submit: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Resubmit a returned (draft) referral.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            try moved(context, try store.submitReferral(session, policy: policy, id: id))
        }
    }

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a ready referral: a sealed, signed packet, or a printable letter.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(help: "Write the packet or letter here (created 0600) instead of stdout.") var out: String?
        @Flag(help: "A printable HTML letter in Vietnamese instead of a packet.") var letter = false

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                if let out, FileManager.default.fileExists(atPath: out) { throw CaunoiError.cannotCreate(.output) }
                let (store, session) = try context.unlock()
                let sent = try store.sendReferral(session, policy: policy, id: id, letter: letter)
                let text = switch sent {
                case .packet(let packet): packet
                case .letter(let content): ReferralLetter.html(content, policy: policy)
                }
                if let out {
                    try OwnerOnlyFile.create(atPath: out, contents: Array(text.utf8), what: .output)
                    if global.json { try context.emit(["id": id, "out": out]) } else { context.say(.referralSent(id, out)) }
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
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

    struct Respond: ParsableCommand {
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

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let answer: AgencyAnswer = accepted ? .accepted : completed ? .completed : .declined(declined ?? "")
                let (store, session) = try context.unlock()
                try moved(context, try store.respondToReferral(session, policy: policy, id: id, answer: answer, note: note.map(PersonalText.init)))
            }
        }
    }

    struct Withdraw: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a referral.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option var reason: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            try moved(context, try store.withdrawReferral(session, id: id, reason: PersonalText(reason)))
        }
    }
}

private func moved(_ context: Context, _ referral: Referral) throws {
    if context.json { try context.emit(["id": referral.id, "status": referral.status.rawValue]) } else {
        context.say(.referralStatus(referral.id, referral.status.rawValue))
    }
}

private struct SuggestionJSON: Encodable {
    let rule: String
    let agency: String
    let service: String
    let priority: String
    let review: Bool
    let fields: [String]

    init(_ s: Suggestion) {
        rule = s.rule; agency = s.agency; service = s.service; priority = s.priority.rawValue; review = s.review; fields = s.fields.map(\.rawValue)
    }
}

private struct CreatedJSON: Encodable {
    let id: String
    let status: String
    let due: String
}


