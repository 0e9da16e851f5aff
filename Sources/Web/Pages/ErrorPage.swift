import Cases
import Hummingbird
import Views

/// The pages for what cannot be shown: 403 and 404 say nothing of the record asked for, a
/// failed integrity check names the record id only, anything else says nothing technical.
enum ErrorPage {
    static func response(_ status: HTTPResponse.Status, lang: Language, signedIn: SignedIn? = nil, body: PageText? = nil) -> Response {
        let (title, text): (PageText, PageText) = switch status.code {
        case 403: (.forbiddenTitle, body ?? .forbiddenBody)
        case 404: (.notFoundTitle, body ?? .notFoundBody)
        default: (.errorTitle, body ?? .errorTitle)
        }
        let page = Layout(lang: lang, signedIn: signedIn).page(title.text(lang), "<p>\(text.text(lang))</p>")
        return PageResponse.html(page, status: status)
    }
}

/// How pages leave the server: HTML in UTF-8, never cached (they may show personal data).
enum PageResponse {
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// A file to save, never to show: served as bytes under a name that says nothing of her,
    /// whatever it holds (a file shown in the page's origin could be made to run).
    static func download(_ bytes: [UInt8], name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/octet-stream", .cacheControl: "no-store",
                                        .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// 303 to `location` (after a POST, and for a page that needs a login).
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }
}
