import Wire

/// The hash that names a DaemonSet's ControllerRevisions and labels its pods (`controller-revision-hash`).
///
/// FNV-32a over the canonical JSON of the template patch (object keys sorted by their UTF-8 bytes, no
/// whitespace), followed by the collision count as 4 little-endian bytes when the DaemonSet has one; the
/// 32-bit value is written in decimal and each digit mapped through Kubernetes' safe alphabet
/// (`rand.SafeEncodeString`), so hashes look like `6d4bcf9f8`. Stable across processes and platforms.
enum DaemonSetRevisionHash {
    /// Kubernetes' `rand` alphabet: no vowels, no `0`, `1`, `3`.
    static let safeAlphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// The hash of a template patch (see ``DaemonSetHistory/patch(for:)``) and collision count.
    static func hash(patch: JSONValue, collisionCount: Int32?) -> String {
        var bytes = canonicalJSON(patch)
        if let collisionCount {
            let value = UInt32(bitPattern: collisionCount)
            bytes += [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
        }
        return safeEncode(String(fnv32a(bytes)))
    }

    /// FNV-1a, 32 bits.
    static func fnv32a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// Upstream `rand.SafeEncodeString`: each character (here: ASCII digits) becomes `alphabet[code % 27]`.
    static func safeEncode(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { safeAlphabet[Int($0.value) % safeAlphabet.count] }
        return String(decoding: mapped, as: UTF8.self)
    }

    /// Compact JSON with object keys sorted by UTF-8 bytes: the bytes the hash covers.
    static func canonicalJSON(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .int(let number): out += Array(String(number).utf8)
        case .double(let number): out += Array((number.isFinite ? "\(number)" : "null").utf8)
        case .string(let text): writeString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if let member = members[key] { write(member, to: &out) }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0a: out += Array("\\n".utf8)
            case 0x0d: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
