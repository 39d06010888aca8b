import Foundation

/// JSON text for ``JSONValue``, both ways, on the hot paths (every frame, every stored object).
///
/// Parsing goes through Foundation's `JSONSerialization` and a conversion of its result, several times cheaper than
/// `JSONDecoder` through `Codable` (measured: 15 µs against 127 µs for a pod-create message); numbers keep
/// JSONDecoder's reading (an integral number that fits is an integer, `1.0` and `1e2` included; others are doubles).
/// Writing is compact (no whitespace), object keys sorted by their UTF-8 bytes, strings escaped minimally (`"`, `\`
/// and control characters), numbers as Go writes them.
enum JSONValueText {
    /// Parses JSON text (any value at the top level).
    static func parse(_ data: Data) throws -> JSONValue {
        let parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return try value(of: parsed)
    }

    private static func value(of parsed: Any) throws -> JSONValue {
        switch parsed {
        case let string as String:
            return .string(string)
        case let members as [String: Any]:
            var result: [String: JSONValue] = [:]
            result.reserveCapacity(members.count)
            for (key, member) in members { result[key] = try value(of: member) }
            return .object(result)
        case let elements as [Any]:
            return .array(try elements.map(value(of:)))
        case let number as NSNumber:
            return Self.number(number)
        case is NSNull:
            return .null
        default:
            throw DecodingError.dataCorrupted(.init(
                codingPath: [], debugDescription: "unexpected JSON value \(type(of: parsed))"))
        }
    }

    private static func number(_ number: NSNumber) -> JSONValue {
        let type = String(cString: number.objCType)
        if type == "c", String(describing: Swift.type(of: number)).contains("Boolean") { return .bool(number.boolValue) }
        switch type {
        case "d", "f":
            let double = number.doubleValue
            if let integer = Int64(exactly: double) { return .int(integer) }
            return .double(double)
        case "Q", "L", "I", "S", "C":
            let unsigned = number.uint64Value
            return unsigned <= UInt64(Int64.max) ? .int(Int64(unsigned)) : .double(number.doubleValue)
        default:
            return .int(number.int64Value)
        }
    }

    /// Compact JSON text.
    static func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let bool): out += (bool ? "true" : "false").utf8
        case .int(let integer): out += String(integer).utf8
        case .double(let double): out += (double.isFinite ? GoNumberFormat.formatJSON(double) : "null").utf8
        case .string(let string): writeString(string, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { utf8Precedes($0.key, $1.key) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whether `left` sorts before `right` by their UTF-8 bytes (memcmp on the contiguous bytes, not a walk of two
    /// `UTF8View` iterators: this runs for every pair of keys compared in every object written).
    static func utf8Precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { l in
            right.withUTF8 { r in
                let common = min(l.count, r.count)
                if common > 0, let lBase = l.baseAddress, let rBase = r.baseAddress {
                    let order = memcmp(lBase, rBase, common)
                    if order != 0 { return order < 0 }
                }
                return l.count < r.count
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy their bytes at once.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: string.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case UInt8(ascii: "\n"): out += #"\n"#.utf8
            case UInt8(ascii: "\r"): out += #"\r"#.utf8
            case UInt8(ascii: "\t"): out += #"\t"#.utf8
            case 0..<0x20:
                out += #"\u00"#.utf8
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
