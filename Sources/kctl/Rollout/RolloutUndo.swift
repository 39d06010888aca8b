import KubeAPI
import Wire

/// `kubectl rollout undo`: which revision to go back to and the patch that restores it (kubectl's
/// `polymorphichelpers/rollback.go`). Pure.
enum RolloutUndo {
    /// What undoing decided: send a patch, or nothing to do.
    enum Plan: Sendable, Equatable {
        /// Patch the object with `patch` of `type`; kubectl then prints `rolled back`.
        case patch(JSONValue, type: PatchType)
        /// The object already has the revision's template; kubectl prints this operation.
        case skipped(String)

        /// The name printer's operation: `rolled back`, or `skipped rollback (...)`.
        var operation: String {
            switch self {
            case .patch: return "rolled back"
            case .skipped(let text): return text
            }
        }
    }

    /// The Deployment annotations a rollback keeps from the Deployment instead of copying from the ReplicaSet.
    static let annotationsToSkip: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
        "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ]

    /// The label the Deployment controller adds to its ReplicaSets' templates.
    static let podTemplateHashLabel = "pod-template-hash"

    /// Checks that `kind` has a rollbacker, as `RollbackerFor` does.
    static func check(_ kind: ResourceKind) throws(RolloutError) {
        guard kind == .deployment || kind == .daemonSet || kind == .statefulSet else {
            throw RolloutError("no rollbacker has been implemented for \(GoQuote.quote(kind.qualifiedKind))")
        }
    }

    static func revisionNotFound(_ revision: Int64) -> RolloutError {
        RolloutError("unable to find specified revision \(revision) in history")
    }

    // MARK: - DaemonSets and StatefulSets

    /// `DaemonSetRollbacker.Rollback` and `StatefulSetRollbacker.Rollback` (the same steps): the revision
    /// `toRevision` (0: the one before the highest) of the object's owned ControllerRevisions; skipped when the
    /// object's template already is that revision's; otherwise the revision's data as a strategic merge patch.
    static func revision(_ owner: JSONValue, kind: ResourceKind, revisions: [JSONValue], toRevision: Int64)
        throws(RolloutError) -> Plan
    {
        if toRevision < 0 { throw revisionNotFound(toRevision) }
        guard let template = try? (owner[path: ["spec", "template"]] ?? .object([:])).decode(as: PodTemplateSpec.self)
        else {
            throw RolloutError("failed to retrieve \(kind.kind) \(JSONFields(owner).name)")
        }
        let history = RolloutHistory.ownedRevisions(
            of: owner, among: revisions.compactMap { try? $0.decode(as: ControllerRevision.self) })
        if toRevision == 0 && history.count <= 1 { throw RolloutError("no last revision to roll back to") }
        let target: ControllerRevision?
        if toRevision == 0 {
            let sorted = history.sorted { $0.revision < $1.revision }
            target = sorted[sorted.count - 2]
        } else {
            target = history.first { $0.revision == toRevision }
        }
        guard let target, let data = target.data else { throw revisionNotFound(toRevision) }
        // The controller's data carries the template's `"creationTimestamp":null` (Go's encoding); absent is the same.
        if templatePatch(template) == data || templatePatch(template) == withoutNullTimestamp(data) {
            return .skipped("skipped rollback (current template already matches revision \(toRevision))")
        }
        return .patch(data, type: .strategic)
    }

    /// `data` without a null `spec.template.metadata.creationTimestamp`.
    static func withoutNullTimestamp(_ data: JSONValue) -> JSONValue {
        let path = ["spec", "template", "metadata", "creationTimestamp"]
        guard data[path: path]?.isNull == true else { return data }
        var result = data
        result[path: path] = nil
        return result
    }

    /// `getDaemonSetPatch`: `{"spec":{"template":{...,"$patch":"replace"}}}`, as the DaemonSet controller stores a
    /// revision's data.
    static func templatePatch(_ template: PodTemplateSpec) -> JSONValue {
        // Encoding API types cannot fail (they hold no non-finite doubles); an empty template is a safe fallback.
        var json = (try? JSONValue(encoding: template)) ?? .object([:])
        json["$patch"] = "replace"
        return ["spec": ["template": json]]
    }

