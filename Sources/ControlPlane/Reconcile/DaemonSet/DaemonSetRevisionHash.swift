import KubeAPI
import Wire

/// The hash that names a DaemonSet's ControllerRevisions and labels its pods (`controller-revision-hash`).
///
/// ``ControllerHash`` (upstream `controller.ComputeHash`) over the canonical JSON of the template patch (object
/// keys sorted by their UTF-8 bytes, no whitespace) and the DaemonSet's collision count. Until the hash was
/// shared with the Deployment controller this copy wrote the collision count as 4 bytes; upstream writes 8, so a
/// DaemonSet with a `status.collisionCount` now gets the hash Kubernetes would give it.
enum DaemonSetRevisionHash {
    /// The hash of a template patch (see ``DaemonSetHistory/patch(for:)``) and collision count.
    static func hash(patch: JSONValue, collisionCount: Int32?) -> String {
        ControllerHash.compute(canonicalJSON(patch), collisionCount: collisionCount)
    }

    /// Compact JSON with object keys sorted by UTF-8 bytes: the bytes the hash covers.
    static func canonicalJSON(_ value: JSONValue) -> [UInt8] {
        value.canonicalJSON
    }
}
