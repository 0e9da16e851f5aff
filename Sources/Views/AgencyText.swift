import Cases
import Foundation

/// The partner directory and routing suggestions as text, every code by its label: what a
/// counsellor reads before choosing where to refer a woman.
public enum AgencyText {
    /// One line of `agency list`: id, kind, whether it can receive sealed packets, name.
    public static func row(_ agency: Agency, labels: CodeLabels) -> String {
        [agency.id, labels.agencyKind(agency.kind), agency.publicKey == nil ? "-" : keyMark(labels.lang), displayName(agency, lang: labels.lang)]
            .joined(separator: "\t")
    }

    /// Its own name, with the Vietnamese (or English) one beside it when its own is in
    /// another language: "다누리콜센터 (Tổng đài hỗ trợ Danuri (Hàn Quốc))".
    public static func displayName(_ agency: Agency, lang: Language) -> String {
        let beside = lang == .vi ? agency.nameVi : (agency.nameVi == nil ? nil : agency.nameEn)
        return beside.map { "\(agency.name) (\($0))" } ?? agency.name
    }

    /// `agency show`: every field the directory holds for it.
    public static func lines(_ agency: Agency, labels: CodeLabels) -> [String] {
        var page = LabelledLines(lang: labels.lang)
        page.add(.agency, agency.id)
        page.add(.agencyName, agency.name)
        page.add(.englishName, agency.nameEn)
        page.add(.vietnameseName, agency.nameVi)
        page.add(.kind, labels.agencyKind(agency.kind))
        page.add(.services, labels.list(agency.services, labels.need))
        page.add(.provinces, labels.list(agency.provinces, labels.province))
        page.add(.countries, labels.list(agency.countries, labels.country))
        page.add(.website, agency.website)
        page.add(.email, agency.email)
        page.add(.phone, agency.phone)
        page.add(.address, agency.address)
        page.add(.publicKey, agency.publicKey.map { Data($0).base64EncodedString() })
        page.add(.description, agency.description)
        return page.lines
    }

    /// One line of `referral suggest`: the rule, the agency, the service and priority by label,
    /// whether central review follows, and the fields the referral would disclose.
    public static func suggestion(_ s: Suggestion, labels: CodeLabels) -> String {
        let review = s.review ? Text.field(.review).text(labels.lang) : "-"
        let fields = s.fields.map { $0.label(labels.lang) }.joined(separator: ", ")
        return [s.rule, s.agency, labels.need(s.service), labels.priority(s.priority), review, fields].joined(separator: "\t")
    }

    private static func keyMark(_ lang: Language) -> String { lang == .vi ? "có khoá" : "key" }
}
