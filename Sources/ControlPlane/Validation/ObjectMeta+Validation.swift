import KubeAPI
import Wire

/// `metadata` rules shared by every kind: upstream `ValidateObjectMeta` / `ValidateObjectMetaUpdate`
/// (`apimachinery/pkg/api/validation/objectmeta.go`, plus core's finalizer-name check).
extension ObjectMeta {
    /// Finalizer names without a `/` that Kubernetes accepts.
    static let standardFinalizers: Set<String> = ["kubernetes", "orphan", "foregroundDeletion"]

    /// The create rules, in upstream order: `generateName`, `name` (required, then `namer`), `namespace`
    /// (namespaced kinds only: required, then a DNS-1123 label), `generation`, `labels`, `annotations`,
    /// `ownerReferences`, `finalizers`.
    ///
    /// Cluster-scoped kinds do not get upstream's `namespace: Forbidden: not allowed on this type`: the server clears
    /// a namespace sent for them before validating, as Kubernetes' REST layer does.
    func validate(
        namespaced: Bool,
        namer: Validation.NameValidator = { Validation.nameIsDNSSubdomain($0, prefix: $1) },
        field: String = "metadata"
    ) -> [FieldError] {
        var errors = Validation.validateObjectMetaName(name: name, generateName: generateName, field: field,
                                                       namer: namer)
        if namespaced {
            let namespace = self.namespace ?? ""
            if namespace.isEmpty {
                errors.append(.required("\(field).namespace"))
            } else {
                errors += FieldRules.invalid("\(field).namespace", namespace,
                                             Validation.nameIsDNSLabel(namespace, prefix: false))
            }
        }
        errors += FieldRules.nonNegative(generation ?? 0, "\(field).generation")
        errors += Validation.validateLabels(labels, field: "\(field).labels")
        errors += Validation.validateAnnotations(annotations, field: "\(field).annotations")
        errors += validateOwnerReferences(field: "\(field).ownerReferences")
        errors += validateFinalizers(field: "\(field).finalizers")
        return errors
    }

    /// The update rules upstream adds before re-running the create rules: `name`, `namespace` and `uid` may not
    /// change (`metadata.name: Invalid value: "new": field is immutable`). A `uid` the request leaves out is
    /// carried over by the server, so only a different non-empty one is an error.
    func validateUpdate(old: ObjectMeta, field: String = "metadata") -> [FieldError] {
        var errors: [FieldError] = []
        errors += FieldRules.immutable(changed: (name ?? "") != (old.name ?? ""), field: "\(field).name",
                                       rendered: GoQuote.quote(name ?? ""))
        errors += FieldRules.immutable(changed: (namespace ?? "") != (old.namespace ?? ""),
                                       field: "\(field).namespace", rendered: GoQuote.quote(namespace ?? ""))
        let newUID = uid ?? ""
        errors += FieldRules.immutable(changed: !newUID.isEmpty && newUID != (old.uid ?? ""), field: "\(field).uid",
                                       rendered: GoQuote.quote(newUID))
        return errors
    }

    /// Upstream `ValidateOwnerReferences`: required parts (reported on the list's path, not an index, as upstream
    /// does) and at most one controller.
    private func validateOwnerReferences(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var firstController: String?
        for reference in ownerReferences ?? [] {
            let version = reference.apiVersion.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
            if version.isEmpty {
                errors.append(.invalid("\(field).apiVersion", GoQuote.quote(reference.apiVersion),
                                       "version must not be empty"))
            }
            if reference.kind.isEmpty {
                errors.append(.invalid("\(field).kind", GoQuote.quote(reference.kind), "must not be empty"))
            }
            if reference.name.isEmpty {
                errors.append(.invalid("\(field).name", GoQuote.quote(reference.name), "must not be empty"))
            }
            if reference.uid.isEmpty {
                errors.append(.invalid("\(field).uid", GoQuote.quote(reference.uid), "must not be empty"))
            }
            if reference.controller == true {
                let current = "\(reference.kind)/\(reference.name)"
                if let firstController {
                    errors.append(.invalid(field, renderOwnerReferences(),
                                           "Only one reference can have Controller set to true. "
                                               + "Found \"true\" in references for \(firstController) and \(current)"))
                } else {
                    firstController = current
                }
            }
        }
        return errors
    }

    /// Finalizers: qualified names (on the list's path), and names without a prefix must be standard
    /// (`metadata.finalizers[0]: Invalid value: "x": name is neither a standard finalizer name nor is it fully
    /// qualified`).
    private func validateFinalizers(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let finalizers = self.finalizers ?? []
        for finalizer in finalizers {
            errors += FieldRules.invalid(field, finalizer, Validation.isQualifiedName(finalizer))
        }
        for (index, finalizer) in finalizers.enumerated()
        where !finalizer.contains("/") && !Self.standardFinalizers.contains(finalizer) {
            errors.append(.invalid("\(field)[\(index)]", GoQuote.quote(finalizer),
                                   "name is neither a standard finalizer name nor is it fully qualified"))
        }
        return errors
    }

    private func renderOwnerReferences() -> String {
        let items = (ownerReferences ?? []).map { reference in
            "v1.OwnerReference{APIVersion:\(GoQuote.quote(reference.apiVersion)), "
                + "Kind:\(GoQuote.quote(reference.kind)), Name:\(GoQuote.quote(reference.name)), "
                + "UID:\(GoQuote.quote(reference.uid)), "
                + "Controller:\(GoRendering.pointer("bool", isSet: reference.controller != nil)), "
                + "BlockOwnerDeletion:\(GoRendering.pointer("bool", isSet: reference.blockOwnerDeletion != nil))}"
        }
        return "[]v1.OwnerReference{" + items.joined(separator: ", ") + "}"
    }
}
