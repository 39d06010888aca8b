import GRDB
import KubeAPI
import Wire

/// The SQLite backend's ``ObjectStorageTransaction``: the writes of one writer's transaction body, handed to it by
/// ``ObjectStore/transaction(_:)`` or ``ObjectStore/commit(_:)``.
///
/// Each write gets the next global resourceVersion (consecutive), stamped into `metadata.resourceVersion` as a
/// decimal string. A write that throws has changed nothing, so the body may catch it and go on (e.g. a cascade that
/// ignores `notFound`). Events are published only once the whole transaction has committed.
///
/// The body runs inside a ``StoreBatch`` (a group commit), in a savepoint of its own. Reads come from the store's
/// ``ObjectCache`` overlaid with the writes of the bodies before it in the batch and then with this transaction's own
/// writes; writes go to SQLite and reach the cache only after the batch commits.
///
/// A transaction MUST NOT be used outside the body it was passed to.
final class StoreTransaction: ObjectStorageTransaction {
    private let db: Database
    private let batch: StoreBatch
    /// This transaction's writes so far: the new object, or `nil` for a deletion.
    private(set) var pending: [ObjectKey: JSONValue?] = [:]
    /// The highest resourceVersion assigned so far (the batch's, before any write).
    private(set) var resourceVersion: Int64
    /// Events of the writes so far, in resourceVersion order.
    private(set) var events: [StoreEvent] = []

    /// Starts on `db` within `batch` (which has opened this transaction's savepoint).
    init(_ db: Database, batch: StoreBatch) {
        self.db = db
        self.batch = batch
        resourceVersion = batch.resourceVersion
    }

    // MARK: - Reads

    /// The object for `key`, as stored (including writes earlier in this transaction).
    func get(_ key: ObjectKey) throws -> JSONValue? {
        if let written = pending[key] { return written }
        if let written = batch.written[key] { return written }
        return batch.cache.get(key)
    }

    /// The objects of `kind` in `namespace` (all namespaces when `nil`), sorted by namespace then name.
    func list(kind: String, namespace: String?) throws -> [JSONValue] {
        let committed = batch.cache.list(kind: kind, namespace: namespace).items
        func selected(_ key: ObjectKey) -> Bool { key.kind == kind && (namespace == nil || key.namespace == namespace) }
        let earlier = batch.written.filter { selected($0.key) }
        let written = pending.filter { selected($0.key) }
        guard !earlier.isEmpty || !written.isEmpty else { return committed.map(\.object) }
        var merged: [ObjectKey: JSONValue?] = Dictionary(uniqueKeysWithValues: committed.map { ($0.key, $0.object) })
        for (key, object) in earlier { merged[key] = object }
        for (key, object) in written { merged[key] = object }
        return merged.sorted { left, right in
            left.key.namespace == right.key.namespace
                ? left.key.name.utf8.lexicographicallyPrecedes(right.key.name.utf8)
                : left.key.namespace.utf8.lexicographicallyPrecedes(right.key.namespace.utf8)
        }.compactMap(\.value)
    }

    // MARK: - Writes

    /// Creates the object for `key`.
    ///
    /// - Returns: The stored object, with its new `metadata.resourceVersion`.
    /// - Throws: ``StoreError/alreadyExists(_:)``, ``InvalidObjectError``.
    @discardableResult
    func create(_ key: ObjectKey, object: JSONValue) throws -> JSONValue {
        if try get(key) != nil {
            throw StoreError.alreadyExists(key)
        }
        let rv = resourceVersion + 1
        let stored = try Self.stamp(object, resourceVersion: rv, key: key)
        try StoreDatabase.save(.init(key: key, resourceVersion: rv, object: stored), db)
        pending[key] = stored
        record(.added, key, stored, rv)
        return stored
    }

    /// Replaces the object for `key`.
    ///
    /// When the new object equals the stored one (apart from `metadata.resourceVersion`), nothing is written and
    /// the stored object is returned unchanged, with no new resourceVersion and no event (as Kubernetes does).
    ///
    /// - Parameter expectedResourceVersion: When not `nil`, the stored resourceVersion must equal it.
    /// - Returns: The stored object, with its new `metadata.resourceVersion`.
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/conflict(_:expected:actual:)``,
    ///   ``InvalidObjectError``.
    @discardableResult
    func update(_ key: ObjectKey, object: JSONValue, expectedResourceVersion: Int64?) throws -> JSONValue {
        let current = try existing(key, expectedResourceVersion: expectedResourceVersion)
        // Compare encoded bytes (sorted keys), so that e.g. `3.0` and `3` count as equal, as they would on disk.
        let unchanged = try Self.stamp(object, resourceVersion: current.resourceVersion, key: key)
        if try unchanged.jsonData() == current.object.jsonData() {
            return current.object
        }
        let rv = resourceVersion + 1
        let stored = try Self.stamp(object, resourceVersion: rv, key: key)
        try StoreDatabase.save(.init(key: key, resourceVersion: rv, object: stored), db)
        pending[key] = stored
        record(.modified, key, stored, rv)
        return stored
    }

    /// Deletes the object for `key`.
    ///
    /// - Parameter expectedResourceVersion: When not `nil`, the stored resourceVersion must equal it.
    /// - Returns: The last state of the object, stamped with the deletion's new resourceVersion.
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/conflict(_:expected:actual:)``.
    @discardableResult
    func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> JSONValue {
        let current = try existing(key, expectedResourceVersion: expectedResourceVersion)
        let rv = resourceVersion + 1
        let last = try Self.stamp(current.object, resourceVersion: rv, key: key)
        try StoreDatabase.remove(key, db)
        pending[key] = .some(nil)
        record(.deleted, key, last, rv)
        return last
    }

    // MARK: - Helpers

    private func existing(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> StoreDatabase.StoredObject {
        guard let object = try get(key) else {
            throw StoreError.notFound(key)
        }
        let current = StoreDatabase.StoredObject(
            key: key, resourceVersion: Self.resourceVersion(of: object) ?? 0, object: object)
        if let expectedResourceVersion, expectedResourceVersion != current.resourceVersion {
            throw StoreError.conflict(key, expected: expectedResourceVersion, actual: current.resourceVersion)
        }
        return current
    }

    private func record(_ type: WatchEventType, _ key: ObjectKey, _ object: JSONValue, _ rv: Int64) {
        resourceVersion = rv
        events.append(StoreEvent(type: type, key: key, object: object, resourceVersion: rv))
    }

    /// A stored object's `metadata.resourceVersion` (every stored object carries one).
    static func resourceVersion(of object: JSONValue) -> Int64? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }

    /// `object` with `metadata.resourceVersion` set to `resourceVersion` (a decimal string).
    static func stamp(_ object: JSONValue, resourceVersion: Int64, key: ObjectKey) throws -> JSONValue {
        guard case .object(var members) = object else {
            throw InvalidObjectError(key: key, reason: "not a JSON object")
        }
        var metadata: [String: JSONValue] = [:]
        if let existing = members["metadata"] {
            guard let existingMembers = existing.objectValue else {
                throw InvalidObjectError(key: key, reason: "metadata is not a JSON object")
            }
            metadata = existingMembers
        }
        metadata["resourceVersion"] = .string(String(resourceVersion))
        members["metadata"] = .object(metadata)
        return .object(members)
    }
}
