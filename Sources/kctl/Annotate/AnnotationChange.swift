import KubeAPI

/// The annotation changes of a `kubectl annotate` command line (`GetResourcesAndPairs`, `ParsePairs`,
/// `validateAnnotations`) and how they apply to one object (`updateAnnotations`). Pure.
struct AnnotationChange: Sendable, Equatable {
    /// The annotation kubectl lets any command overwrite.
    static let changeCause = "kubernetes.io/change-cause"

    /// The resource arguments, before the annotation arguments.
    var resources: [String] = []
    /// Annotations to set (a key given twice keeps its last value).
    var set: [String: String] = [:]
    /// Annotation keys to remove (`key-`), in argument order.
    var remove: [String] = []

    /// Splits resources from annotation arguments and checks them with kubectl's messages.
    /// - Throws: ``LabelError``.
    static func parse(_ arguments: [String], all: Bool, selector: String?) throws(LabelError) -> AnnotationChange {
        var change = AnnotationChange()
        var foundPair = false
        for argument in arguments {
            let isPair = (argument.contains("=") && !argument.hasPrefix("=")) || (argument.hasSuffix("-") && argument != "-")
            if isPair {
                foundPair = true
                if argument.contains("=") {
                    let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    change.set[String(parts[0])] = String(parts[1])
                } else {
                    change.remove.append(String(argument.dropLast()))
                }
            } else if foundPair {
                throw LabelError("all resources must be specified before annotation changes: \(argument)")
            } else {
                change.resources.append(argument)
            }
        }
        if all && !(selector ?? "").isEmpty { throw LabelError("cannot set --all and --selector at the same time") }
        if change.resources.isEmpty {
            throw LabelError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        if change.set.isEmpty && change.remove.isEmpty { throw LabelError("at least one annotation update is required") }
        let both = change.remove.filter { change.set[$0] != nil }
        if !both.isEmpty {
            throw LabelError(
                "can not both modify and remove the following annotation(s) in the same command: \(both.joined(separator: ", "))")
        }
        return change
    }

    /// The object with the changes made.
    /// - Throws: ``LabelError`` `--overwrite is false but found the following declared annotation(s): 'k' already
    ///   has a value (v); ...` when an annotation would change without `--overwrite`.
    func apply(to object: JSONValue, overwrite: Bool) throws(LabelError) -> JSONValue {
        let current = object[path: ["metadata", "annotations"]]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        if !overwrite {
            let clashes = set.keys.sorted().compactMap { key -> String? in
                guard key != Self.changeCause, let value = current[key], value != set[key] else { return nil }
                return "'\(key)' already has a value (\(value))"
            }
            if !clashes.isEmpty {
                throw LabelError(
                    "--overwrite is false but found the following declared annotation(s): \(clashes.joined(separator: "; "))")
            }
        }
        var annotations = current
        for (key, value) in set { annotations[key] = value }
        for key in remove { annotations[key] = nil }
        var updated = object
        updated[path: ["metadata", "annotations"]] = .object(annotations.mapValues { .string($0) })
        return updated
    }

    /// The merge patch kubectl sends for the change (`jsonpatch.CreateMergePatch` of the object before and after):
    /// `{}` when nothing changes. With `resourceVersion`, the patch carries it as a precondition.
    func patch(for object: JSONValue, overwrite: Bool, resourceVersion: String? = nil) throws(LabelError) -> JSONValue {
        var before = object
        if resourceVersion != nil { before[path: ["metadata", "resourceVersion"]] = nil }
        var after = try apply(to: before, overwrite: overwrite)
        if let resourceVersion { after[path: ["metadata", "resourceVersion"]] = .string(resourceVersion) }
        return JSONMergePatch.diff(from: before, to: after) ?? [:]
    }
}
