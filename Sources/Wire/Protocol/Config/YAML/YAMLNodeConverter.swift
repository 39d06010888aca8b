import KubeAPI
import Yams

/// Converts a composed Yams node tree into a ``JSONValue``, resolving plain scalars as go-yaml v2 does for
/// kubectl (see ``YAMLManifest``) and converting mapping keys to strings as sigs.k8s.io/yaml does.
struct YAMLNodeConverter {
    /// Tag given to implicit plain scalars so they can be told apart from quoted ones and explicit `!!str`.
    private static let implicitTag = Yams.Tag.Name(rawValue: "tag:kcluster.local,2026:implicit")

    /// Nodes converted so far; aliases are expanded, so this bounds "billion laughs" documents.
    private var budget = 5_000_000

    /// A resolver that leaves every implicit plain scalar for this converter to type.
    static func resolver() throws -> Yams.Resolver {
        try Yams.Resolver.basic.appending(implicitTag, "^")
    }

    mutating func convert(_ node: Yams.Node) throws -> JSONValue {
        budget -= 1
        guard budget > 0 else {
            throw YAMLManifestError(conversion: "yaml: document contains excessive aliasing")
        }
        switch node {
        case .scalar(let scalar):
            return try convertScalar(scalar.string, tag: Yams.Tag.Name(rawValue: node.tag.rawValue))
        case .sequence(let sequence):
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item)) }
            return .array(items)
        case .mapping(let mapping):
            return .object(try convertMapping(mapping))
        case .alias:
            throw YAMLManifestError(conversion: "yaml: unknown anchor referenced")
        }
    }

    private mutating func convertMapping(_ mapping: Yams.Node.Mapping) throws -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        var merged: [String: JSONValue] = [:]
        for (keyNode, valueNode) in mapping {
            if case .scalar(let s) = keyNode, s.string == "<<", keyNode.tag.rawValue == Self.implicitTag.rawValue {
                // Merge keys: earlier sources win over later ones; explicit keys win over all.
                let sources: [Yams.Node] = valueNode.sequence.map { Array($0) } ?? [valueNode]
                for source in sources {
                    guard case .object(let fields) = try convert(source) else {
                        throw YAMLManifestError(
                            conversion: "yaml: map merge requires map or sequence of maps as the value"
                        )
                    }
                    merged.merge(fields) { first, _ in first }
                }
                continue
            }
            members[try convertKey(keyNode)] = try convert(valueNode)
        }
        return members.merging(merged) { explicit, _ in explicit }
    }

    /// Keys become strings as sigs.k8s.io/yaml makes them: numbers and Booleans are printed, null and
    /// collections are rejected.
    private mutating func convertKey(_ node: Yams.Node) throws -> String {
        let key = try convert(node)
        switch key {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return GoNumberFormat.formatG(Double(Float(d)), yaml: true)
        case .bool(let b): return b ? "true" : "false"
        case .null: throw YAMLManifestError(conversion: "unsupported map key of type: <nil>, key: <nil>")
        case .array, .object:
            throw YAMLManifestError(conversion: "unsupported map key of type: \(key.jsonString())")
        }
    }

    private func convertScalar(_ text: String, tag: Yams.Tag.Name) throws -> JSONValue {
        switch tag {
        case Self.implicitTag: return try resolvePlain(text)
        case .str, .timestamp, .binary: return .string(text)
        case .null:
            return .null
        case .bool, .int, .float:
            let value = try resolvePlain(text)
            switch (tag, value) {
            case (.bool, .bool), (.int, .int), (.float, .double): return value
            case (.float, .int(let i)): return .double(Double(i))
            default:
                throw YAMLManifestError(
                    conversion: "yaml: cannot decode `\(text)` as a !!\(tag.rawValue.split(separator: ":").last ?? "")"
                )
            }
        default:
            return .string(text)
        }
    }

    private func resolvePlain(_ text: String) throws -> JSONValue {
        switch GoYAMLResolver.resolve(text) {
        case .string, .timestamp, .merge: return .string(text)
        case .yaml11Bool(let b): return .bool(b)  // go-yaml v2, as kubectl: yes/on/y are true (see YAMLManifest)
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .double(Double(u))
        case .float(let d):
            guard d.isFinite else {
                throw YAMLManifestError(conversion: "json: unsupported value: \(GoNumberFormat.formatG(d))")
            }
            return .double(d)
        }
    }
}
