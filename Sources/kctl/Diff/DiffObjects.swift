import Foundation
import KubeAPI

/// What `kubectl diff` compares for one manifest object, and how: the file name both sides get
/// (`apps.v1.Deployment.default.web`), the configuration it patches with (the manifest without the last-applied
/// annotation, with `metadata.annotations` always present, as kubectl's `GetModifiedConfiguration` leaves it), the
/// three-way patch, and the two objects as printed (no `managedFields`, a Secret's data masked, an absent side of a Secret's diff `null`). Pure.
enum DiffObjects {
    /// `[group.]version.Kind.namespace.name`.
    static func fileName(kind: ResourceKind, namespace: String?, name: String) -> String {
        (kind.group.isEmpty ? "" : "\(kind.group).") + "\(kind.version).\(kind.kind).\(namespace ?? "").\(name)"
    }

    /// The manifest as kubectl diff patches with it.
    static func modified(_ manifest: JSONValue) -> JSONValue {
        var object = manifest
        var annotations = object[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        annotations[ApplyPlanner.lastAppliedAnnotation] = nil
        object[path: ["metadata", "annotations"]] = .object(annotations)
        return object
    }

    /// The strategic merge patch from `live` to the manifest (the three-way patch of client-side apply, the
    /// original being the live object's last-applied configuration), carrying the live resourceVersion as
    /// kubectl's patcher does; nil when there is nothing to change.
    static func patch(manifest: JSONValue, live: JSONValue) throws -> JSONValue? {
        let originalText = live[path: ["metadata", "annotations", ApplyPlanner.lastAppliedAnnotation]]?.stringValue
        let original = try originalText.map { try JSONValue(jsonData: Data($0.utf8)) }
        let patch = StrategicMergePatch.threeWay(
            original: original, modified: modified(manifest), current: live, kind: manifest["kind"]?.stringValue ?? "")
        guard var patch, patch != .object([:]) else { return nil }
        // kubectl's patcher sends the live resourceVersion with the patch.
        if let version = live[path: ["metadata", "resourceVersion"]] { patch[path: ["metadata", "resourceVersion"]] = version }
        return patch
    }

    /// Both objects as kubectl prints them for the diff: `metadata.managedFields` removed and, for a Secret, each
    /// `data` value masked (`***`, or `*** (before)` / `*** (after)` where the value changes) and an absent side
    /// `null`, as kubectl's masker leaves them.
    static func printable(live: JSONValue?, merged: JSONValue?) -> (live: JSONValue?, merged: JSONValue?) {
        func stripped(_ object: JSONValue?) -> JSONValue? {
            guard var object else { return nil }
            if object[path: ["metadata", "managedFields"]] != nil { object[path: ["metadata", "managedFields"]] = nil }
            return object
        }
        var from = stripped(live)
        var to = stripped(merged)
        let isSecret = (from ?? to)?["kind"]?.stringValue == "Secret"
        guard isSecret else { return (from, to) }
        // kubectl's masker hands on an absent side as a null object, printed `null`.
        if from == nil { from = .null }
        if to == nil { to = .null }
        var before = from?["data"]?.objectValue
        var after = to?["data"]?.objectValue
        for (key, value) in before ?? [:] {
            if let other = after?[key] {
                if other != value {
                    before?[key] = "*** (before)"
                    after?[key] = "*** (after)"
                    continue
                }
                after?[key] = "***"
            }
            before?[key] = "***"
        }
        for key in (after ?? [:]).keys where before?[key] == nil { after?[key] = "***" }
        if let before { from?["data"] = .object(before) }
        if let after { to?["data"] = .object(after) }
        return (from, to)
    }
}
