/// Kubernetes' `controller.ComputeHash` (pkg/controller/controller_utils.go), the one implementation behind the
/// DaemonSet's `controller-revision-hash` and the Deployment's `pod-template-hash`.
///
/// FNV-32a over the bytes that stand for the object, then, when a collision count is set, the count as upstream
/// writes it: `binary.LittleEndian.PutUint32` into an 8-byte slice, so 4 little-endian bytes and 4 zero bytes.
/// The 32-bit sum is written in decimal and each digit mapped through `rand.SafeEncodeString`'s alphabet, so
/// hashes look like `6d4bcf9f8`. Pure and stable across processes and platforms.
enum ControllerHash {
    /// Kubernetes' `rand` alphabet: no vowels, no `0`, `1`, `3`.
    static let safeAlphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// The hash of `bytes` (the caller's canonical encoding of the object) and `collisionCount`.
    static func compute(_ bytes: [UInt8], collisionCount: Int32?) -> String {
        var bytes = bytes
        if let collisionCount {
            let value = UInt32(bitPattern: collisionCount)
            bytes += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } + [0, 0, 0, 0]
        }
        return safeEncode(String(fnv32a(bytes)))
    }

    /// FNV-1a, 32 bits (Go's `hash/fnv.New32a`).
    static func fnv32a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// Upstream `rand.SafeEncodeString`: each byte (here: ASCII digits) becomes `alphabet[byte % 27]`.
    static func safeEncode(_ text: String) -> String {
        String(decoding: text.utf8.map { safeAlphabet[Int($0) % safeAlphabet.count] }, as: UTF8.self)
    }
}
