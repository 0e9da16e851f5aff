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

    struct Add: PreparedCommand {
        static let configuration = CommandConfiguration(abstract: "Register an association, kept by your centre.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var fields: Fields

        func prepare(_ context: Context) throws -> AssociationInput { try fields.input(context) }

        func run(_ work: Work, _ input: AssociationInput) throws {
            let id = try work.store.addAssociation(work.session, policy: work.policy(), input: input)
            try work.answer(["id": id], saying: .associationAdded(id))
        }
    }

    struct Update: PreparedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an association (its centre's staff); a dissolved one is reopened only with --reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @OptionGroup var fields: Fields
        @Option(help: "Why a dissolved association is reopened (sealed in its history).") var reason: String?

        func prepare(_ context: Context) throws -> AssociationInput { try fields.input(context, reason: reason) }

        func run(_ work: Work, _ input: AssociationInput) throws {
            try work.store.updateAssociation(work.session, policy: work.policy(), id: id, input: input)
            try work.answer(["id": id], saying: .associationUpdated(id))
        }
    }

    struct List: UnlockedCommand {
        static let configuration = CommandConfiguration(abstract: "List associations (plain data only).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this country.") var country: String?
        @Option(help: "Only this status.") var status: AssociationStatus?

        func run(_ work: Work) throws {
            let labels = try work.labels()
            let list = try work.store.associations(work.session, policy: labels.policy, country: country, status: status)
            try work.answer(list, text: {
                if list.isEmpty { work.context.say(.noAssociation) }
                for a in list {
                    print([a.id, labels.country(a.country), labels.associationStatus(a.status.rawValue), a.members.map(String.init) ?? "-", a.name]
                        .joined(separator: "\t"))
                }
            })
        }
    }

    struct Show: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "An association's page: contacts for its centre's staff, linked cases you may read, history, activities.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run(_ work: Work) throws {
            let view = try work.store.showAssociation(work.session, id: id)
            try work.answer(AssociationJSON(view), lines: { AssociationText.lines(view, labels: try work.labels()) })
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
            let activity = try work.store.recordActivity(work.session, policy: work.policy(), id: id, on: date, kind: kind,
                                                         participants: participants, note: note.map(PersonalText.init))
            try work.answer(["id": activity, "association": id], saying: .activityRecorded(id))
        }
    }

    struct Report: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts of associations by country and status, and of activities by kind (no contact data).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Associations registered by the end of this year, and that year's activities.") var year: Int?

        func run(_ work: Work) throws {
            let labels = try work.labels()
            let report = try work.store.associationReport(work.session, policy: labels.policy, year: year)
            try work.answer(AssociationReportJSON(report), text: {
                work.context.say(.associationTotal(report.associations, report.year))
                print(AssociationText.report(report, labels: labels).joined(separator: "\n"))
            })
        }
    }
}

extension AssociationStatus: ExpressibleByArgument {}
