import Foundation
import KubeAPI
import Wire

/// What `kctl apply` does for one manifest object, decided from the manifest and the live object, as kubectl's
/// client-side apply: a create, a three-way strategic merge patch, or nothing.
enum ApplyPlan: Equatable, Sendable {
    /// The object does not exist: create it (carrying the last-applied annotation).
    case create(JSONValue)
    /// The object exists and differs: send this strategic merge patch.
    case patch(JSONValue)
    /// The object already matches the manifest.
    case unchanged
}

/// Pure planning of `apply`.
enum ApplyPlanner {
    /// kubectl's annotation holding the configuration last applied.
    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// The manifest as applied: with the last-applied annotation holding the manifest itself (without that
    /// annotation), as kubectl writes it.
    static func withLastApplied(_ manifest: JSONValue) -> JSONValue {
        var clean = manifest
        var annotations = clean[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        annotations[lastAppliedAnnotation] = nil
        var meta = clean["metadata"]?.objectValue ?? [:]
        meta["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        clean["metadata"] = .object(meta)
        var applied = clean
        annotations[lastAppliedAnnotation] = .string(clean.jsonString() + "\n")
        meta["annotations"] = .object(annotations)
        applied["metadata"] = .object(meta)
        return applied
    }

    /// Plans one object. `live` is the current object, or nil when it does not exist.
    /// Returns the plan and whether the live object lacked the last-applied annotation (kubectl then warns).
    static func plan(manifest: JSONValue, live: JSONValue?) throws -> (plan: ApplyPlan, missingAnnotation: Bool) {
        let modified = withLastApplied(manifest)
        guard let live else { return (.create(modified), false) }
        let originalText = live[path: ["metadata", "annotations", lastAppliedAnnotation]]?.stringValue
        let original = try originalText.map { try JSONValue(jsonData: Data($0.utf8)) }
        let kind = manifest["kind"]?.stringValue ?? ""
        guard let patch = StrategicMergePatch.threeWay(
            original: original, modified: modified, current: live, kind: kind)
        else { return (.unchanged, original == nil) }
        if patch == .object([:]) { return (.unchanged, original == nil) }
        return (.patch(patch), original == nil)
    }
}
