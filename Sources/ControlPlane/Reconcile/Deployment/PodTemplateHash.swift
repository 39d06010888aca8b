import Foundation
import KubeAPI
import Wire

/// The `pod-template-hash` of a Deployment's pod template: ``ControllerHash`` (upstream `controller.ComputeHash`)
/// over the template's canonical JSON (sorted keys, nulls and empty lists/maps dropped so that equal templates
/// hash alike) and the Deployment's collision count. Pure and stable.
enum PodTemplateHash {
    /// The label (on ReplicaSets, their selectors, templates and pods) that carries the hash.
    static let labelKey = "pod-template-hash"

    /// The hash of `template` (for a Deployment, its `spec.template`) with the Deployment's
    /// `status.collisionCount`.
    static func compute(_ template: PodTemplateSpec, collisionCount: Int32?) -> String {
        ControllerHash.compute(canonicalJSON(template), collisionCount: collisionCount)
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

    private static func canonicalJSON(_ template: PodTemplateSpec) -> [UInt8] {
        guard let json = try? JSONValue(encoding: template) else { return [] }
        let pruned = SemanticEquality.pruned(json) ?? .object([:])
        return Array((try? pruned.jsonData()) ?? Data())
    }
}
