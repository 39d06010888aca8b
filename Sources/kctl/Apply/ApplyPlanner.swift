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
    /// annotation), as kubectl writes it: kubectl's `GetModifiedConfiguration` sets the annotations back without
    /// it before encoding, so the text always has `metadata.annotations`, `{}` when the manifest had none.
    static func withLastApplied(_ manifest: JSONValue) -> JSONValue {
        var clean = manifest
        var annotations = clean[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        annotations[lastAppliedAnnotation] = nil
        var meta = clean["metadata"]?.objectValue ?? [:]
        meta["annotations"] = .object(annotations)
        clean["metadata"] = .object(meta)
        var applied = clean
        annotations[lastAppliedAnnotation] = .string(goEncoded(clean.jsonString()) + "\n")
        meta["annotations"] = .object(annotations)
        applied["metadata"] = .object(meta)
        return applied
    }

    /// Compact JSON text as Go's `json.Encoder` writes it (kubectl encodes the annotation so): `<`, `>` and `&`
    /// escaped as `\u003c`, `\u003e`, `\u0026`, and U+2028, U+2029 as `\u2028`, `\u2029`. These characters occur
    /// in JSON text only inside strings, so the whole text is rewritten.
    static func goEncoded(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }) else {
            return json
        }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out.append(contentsOf: #"\u003c"#.unicodeScalars)
            case ">": out.append(contentsOf: #"\u003e"#.unicodeScalars)
            case "&": out.append(contentsOf: #"\u0026"#.unicodeScalars)
            case "\u{2028}": out.append(contentsOf: #"\u2028"#.unicodeScalars)
            case "\u{2029}": out.append(contentsOf: #"\u2029"#.unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The manifest with `metadata.namespace` set to `namespace` when it names none, as kubectl's builder sets the
    /// namespace it applies into on each namespaced object (so its last-applied text carries it).
    static func inNamespace(_ manifest: JSONValue, _ namespace: String?) -> JSONValue {
        guard let namespace, manifest[path: ["metadata", "namespace"]]?.stringValue?.isEmpty ?? true else {
            return manifest
        }
        var object = manifest
        object[path: ["metadata", "namespace"]] = .string(namespace)
        return object
    }

    /// What kubectl prints for an existing object with nothing to change: `unchanged`, but `configured` under
    /// `--dry-run=client`, where kubectl computes no patch for an existing object.
    static func unchangedVerb(clientDryRun: Bool) -> String {
        clientDryRun ? "configured" : "unchanged"
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
