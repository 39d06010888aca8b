import KubeAPI

/// What `kubectl auth can-i VERB RESOURCE[/NAME] | VERB /URL` asks (kubectl's `CanIOptions` Complete and
/// Validate): the SelfSubjectAccessReview to send and the warnings kubectl prints first. Pure.
struct CanIQuestion: Sendable, Equatable {
    var verb: String
    /// The resource as the server names it (`pods`, `deployments`), or what was typed when it names none.
    var resource = ""
    var group = ""
    var name = ""
    var subresource = ""
    /// A path outside the API (`/logs`), instead of a resource.
    var nonResourceURL = ""
    /// "" for every namespace (`-A`).
    var namespace: String
    /// Lines for standard error, each `Warning: ...` followed by a blank line as kubectl's warning printer does.
    var warnings: [String] = []

    static let resourceVerbs: Set<String> = [
        "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate",
        "*", "approve", "sign", "escalate", "attest",
    ]
    static let nonResourceVerbs: Set<String> = ["get", "put", "post", "head", "options", "delete", "patch", "*"]

    /// Parses the arguments and flags.
    /// - Throws: ``LabelError`` with kubectl's usage messages.
    static func parse(
        _ arguments: [String], namespace: String, allNamespaces: Bool, subresource: String, noHeaders: Bool
    ) throws(LabelError) -> CanIQuestion {
        guard arguments.count == 2 else {
            throw LabelError(
                "you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kctl auth can-i -h' for help and examples.")
        }
        var question = CanIQuestion(verb: arguments[0], subresource: subresource, namespace: allNamespaces ? "" : namespace)
        let target = arguments[1]
        var kind: ResourceKind?
        if target.hasPrefix("/") {
            question.nonResourceURL = target
        } else {
            let tokens = target.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let typed = tokens[0]
            if typed == "*" {
                question.resource = typed
            } else if let resolved = Self.resolve(typed) {
                kind = resolved
                question.resource = resolved.plural
                question.group = resolved.group
            } else {
                let lowered = typed.lowercased()
                let parts = lowered.split(separator: ".", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    question.warnings.append("the server doesn't have a resource type '\(parts[0])' in group '\(parts[1])'")
                } else {
                    question.warnings.append("the server doesn't have a resource type '\(lowered)'")
                }
                question.resource = typed
            }
            if tokens.count > 1 { question.name = tokens[1] }
        }
        if !question.nonResourceURL.isEmpty {
            if !subresource.isEmpty { throw LabelError("--subresource can not be used with NonResourceURL") }
            if !nonResourceVerbs.contains(question.verb) {
                question.warnings.append("verb '\(question.verb)' is not a known verb")
            }
        } else if !question.resource.isEmpty && !question.namespace.isEmpty {
            if let kind, !kind.namespaced {
                question.warnings.append(
                    kind.group.isEmpty
                        ? "resource '\(kind.plural)' is not namespace scoped"
                        : "resource '\(kind.plural)' is not namespace scoped in group '\(kind.group)'")
            }
            if !resourceVerbs.contains(question.verb) {
                question.warnings.append("verb '\(question.verb)' is not a known verb")
            }
        }
        if noHeaders { throw LabelError("--no-headers cannot be set without --list specified") }
        return question
    }

    /// The served kind `typed` names, as kubectl's REST mapper finds it: a resource, singular, kind or short name,
    /// alone or followed by its group (`deploy.apps`).
    static func resolve(_ typed: String) -> ResourceKind? {
        if let kind = ResourceKind.resolve(typed) { return kind }
        let parts = typed.lowercased().split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = ResourceKind.resolve(parts[0]), kind.group == parts[1] else { return nil }
        return kind
    }

    /// The `SelfSubjectAccessReview` object to create.
    var review: JSONValue {
        let spec: JSONValue
        if !nonResourceURL.isEmpty {
            spec = ["nonResourceAttributes": ["path": .string(nonResourceURL), "verb": .string(verb)]]
        } else {
            spec = ["resourceAttributes": [
                "namespace": .string(namespace), "verb": .string(verb), "group": .string(group),
                "resource": .string(resource), "subresource": .string(subresource), "name": .string(name),
            ]]
        }
        return ["apiVersion": "authorization.k8s.io/v1", "kind": .string(SelfReviewRequest.accessReviewKind), "spec": spec]
    }

    /// kubectl's answer line for a review's `status`: `yes`, or `no` with the reason and evaluation error.
    static func answer(_ status: JSONValue?) -> (line: String, allowed: Bool) {
        if status?["allowed"]?.boolValue == true { return ("yes", true) }
        var line = "no"
        if let reason = status?["reason"]?.stringValue, !reason.isEmpty { line += " - \(reason)" }
        if let error = status?["evaluationError"]?.stringValue, !error.isEmpty { line += " - \(error)" }
        return (line, false)
    }
}
