/// Moving field ownership from client-side apply to server-side apply, as kubectl does before its first
/// server-side apply of an object (client-go's `csaupgrade`): the fields the client-side managers own become the
/// applier's, so that what a later manifest leaves out is removed rather than kept by the old `Update` entries.
extension FieldOwnership {
    /// The managedFields of `object` with the `Update` entries of `managers` (on the object itself, not a
    /// subresource) merged into `applier`'s `Apply` entry (made from them when there is none); nil when there is
    /// nothing to move.
    public static func upgradingClientSideApply(_ object: JSONValue, from managers: Set<String>, to applier: String)
        -> JSONValue?
    {
        var entries = entries(of: object)
        let moving = entries.filter { $0.operation == .update && $0.subresource == nil && managers.contains($0.manager) }
        guard let first = moving.first else { return nil }
        let fields = moving.reduce(FieldSet()) { $0.union($1.fields) }
        entries.removeAll { $0.operation == .update && $0.subresource == nil && managers.contains($0.manager) }
        if let index = entries.firstIndex(where: { $0.manager == applier && $0.operation == .apply && $0.subresource == nil }) {
            entries[index].fields = entries[index].fields.union(fields)
        } else {
            entries.append(ManagedFieldsEntry(
                manager: applier, operation: .apply, apiVersion: first.apiVersion, time: first.time, fields: fields))
        }
        return encode(entries) ?? .array([])
    }
}
