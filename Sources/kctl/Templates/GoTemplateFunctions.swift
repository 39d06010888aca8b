import Foundation
import KubeAPI
import Wire

/// The functions a kubectl go-template can call: Go's builtins (`and or not len index slice eq ne lt le gt ge
/// print printf println html js urlquery call`) and kubectl's `exists` and `base64decode`, with Go's argument
/// checks and error texts.
enum GoTemplateFunctions {
    /// How an argument is passed: as a `reflect.Value` (as is), as an `interface{}`, or as a `string`.
    enum Parameter: Sendable {
        case value, any, string
    }

    struct Signature: Sendable {
        var fixed: [Parameter]
        var variadic: Parameter?
    }

    /// A function's failure (`error calling len: ...` around it).
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static let signatures: [String: Signature] = [
        "and": Signature(fixed: [.value], variadic: .value),
        "or": Signature(fixed: [.value], variadic: .value),
        "not": Signature(fixed: [.value]),
        "len": Signature(fixed: [.value]),
        "index": Signature(fixed: [.value], variadic: .value),
        "slice": Signature(fixed: [.value], variadic: .value),
        "call": Signature(fixed: [.value], variadic: .value),
        "eq": Signature(fixed: [.value], variadic: .value),
        "ne": Signature(fixed: [.value, .value]),
        "lt": Signature(fixed: [.value, .value]),
        "le": Signature(fixed: [.value, .value]),
        "gt": Signature(fixed: [.value, .value]),
        "ge": Signature(fixed: [.value, .value]),
        "print": Signature(fixed: [], variadic: .any),
        "println": Signature(fixed: [], variadic: .any),
        "printf": Signature(fixed: [.string], variadic: .any),
        "html": Signature(fixed: [], variadic: .any),
        "js": Signature(fixed: [], variadic: .any),
        "urlquery": Signature(fixed: [], variadic: .any),
        // kubectl's additions.
        "exists": Signature(fixed: [.any], variadic: .any),
        "base64decode": Signature(fixed: [.string]),
    ]

    static var names: Set<String> { Set(signatures.keys) }

    /// Calls `name` (any function but `and`, `or` and `call`, which the evaluator handles) on evaluated arguments.
    static func call(_ name: String, _ args: [GoReflectValue]) throws(Failure) -> GoReflectValue {
        switch name {
        case "not": return .concrete(.bool(!truth(args[0])))
        case "len": return .concrete(.int(Int64(try length(args[0])), .int))
        case "index": return try index(args[0], Array(args.dropFirst()))
        case "slice": return try slice(args[0], Array(args.dropFirst()))
        case "eq": return .concrete(.bool(try equal(args[0], Array(args.dropFirst()))))
        case "ne": return .concrete(.bool(!(try equal(args[0], [args[1]]))))
        case "lt": return .concrete(.bool(try less(args[0], args[1])))
        case "le": return .concrete(.bool(try lessOrEqual(args[0], args[1])))
        case "gt": return .concrete(.bool(!(try lessOrEqual(args[0], args[1]))))
        case "ge": return .concrete(.bool(!(try less(args[0], args[1]))))
        case "print": return .concrete(.string(GoFmt.sprint(args.map(\.any))))
        case "println": return .concrete(.string(GoFmt.sprintln(args.map(\.any))))
        case "printf":
            guard case .string(let format) = args[0].value else { throw Failure("printf needs a format string") }
            return .concrete(.string(GoFmt.sprintf(format, args.dropFirst().map(\.any))))
        case "html": return .concrete(.string(htmlEscape(evalArgs(args))))
        case "js": return .concrete(.string(jsEscape(evalArgs(args))))
        case "urlquery": return .concrete(.string(queryEscape(evalArgs(args))))
        case "exists": return .concrete(.bool(exists(args[0].any, args.dropFirst().map(\.any))))
        case "base64decode":
            guard case .string(let text) = args[0].value else { throw Failure("base64decode needs a string") }
            return .concrete(.string(try base64Decode(text)))
        default:
            throw Failure("\(GoQuote.quote(name)) is not a defined function")
        }
    }

