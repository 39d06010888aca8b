import Foundation
import KubeAPI
import Wire

/// The containers of a pod spec that `kubectl set env|resources -c PATTERN` acts on (`selectContainers`: a shell
/// glob as Go's `path.Match`, `*` by default), and the pod spec location per kind. Pure.
enum ContainerSelection {
    /// Where the containers live: `[specPath + ["containers"], specPath + ["initContainers"]]`, regular containers
    /// first as kubectl appends the init containers after them.
    static func lists(for kind: ResourceKind) -> [[String]]? {
        guard let spec = ImageUpdate.podSpecPath(kind) else { return nil }
        return [spec + ["containers"], spec + ["initContainers"]]
    }

    /// Whether `name` matches the glob `pattern`.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }

    /// Applies `change` to every container of `object` (a Pod or a workload of `kind`) whose name matches
    /// `pattern`; returns the changed object and how many containers matched.
    static func update(
        _ object: JSONValue, kind: ResourceKind, pattern: String,
        _ change: (inout JSONValue) throws -> Void
    ) rethrows -> (object: JSONValue, matched: Int) {
        var modified = object
        var matched = 0
        for path in lists(for: kind) ?? [] {
            guard var containers = modified[path: path]?.arrayValue else { continue }
            for index in containers.indices where matches(pattern, containers[index]["name"]?.stringValue ?? "") {
                matched += 1
                try change(&containers[index])
            }
            modified[path: path] = .array(containers)
        }
        return (modified, matched)
    }

    /// kubectl's error for an object without a pod template: `the object is not a pod or does not have a pod
    /// template: *v1.Service`.
    static func notAPodError(_ kind: ResourceKind) -> String {
        "the object is not a pod or does not have a pod template: *\(kind.version).\(kind.kind)"
    }
}
