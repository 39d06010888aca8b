import KubeAPI

extension JSONPath {
    /// `-o jsonpath-as-json=...`: each result group (one per text or action evaluated, ranges expanded) printed
    /// as a JSON array indented by four spaces and followed by a newline, as client-go's JSONPath does with
    /// `EnableJSONOutput`.
    static func renderAsJSON(template: String, on value: JSONValue) throws(JSONPathError) -> String {
        try JSONPath(template).results(on: value).map { JSONPrinter.print(.array($0)) }.joined()
    }
}
