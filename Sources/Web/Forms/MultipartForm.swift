import CaunoiCrypto
import Hummingbird

/// A `multipart/form-data` body: the attachment form, whose text fields become a `FormData`
/// and whose one file part (`file`) is read into wiping memory. Anything malformed refuses the
/// whole body, as `FormData` does; so do a second file, more fields than any form has, and a
/// body over the limit (the file's limit plus room for the fields).
struct MultipartForm: Sendable {
    struct UploadedFile: Sendable {
        /// The name the browser gave: personal (it is often her name), sealed if kept at all.
        let filename: String?
        let mediaType: String?
        let contents: SecureBytes
    }

    let fields: FormData
    let file: UploadedFile?

    static let fieldRoom = 64 * 1024

    static func read(_ request: Request, maximumFileBytes: Int) async throws(FormData.Refusal) -> MultipartForm {
        guard let type = request.headers[.contentType], let boundary = boundary(type) else { throw .malformed }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maximumFileBytes + fieldRoom) } catch { throw .tooLarge }
        return try MultipartForm(body: Array(buffer: buffer), boundary: boundary)
    }

    /// The boundary parameter of a `multipart/form-data` content type.
    static func boundary(_ contentType: String) -> String? {
        let parameters = Self.parameters(contentType)
        guard parameters.first?.lowercased() == "multipart/form-data",
              let value = parameters.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { return nil }
        let boundary = String(value).trimmingQuotes
        return (1...70).contains(boundary.utf8.count) ? boundary : nil
    }

    init(body: [UInt8], boundary: String) throws(FormData.Refusal) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard body.starts(with: delimiter) else { throw .malformed }
        var fields: [(name: String, value: String)] = []
        var file: UploadedFile?
        var position = delimiter.count
        while true {
            if body[position...].starts(with: [45, 45]) { break }  // "--": the last delimiter
            guard body[position...].starts(with: crlf) else { throw .malformed }
            position += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position),
                  let next = Self.find(crlf + delimiter, in: body, from: headerEnd + 4) else { throw .malformed }
            guard let headers = String(validating: body[position..<headerEnd], as: UTF8.self) else { throw .malformed }
            let (name, filename, mediaType) = try Self.describe(headers)
            let content = body[(headerEnd + 4)..<next]
            if let filename {
                guard name == "file", file == nil else { throw .malformed }
                file = UploadedFile(filename: filename.isEmpty ? nil : filename, mediaType: mediaType, contents: SecureBytes(copying: content))
            } else {
                guard let value = String(validating: content, as: UTF8.self), fields.count < FormData.maximumFields else { throw .malformed }
                fields.append((name, value))
            }
            position = next + 2 + delimiter.count
        }
        self.fields = FormData(fields: fields)
        self.file = file
    }

    /// The part's field name, file name (nil for a text field) and media type.
    private static func describe(_ headers: String) throws(FormData.Refusal) -> (String, String?, String?) {
        var name: String?
        var filename: String?
        var mediaType: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw .malformed }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch pair[0].lowercased() {
            case "content-disposition":
                let parameters = Self.parameters(value)
                guard parameters.first?.lowercased() == "form-data" else { throw .malformed }
                for parameter in parameters.dropFirst() {
                    if parameter.hasPrefix("name=") { name = String(parameter.dropFirst(5)).trimmingQuotes }
                    if parameter.hasPrefix("filename=") { filename = String(parameter.dropFirst(9)).trimmingQuotes }
                }
            case "content-type": mediaType = value
            default: continue
            }
        }
        guard let name, !name.isEmpty else { throw .malformed }
        return (name, filename, mediaType)
    }

    /// `value; a=b; c="d; e"` split at the semicolons outside quotes, each part trimmed.
    private static func parameters(_ header: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

private extension String {
    var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
