import Foundation
import KubeAPI

/// One object, or a collection, that a Kubernetes REST path names: `/apis/apps/v1/namespaces/demo/daemonsets/x/status`
/// is the kind DaemonSet, namespace `demo`, name `x`, subresource `status`.
struct RESTTarget: Sendable, Equatable {
    var kind: ResourceKind
    /// nil for cluster-scoped kinds and for a namespaced collection across all namespaces.
    var namespace: String?
    /// nil for a collection.
    var name: String?
    var subresource: String?
}

/// What an HTTP path of the Kubernetes API points at, without the query. Pure: `parse` only reads the path.
enum RESTRoute: Sendable, Equatable {
    /// `/version` (and `/version/`).
    case version
    /// `/api`: the core group's versions (legacy) or its aggregated discovery.
    case coreGroup
    /// `/apis`: every other group (legacy APIGroupList or aggregated discovery).
    case groups
    /// `/api/v1`, `/apis/apps/v1`: a group-version's resource list.
    case groupVersion(group: String, version: String)
    /// `/openapi/...`: the document named by the rest of the path (`v3`, `v3/apis/apps/v1`, `v2`).
    case openAPI(name: String)
    /// A resource path.
    case resource(RESTTarget)
    /// A self-review (`selfsubjectaccessreviews`, `selfsubjectreviews`).
    case review(RESTReview)
    /// Nothing is served there.
    case notFound

    /// Subresources of a Namespace, which would otherwise read as a collection inside it
    /// (`/api/v1/namespaces/demo/status`).
    static let namespaceSubresources: Set<String> = ["status", "finalize"]

    /// The route of `path` (trailing slashes and percent escapes allowed).
    static func parse(path: String, custom: [CustomResourceType] = []) -> RESTRoute {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
            .map { $0.utf8.contains(UInt8(ascii: "%")) ? String($0).removingPercentEncoding ?? String($0) : String($0) }
        guard let first = segments.first else { return .notFound }
        switch first {
        case "version" where segments.count == 1:
            return .version
        case "openapi" where segments.count > 1:
            return .openAPI(name: segments.dropFirst().joined(separator: "/"))
        case "api":
            if segments.count == 1 { return .coreGroup }
            return groupVersionRoute(group: "", version: segments[1], rest: Array(segments.dropFirst(2)), custom: custom)
        case "apis":
            if segments.count == 1 { return .groups }
            guard segments.count >= 3 else { return .notFound }
            return groupVersionRoute(
                group: segments[1], version: segments[2], rest: Array(segments.dropFirst(3)), custom: custom)
        default:
            return .notFound
        }
    }

    /// Whether a group-version is served (it has at least one kind).
    static func serves(group: String, version: String) -> Bool {
        ResourceKind.all.contains { $0.group == group && $0.version == version }
            || RESTReview.resources.contains { $0.group == group && $0.version == version }
    }

    private static func groupVersionRoute(
        group: String, version: String, rest: [String], custom: [CustomResourceType] = []
    ) -> RESTRoute {
        // The custom kinds served at this group-version (a definition's served versions).
        let customKinds = custom.compactMap { type in
            type.kind.group == group && type.version(version) != nil ? type.kind(at: version) : nil
        }
        guard serves(group: group, version: version) || !customKinds.isEmpty else { return .notFound }
        if rest.isEmpty { return .groupVersion(group: group, version: version) }
        if rest.count == 1, let review = RESTReview.at(group: group, version: version, plural: rest[0]) {
            return .review(review)
        }
        var namespace: String?
        var rest = rest[...]
        if rest.count >= 3, rest.first == "namespaces", !namespaceSubresources.contains(rest[rest.startIndex + 2]) {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        guard (1...3).contains(rest.count),
            let kind = (ResourceKind.all + customKinds).first(where: {
                $0.group == group && $0.version == version && $0.plural == rest.first
            })
        else { return .notFound }
        if namespace != nil, !kind.namespaced { return .notFound }
        let name = rest.count > 1 ? rest[rest.startIndex + 1] : nil
        // A namespaced object is always named inside its namespace.
        if kind.namespaced, namespace == nil, name != nil { return .notFound }
        let subresource = rest.count > 2 ? rest[rest.startIndex + 2] : nil
        return .resource(RESTTarget(kind: kind, namespace: namespace, name: name, subresource: subresource))
    }
}
