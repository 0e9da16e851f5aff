import Cases

/// The two forms of a subject export: JSON (complete, every key present, for machines and
/// lawyers) and a printable HTML page in Vietnamese with English labels (for her).
extension SubjectRecord {
    public var json: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func personal(_ value: PersonalText?) -> JSONValue { text(value?.revealed) }
        func events(_ list: [EventView]) -> JSONValue {
            .array(list.map { e in
                .object(["on": .string(e.on), "by": .string(e.by), "kind": .string(e.kind), "from": text(e.from), "to": text(e.to),
                         "detail": text(e.detail), "reason": personal(e.reason)])
            })
        }
        func attachment(_ file: AttachmentFile) -> JSONValue {
            let a = file.view
            let members: [String: JSONValue] = [
                "id": .string(a.id), "document": text(a.document), "bytes": .int(a.bytes), "title": personal(a.title),
                "media_type": text(a.mediaType), "added_on": .string(a.addedOn), "content_base64": .string(file.base64),
            ]
            return .object(members)
        }
        let person: JSONValue = .object([
            "id": .string(self.person), "centre": .string(centre), "created_on": .string(createdOn),
            "name": personal(fields.name), "other_names": .array(fields.otherNames.map { .string($0.revealed) }),
            "date_of_birth": personal(fields.dateOfBirth), "birth_year": fields.birthYear.map(JSONValue.int) ?? .null,
            "phones": .array(fields.phones.map { .string($0.revealed) }), "email": personal(fields.email),
            "id_number": personal(fields.idNumber), "passport": personal(fields.passport), "address": personal(fields.address),
        ])
        let cases: [JSONValue] = cases.map { item in
            let s = item.view.summary
            let consents: [JSONValue] = item.consents.map { c in
                .object(["id": .string(c.id), "purpose": .string(c.purpose.rawValue), "agency": text(c.agencyID),
                         "agency_kind": text(c.agencyKind?.rawValue), "fields": c.fields.map { .array($0.map { .string($0.rawValue) }) } ?? .null,
                         "note": personal(c.note), "given_on": .string(c.givenOn), "given_by": .string(c.givenBy),
                         "withdrawn_on": text(c.withdrawnOn)])
            }
            let referrals: [JSONValue] = item.referrals.map { r in
                .object(["id": .string(r.referral.id), "agency": .string(r.referral.agency), "service": .string(r.referral.service),
                         "priority": .string(r.referral.priority.rawValue), "status": .string(r.referral.status.rawValue),
                         "created_on": .string(r.referral.createdOn), "due": .string(r.referral.due),
                         "disclosed": .object(r.disclosure.fields), "safe_contact": text(r.disclosure.safeContact.isEmpty ? nil : r.disclosure.safeContact),
                         "history": events(r.events)])
            }
            return .object([
                "id": .string(s.id), "centre": .string(s.centre), "programme": .string(s.programme.rawValue),
                "status": .string(s.status.rawValue), "risk": text(s.risk?.rawValue), "assigned_to": text(s.assignedTo),
                "origin_province": text(s.originProvince), "destination": text(s.destination), "migration": text(s.migration),
                "age_band": text(s.ageBand), "needs": .array(s.needs.map(JSONValue.string)), "association": text(s.association),
                "support_request": text(s.supportRequest),
                "opened_on": .string(s.openedOn), "closed_on": text(s.closedOn), "outcome": text(s.outcome),
                "safe_contact": personal(item.view.safeContact),
                "notes": .array(item.view.notes.map { n in
                    .object(["id": .string(n.id), "author": .string(n.author), "created_on": .string(n.createdOn), "text": .string(n.text.revealed)])
                }),
                "history": events(item.view.events), "consents": .array(consents), "referrals": .array(referrals),
                "contacts": .array(item.view.contacts.map { c in
                    .object(["id": .string(c.id), "day": .string(c.day), "time": personal(c.time), "kind": .string(c.kind),
                             "minutes": c.minutes.map(JSONValue.int) ?? .null, "staff": .string(c.staff),
                             "recorded_by": .string(c.recordedBy), "recorded_on": .string(c.recordedOn), "summary": personal(c.summary)])
                }),
                "follow_ups": .array(item.view.followUps.map { entry in
                    let f = entry.followUp
                    return .object(["key": .string(f.key), "reason": .string(f.reason.rawValue), "due": .string(f.due),
                                    "assigned_to": text(f.assignedTo), "detail": text(f.detail), "note": personal(entry.note),
                                    "done_by": text(f.doneBy), "done_on": text(f.doneOn)])
                }),
                "closure_request": text(s.closureRequest),
                "children": .array(item.view.children.map { c in
                    .object(["id": .string(c.id), "name": personal(c.name), "dob": personal(c.dateOfBirth), "sex": text(c.sex?.rawValue),
                             "birth_country": text(c.birthCountry), "birth_registration": .string(c.birthRegistration),
                             "nationality": .string(c.nationality), "lives_with_her": c.livesWithHer.map(JSONValue.bool) ?? .null,
                             "needs": .array(c.needs.map(JSONValue.string))])
                }),
                "plan": .array(item.view.plan.map { g in
                    .object(["id": .string(g.id), "need": .string(g.need), "status": .string(g.status.rawValue), "target": text(g.target),
                             "description": personal(g.description),
                             "planned": .array(g.planned.map { p in .object(["service": .string(p.service), "agency": text(p.agency)]) })])
                }),
                "delivered": .array(item.view.delivered.map { d in
                    .object(["service": .string(d.service), "agency": text(d.agency), "day": .string(d.day), "outcome": .string(d.outcome.rawValue),
                             "note": personal(d.note)])
                }),
                "assessments": .array(item.view.assessments.map { a in
                    .object(["id": .string(a.id), "form": .string(a.form), "assessed_on": .string(a.assessedOn), "assessed_by": .string(a.assessedBy),
                             "suggested_level": .string(a.suggestedLevel), "level": .string(a.level), "score": a.score.map(JSONValue.int) ?? .null,
                             "answers": a.answers.map { .object($0.mapValues(JSONValue.string)) } ?? .null, "note": personal(a.note)])
                }),
                "documents": .array(item.view.documents.map { d in
                    .object(["document": .string(d.document), "status": .string(d.status.rawValue), "updated_on": .string(d.updatedOn)])
                }),
                "attachments": .array(item.files.map(attachment)),
                "spouses": .array(item.view.spouses.map { p in
                    .object(["id": .string(p.id), "relation": .string(p.relation.rawValue), "nationality": text(p.nationality),
                             "name": personal(p.name), "contact": personal(p.contact)])
                }),
            ])
        }
        let erasure: JSONValue = erasure.map {
            .object(["erased_on": .string($0.erasedOn), "basis": .string($0.basis.rawValue), "by": .string($0.by)])
        } ?? .null
        return .object([
            "format": .string("caunoi-subject-export/1"), "exported_at": .string(exportedAt), "exported_by": .string(exportedBy),
            "person": person, "erasure": erasure, "cases": .array(cases),
            "access_log": .array(accessLog.map { e in
                .object(["seq": .int(Int(e.seq)), "at": .string(e.at), "user": .string(e.user), "action": .string(e.action),
                         "record": text(e.record)])
            }),
        ])
    }

    /// A complete, well-formed HTML page (it also parses as XML), Vietnamese first: every code
    /// by its label in both languages, days as dd/mm/yyyy and times in Vietnam time.
    public func html(policy: Policy) -> String {
        let escape = HTMLText.escape
        let (vi, en) = (CodeLabels(policy: policy, lang: .vi), CodeLabels(policy: policy, lang: .en))
        /// "Hồi hương / Returnee"; one word where both languages say the same.
        func both(_ words: (CodeLabels) -> String) -> String {
            let (a, b) = (words(vi), words(en))
            return a == b ? a : "\(a) / \(b)"
        }
        func label(_ field: Text.Field) -> String { escape(both { Text.field(field).text($0.lang) }) }
        func rows(_ pairs: [(Text.Field, String?)]) -> String {
            pairs.compactMap { field, value in
                guard let value, !value.isEmpty else { return nil }
                return "      <tr><th scope=\"row\">\(label(field))</th><td>\(escape(value))</td></tr>"
            }.joined(separator: "\n")
        }
        func history(_ events: [EventView], status: @escaping (CodeLabels, String) -> String) -> String {
            guard !events.isEmpty else { return "" }
            let items = events.map { e in
                let move = [e.from, e.to].compactMap { $0 }.map { code in both { status($0, code) } }.joined(separator: " → ")
                let parts = [DisplayFormat.time(e.on), e.by, both { $0.historyStep(e.kind) }, move, e.detail ?? "", e.reason?.revealed ?? ""]
                return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
            }
            return "    <h3>\(label(.history))</h3>\n    <ul>\n\(items.joined(separator: "\n"))\n    </ul>\n"
        }
        let at = DisplayFormat.time(exportedAt)
        let f = fields
        var body = """
              <h1>\(escape(Text.subjectExportTitle.text(.vi)))<br /><small>\(escape(Text.subjectExportTitle.text(.en)))</small></h1>
              <p>\(escape(Text.subjectExportIntro(at, exportedBy).text(.vi)))<br />\(escape(Text.subjectExportIntro(at, exportedBy).text(.en)))</p>

            """
        if let erasure {
            let day = DisplayFormat.day(erasure.erasedOn)
            body += "  <p class=\"erased\">\(escape(Text.subjectErasedNotice(day).text(.vi)))<br />"
                + "\(escape(Text.subjectErasedNotice(day).text(.en)))</p>\n"
        }
        body += """
              <h2>\(label(.person))</h2>
              <table>
            \(rows([(.person, person), (.centre, centre), (.name, f.name?.revealed), (.otherNames, f.otherNames.map(\.revealed).joined(separator: "; ")),
                    (.dob, f.dateOfBirth.map { DisplayFormat.day($0.revealed) }), (.birthYear, f.birthYear.map(String.init)),
                    (.phones, f.phones.map(\.revealed).joined(separator: "; ")), (.email, f.email?.revealed),
                    (.idNumber, f.idNumber?.revealed), (.passport, f.passport?.revealed), (.address, f.address?.revealed)]))
              </table>

            """
        for item in cases {
            let s = item.view.summary
            body += """
                  <h2>\(label(.caseID)) \(escape(s.id))</h2>
                  <table>
                \(rows([(.programme, both { $0.programme(s.programme) }), (.status, both { $0.status(s.status) }),
                        (.risk, s.risk.map { r in both { $0.risk(r) } }), (.assignedTo, s.assignedTo),
                        (.origin, s.originProvince.map { p in both { $0.province(p) } }),
                        (.destination, s.destination.map { c in both { $0.country(c) } }),
                        (.migration, s.migration.map { m in both { $0.migration(m) } }), (.ageBand, s.ageBand),
                        (.needs, s.needs.map { n in both { $0.need(n) } }.joined(separator: "; ")), (.association, s.association),
                        (.supportRequest, s.supportRequest.map { r in both { $0.supportRequest(r) } }),
                        (.opened, DisplayFormat.day(s.openedOn)), (.closed, s.closedOn.map(DisplayFormat.day)),
                        (.outcome, s.outcome.map { o in both { $0.outcome(o) } }), (.safeContact, item.view.safeContact?.revealed)]))
                  </table>

                """
            if !item.view.notes.isEmpty {
                body += "    <h3>\(label(.notes))</h3>\n    <ul>\n"
                    + item.view.notes.map { "      <li>\(escape("\(DisplayFormat.time($0.createdOn)) · \($0.author) · \($0.text.revealed)"))</li>" }
                        .joined(separator: "\n")
                    + "\n    </ul>\n"
            }
            if !item.view.children.isEmpty || !item.view.spouses.isEmpty {
                body += "    <h3>\(label(.family))</h3>\n    <ul>\n" + (item.view.children.map { c in
                    let parts = [c.name?.revealed ?? "", c.dateOfBirth.map { DisplayFormat.day($0.revealed) } ?? "",
                                 c.sex.map { x in both { $0.sex(x.rawValue) } } ?? "", c.birthCountry.map { x in both { $0.country(x) } } ?? "",
                                 both { $0.birthRegistration(c.birthRegistration) }, both { $0.nationalityStatus(c.nationality) }]
                    return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
                } + item.view.spouses.map { p in
                    let parts = [both { $0.relation(p.relation) }, p.nationality.map { x in both { $0.country(x) } } ?? "",
                                 p.name?.revealed ?? "", p.contact?.revealed ?? ""]
                    return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
                }).joined(separator: "\n") + "\n    </ul>\n"
            }
            if !item.view.plan.isEmpty || !item.view.delivered.isEmpty {
                body += "    <h3>\(label(.plan))</h3>\n    <ul>\n" + (item.view.plan.map { g in
                    let parts = [both { $0.need(g.need) }, both { $0.goalStatus(g.status) }, g.description?.revealed ?? ""]
                    return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
                } + item.view.delivered.map { d in
                    let parts = [DisplayFormat.day(d.day), both { $0.service(d.service) }, both { $0.provider(d.agency) },
                                 both { $0.serviceOutcome(d.outcome) }, d.note?.revealed ?? ""]
                    return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
                }).joined(separator: "\n") + "\n    </ul>\n"
            }
            if !item.view.assessments.isEmpty {
                body += "    <h3>\(label(.assessments))</h3>\n    <ul>\n" + item.view.assessments.map { a in
                    let answers = CaseText.answerEntries(a, labels: CodeLabels(policy: policy, lang: .vi))
                    let parts = [DisplayFormat.day(a.assessedOn), both { $0.assessmentForm(a.form) }, both { $0.assessmentLevel(a.form, a.level) },
                                 a.note?.revealed ?? ""] + answers
                    return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
                }.joined(separator: "\n") + "\n    </ul>\n"
            }
            if !item.view.documents.isEmpty || !item.files.isEmpty {
                body += "    <h3>\(label(.documents))</h3>\n    <ul>\n" + (item.view.documents.map { d in
                    "      <li>\(escape([both { $0.documentStatus(d.status) }, both { $0.document(d.document) }].joined(separator: " · ")))</li>"
                } + item.files.map { file in
                    let a = file.view
                    let parts = [a.title?.revealed ?? a.id, a.document.map { x in both { $0.document(x) } } ?? "", DisplayFormat.size(a.bytes)]
                    return "      <li>\(escape(parts.filter { !$0.isEmpty }.joined(separator: " · ")))</li>"
                }).joined(separator: "\n") + "\n    </ul>\n"
            }
            if !item.view.contacts.isEmpty {
                body += "    <h3>\(label(.contacts))</h3>\n    <ul>\n" + item.view.contacts.map { c in
                    let parts = [DisplayFormat.day(c.day), c.time?.revealed ?? "", c.staff, both { $0.contactKind(c.kind) },
                                 c.minutes.map { "\($0)'" } ?? "", c.summary?.revealed ?? ""].filter { !$0.isEmpty }
                    return "      <li>\(escape(parts.joined(separator: " · ")))</li>"
                }.joined(separator: "\n") + "\n    </ul>\n"
            }
            if !item.view.followUps.isEmpty {
                body += "    <h3>\(label(.followUps))</h3>\n    <ul>\n" + item.view.followUps.map { entry in
                    let f = entry.followUp
                    let parts = [DisplayFormat.day(f.due), f.assignedTo ?? "", both { $0.followUpReason(f.reason) }, entry.note?.revealed ?? "",
                                 f.doneOn.map { "✓ \(DisplayFormat.day($0)) \(f.doneBy ?? "")" } ?? ""].filter { !$0.isEmpty }
                    return "      <li>\(escape(parts.joined(separator: " · ")))</li>"
                }.joined(separator: "\n") + "\n    </ul>\n"
            }
            body += history(item.view.events, status: { $0.caseStatus($1) })
            if !item.consents.isEmpty {
                body += "    <h3>\(label(.consents))</h3>\n    <ul>\n" + item.consents.map { c in
                    let scope = c.agencyID ?? c.agencyKind.map { k in both { $0.agencyKind(k) } } ?? ""
                    let parts = [DisplayFormat.day(c.givenOn), both { $0.consentPurpose(c.purpose) }, scope,
                                 c.fields.map { $0.map { f in both { f.label($0.lang) } }.joined(separator: "; ") } ?? "", c.note?.revealed ?? "",
                                 c.withdrawnOn.map { "→ \(DisplayFormat.day($0))" } ?? ""].filter { !$0.isEmpty }
                    return "      <li>\(escape(parts.joined(separator: " · ")))</li>"
                }.joined(separator: "\n") + "\n    </ul>\n"
            }
            for r in item.referrals {
                let disclosed = DisclosableField.allCases.compactMap { field -> String? in
                    guard let value = r.disclosure.fields[field.rawValue] else { return nil }
                    return "\(field.label(.vi)): \(ReferralText.text(value, field: field, labels: vi))"
                }.joined(separator: "; ")
                let referralStatus: (CodeLabels, String) -> String = { labels, code in ReferralStatus(rawValue: code).map(labels.referralStatus) ?? code }
                body += """
                      <h3>\(label(.referrals)) \(escape(r.referral.id))</h3>
                      <table>
                    \(rows([(.agency, r.referral.agency), (.service, both { $0.need(r.referral.service) }),
                            (.status, both { $0.referralStatus(r.referral.status) }),
                            (.opened, DisplayFormat.day(r.referral.createdOn)), (.disclosed, disclosed),
                            (.safeContact, r.disclosure.safeContact)]))
                      </table>

                    """
                body += history(r.events, status: referralStatus)
            }
        }
        body += "  <h2>\(label(.accessLog))</h2>\n  <ul>\n" + accessLog.map { e in
            "    <li>\(escape([DisplayFormat.time(e.at), e.user, e.action, e.record ?? ""].joined(separator: " · ")))</li>"
        }.joined(separator: "\n") + "\n  </ul>\n"
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
              <meta charset="utf-8" />
              <title>\(escape(Text.subjectExportTitle.text(.vi))) — \(escape(person))</title>
              <style>body { font-family: serif; max-width: 48em; margin: 2em auto; } th { text-align: left; padding-right: 1em; vertical-align: top; } .erased { border: 2px solid #000; padding: 0.5em; }</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
