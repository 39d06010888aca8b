/// Which protobuf field of a Kubernetes message is which JSON member: for each message (by its short name, e.g.
/// `DeploymentSpec`), field number → JSON name, type, shape and whether a zero is kept (a Go pointer field, which is
/// written only when set). The data is ``table`` (one message per line, continued on indented lines):
/// `NUMBER NAME TYPE` separated by `;`, where TYPE is `s` string, `y` bytes, `b` bool, `i` int32, `l` int64,
/// `d` double, `t` Time, `m` MicroTime, `q` Quantity, `o` IntOrString, `r` raw JSON (RawExtension, FieldsV1) or
/// `.Message`, prefixed by `*` (repeated), `{` (map from string) or `^` (embedded: its members are the parent's),
/// and suffixed by `!` for a pointer field. Pure.
enum ProtobufSchema {
    /// A field's type.
    enum FieldType: Sendable, Equatable, CustomStringConvertible {
        case string, bytes, bool, int32, int64, double, time, microTime, quantity, intOrString, rawJSON
        case message(String)

        var isVarint: Bool { self == .bool || self == .int32 || self == .int64 }

        var description: String {
            if case .message(let name) = self { return name }
            return "\(self)"
        }
    }

    /// How a field's values make up its JSON member.
    enum Shape: Sendable, Equatable {
        case single, repeated, map, inline
    }

    /// One field.
    struct Field: Sendable, Equatable {
        var name: String
        var type: FieldType
        var shape: Shape
        var keepsZero: Bool
    }

    /// The kinds a protobuf body may hold (each described in ``table`` with every message it contains).
    static let objectKinds: Set<String> = [
        "ConfigMap", "Secret", "Namespace", "Service", "Deployment", "DaemonSet", "ReplicaSet", "Pod",
        "PodDisruptionBudget", "PriorityClass",
        "ServiceAccount", "TokenRequest",
    ]

    /// The fields of the message `name` by number, nil for a message not described.
    static func message(_ name: String) -> [Int: Field]? { messages[name] }

    static let messages: [String: [Int: Field]] = parse(table + "\n" + networkingTable + "\n" + rbacTable + "\n" + batchTable)

    /// The messages ``table``-format text describes (lines that do not parse are skipped; tests check the table).
    static func parse(_ text: String) -> [String: [Int: Field]] {
        var messages: [String: [Int: Field]] = [:]
        var current = ""
        for line in text.split(separator: "\n") {
            var specs = Substring(line)
            if !line.hasPrefix(" ") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                current = String(line[..<colon])
                if messages[current] == nil { messages[current] = [:] }
                specs = line[line.index(after: colon)...]
            }
            for spec in specs.split(separator: ";") {
                let parts = spec.split(separator: " ")
                guard parts.count == 3, let number = Int(parts[0]), let field = field(String(parts[1]), parts[2]) else { continue }
                messages[current, default: [:]][number] = field
            }
        }
        return messages
    }

    private static func field(_ name: String, _ code: Substring) -> Field? {
        var code = code
        var shape = Shape.single
        switch code.first {
        case "*": shape = .repeated
        case "{": shape = .map
        case "^": shape = .inline
        default: break
        }
        if shape != .single { code = code.dropFirst() }
        let keepsZero = code.hasSuffix("!")
        if keepsZero { code = code.dropLast() }
        let type: FieldType
        switch code {
        case "s": type = .string
        case "y": type = .bytes
        case "b": type = .bool
        case "i": type = .int32
        case "l": type = .int64
        case "d": type = .double
        case "t": type = .time
        case "m": type = .microTime
        case "q": type = .quantity
        case "o": type = .intOrString
        case "r": type = .rawJSON
        case _ where code.hasPrefix(".") && code.count > 1: type = .message(String(code.dropFirst()))
        default: return nil
        }
        return Field(name: name, type: type, shape: shape, keepsZero: keepsZero)
    }
}
