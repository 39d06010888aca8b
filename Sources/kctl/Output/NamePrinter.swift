import KubeAPI
import Wire

/// kubectl's name printer (`-o name`, and the `<kind>/<name> <operation>` lines of mutating commands).
enum NamePrinter {
    /// `daemonset.apps/filebeat-ds`, `pod/x`, `service/redis`, `node/n1` for a manifest kind and a name.
    ///
    /// Kinds the API does not serve fall back to the lower-cased kind, qualified by the group of `apiVersion`.
    static func qualifiedName(kind: String, name: String, apiVersion: String? = nil) -> String {
        if let known = ResourceKind.lookUp(kind: kind) { return "\(known.printName)/\(name)" }
        let group = apiVersion.flatMap { $0.contains("/") ? String($0.prefix { $0 != "/" }) : nil } ?? ""
        return group.isEmpty ? "\(kind.lowercased())/\(name)" : "\(kind.lowercased()).\(group)/\(name)"
    }

    /// The `-o name` line of one object, from its `kind`, `apiVersion` and `metadata.name` (`kind` may be
    /// supplied when the object lacks it, as items of a list often do).
    static func name(of object: JSONValue, kind: String? = nil) -> String {
        let o = JSONFields(object)
        let kind = o.string("kind").flatMap { $0.isEmpty ? nil : $0 } ?? kind ?? ""
        return qualifiedName(kind: kind, name: o.name, apiVersion: o.string("apiVersion"))
    }

    /// `-o name` output: one line per object, each ending in `"\n"`.
    static func render(objects: [JSONValue], kind: String? = nil) -> String {
        objects.map { name(of: $0, kind: kind) + "\n" }.joined()
    }

    /// A mutating command's line: `daemonset.apps/filebeat-ds created` (without a trailing newline).
    static func line(kind: String, name: String, operation: String) -> String {
        let qualified = qualifiedName(kind: kind, name: name)
        return operation.isEmpty ? qualified : "\(qualified) \(operation)"
    }
}