    // MARK: - Truth

    /// Go's `isTrue` on the concrete value: the zero value of its type (or a missing value) is false.
    static func isTrue(_ v: GoReflectValue) -> Bool {
        switch v.value {
        case nil: false
        case .bool(let b): b
        case .int(let i, _): i != 0
        case .byte(let b): b != 0
        case .float(let d): d != 0
        case .string(let s): !s.isEmpty
        case .slice(let a): !a.isEmpty
        case .map(let m): !m.isEmpty
        }
    }

    static func truth(_ v: GoReflectValue) -> Bool { isTrue(v.indirectInterface) }

    /// Go's `indirect`: through an interface; `isNil` for a nil one.
    static func indirect(_ v: GoReflectValue) -> (GoReflectValue, isNil: Bool) {
        guard v.isInterface else { return (v, false) }
        guard let value = v.value else { return (v, true) }
        return (.concrete(value), false)
    }

    // MARK: - len, index, slice

    static func length(_ item: GoReflectValue) throws(Failure) -> Int {
        let (v, isNil) = indirect(item)
        if isNil { throw Failure("len of nil pointer") }
        switch v.value {
        case nil: throw Failure("reflect: call of reflect.Value.Type on zero Value")
        case .string(let s): return s.utf8.count
        case .slice(let a): return a.count
        case .map(let m): return m.count
        default: throw Failure("len of type \(v.typeName)")
        }
    }

    private static func indexArgument(_ index: GoReflectValue, cap: Int) throws(Failure) -> Int {
        let x: Int64
        switch index.value {
        case .int(let i, _) where !index.isInterface: x = i
        case .byte(let b) where !index.isInterface: x = Int64(b)
        default:
            if !index.isValid { throw Failure("cannot index slice/array with nil") }
            throw Failure("cannot index slice/array with type \(index.typeName)")
        }
        if x < 0 || x > Int64(cap) { throw Failure("index out of range: \(x)") }
        return Int(x)
    }

    static func index(_ item: GoReflectValue, _ indexes: [GoReflectValue]) throws(Failure) -> GoReflectValue {
        var item = item.indirectInterface
        guard item.isValid else { throw Failure("index of untyped nil") }
        for rawIndex in indexes {
            let index = rawIndex.indirectInterface
            let (v, isNil) = indirect(item)
            if isNil { throw Failure("index of nil pointer") }
            item = v
            switch item.value {
            case .slice(let a):
                let x = try indexArgument(index, cap: a.count)
                guard x < a.count else { throw Failure("reflect: slice index out of range") }
                item = .element(a[x])
            case .string(let s):
                let bytes = Array(s.utf8)
                let x = try indexArgument(index, cap: bytes.count)
                guard x < bytes.count else { throw Failure("reflect: string index out of range") }
                item = .concrete(.byte(bytes[x]))
            case .map(let m):
                guard index.isValid else { throw Failure("value is nil; should be of type string") }
                guard case .string(let key) = index.value else {
                    throw Failure("value has type \(index.typeName); should be string")
                }
                item = .element(m[key] ?? nil)
            default:
                throw Failure("can't index item of type \(item.typeName)")
            }
        }
        return item
    }

