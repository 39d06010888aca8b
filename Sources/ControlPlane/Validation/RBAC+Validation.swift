import KubeAPI
import Wire

/// rbac.authorization.k8s.io/v1 rules: upstream `ValidateRole`, `ValidateClusterRole`, `ValidateRoleBinding`,
/// `ValidateClusterRoleBinding` and their update variants (pkg/apis/rbac/validation).
enum RBACValidation {
    /// Upstream `ValidateRBACName` (`path.ValidatePathSegmentName`): RBAC names may hold `:` and upper case, but may
    /// not be `.` or `..` nor contain `/` or `%`.
    static func pathSegmentName(_ name: String, prefix: Bool) -> [String] {
        if !prefix {
            for illegal in [".", ".."] where name == illegal { return ["may not be '\(illegal)'"] }
        }
        return ["/", "%"].filter { name.contains($0) }.map { "may not contain '\($0)'" }
    }

    /// Upstream `ValidatePolicyRule`: verbs are required; a rule on non-resource URLs is for ClusterRoles only and
    /// names no resources; a resource rule needs API groups and resources.
    static func validate(_ rule: PolicyRule, namespaced: Bool, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if rule.verbs.isEmpty {
            errors.append(.required("\(field).verbs", "verbs must contain at least one value"))
        }
        let urls = rule.nonResourceURLs ?? []
        if !urls.isEmpty {
            let rendered = GoRendering.stringSlice(urls)
            if namespaced {
                errors.append(.invalid("\(field).nonResourceURLs", rendered, "namespaced rules cannot apply to non-resource URLs"))
            }
            if !(rule.apiGroups ?? []).isEmpty || !(rule.resources ?? []).isEmpty || !(rule.resourceNames ?? []).isEmpty {
                errors.append(.invalid(
                    "\(field).nonResourceURLs", rendered, "rules cannot apply to both regular resources and non-resource URLs"))
            }
            return errors
        }
        if (rule.apiGroups ?? []).isEmpty {
            errors.append(.required("\(field).apiGroups", "resource rules must supply at least one api group"))
        }
        if (rule.resources ?? []).isEmpty {
            errors.append(.required("\(field).resources", "resource rules must supply at least one resource"))
        }
        return errors
    }

    /// Upstream `ValidateRoleBindingSubject`.
    static func validate(_ subject: Subject, namespaced: Bool, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if subject.name.isEmpty { errors.append(.required("\(field).name")) }
        let group = subject.apiGroup ?? ""
        switch subject.kind {
        case Subject.serviceAccountKind:
            if !subject.name.isEmpty {
                errors += FieldRules.invalid("\(field).name", subject.name, Validation.nameIsDNSSubdomain(subject.name, prefix: false))
            }
            if !group.isEmpty { errors.append(FieldRules.notSupported("\(field).apiGroup", group, [""])) }
            if !namespaced && (subject.namespace ?? "").isEmpty { errors.append(.required("\(field).namespace")) }
        case Subject.userKind, Subject.groupKind:
            if group != RBACGroup.name { errors.append(FieldRules.notSupported("\(field).apiGroup", group, [RBACGroup.name])) }
        default:
            errors.append(FieldRules.notSupported(
                "\(field).kind", subject.kind, [Subject.serviceAccountKind, Subject.userKind, Subject.groupKind]))
        }
        return errors
    }

    /// The role reference and subjects of a binding; `kinds` are the role kinds it may name.
    static func validateBinding(roleRef: RoleRef, subjects: [Subject]?, namespaced: Bool, kinds: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if roleRef.apiGroup != RBACGroup.name {
            errors.append(FieldRules.notSupported("roleRef.apiGroup", roleRef.apiGroup, [RBACGroup.name]))
        }
        if !kinds.contains(roleRef.kind) { errors.append(FieldRules.notSupported("roleRef.kind", roleRef.kind, kinds)) }
        if roleRef.name.isEmpty {
            errors.append(.required("roleRef.name"))
        } else {
            errors += FieldRules.invalid("roleRef.name", roleRef.name, pathSegmentName(roleRef.name, prefix: false))
        }
        for (index, subject) in (subjects ?? []).enumerated() {
            errors += validate(subject, namespaced: namespaced, field: "subjects[\(index)]")
        }
        return errors
    }

    /// `roleRef: Invalid value: rbac.RoleRef{APIGroup:"…", Kind:"…", Name:"…"}: cannot change roleRef`.
    static func roleRefUnchanged(_ new: RoleRef, old: RoleRef) -> [FieldError] {
        guard new != old else { return [] }
        let rendered = "rbac.RoleRef{APIGroup:\(GoQuote.quote(new.apiGroup)), Kind:\(GoQuote.quote(new.kind)), "
            + "Name:\(GoQuote.quote(new.name))}"
        return [.invalid("roleRef", rendered, "cannot change roleRef")]
    }
}

extension Role: Validatable {
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true, namer: RBACValidation.pathSegmentName)
        for (index, rule) in (rules ?? []).enumerated() {
            errors += RBACValidation.validate(rule, namespaced: true, field: "rules[\(index)]")
        }
        return errors
    }

    func validateUpdate(old: Role) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }
}

extension ClusterRole: Validatable {
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false, namer: RBACValidation.pathSegmentName)
        for (index, rule) in (rules ?? []).enumerated() {
            errors += RBACValidation.validate(rule, namespaced: false, field: "rules[\(index)]")
        }
        if let aggregation = aggregationRule {
            let selectors = aggregation.clusterRoleSelectors ?? []
            if selectors.isEmpty {
                errors.append(.required(
                    "aggregationRule.clusterRoleSelectors",
                    "at least one clusterRoleSelector required if aggregationRule is non-nil"))
            }
            for (index, selector) in selectors.enumerated() {
                errors += Validation.validateLabelSelector(selector, field: "aggregationRule.clusterRoleSelectors[\(index)]")
            }
        }
        return errors
    }

    func validateUpdate(old: ClusterRole) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }
}

extension RoleBinding: Validatable {
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: true, namer: RBACValidation.pathSegmentName)
            + RBACValidation.validateBinding(
                roleRef: roleRef, subjects: subjects, namespaced: true, kinds: ["Role", "ClusterRole"])
    }

    func validateUpdate(old: RoleBinding) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate() + RBACValidation.roleRefUnchanged(roleRef, old: old.roleRef)
    }
}

extension ClusterRoleBinding: Validatable {
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: false, namer: RBACValidation.pathSegmentName)
            + RBACValidation.validateBinding(roleRef: roleRef, subjects: subjects, namespaced: false, kinds: ["ClusterRole"])
    }

    func validateUpdate(old: ClusterRoleBinding) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate() + RBACValidation.roleRefUnchanged(roleRef, old: old.roleRef)
    }
}
