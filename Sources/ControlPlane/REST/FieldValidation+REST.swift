import KubeAPI
import Wire

extension FieldValidation {
    /// The field validation of a REST write: the directive of the `fieldValidation` query value, and what the body's
    /// text says about repeated keys. Nil for a request that writes no object (only create, update and patch do).
    /// - Throws: 400 for a directive Kubernetes does not know.
    static func forREST(_ request: Request, directive value: String?, body: [UInt8]) throws -> FieldValidation? {
        guard [.create, .update, .patch].contains(request.verb) else { return nil }
        let directive = try directive(value)
        // Only a JSON text is scanned (a YAML body's keys cannot be told apart from here).
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return FieldValidation(directive, body: .unscanned) }
        let scan = JSONFieldScan(body)
        switch (request.verb, request.patchType) {
        case (.patch, .json?): return FieldValidation(directive, body: .jsonPatch(scan))
        case (.patch, _): return FieldValidation(directive, body: .patch(scan))
        default: return FieldValidation(directive, body: .object(scan))
        }
    }

    /// A warning as the `Warning` response header carries it (RFC 7234: code 299, no agent, the quoted text), which
    /// client-go hands to kubectl to print as `Warning: <text>`.
    static func warningHeader(_ text: String) -> String {
        "299 - " + GoQuote.quote(text)
    }
}
