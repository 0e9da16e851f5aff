import Cases

/// An association's page as lines of text: its details, the contact for its centre's staff,
/// the linked cases the reader may see, activities and history, every code by its label.
public enum AssociationText {
    public static func lines(_ view: AssociationView, labels: CodeLabels) -> [String] {
        let s = view.summary
        var page = LabelledLines(lang: labels.lang)
        page.add(.association, s.id)
        page.add(.associationName, s.name)
        page.add(.centre, s.centre)
        page.add(.country, labels.country(s.country))
        page.add(.city, s.city)
        page.add(.founded, s.founded.map(DisplayFormat.day))
        page.add(.status, labels.associationStatus(s.status.rawValue))
        page.add(.members, s.members.map(String.init))
        page.add(.website, s.website)
        page.add(.contactName, view.contact?.name?.display)
        page.add(.phones, view.contact?.phone?.display)
        page.add(.email, view.contact?.email?.display)
        page.add(.notes, view.contact?.note?.display)
        if !view.cases.isEmpty {
            page.append("\(Text.field(.linkedCases).text(labels.lang)):")
            for c in view.cases {
                let parts = [c.id, labels.programme(c.programme), labels.status(c.status)] + [c.supportRequest.map(labels.supportRequest)].compactMap { $0 }
                page.append("  " + parts.joined(separator: "\t"))
            }
        }
        if !view.activities.isEmpty {
            page.append("\(Text.field(.activities).text(labels.lang)):")
            for a in view.activities {
                let parts = [DisplayFormat.day(a.on), labels.activityKind(a.kind), a.participants.map(String.init) ?? "", a.note?.display ?? ""]
                page.append("  " + parts.filter { !$0.isEmpty }.joined(separator: " · "))
            }
        }
        page.append(contentsOf: CaseText.history(view.history, labels: labels, status: labels.associationStatus))
        return page.lines
    }

    /// `association report`: each count under its heading, every code by its label.
    public static func report(_ report: AssociationReport, labels: CodeLabels) -> [String] {
        let sections: [(Text.Field, [ReportCount], (String) -> String)] = [
            (.country, report.byCountry, labels.country), (.status, report.byStatus, labels.associationStatus),
            (.activities, report.activitiesByKind, labels.activityKind),
        ]
        return sections.flatMap { field, counts, label in
            ["\(Text.field(field).text(labels.lang)):"]
                + counts.map { "  \(label($0.code))\t\($0.count)\($0.participants.map { "\t(\($0))" } ?? "")" }
        }
    }
}
