import ArgumentParser
import Cases
import Views
import Foundation

/// Overseas Vietnamese women's associations: registry, activities and report (issue 6).
struct AssociationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "association", abstract: "Overseas Vietnamese women's associations: registry, activities, report.",
        subcommands: [Add.self, List.self, Show.self, Update.self, Activity.self, Report.self])

    /// The flags `add` and `update` share. Contact fields are sealed; the rest is organisational.
    struct Fields: ParsableArguments {
        @Option(help: "Name of the association.") var name: String?
        @Option(help: "Country (ISO 3166-1 alpha-2).") var country: String?
        @Option(help: "City.") var city: String?
        @Option(help: "Founded: YYYY or YYYY-MM.") var founded: String?
        @Option(help: "forming, active, dormant or dissolved.") var status: AssociationStatus?
        @Option(help: "Number of members.") var members: Int?
        @Option(help: "Contact person's name (sealed).") var contactName: String?
        @Option(help: "Contact person's phone (sealed).") var contactPhone: String?
        @Option(help: "Contact person's e-mail (sealed).") var contactEmail: String?
        @Option(help: "Website (http:// or https://).") var website: String?
        @Option(help: "Free-text note (sealed).") var note: String?
        @Option(name: .customLong("fields-from"), help: "Read the personal fields from this JSON or YAML file (- for standard input), keys named like the flags.")
        var fieldsFrom: String?

        /// The association's data; the sealed contact fields (and `reason`) from argv or the
        /// `--fields-from` document.
        func input(_ context: Context, reason: String? = nil) throws -> AssociationInput {
            var personal = try PersonalInput(fieldsFrom, allowed: ["contact-name", "contact-phone", "contact-email", "note", "reason"],
                                             context: context)
            var input = AssociationInput()
            (input.name, input.country, input.city, input.founded) = (name, country, city, founded)
            (input.status, input.members, input.website) = (status, members, website)
            input.contact.name = try personal.text("contact-name", argv: contactName).map(PersonalText.init)
            input.contact.phone = try personal.text("contact-phone", argv: contactPhone).map(PersonalText.init)
            input.contact.email = try personal.text("contact-email", argv: contactEmail).map(PersonalText.init)
            input.contact.note = try personal.text("note", argv: note).map(PersonalText.init)
            input.reason = try personal.text("reason", argv: reason).map(PersonalText.init)
            return input
        }
    }

    struct Add: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Register an association, kept by your centre.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var fields: Fields

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let id = try store.addAssociation(session, policy: policy, input: fields.input(context))
            if global.json { try context.emit(["id": id]) } else { context.say(.associationAdded(id)) }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an association (its centre's staff); a dissolved one is reopened only with --reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @OptionGroup var fields: Fields
        @Option(help: "Why a dissolved association is reopened (sealed in its history).") var reason: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                let policy = try context.loadPolicy()
                let input = try fields.input(context, reason: reason)
                let (store, session) = try context.unlock()
                try store.updateAssociation(session, policy: policy, id: id, input: input)
                if global.json { try context.emit(["id": id]) } else { context.say(.associationUpdated(id)) }
            }
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List associations (plain data only).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this country.") var country: String?
        @Option(help: "Only this status.") var status: AssociationStatus?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let list = try store.associations(session, policy: policy, country: country, status: status)
            if global.json { try context.emit(list); return }
            if list.isEmpty { context.say(.noAssociation) }
            let labels = CodeLabels(policy: policy, lang: context.lang)
            for a in list {
                print([a.id, labels.country(a.country), labels.associationStatus(a.status.rawValue), a.members.map(String.init) ?? "-", a.name]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Show: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "An association's page: contacts for its centre's staff, linked cases you may read, history, activities.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let view = try store.showAssociation(session, id: id)
            if global.json {
                try context.emit(AssociationJSON(view))
            } else {
                print(AssociationText.lines(view, labels: CodeLabels(policy: policy, lang: context.lang)).joined(separator: "\n"))
            }
        }
    }

    struct Activity: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "Record an activity the association reported (its centre's staff).")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(help: "Day of the activity, YYYY-MM-DD.") var date: String
        @Option(help: "event, training, meeting, support or charity (policy/codes/activity-kinds.yaml).") var kind: String
        @Option(help: "How many took part.") var participants: Int?
        @Option(help: "Free-text note (sealed).") var note: String?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let activity = try store.recordActivity(session, policy: policy, id: id, on: date, kind: kind, participants: participants,
                                                    note: note.map(PersonalText.init))
            if global.json { try context.emit(["id": activity, "association": id]) } else { context.say(.activityRecorded(id)) }
        }
    }

    struct Report: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts of associations by country and status, and of activities by kind (no contact data).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Associations registered by the end of this year, and that year's activities.") var year: Int?

        func run(_ work: Work) throws {
            let (context, store, session) = (work.context, work.store, work.session)
            let policy = try work.policy()
            let report = try store.associationReport(session, policy: policy, year: year)
            if global.json {
                try context.emit(ReportJSON(year: report.year, associations: report.associations, byCountry: report.byCountry,
                                            byStatus: report.byStatus, activitiesByKind: report.activitiesByKind))
                return
            }
            context.say(.associationTotal(report.associations, report.year))
            for (field, counts) in [(Text.Field.country, report.byCountry), (.status, report.byStatus), (.activities, report.activitiesByKind)] {
                lines(Text.field(field).text(context.lang), counts)
            }
        }

        private func lines(_ title: String, _ counts: [ReportCount]) {
            print("\(title):")
            for c in counts { print("  \(c.code)\t\(c.count)\(c.participants.map { "\t(\($0))" } ?? "")") }
        }
    }
}

extension AssociationStatus: ExpressibleByArgument {}

/// `association show --json`: plain data, and the sealed part only when it was opened.
private struct AssociationJSON: Encodable {
    struct Contact: Encodable {
        let name: String?
        let phone: String?
        let email: String?
        let note: String?
    }
    struct Activity: Encodable {
        let id: String
        let on: String
        let kind: String
        let participants: Int?
        let by: String
        let note: String?
    }
    let association: AssociationSummary
    let contact: Contact?
    let cases: [LinkedCase]
    let activities: [Activity]
    let history: [CaseJSON.Event]

    init(_ view: AssociationView) {
        association = view.summary
        contact = view.contact.map { Contact(name: $0.name?.display, phone: $0.phone?.display, email: $0.email?.display, note: $0.note?.display) }
        cases = view.cases
        activities = view.activities.map { Activity(id: $0.id, on: $0.on, kind: $0.kind, participants: $0.participants, by: $0.by, note: $0.note?.display) }
        history = view.history.map(CaseJSON.Event.init)
    }
}

private struct ReportJSON: Encodable {
    let year: Int?
    let associations: Int
    let byCountry: [ReportCount]
    let byStatus: [ReportCount]
    let activitiesByKind: [ReportCount]
}
