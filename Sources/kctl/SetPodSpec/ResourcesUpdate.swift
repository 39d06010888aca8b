import KubeAPI
import Wire

/// `kubectl set resources --limits=cpu=200m,memory=512Mi --requests=...`: the requirements and what they do to one
/// object (kubectl's `cmd/set/set_resources.go` and `HandleResourceRequirementsV1`). Pure.
struct ResourcesUpdate: Sendable, Equatable {
    /// Resource name to canonical quantity (`cpu` → `200m`).
    var limits: [String: String]
    var requests: [String: String]

    /// Parses `--limits` and `--requests` (`name=quantity,...`).
    /// - Throws: ``RolloutError`` `you must specify an update to requests or limits (in the form of
    ///   --requests/--limits)`, `Invalid argument syntax x, expected <resource>=<value>`, or the quantity error.
    static func parse(limits: String?, requests: String?) throws(RolloutError) -> ResourcesUpdate {
        let limits = limits ?? "", requests = requests ?? ""
        if limits.isEmpty && requests.isEmpty {
            throw RolloutError("you must specify an update to requests or limits (in the form of --requests/--limits)")
        }
        return ResourcesUpdate(limits: try resourceList(limits), requests: try resourceList(requests))
    }

    /// `populateResourceListV1`.
    static func resourceList(_ spec: String) throws(RolloutError) -> [String: String] {
        guard !spec.isEmpty else { return [:] }
        var list: [String: String] = [:]
        for statement in spec.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let parts = statement.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                throw RolloutError("Invalid argument syntax \(statement), expected <resource>=<value>")
            }
            guard let quantity = Quantity(parts[1]), !parts[1].contains(" ")
            else {
                throw RolloutError(
                    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
            }
            list[parts[0]] = quantity.description
        }
        return list
    }

    /// Sets the limits and requests on the containers matching `pattern`; returns the patch (nil: nothing
    /// changed) and kubectl's warning when no container matched.
    /// - Throws: ``RolloutError`` for kinds without a pod template.
    func apply(to object: JSONValue, kind: ResourceKind, containers pattern: String) throws(RolloutError)
        -> (patch: JSONValue?, warning: String?)
    {
        guard ContainerSelection.lists(for: kind) != nil else {
            throw RolloutError(
                "error: \(kind.groupResource)/\(JSONFields(object).name) \(ContainerSelection.notAPodError(kind))\n")
        }
        let (modified, matched) = ContainerSelection.update(object, kind: kind, pattern: pattern) { container in
            for (field, values) in [("limits", limits), ("requests", requests)] where !values.isEmpty {
                var list = container[path: ["resources", field]]?.objectValue ?? [:]
                for (name, quantity) in values { list[name] = .string(quantity) }
                container[path: ["resources", field]] = .object(list)
            }
        }
        guard matched > 0 else { return (nil, "warning: unable to find container named \(pattern)") }
        return (StrategicMergePatch.twoWay(original: object, modified: modified, kind: kind.kind), nil)
    }
}
