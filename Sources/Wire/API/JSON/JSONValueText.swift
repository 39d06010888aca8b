import Foundation

/// JSON text for ``JSONValue``, both ways, on the hot paths (every frame, every stored object).
///
/// Parsing is ``JSONTextParser``'s, straight from the bytes into ``JSONValue`` (it reads what Foundation's
/// `JSONSerialization` reads, at a fraction of its cost and of `JSONDecoder`'s); numbers keep JSONDecoder's reading (an
/// integral number that fits is an integer, `1.0` and `1e2` included; others are doubles).
/// Writing is compact (no whitespace), object keys sorted by their UTF-8 bytes, strings escaped minimally (`"`, `\`
/// and control characters), numbers as Go writes them.
enum JSONValueText {
    /// Parses JSON text (any value at the top level); see ``JSONTextParser``.
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONTextParser.parse(data)
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
            // Objects of up to two members (most of a managedFields entry's FieldsV1: `{}` leaves, one field, a
            // field and `.`) are written without copying them into a sorted array.
            if members.count <= 2 {
                var iterator = members.makeIterator()
                if let first = iterator.next() {
                    if let second = iterator.next() {
                        let (one, two) = utf8Precedes(second.key, first.key) ? (second, first) : (first, second)
                        writeMember(one.key, one.value, into: &out)
                        out.append(UInt8(ascii: ","))
                        writeMember(two.key, two.value, into: &out)
                    } else {
                        writeMember(first.key, first.value, into: &out)
                    }
                }
            } else {
                let sorted = members.sorted { utf8Precedes($0.key, $1.key) }
                for (index, member) in sorted.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    writeMember(member.key, member.value, into: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeMember(_ key: String, _ value: JSONValue, into out: inout [UInt8]) {
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        write(value, into: &out)
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
        var string = string
        string.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            // Runs of bytes that need no escaping are copied at once.
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "\n"): out += #"\n"#.utf8
                case UInt8(ascii: "\r"): out += #"\r"#.utf8
                case UInt8(ascii: "\t"): out += #"\t"#.utf8
                default:
                    out += #"\u00"#.utf8
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(UInt8(ascii: "\""))
        }
    }
}
