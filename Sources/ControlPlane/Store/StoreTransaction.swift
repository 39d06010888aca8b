import GRDB
import KubeAPI
import Wire

/// The SQLite backend's ``ObjectStorageTransaction``: the writes of one atomic transaction, handed to the body of
/// ``ObjectStore/transaction(_:)``.
///
/// Each write gets the next global resourceVersion (consecutive), stamped into `metadata.resourceVersion` as a
/// decimal string. A write that throws has changed nothing, so the body may catch it and go on (e.g. a cascade that
/// ignores `notFound`). Events are published only once the whole transaction has committed.
///
/// Reads come from the store's ``ObjectCache`` overlaid with this transaction's own writes; writes go to SQLite and
/// reach the cache only after the commit.
///
/// A transaction MUST NOT be used outside the body it was passed to.
final class StoreTransaction: ObjectStorageTransaction {
    private let db: Database
    private let cache: ObjectCache
    /// This transaction's writes so far: the new object, or `nil` for a deletion.
    private var pending: [ObjectKey: JSONValue?] = [:]
    private let startResourceVersion: Int64
    /// The highest resourceVersion assigned so far (the store's, before any write).
    private(set) var resourceVersion: Int64
    /// Events of the writes so far, in resourceVersion order.
    private(set) var events: [StoreEvent] = []

    /// Starts on `db`, which MUST be inside an SQLite transaction.
    init(_ db: Database, cache: ObjectCache) throws {
        self.db = db
        self.cache = cache
        startResourceVersion = try StoreDatabase.resourceVersion(db)
        resourceVersion = startResourceVersion
    }

    // MARK: - Reads

    /// The object for `key`, as stored (including writes earlier in this transaction).
    func get(_ key: ObjectKey) throws -> JSONValue? {
        if let written = pending[key] { return written }
        return cache.get(key)
    }

    /// The objects of `kind` in `namespace` (all namespaces when `nil`), sorted by namespace then name.
    func list(kind: String, namespace: String?) throws -> [JSONValue] {
        let committed = cache.list(kind: kind, namespace: namespace).items
        let written = pending.filter { key, _ in key.kind == kind && (namespace == nil || key.namespace == namespace) }
        guard !written.isEmpty else { return committed.map(\.object) }
        var merged: [ObjectKey: JSONValue?] = Dictionary(uniqueKeysWithValues: committed.map { ($0.key, $0.object) })
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

    /// Persists the counter; called by ``ObjectStore`` just before commit.
    func finish() throws {
        if resourceVersion != startResourceVersion {
            try StoreDatabase.setResourceVersion(resourceVersion, db)
        }
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
