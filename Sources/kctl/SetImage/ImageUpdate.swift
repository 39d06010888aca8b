import KubeAPI
import Wire

/// The arguments of `kubectl set image` and what they do to one object (kubectl's `cmd/set/set_image.go` and
/// `polymorphichelpers/updatepodspec.go`). Pure.
struct ImageUpdate: Sendable, Equatable {
    /// The resource arguments (`ds/filebeat-ds`, or `daemonsets filebeat-ds`).
    var resources: [String]
    /// Container name (or `*` for all) to image, in argument order; a name given twice keeps its last image.
    var images: [ContainerImage]

    /// One `CONTAINER=IMAGE` argument.
    struct ContainerImage: Sendable, Equatable {
        var container: String
        var image: String
    }

    /// What updating one object gives: the patched object, the strategic merge patch (nil: nothing changed) and
    /// kubectl's per-container errors.
    struct Outcome: Sendable, Equatable {
        var modified: JSONValue
        var patch: JSONValue?
        var errors: [String]
    }

    /// Splits resources from `name=image` pairs as `cmdutil.GetResourcesAndPairs` and `ParsePairs` do.
    /// - Throws: ``RolloutError`` `all resources must be specified before image changes: x` or
    ///   `invalid image format: a-`.
    static func parse(_ arguments: [String]) throws(RolloutError) -> ImageUpdate {
        var update = ImageUpdate(resources: [], images: [])
        var pairs: [String] = []
        for argument in arguments {
            let isPair = (argument.contains("=") && !argument.hasPrefix("=")) || (argument.hasSuffix("-") && argument != "-")
            if isPair {
                pairs.append(argument)
            } else if !pairs.isEmpty {
                throw RolloutError("all resources must be specified before image changes: \(argument)")
            } else {
                update.resources.append(argument)
            }
        }
        var invalid: [String] = []
        for pair in pairs {
            guard pair.contains("="), !pair.hasPrefix("=") else {
                invalid.append(pair)
                continue
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            update.images.removeAll { $0.container == parts[0] }
            update.images.append(ContainerImage(container: parts[0], image: parts[1]))
        }
        if !invalid.isEmpty { throw RolloutError("invalid image format: \(invalid.joined(separator: ", "))") }
        return update
    }

    /// `SetImageOptions.Validate`: the messages of every problem, in kubectl's order.
    func validate(all: Bool, selector: String?) -> [String] {
        var errors: [String] = []
        if all && !(selector ?? "").isEmpty { errors.append("cannot set --all and --selector at the same time") }
        if resources.isEmpty {
            errors.append("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        if images.isEmpty {
            errors.append("at least one image update is required")
        } else if images.count > 1 && images.contains(where: { $0.container == "*" }) {
            errors.append(
                "all containers are already specified by *, but saw more than one container_name=container_image pairs")
        }
        return errors
    }

    /// Where the pod spec of `kind` lives: `spec` of a Pod, `spec.template.spec` of the workloads; nil when the
    /// kind has none.
    static func podSpecPath(_ kind: ResourceKind) -> [String]? {
        switch kind {
        case .pod: return ["spec"]
        case .daemonSet, .deployment, .replicaSet, .statefulSet: return ["spec", "template", "spec"]
        default: return nil
        }
    }

    /// Sets the images on `object` (init containers and containers, `*` matching every one) and computes the
    /// patch.
    /// - Throws: ``RolloutError`` `error: services/x the object is not a pod or does not have a pod template:
    ///   *v1.Service` for kinds without a pod spec.
    func apply(to object: JSONValue, kind: ResourceKind) throws(RolloutError) -> Outcome {
        guard let specPath = Self.podSpecPath(kind) else {
            throw RolloutError(
                "error: \(kind.plural)/\(JSONFields(object).name) the object is not a pod or does not have a pod template: *\(kind.version).\(kind.kind)\n")
        }
        var modified = object
        var errors: [String] = []
        for change in images {
            let initFound = Self.setImage(&modified, at: specPath + ["initContainers"], change)
            let found = Self.setImage(&modified, at: specPath + ["containers"], change)
            if !initFound && !found {
                errors.append("error: unable to find container named \(GoQuote.quote(change.container))")
            }
        }
        let patch = StrategicMergePatch.twoWay(original: object, modified: modified, kind: kind.kind)
        return Outcome(modified: modified, patch: patch, errors: errors)
    }

    /// kubectl's `setImage`: the image of every container named `change.container` (every one for `*`); true when
    /// one matched.
    private static func setImage(_ object: inout JSONValue, at path: [String], _ change: ContainerImage) -> Bool {
        guard var containers = object[path: path]?.arrayValue else { return false }
        var found = false
        for index in containers.indices
        where change.container == "*" || containers[index]["name"]?.stringValue == change.container {
            found = true
            containers[index]["image"] = .string(change.image)
        }
        if found { object[path: path] = .array(containers) }
        return found
    }
}
