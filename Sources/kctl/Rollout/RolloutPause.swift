import KubeAPI
import Wire

/// `kubectl rollout pause` / `resume`: setting `spec.paused` of a Deployment (kubectl's
/// `polymorphichelpers/objectpauser.go` and `objectresumer.go`). Pure.
enum RolloutPause {
    /// Pausing or resuming.
    enum Action: Sendable {
        case pause, resume

        /// The line's operation word: `paused` / `resumed`.
        var operation: String { self == .pause ? "paused" : "resumed" }
        /// The gerund in `pausing is not supported`.
        var gerund: String { self == .pause ? "pausing" : "resuming" }
        /// The error for a Deployment already in the wanted state.
        var alreadyDone: String { self == .pause ? "is already paused" : "is not paused" }
    }

    /// The strategic merge patch that sets `spec.paused` on `object`.
    /// - Throws: ``RolloutError`` `error: deployments.apps "x" is already paused` (`is not paused`), or
    ///   `error: daemonsets.apps "x" pausing is not supported` for kinds other than Deployment.
    static func patch(for object: JSONValue, kind: ResourceKind, action: Action) throws(RolloutError) -> JSONValue {
        let subject = "\(kind.groupResource) \(GoQuote.quote(JSONFields(object).name))"
        guard kind == .deployment else { throw RolloutError("error: \(subject) \(action.gerund) is not supported") }
        let paused = object[path: ["spec", "paused"]]?.boolValue ?? false
        if paused == (action == .pause) { throw RolloutError("error: \(subject) \(action.alreadyDone)") }
        // Go's omitempty drops `paused: false`, so a resume's patch deletes the field.
        return ["spec": ["paused": action == .pause ? .bool(true) : .null]]
    }
}
