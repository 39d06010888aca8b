/// An apps/v1 ControllerRevision: an immutable snapshot of a DaemonSet's template (its history, for rollback).
///
/// No `spec` or `status`: `data` holds the patch that recreates the template, `revision` its number.
public struct ControllerRevision: APIResource, Hashable {
    public static let resourceKind = ResourceKind.controllerRevision

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// `{spec: {template: {..., $patch: replace}}}` for DaemonSets.
    public var data: JSONValue?
    @OrEmpty public var revision: Int64

    public init(metadata: ObjectMeta = ObjectMeta(), data: JSONValue? = nil, revision: Int64 = 0) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.data = data
        self.revision = revision
    }
}
