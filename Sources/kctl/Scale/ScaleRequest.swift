import KubeAPI
import Wire

/// `kubectl scale`'s checks and writes for one object (kubectl's `cmd/scale/scale.go` and `pkg/scale`). Pure.
struct ScaleRequest: Sendable, Equatable {
    /// The new `spec.replicas`.
    var replicas: Int
    /// `--current-replicas`: the size the object must have, -1 for any.
    var currentReplicas: Int = -1
    /// `--resource-version`: the resourceVersion the object must have, empty for any.
    var resourceVersion: String = ""

    /// Whether a precondition was asked for (then kubectl reads, checks and updates; otherwise it patches).
    var hasPrecondition: Bool { currentReplicas != -1 || !resourceVersion.isEmpty }

    /// `ScaleOptions.Validate`, with the required-flag check cobra makes first: the message of the first problem.
    static func validate(replicas: Int?, currentReplicas: Int) -> String? {
        guard let replicas else { return "required flag(s) \"replicas\" not set" }
        if replicas < 0 { return "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0" }
        if currentReplicas < -1 { return "The --current-replicas must specify an integer of -1 or greater" }
        return nil
    }

    /// Whether `kind` has a scale subresource here (Deployments, ReplicaSets and StatefulSets).
    static func scalable(_ kind: ResourceKind) -> Bool {
        kind == .deployment || kind == .replicaSet || kind == .statefulSet
    }

    /// What the API server answers for a kind without a scale subresource.
    static let noScaleSubresource = Status(
        code: 404, reason: .notFound, message: "the server could not find the requested resource")

    /// `ScalePrecondition.validate` against the object as read: `Expected replicas to be 3, was 1`, or
    /// `Expected resource version to be 12, was 15`.
    func checkPrecondition(_ object: JSONValue) throws(RolloutError) {
        let o = JSONFields(object)
        let current = o.int("spec", "replicas") ?? 0
        if currentReplicas != -1 && current != Int64(currentReplicas) {
            throw RolloutError("Expected replicas to be \(currentReplicas), was \(current)")
        }
        let version = o.string("metadata", "resourceVersion") ?? ""
        if !resourceVersion.isEmpty && version != resourceVersion {
            throw RolloutError("Expected resource version to be \(resourceVersion), was \(version)")
        }
    }

    /// The merge patch kubectl sends without a precondition: `{"spec":{"replicas":N}}`.
    var mergePatch: JSONValue {
        ["spec": ["replicas": .int(Int64(replicas))]]
    }

    /// The object to update (with its resourceVersion, so a concurrent change is a Conflict) when a precondition
    /// holds.
    func updated(_ object: JSONValue) -> JSONValue {
        var copy = object
        copy[path: ["spec", "replicas"]] = .int(Int64(replicas))
        return copy
    }
}