    static func slice(_ item: GoReflectValue, _ indexes: [GoReflectValue]) throws(Failure) -> GoReflectValue {
        let item = item.indirectInterface
        guard item.isValid else { throw Failure("slice of untyped nil") }
        if indexes.count > 3 { throw Failure("too many slice indexes: \(indexes.count)") }
        let length: Int
        switch item.value {
        case .string(let s):
            if indexes.count == 3 { throw Failure("cannot 3-index slice a string") }
            length = s.utf8.count
        case .slice(let a):
            length = a.count
        default:
            throw Failure("can't slice item of type \(item.typeName)")
        }
        var bounds = [0, length, 0]
        for (i, index) in indexes.enumerated() { bounds[i] = try indexArgument(index, cap: length) }
        if bounds[0] > bounds[1] { throw Failure("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3 && bounds[1] > bounds[2] {
            throw Failure("invalid slice index: \(bounds[1]) > \(bounds[2])")
        }
        switch item.value {
        case .string(let s):
            return .concrete(.string(String(decoding: Array(s.utf8)[bounds[0]..<bounds[1]], as: UTF8.self)))
        case .slice(let a):
            return .concrete(.slice(Array(a[bounds[0]..<bounds[1]])))
        default:
            return item
        }
    }

    // MARK: - Comparison

    private enum BasicKind {
        case invalid, bool, int, uint, float, string
    }

    private static func basicKind(_ v: GoReflectValue) -> BasicKind {
        switch v.value {
        case .bool: .bool
        case .int: .int
        case .byte: .uint
        case .float: .float
        case .string: .string
        default: .invalid
        }
    }

    private static func intValue(_ v: GoReflectValue) -> Int64 {
        if case .int(let i, _) = v.value { return i }
        return 0
    }

    private static func uintValue(_ v: GoReflectValue) -> UInt64 {
        if case .byte(let b) = v.value { return UInt64(b) }
        return 0
    }

    static func equal(_ first: GoReflectValue, _ others: [GoReflectValue]) throws(Failure) -> Bool {
        let a1 = first.indirectInterface
        guard !others.isEmpty else { throw Failure("missing argument for comparison") }
        let k1 = basicKind(a1)
        for other in others {
            let a2 = other.indirectInterface
            let k2 = basicKind(a2)
            var truth = false
            if k1 != k2 {
                if k1 == .int && k2 == .uint {
                    truth = intValue(a1) >= 0 && UInt64(intValue(a1)) == uintValue(a2)
                } else if k1 == .uint && k2 == .int {
                    truth = intValue(a2) >= 0 && uintValue(a1) == UInt64(intValue(a2))
                } else if a1.isValid && a2.isValid {
                    throw Failure("incompatible types for comparison: \(a1.typeName) and \(a2.typeName)")
                }
            } else {
                switch (a1.value, a2.value) {
                case (.bool(let x), .bool(let y)): truth = x == y
                case (.int(let x, _), .int(let y, _)): truth = x == y
                case (.byte(let x), .byte(let y)): truth = x == y
                case (.float(let x), .float(let y)): truth = x == y
                case (.string(let x), .string(let y)): truth = x.utf8.elementsEqual(y.utf8)
                case (nil, _), (_, nil):
                    truth = !a1.isValid && !a2.isValid
                case (.map, .slice), (.slice, .map):
                    throw Failure(
                        "non-comparable types \(GoFmt.sprintf("%s", [a1.value])): \(a1.typeName), \(a2.typeName): "
                            + GoFmt.value(a2.value))
                default:
                    throw Failure("non-comparable type \(GoFmt.sprintf("%s", [a2.value])): \(a2.typeName)")
                }
            }
            if truth { return true }
        }
        return false
    }

    static func less(_ first: GoReflectValue, _ second: GoReflectValue) throws(Failure) -> Bool {
        let a1 = first.indirectInterface
        let k1 = basicKind(a1)
        if k1 == .invalid { throw Failure("invalid type for comparison") }
        let a2 = second.indirectInterface
        let k2 = basicKind(a2)
        if k2 == .invalid { throw Failure("invalid type for comparison") }
        if k1 != k2 {
            if k1 == .int && k2 == .uint { return intValue(a1) < 0 || UInt64(intValue(a1)) < uintValue(a2) }
            if k1 == .uint && k2 == .int { return intValue(a2) >= 0 && uintValue(a1) < UInt64(intValue(a2)) }
            throw Failure("incompatible types for comparison: \(a1.typeName) and \(a2.typeName)")
        }
        switch (a1.value, a2.value) {
        case (.int(let x, _), .int(let y, _)): return x < y
        case (.byte(let x), .byte(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        default: throw Failure("invalid type for comparison")
        }
    }

    static func lessOrEqual(_ first: GoReflectValue, _ second: GoReflectValue) throws(Failure) -> Bool {
        if try less(first, second) { return true }
        return try equal(first, [second])
    }

    // MARK: - Escaping

    /// Go's `evalArgs`: one string as is, else `fmt.Sprint` of the arguments (nil ones as `<no value>`).
    static func evalArgs(_ args: [GoReflectValue]) -> String {
        if args.count == 1, case .string(let s) = args[0].value { return s }
        return GoFmt.sprint(args.map { $0.value ?? .string("<no value>") })
    }

    static func htmlEscape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\0": out += "\u{FFFD}"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func jsEscape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + GoQuote.hex(scalar.value, width: 2).uppercased()
                } else if scalar.value >= 0x80 && !GoQuote.isPrint(scalar) {
                    out += "\\u" + GoQuote.hex(scalar.value, width: 4).uppercased()
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `url.QueryEscape`.
    static func queryEscape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%" + GoQuote.hex(UInt32(byte), width: 2).uppercased()
            }
        }
        return out
    }

