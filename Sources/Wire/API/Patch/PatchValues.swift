/// Small value helpers shared by the patch implementations.
enum PatchValues {
    /// JSON equality: numbers compare by value (`3` equals `3.0`), objects by members, arrays element-wise.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
        default: return a == b
        }
    }

    /// Optional JSON equality (a missing value equals only a missing value), as Go compares `interface{}` values.
    static func equal(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return equal(x, y)
        default: return false
        }
    }

    /// The kind of a value as Go's `reflect.TypeOf` sees decoded JSON (numbers are one kind).
    enum Kind: Equatable {
        case null, bool, number, string, array, object
    }

    static func kind(_ v: JSONValue) -> Kind {
        switch v {
        case .null: return .null
        case .bool: return .bool
        case .int, .double: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    /// A scalar formatted as Go's `fmt.Sprintf("%v", v)` formats decoded JSON, used to sort merge keys.
    static func goString(_ v: JSONValue?) -> String {
        switch v {
        case nil, .null?: return "<nil>"
        case .bool(let b)?: return b ? "true" : "false"
        case .int(let i)?: return GoNumberFormat.formatG(Double(i))
        case .double(let d)?: return GoNumberFormat.formatG(d)
        case .string(let s)?: return s
        case .array(let items)?: return "[" + items.map { goString($0) }.joined(separator: " ") + "]"
        case .object(let members)?:
            let keys = members.keys.sorted(by: goLess)
            return "map[" + keys.map { "\($0):\(goString(members[$0]))" }.joined(separator: " ") + "]"
        }
    }

    /// Go's string order: by UTF-8 bytes.
    static func goLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A stable sort (equal elements keep their order).
    static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// A value as Go's `%v` prints it, for error messages worded as apimachinery's.
    static func describe(_ v: JSONValue) -> String { goString(v) }
}
