extension JSONPath {
    /// kubectl's `RelaxedJSONPathExpression` (used by custom columns, `--sort-by` and `wait --for=jsonpath`):
    /// `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`; an empty expression stays empty. Pure.
    /// - Throws: ``JSONPathError/parse(_:)`` with kubectl's text for any other shape.
    static func relaxed(_ expression: String) throws(JSONPathError) -> String {
        guard !expression.isEmpty else { return expression }
        var body = Substring(expression)
        if body.hasPrefix("{") && body.hasSuffix("}") && body.count >= 2 {
            body = body.dropFirst().dropLast()
        }
        if body.hasPrefix(".") { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains("{"), !body.contains("}") else {
            throw .parse(
                "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
                    + "'{.name1.name2}'")
        }
        return "{.\(body)}"
    }
}