    // MARK: - kubectl's functions

    /// kubectl's `exists`: whether `index item indices...` would find something non-nil.
    static func exists(_ item: GoValue?, _ indices: [GoValue?]) -> Bool {
        var v: GoReflectValue = item.map { .concrete($0) } ?? .invalid
        for index in indices {
            let (current, isNil) = indirect(v)
            if isNil { return false }
            v = current
            var position: Int64?
            switch index {
            case .int(let i, _): position = i
            case .byte(let b): position = Int64(b)
            default: position = nil
            }
            switch v.value {
            case .slice(let a):
                guard let x = position, x >= 0, x < Int64(a.count) else { return false }
                v = .element(a[Int(x)])
            case .string(let s):
                let bytes = Array(s.utf8)
                guard let x = position, x >= 0, x < Int64(bytes.count) else { return false }
                v = .concrete(.byte(bytes[Int(x)]))
            case .map(let m):
                let key: String
                switch index {
                case nil: key = ""
                case .string(let s): key = s
                default: return false
                }
                v = .element(m[key] ?? nil)
            default:
                return false
            }
        }
        return !indirect(v).isNil
    }

    /// kubectl's `base64decode`: standard base64 with padding (line breaks ignored), errors as Go reports them.
    static func base64Decode(_ text: String) throws(Failure) -> String {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        var si = 0
        while si < src.count {
            let (next, bytes, error) = decodeQuantum(src, si)
            out += bytes
            si = next
            if let error { throw Failure("base64 decode failed: illegal base64 data at input byte \(error)") }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func base64Value(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    /// One 4-character quantum from `si`: the next position, the decoded bytes, and the offset of an error.
    private static func decodeQuantum(_ src: [UInt8], _ start: Int) -> (Int, [UInt8], Int?) {
        let newline = { (b: UInt8) in b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") }
        let pad = UInt8(ascii: "=")
        var si = start
        var buffer: [UInt32] = [0, 0, 0, 0]
        var length = 4
        var error: Int?
        var j = 0
        quantum: while j < 4 {
            if si == src.count {
                if j == 0 { return (si, [], nil) }
                return (si, [], si - j)
            }
            let byte = src[si]
            si += 1
            if let value = base64Value(byte) {
                buffer[j] = value
                j += 1
                continue
            }
            if newline(byte) { continue }
            guard byte == pad else { return (si, [], si - 1) }
            switch j {
            case 0, 1:
                return (si, [], si - 1)
            case 2:
                while si < src.count && newline(src[si]) { si += 1 }
                if si == src.count { return (si, [], src.count) }
                if src[si] != pad { return (si, [], si - 1) }
                si += 1
            default:
                break
            }
            while si < src.count && newline(src[si]) { si += 1 }
            if si < src.count { error = si }
            length = j
            break quantum
        }
        let value = buffer[0] << 18 | buffer[1] << 12 | buffer[2] << 6 | buffer[3]
        let bytes = [UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
        return (si, Array(bytes.prefix(length - 1)), error)
    }
}
