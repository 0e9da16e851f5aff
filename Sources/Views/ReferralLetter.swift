import Cases

/// The printable referral letter for agencies without a key: a complete HTML document
/// (well-formed, so it also parses as XML) in the agency's language, Vietnamese or English,
/// with exactly the disclosed fields, codes by their labels, days and times in Vietnam time,
/// the sending centre's block (name, province, reference, the staff member who sent it) and
/// the fingerprints a partner checks. Styled for print.
public enum ReferralLetter {
    public static func html(_ letter: LetterContent, policy: Policy, lang: Language = .vi) -> String {
        let (referral, agency, centre, disclosure) = (letter.referral, letter.agency, letter.centre, letter.disclosure)
        let labels = CodeLabels(policy: policy, lang: lang)
        let escape = HTMLText.escape
        func say(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }
        let rows = DisclosableField.allCases.compactMap { field -> String? in
            guard let json = disclosure.fields[field.rawValue] else { return nil }
            // Codes (province, country, migration, needs, a child's registration) by their labels; days as dd/mm/yyyy.
            let shown = escape(ReferralText.text(json, field: field, labels: labels))
            return "      <tr><th scope=\"row\">\(escape(field.label(lang)))</th><td>\(shown)</td></tr>"
        }
        let priority = switch referral.priority {
        case .emergency: say("Khẩn cấp (trả lời trong 24 giờ)", "Emergency (answer within 24 hours)")
        case .urgent: say("Gấp (trả lời trong 72 giờ)", "Urgent (answer within 72 hours)")
        case .normal: say("Thông thường (trả lời trong 14 ngày)", "Normal (answer within 14 days)")
        }
        let agencyName = lang == .en ? (agency.nameEn ?? agency.name) : AgencyText.displayName(agency, lang: .vi)
        let safe = disclosure.safeContact.isEmpty
            ? say("Không liên hệ trực tiếp; liên hệ qua trung tâm chuyển gửi.", "Do not contact her directly; contact the referring centre.")
            : disclosure.safeContact
        return """
            <!DOCTYPE html>
            <html lang="\(lang.rawValue)">
            <head>
              <meta charset="utf-8" />
              <title>\(say("Phiếu chuyển gửi", "Referral")) \(escape(referral.id))</title>
              <style>
                body { font-family: serif; max-width: 40em; margin: 2em auto; line-height: 1.4; }
                th { text-align: left; padding-right: 1em; vertical-align: top; }
                .sender { border-bottom: 1px solid #000; padding-bottom: 0.5em; }
                .safe { border: 2px solid #000; padding: 0.5em; }
                .keys { font-size: 0.85em; }
                @media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: #000; text-decoration: none; } h1 { font-size: 16pt; } }
              </style>
            </head>
            <body>
              <div class="sender">
                <p><strong>\(escape(centre.name))</strong><br />
                  \(escape(labels.province(centre.province)))<br />
                  \(say("Số tham chiếu", "Reference")): <strong>\(escape(referral.id))</strong><br />
                  \(say("Cán bộ gửi", "Sent by")): \(escape(letter.sentBy)) — \(say("Ngày gửi", "Date")): \(escape(DisplayFormat.day(letter.sentOn)))</p>
              </div>
              <h1>\(say("PHIẾU CHUYỂN GỬI", "REFERRAL"))</h1>
              <p>\(say("Kính gửi", "To")): <strong>\(escape(agencyName))</strong></p>
              <p>\(say("Dịch vụ đề nghị", "Service requested")): \(escape(labels.need(referral.service)))</p>
              <p>\(say("Mức độ ưu tiên", "Priority")): \(escape(priority)) — \(say("Hạn trả lời", "Answer by")): \(escape(DisplayFormat.time(referral.due))) \(say("(giờ Việt Nam)", "(Viet Nam time)"))</p>
              <h2>\(say("Thông tin được phép chia sẻ (đã có sự đồng ý)", "Information shared (with her consent)"))</h2>
              <table>
            \(rows.joined(separator: "\n"))
              </table>
              <h2>\(say("Cách liên hệ an toàn", "How to contact her safely"))</h2>
              <p class="safe">\(escape(safe))</p>
              <p>\(say("Đề nghị quý cơ quan trả lời: tiếp nhận, từ chối (nêu lý do) hoặc đã hoàn thành, qua trung tâm chuyển gửi, ghi rõ số tham chiếu.",
                      "Please answer through the referring centre, quoting the reference: accepted, declined (with the reason) or completed."))</p>
              <p>\(say("Thông tin trong phiếu này là bí mật; chỉ dùng để hỗ trợ người được chuyển gửi.",
                      "This letter is confidential; use it only to support the person referred."))</p>
              <p class="keys">\(say("Dấu vân tay khoá ký của trung tâm", "Fingerprint of the centre's signing key")): <code>\(escape(letter.signing))</code><br />
                \(say("Gốc tin cậy của hệ thống", "Deployment root")): <code>\(escape(letter.root))</code></p>
            </body>
            </html>

            """
    }
}

extension DisclosableField {
    /// The field's label, from the one table every face uses (`Text.Field`).
    public func label(_ lang: Language) -> String { Text.field(field).text(lang) }

    private var field: Text.Field {
        switch self {
        case .name: .name
        case .otherNames: .otherNames
        case .dob: .dob
        case .birthYear: .birthYear
        case .phones: .phones
        case .email: .email
        case .idNumber: .idNumber
        case .passport: .passport
        case .address: .address
        case .originProvince: .origin
        case .destination: .destination
        case .migration: .migration
        case .needs: .needs
        case .ageBand: .ageBand
        case .children: .children
        }
    }
}
