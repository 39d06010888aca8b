/// A list of one kind of resource, as `list` returns it: `{apiVersion, kind: "DaemonSetList", metadata, items}`.
public struct ResourceList<R: APIResource>: Codable, Sendable, Equatable {
    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ListMeta
    @OrEmpty public var items: [R]

    /// A list of `items` with `apiVersion` and `kind` (`DaemonSetList`) set from `R`.
    public init(items: [R], metadata: ListMeta = ListMeta()) {
        self.apiVersion = R.resourceKind.apiVersion
        self.kind = Self.listKind
        self.metadata = metadata
        self.items = items
    }

    /// `DaemonSetList`, `PodList`...
    public static var listKind: String { R.resourceKind.kind + "List" }
}
