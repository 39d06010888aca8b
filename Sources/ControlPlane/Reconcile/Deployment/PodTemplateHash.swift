import Foundation
import Wire

/// The `pod-template-hash` of a Deployment's pod template (upstream `controller.ComputeHash`): FNV-32a over the
/// template's canonical JSON (sorted keys, nulls and empty lists/maps dropped so that equal templates hash
/// alike), then the collision count as 8 little-endian bytes when set; the decimal form of the sum is mapped
/// through `rand.SafeEncodeString`'s alphabet. Pure and stable.
enum PodTemplateHash {
    /// The label (on ReplicaSets, their selectors, templates and pods) that carries the hash.
    static let labelKey = "pod-template-hash"

    /// Upstream `rand.SafeEncodeString`'s alphabet: no vowels, no confusable characters.
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// The hash of `template` (for a Deployment, its `spec.template`) with the Deployment's
    /// `status.collisionCount`.
    static func compute(_ template: PodTemplateSpec, collisionCount: Int32?) -> String {
        var bytes = canonicalJSON(template)
        if let collisionCount {
            let value = UInt32(bitPattern: collisionCount)
            bytes += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } + [0, 0, 0, 0]
        }
        return safeEncode(String(fnv32a(bytes)))
    }

    /// Upstream `EqualIgnoreHash`: the templates are semantically equal once `pod-template-hash` is removed
    /// from both label sets.
    static func equalIgnoringHash(_ lhs: PodTemplateSpec, _ rhs: PodTemplateSpec) -> Bool {
        var lhs = lhs
        var rhs = rhs
        lhs.metadata.labels?[labelKey] = nil
        rhs.metadata.labels?[labelKey] = nil
        return SemanticEquality.equal(lhs, rhs)
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

    /// Upstream `rand.SafeEncodeString`: each byte becomes `alphabet[byte % 27]`.
    static func safeEncode(_ text: String) -> String {
        String(decoding: text.utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    private static func canonicalJSON(_ template: PodTemplateSpec) -> [UInt8] {
        guard let json = try? JSONValue(encoding: template) else { return [] }
        let pruned = SemanticEquality.pruned(json) ?? .object([:])
        return Array((try? pruned.jsonData()) ?? Data())
    }
}
