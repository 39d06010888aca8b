import KubeAPI
import Wire

/// core/v1 Pod rules and texts: upstream `ValidatePodCreate` and `ValidatePodUpdate`.
extension Pod: Validatable {
    /// The fields `ValidatePodUpdate` lets an update change, as its error lists them.
    static let updatableSpecFields = [
        "`spec.containers[*].image`",
        "`spec.initContainers[*].image`",
        "`spec.activeDeadlineSeconds`",
        "`spec.tolerations` (only additions to existing tolerations)",
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    ]

    /// `spec: Forbidden: pod updates may not change fields other than …`. Upstream appends a newline and a Go
    /// diff of the two specs; that diff is left out here.
    static let specUpdateForbiddenMessage =
        "pod updates may not change fields other than " + updatableSpecFields.joined(separator: ",")

    /// Metadata (DNS-1123 subdomain name), the pod spec, pod-only image whitespace rules, and what may not be set
    /// on create (`ephemeralContainers`; `nodeName` while scheduling gates remain).
    func validateCreate() -> [FieldError] {
        var errors = validateMetadataAndSpec()
        if let ephemeral = spec.ephemeralContainers, !ephemeral.isEmpty {
            errors.append(.forbidden("spec.ephemeralContainers", "cannot be set on create"))
        }
        if !(spec.nodeName ?? "").isEmpty, let gates = spec.schedulingGates?.arrayValue, !gates.isEmpty {
            errors.append(.forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"))
        }
        return errors
    }

    /// Upstream `ValidatePodUpdate`: metadata and spec rules, then the update restrictions: the same number of
    /// containers, images present, `activeDeadlineSeconds` only set or lowered, tolerations only added, and no
    /// other spec change. Metadata and status may change freely; `spec.nodeName` may be set once (the binding the
    /// server performs), as upstream's binding subresource allows.
    func validateUpdate(old: Pod) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateMetadataAndSpec()
        // ValidatePodStatusUpdate: a finished pod stays finished.
        if let previous = old.status.phase, ["Succeeded", "Failed"].contains(previous),
            let phase = status.phase, phase != previous
        {
            errors.append(.forbidden(
                "status.phase", "cannot transition from terminal phase \(previous) to \(phase)"))
            return errors
        }
        let (containerErrors, stop) = Self.validateContainerUpdates(spec.containers, old: old.spec.containers,
                                                                    field: "spec.containers")
        errors += containerErrors
        if stop { return errors }
        let (initErrors, stopInit) = Self.validateContainerUpdates(spec.initContainers ?? [],
                                                                   old: old.spec.initContainers ?? [],
                                                                   field: "spec.initContainers")
        errors += initErrors
        if stopInit { return errors }
        if let deadline = spec.activeDeadlineSeconds {
            if deadline < 0 || deadline > FieldRules.maxInt32 {
                errors.append(.invalid("spec.activeDeadlineSeconds", String(deadline),
                                       FieldRules.inclusiveRangeError(0, FieldRules.maxInt32)))
                return errors
            }
            if let previous = old.spec.activeDeadlineSeconds, previous < deadline {
                errors.append(.invalid("spec.activeDeadlineSeconds", String(deadline),
                                       "must be less than or equal to previous value"))
                return errors
            }
        } else if old.spec.activeDeadlineSeconds != nil {
            errors.append(.invalid("spec.activeDeadlineSeconds", GoRendering.null,
                                   "must not update from a positive integer to nil value"))
        }
        errors += Self.validateOnlyAddedTolerations(spec.tolerations ?? [], old: old.spec.tolerations ?? [])
        if !SemanticEquality.equal(mungedSpec(old: old.spec), old.spec) {
            errors.append(.forbidden("spec", Self.specUpdateForbiddenMessage))
        }
        return errors
    }

    /// Upstream `validatePodMetadataAndSpec` (without the annotation-specific rules) plus
    /// `validateContainersOnlyForPod`.
    private func validateMetadataAndSpec() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += spec.validate(field: "spec", isPod: true)
        errors += Self.validateImageWhitespace(spec.containers, field: "spec.containers")
        errors += Self.validateImageWhitespace(spec.initContainers ?? [], field: "spec.initContainers")
        return errors
    }

    /// `spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace`.
    private static func validateImageWhitespace(_ containers: [Container], field: String) -> [FieldError] {
        containers.enumerated().compactMap { index, container in
            let image = container.image ?? ""
            guard image != image.trimmingWhitespace else { return nil }
            return .invalid("\(field)[\(index)].image", GoQuote.quote(image),
                            "must not have leading or trailing whitespace")
        }
    }

    /// Upstream `ValidateContainerUpdates`: `Forbidden: pod updates may not add or remove containers` (and stop),
    /// else each image required and without surrounding whitespace.
    private static func validateContainerUpdates(_ containers: [Container], old: [Container],
                                                 field: String) -> ([FieldError], stop: Bool) {
        guard containers.count == old.count else {
            return ([.forbidden(field, "pod updates may not add or remove containers")], true)
        }
        var errors: [FieldError] = []
        for (index, container) in containers.enumerated() {
            let image = container.image ?? ""
            if image.isEmpty {
                errors.append(.required("\(field)[\(index)].image"))
            }
            if image != image.trimmingWhitespace {
                errors.append(.invalid("\(field)[\(index)].image", GoQuote.quote(image),
                                       "must not have leading or trailing whitespace"))
            }
        }
        return (errors, false)
    }

    /// Upstream `validateOnlyAddedTolerations`: every old toleration must still be there, except for its
    /// `tolerationSeconds`. (The new tolerations' own rules already ran with the spec rules.)
    private static func validateOnlyAddedTolerations(_ tolerations: [Toleration], old: [Toleration]) -> [FieldError] {
        for previous in old {
            let kept = tolerations.contains { candidate in
                var clone = previous
                clone.tolerationSeconds = candidate.tolerationSeconds
                return clone == candidate
            }
            if !kept {
                return [.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds")]
            }
        }
        return []
    }

    /// This spec with every field an update may change taken from `old`, as upstream munges it before comparing.
    private func mungedSpec(old: PodSpec) -> PodSpec {
        var munged = spec
        for index in munged.containers.indices {
            munged.containers[index].image = old.containers[index].image
        }
        if var inits = munged.initContainers, let oldInits = old.initContainers {
            for index in inits.indices { inits[index].image = oldInits[index].image }
            munged.initContainers = inits
        }
        munged.activeDeadlineSeconds = old.activeDeadlineSeconds
        munged.schedulingGates = old.schedulingGates
        munged.tolerations = old.tolerations
        if let previous = old.terminationGracePeriodSeconds, previous < 0, munged.terminationGracePeriodSeconds == 1 {
            munged.terminationGracePeriodSeconds = previous
        }
        if (old.nodeName ?? "").isEmpty {
            munged.nodeName = old.nodeName
        }
        return munged
    }
}

extension String {
    /// Without leading and trailing whitespace (Go's `strings.TrimSpace`, for ASCII and Unicode spaces).
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
