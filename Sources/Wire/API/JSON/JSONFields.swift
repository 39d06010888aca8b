/// Read-only, forgiving accessors over an API object held as JSON, for the table builders and
/// kctl's printers.
///
/// Printers work on whatever the server returns (like kubectl's unstructured printing), so every accessor tolerates
/// missing fields and wrong types by returning `nil`, an empty collection, or a default.
public struct JSONFields: Sendable {
    /// The wrapped value.
    public let json: JSONValue

    public init(_ json: JSONValue) { self.json = json }

    /// The value at a path of object keys.
    public func value(_ path: String...) -> JSONValue? { json[path: path] }

    /// The string at a path, or `nil`.
    public func string(_ path: String...) -> String? { json[path: path]?.stringValue }

    /// The integer at a path, or `nil`.
    public func int(_ path: String...) -> Int64? { json[path: path]?.intValue }

    /// The Boolean at a path, or `nil`.
    public func bool(_ path: String...) -> Bool? { json[path: path]?.boolValue }

    /// The array at a path, or `[]`.
    public func array(_ path: String...) -> [JSONValue] { json[path: path]?.arrayValue ?? [] }

    /// The string-to-string map at a path (non-string values are skipped), or `[:]`.
    public func stringMap(_ path: String...) -> [String: String] {
        guard let members = json[path: path]?.objectValue else { return [:] }
        return members.compactMapValues(\.stringValue)
    }

    /// `metadata.name`, or `""`.
    public var name: String { string("metadata", "name") ?? "" }

    /// `metadata.namespace`, or `""`.
    public var namespace: String { string("metadata", "namespace") ?? "" }

    /// `metadata.labels`.
    public var labels: [String: String] { stringMap("metadata", "labels") }

    /// `metadata.creationTimestamp`.
    public var creationTimestamp: String? { string("metadata", "creationTimestamp") }

    /// A non-empty string at a path, else `fallback`.
    public func nonEmpty(_ path: String..., or fallback: String) -> String {
        guard let s = json[path: path]?.stringValue, !s.isEmpty else { return fallback }
        return s
    }

    /// The integer at a path printed in decimal, `0` when absent.
    public func count(_ path: String...) -> String {
        String(json[path: path]?.intValue ?? 0)
    }
}
