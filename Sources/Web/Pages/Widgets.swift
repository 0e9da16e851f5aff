import Cases
import Views

/// Form controls with their labels and, when the form came back, the problem beside the field
/// and the value as typed. Names are the CLI's long flags without dashes (docs/WEB.md).
struct Widgets {
    let lang: Language
    /// The form as submitted, when it comes back with a problem.
    var form: FormData?
    /// The field the problem is about, and the message.
    var problem: (field: String, message: String)?

    /// Put before every element id, so that several forms on one page may have fields of the
    /// same name (each child's form has a `registration`).
    var idPrefix = ""

    /// The widgets of one of several forms on a page: ids prefixed with `scope`, and the form
    /// that came back (with its problem) shown only in the form it came from (its hidden
    /// `form` field, `scopeField`, names it).
    func scoped(_ scope: String) -> Widgets {
        var copy = self
        copy.idPrefix = scope + "-"
        if form?.value("form") != scope { (copy.form, copy.problem) = (nil, nil) }
        return copy
    }

    /// The hidden field that says which form of the page was sent.
    static func scopeField(_ scope: String) -> HTML { "<input type=\"hidden\" name=\"form\" value=\"\(scope)\">" }

    func csrf(_ token: String) -> HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">" }

    private func errorLine(_ name: String) -> HTML {
        guard let problem, problem.field == name else { return .empty }
        return "<span class=\"error\" id=\"\(idPrefix)\(name)-error\">\(problem.message)</span>"
    }

    /// Whether the form came back with a problem in one of `names` (its section opens).
    func problemIs(in names: Set<String>) -> Bool { problem.map { names.contains($0.field) } ?? false }

    private func wrapClass(_ name: String) -> String { problem?.field == name ? "field invalid" : "field" }

    /// A text input; `value` is the current value (an edit form), replaced by what was typed.
    func text(_ name: String, _ label: String, value: String? = nil, type: String = "text", required: Bool = false,
              hint: String? = nil, autocomplete: String = "off") -> HTML {
        // A passphrase typed is never sent back to the browser.
        let shown = type == "password" ? "" : form.map { $0.raw(name) } ?? value ?? ""
        return """
            <div class="\(wrapClass(name))"><label for="\(idPrefix)\(name)">\(label)\(required ? " *" : "")</label>\(errorLine(name))
            <input type="\(type)" id="\(idPrefix)\(name)" name="\(name)" value="\(shown)" autocomplete="\(autocomplete)"\(required ? HTML(" required") : .empty)>\
            \(hint.map { (text: String) -> HTML in "<small class=\"muted\">\(text)</small>" } ?? .empty)</div>
            """
    }

    /// Several inputs of one repeated field (phones, other names).
    func repeated(_ name: String, _ label: String, count: Int) -> HTML {
        let typed = form?.fields.filter { $0.name == name }.map(\.value) ?? []
        let boxes = (0..<max(count, typed.count)).map { index -> HTML in
            let value = index < typed.count ? typed[index] : ""
            return "<input type=\"text\" name=\"\(name)\" value=\"\(value)\" autocomplete=\"off\" aria-label=\"\(label) \(index + 1)\">"
        }
        return "<div class=\"\(wrapClass(name))\"><label>\(label)</label>\(errorLine(name))\(boxes)</div>"
    }

    /// A file input (its contents never come back with a refused form).
    func file(_ name: String, _ label: String, required: Bool = false, hint: String? = nil) -> HTML {
        """
        <div class="\(wrapClass(name))"><label for="\(idPrefix)\(name)">\(label)\(required ? " *" : "")</label>\(errorLine(name))
        <input type="file" id="\(idPrefix)\(name)" name="\(name)"\(required ? HTML(" required") : .empty)>\
        \(hint.map { (text: String) -> HTML in "<small class=\"muted\">\(text)</small>" } ?? .empty)</div>
        """
    }

    func textarea(_ name: String, _ label: String, required: Bool = false) -> HTML {
        let shown = form?.raw(name) ?? ""
        return """
            <div class="\(wrapClass(name))"><label for="\(idPrefix)\(name)">\(label)\(required ? " *" : "")</label>\(errorLine(name))
            <textarea id="\(idPrefix)\(name)" name="\(name)" rows="4"\(required ? HTML(" required") : .empty)>\(shown)</textarea></div>
            """
    }

    /// A `<select>` of codes shown by their labels; `selected` is the current code.
    func select(_ name: String, _ label: String, options: [(code: String, label: String)], selected: String? = nil,
                required: Bool = false, blank: String? = nil) -> HTML {
        let chosen = form.map { $0.raw(name) } ?? selected ?? ""
        let empty: HTML = (blank ?? (required ? nil : "")).map { text -> HTML in "<option value=\"\">\(text)</option>" } ?? .empty
        let items = options.map { option -> HTML in
            "<option value=\"\(option.code)\"\(option.code == chosen ? HTML(" selected") : .empty)>\(option.label)</option>"
        }
        return """
            <div class="\(wrapClass(name))"><label for="\(idPrefix)\(name)">\(label)\(required ? " *" : "")</label>\(errorLine(name))
            <select id="\(idPrefix)\(name)" name="\(name)"\(required ? HTML(" required") : .empty)>\(empty)\(items)</select></div>
            """
    }

    /// Radio buttons for one question: one answer of several (an assessment's questions).
    func radios(_ name: String, _ label: String, options: [(code: String, label: String)], required: Bool = false) -> HTML {
        let chosen = form?.raw(name)
        let items = options.map { option -> HTML in
            "<label><input type=\"radio\" name=\"\(name)\" value=\"\(option.code)\"\(option.code == chosen ? HTML(" checked") : .empty)\(required ? HTML(" required") : .empty)> \(option.label)</label>"
        }
        return "<fieldset class=\"choice \(wrapClass(name))\"><legend>\(label)\(required ? " *" : "")</legend>\(errorLine(name))\(items)</fieldset>"
    }

    /// A problem of the whole form (no field of its own), shown where the form begins.
    func problemLine(_ name: String) -> HTML { errorLine(name) }

    /// Checkboxes for a code list (needs): several may be ticked.
    func checkboxes(_ name: String, _ label: String, options: [(code: String, label: String)], checked: Set<String> = []) -> HTML {
        let ticked = form.map { Set($0.values(name)) } ?? checked
        let items = options.map { option -> HTML in
            "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(option.code)\"\(ticked.contains(option.code) ? HTML(" checked") : .empty)> \(option.label)</label>"
        }
        return "<fieldset class=\"checks \(wrapClass(name))\"><legend>\(label)</legend>\(errorLine(name))\(items)</fieldset>"
    }

    /// A text input with the code list's labels offered as suggestions (province, country):
    /// the name may be typed without diacritics, as the CLI accepts.
    func typedCode(_ name: String, _ label: String, options: [(code: String, label: String)], value: String? = nil) -> HTML {
        let items = options.map { option -> HTML in "<option value=\"\(option.label)\"></option>" }
        let shown = form.map { $0.raw(name) } ?? value ?? ""
        return """
            <div class="\(wrapClass(name))"><label for="\(idPrefix)\(name)">\(label)</label>\(errorLine(name))
            <input type="text" id="\(idPrefix)\(name)" name="\(name)" list="\(idPrefix)\(name)-list" value="\(shown)" autocomplete="off">\
            <small class="muted">\(PageText.typeToChoose.text(lang))</small><datalist id="\(idPrefix)\(name)-list">\(items)</datalist></div>
            """
    }
}

extension CodeList {
    /// Codes with their labels in `lang`, in the policy's order.
    func options(_ lang: Language) -> [(code: String, label: String)] {
        entries.map { ($0.code, $0.label(lang)) }
    }
}