    // MARK: - Deployments

    /// `DeploymentRollbacker.Rollback`: the owned ReplicaSet of revision `toRevision` (0: the second highest);
    /// refused for a paused Deployment; skipped when the templates are equal but for `pod-template-hash`;
    /// otherwise a JSON patch replacing the template (hash label removed) and the annotations (the Deployment's
    /// own revision annotations kept, the ReplicaSet's others copied).
    static func deployment(_ deployment: JSONValue, replicaSets: [JSONValue], toRevision: Int64)
        throws(RolloutError) -> Plan
    {
        if toRevision < 0 { throw revisionNotFound(toRevision) }
        guard let d = try? deployment.decode(as: Deployment.self) else {
            throw RolloutError("failed to retrieve Deployment \(JSONFields(deployment).name)")
        }
        let owned = RolloutHistory.ownedReplicaSets(
            of: d, among: replicaSets.compactMap { try? $0.decode(as: ReplicaSet.self) })
        let target = try revisionReplicaSet(owned, toRevision: toRevision, deploymentName: d.name)
        if d.spec.paused == true {
            throw RolloutError(
                "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/\(d.name)' and try again")
        }
        if equalIgnoringHash(target.spec.template, d.spec.template) {
            return .skipped("skipped rollback (current template already matches revision \(toRevision))")
        }
        var template = target.spec.template
        template.metadata.labels?[podTemplateHashLabel] = nil
        var annotations: [String: String] = [:]
        for (key, value) in d.metadata.annotations ?? [:] where annotationsToSkip.contains(key) {
            annotations[key] = value
        }
        for (key, value) in target.metadata.annotations ?? [:] where !annotationsToSkip.contains(key) {
            annotations[key] = value
        }
        let templateJSON = (try? JSONValue(encoding: template)) ?? .object([:])
        let patch: JSONValue = [
            ["op": "replace", "path": "/spec/template", "value": templateJSON],
            ["op": "replace", "path": "/metadata/annotations", "value": .object(annotations.mapValues { .string($0) })],
        ]
        return .patch(patch, type: .json)
    }

    /// `deploymentRevision`: the ReplicaSet of revision `toRevision`, or for 0 the one with the second highest
    /// revision.
    static func revisionReplicaSet(_ owned: [ReplicaSet], toRevision: Int64, deploymentName: String)
        throws(RolloutError) -> ReplicaSet
    {
        var latest: (Int64, ReplicaSet)?
        var previous: (Int64, ReplicaSet)?
        for rs in owned {
            guard let number = RolloutHistory.revision(of: rs) else { continue }
            if toRevision == 0 {
                if number > (latest?.0 ?? -1) {
                    previous = latest
                    latest = (number, rs)
                } else if number > (previous?.0 ?? -1) {
                    previous = (number, rs)
                }
            } else if number == toRevision {
                return rs
            }
        }
        if toRevision > 0 { throw revisionNotFound(toRevision) }
        guard let previous else {
            throw RolloutError("no rollout history found for deployment \(GoQuote.quote(deploymentName))")
        }
        return previous.1
    }

    /// `equalIgnoreHash`: templates equal once `pod-template-hash` is removed from both (an empty label map
    /// equals none, as `Semantic.DeepEqual` has it).
    static func equalIgnoringHash(_ a: PodTemplateSpec, _ b: PodTemplateSpec) -> Bool {
        func normalized(_ template: PodTemplateSpec) -> PodTemplateSpec {
            var copy = template
            copy.metadata.labels?[podTemplateHashLabel] = nil
            if copy.metadata.labels?.isEmpty == true { copy.metadata.labels = nil }
            if copy.metadata.annotations?.isEmpty == true { copy.metadata.annotations = nil }
            return copy
        }
        return normalized(a) == normalized(b)
    }
}
