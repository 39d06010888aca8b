/// The parts of a container image reference that defaulting needs (`redis:4.0-alpine`,
/// `registry:5000/team/app@sha256:...`), parsed as Kubernetes' `parsers.ParseImageName` does.
public struct ImageReference: Sendable, Hashable {
    /// `redis`, `registry:5000/team/app`
    public var repository: String
    /// The tag; `latest` when neither a tag nor a digest is given; `nil` with a digest but no tag.
    public var tag: String?
    /// `sha256:...`, if given.
    public var digest: String?

    /// Parses `image`; `nil` when it is not a valid reference (empty, or upper case in the repository path).
    public init?(_ image: String) {
        guard !image.isEmpty, !image.contains(where: \.isWhitespace) else { return nil }
        var rest = Substring(image)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let nameStart = rest.lastIndex(of: "/").map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[nameStart...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else if digest == nil {
            tag = "latest"
        }
        repository = String(rest)
        guard !repository.isEmpty, tag?.isEmpty != true, !Self.pathHasUpperCase(repository) else { return nil }
    }

    /// Docker references allow upper case only in the registry host, never in the repository path.
    private static func pathHasUpperCase(_ repository: String) -> Bool {
        let components = repository.split(separator: "/", omittingEmptySubsequences: false)
        let first = components.first ?? ""
        let hasRegistry = components.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        let path = hasRegistry ? components.dropFirst() : components[...]
        return path.contains { $0.contains(where: \.isUppercase) }
    }

    /// Kubernetes' default `imagePullPolicy` for `image`: `Always` when the tag is `latest` (or absent),
    /// `IfNotPresent` otherwise (including a digest without tag, and an unparseable reference).
    public static func defaultPullPolicy(for image: String?) -> String {
        ImageReference(image ?? "")?.tag == "latest" ? "Always" : "IfNotPresent"
    }
}
