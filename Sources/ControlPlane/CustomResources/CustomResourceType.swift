import KubeAPI
import Wire

/// One custom kind the API server serves while its CustomResourceDefinition exists: its names, its served
/// versions (preferred first) with each version's schema, table, subresources and deprecation. Built from the
/// stored definition; immutable.
struct CustomResourceType: Sendable {
    /// One served version.
    struct Version: Sendable {
        let name: String
        let storage: Bool
        /// The schema as sent (served in OpenAPI), and compiled.
        let rawSchema: JSONValue?
        let schema: StructuralSchema?
        let table: CustomResourceTable
        let hasStatus: Bool
        let scale: CustomResourceSubresourceScale?
        let deprecated: Bool
        let deprecationWarning: String?
    }

    let definition: CustomResourceDefinition
    /// The kind at its preferred version: what the server names it in answers, objects and errors.
    let kind: ResourceKind
    let listKind: String
    let categories: [String]
    /// The served versions, in Kubernetes' priority order (`v2`, `v1`, `v1beta1`, `v1alpha1`, then the others).
    let versions: [Version]

    /// nil when the definition serves no version.
    init?(definition: CustomResourceDefinition) {
        let spec = definition.spec
        let served = spec.versions.filter(\.served)
            .sorted { Self.priority($0.name) < Self.priority($1.name) }
        guard let preferred = served.first, !spec.names.kind.isEmpty, !spec.names.plural.isEmpty else { return nil }
        self.definition = definition
        kind = ResourceKind.custom(
            kind: spec.names.kind, plural: spec.names.plural,
            singular: spec.names.singular ?? spec.names.kind.lowercased(), group: spec.group, version: preferred.name,
            namespaced: spec.scope != "Cluster", shortNames: spec.names.shortNames ?? [])
        listKind = spec.names.listKind ?? spec.names.kind + "List"
        categories = spec.names.categories ?? []
        versions = served.map { version in
            let raw = version.schema?.openAPIV3Schema
            return Version(
                name: version.name, storage: version.storage, rawSchema: raw, schema: raw.map(StructuralSchema.init),
                table: CustomResourceTable(columns: version.additionalPrinterColumns),
                hasStatus: version.subresources?.status != nil, scale: version.subresources?.scale,
                deprecated: version.deprecated ?? false, deprecationWarning: version.deprecationWarning)
        }
    }

    /// The definition's name (`widgets.example.com`).
    var name: String { definition.metadata.name ?? "" }

    /// The preferred version.
    var preferred: Version { versions[0] }

    /// The served version called `name`.
    func version(_ name: String) -> Version? { versions.first { $0.name == name } }

    /// The served version an `apiVersion` (`example.com/v1`) names, if any.
    func version(apiVersion: String) -> Version? {
        versions.first { "\(kind.group)/\($0.name)" == apiVersion }
    }

    /// The kind at `version`.
    func kind(at version: String) -> ResourceKind {
        ResourceKind.custom(
            kind: kind.kind, plural: kind.plural, singular: kind.singular, group: kind.group, version: version,
            namespaced: kind.namespaced, shortNames: kind.shortNames)
    }

    /// Kubernetes' version priority (`version.CompareKubeAwareVersionStrings`): GA versions by number, highest
    /// first, then betas, then alphas, then anything else alphabetically. Smaller sorts first.
    static func priority(_ name: String) -> (Int, Int, Int, String) {
        let scalars = Array(name)
        guard scalars.first == "v" else { return (3, 0, 0, name) }
        let digits = scalars.dropFirst().prefix { $0.isNumber }
        guard let major = Int(String(digits)) else { return (3, 0, 0, name) }
        let rest = String(scalars.dropFirst(1 + digits.count))
        if rest.isEmpty { return (0, -major, 0, name) }
        for (index, stage) in ["beta", "alpha"].enumerated() where rest.hasPrefix(stage) {
            guard let minor = Int(rest.dropFirst(stage.count)) else { return (3, 0, 0, name) }
            return (index + 1, -major, -minor, name)
        }
        return (3, 0, 0, name)
    }
}
