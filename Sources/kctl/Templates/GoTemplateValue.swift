import KubeAPI
import Wire

/// A Go value as a template sees it: what kubectl's JSON decoding yields (`map[string]interface{}`,
/// `[]interface{}`, `string`, `bool`, `int64` for integers, `float64` otherwise), plus the `int` of template
/// literals and `len`, and the `uint8` of `index` on a string.
/// A nil element of a map or slice is a nil `interface{}`.
indirect enum GoValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int64, GoIntType)
    case byte(UInt8)
    case float(Double)
    case string(String)
    case slice([GoValue?])
    case map([String: GoValue?])

    enum GoIntType: String, Sendable {
        case int, int64
    }

    /// Go's name of the dynamic type (`%T`, error messages).
    var typeName: String {
        switch self {
        case .bool: "bool"
        case .int(_, let type): type.rawValue
        case .byte: "uint8"
        case .float: "float64"
        case .string: "string"
        case .slice: "[]interface {}"
        case .map: "map[string]interface {}"
        }
    }

    /// The value kubectl hands to the template engine for a JSON document: it marshals the object and decodes
    /// it again with apimachinery's `json.Unmarshal`, which keeps integers as `int64` (a number Go would print
    /// as an integer decodes as one) and other numbers as `float64`.
    init?(json: JSONValue) {
        switch json {
        case .null: return nil
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i, .int64)
        case .double(let d):
            if let i = Int64(GoNumberFormat.formatJSON(d)) {
                self = .int(i, .int64)
            } else {
                self = .float(d)
            }
        case .string(let s): self = .string(s)
        case .array(let a): self = .slice(a.map { GoValue(json: $0) })
        case .object(let o): self = .map(o.mapValues { GoValue(json: $0) })
        }
    }

    /// Keys of a map in Go's order for maps of strings (bytewise).
    static func sortedKeys(_ map: [String: GoValue?]) -> [String] {
        map.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}

/// A `reflect.Value`, as far as the template engine's behaviour depends on it: invalid (a missing map key), a
/// concrete value, or a value of static type `interface{}` (an element of a map or slice), which may be nil.
struct GoReflectValue: Sendable, Equatable {
    var value: GoValue?
    var isInterface: Bool

    static let invalid = GoReflectValue(value: nil, isInterface: false)

    static func concrete(_ value: GoValue) -> GoReflectValue { GoReflectValue(value: value, isInterface: false) }

    /// A map or slice element: an `interface{}` holding `value` (nil for JSON null).
    static func element(_ value: GoValue?) -> GoReflectValue { GoReflectValue(value: value, isInterface: true) }

    var isValid: Bool { value != nil || isInterface }

    /// A nil `interface{}`.
    var isNilInterface: Bool { isInterface && value == nil }

    /// The concrete value inside an interface; invalid for a nil one (Go's `indirectInterface`).
    var indirectInterface: GoReflectValue { isInterface ? GoReflectValue(value: value, isInterface: false) : self }

    /// Go's `Type().String()` (only meaningful when valid).
    var typeName: String { isInterface ? "interface {}" : value?.typeName ?? "<nil>" }

    /// The value as an `interface{}` argument (nil for an invalid value or a nil interface).
    var any: GoValue? { value }
}
