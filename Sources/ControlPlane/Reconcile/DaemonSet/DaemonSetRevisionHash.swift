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
        value.canonicalJSON
    }
}
