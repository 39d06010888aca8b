import Foundation

/// One step of a path to a field, as server-side apply names them (structured-merge-diff's `PathElement`): a
/// field of a map, an item of a keyed list (its key fields), a value of a set list, or an item of a list that
/// has neither (by position).
public enum FieldPathElement: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A map field: `f:name` in `FieldsV1`, `.name` in a path.
    case field(String)
    /// An item of an associative list, by its key fields: `k:{"name":"x"}`, `[name="x"]`.
    case key([String: JSONValue])
    /// A member of a set list: `v:"x"`, `[="x"]`.
    case value(JSONValue)
    /// An item by position: `i:0`, `[0]`.
    case index(Int)

    /// The element's key in a `FieldsV1` document.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields): return "k:" + JSONValue.object(fields).jsonString()
        case .value(let value): return "v:" + value.jsonString()
        case .index(let index): return "i:\(index)"
        }
    }

    /// Reads a `FieldsV1` key (`f:…`, `k:…`, `v:…`, `i:…`); nil for anything else (`.` included).
    public init?(fieldsV1Key key: String) {
        guard key.count >= 2, key.dropFirst().first == ":" else { return nil }
        let body = String(key.dropFirst(2))
        switch key.first {
        case "f":
            self = .field(body)
        case "k":
            guard let value = try? JSONValue(jsonData: Data(body.utf8)), let fields = value.objectValue else { return nil }
            self = .key(fields)
        case "v":
            guard let value = try? JSONValue(jsonData: Data(body.utf8)) else { return nil }
            self = .value(value)
        case "i":
            guard let index = Int(body) else { return nil }
            self = .index(index)
        default:
            return nil
        }
    }

    /// The element as Kubernetes prints it in a path: `.replicas`, `[name="redis"]`, `[="x"]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields):
            let parts = fields.keys.sorted().map { "\($0)=\(fields[$0, default: .null].jsonString())" }
            return "[" + parts.joined(separator: ",") + "]"
        case .value(let value): return "[=\(value.jsonString())]"
        case .index(let index): return "[\(index)]"
        }
    }

    /// Fields, then keys, then values, then indexes; within a sort, by their `FieldsV1` text.
    public static func < (lhs: FieldPathElement, rhs: FieldPathElement) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        if case .index(let l) = lhs, case .index(let r) = rhs { return l < r }
        return lhs.fieldsV1Key < rhs.fieldsV1Key
    }

    private var rank: Int {
        switch self {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }

    /// A whole path as Kubernetes prints it: `.spec.template.spec.containers[name="redis"].image`.
    public static func text(of path: [FieldPathElement]) -> String {
        path.map(\.description).joined()
    }
}
