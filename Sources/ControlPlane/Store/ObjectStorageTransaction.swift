import KubeAPI

/// The handle a transaction body of ``ObjectStorage/transaction(_:)`` reads and writes through.
///
/// Reads see the committed state plus this transaction's own earlier writes (a key written twice starts from the
/// first write; a deleted key reads as `nil` and can be created again). Writes stay invisible to everyone else until
/// the whole transaction commits. Each write gets the next resourceVersion, stamped into `metadata.resourceVersion`
/// as a decimal string, and returns the object as it will be stored. A write that throws has changed nothing.
///
/// A handle MUST NOT be used outside the body it was passed to, nor from another thread.
protocol ObjectStorageTransaction {
    /// The object for `key`, including this transaction's writes, or `nil`.
    func get(_ key: ObjectKey) throws -> JSONValue?

    /// The objects of `kind` in `namespace` (every namespace when `nil`), including this transaction's writes,
    /// sorted by namespace then name (UTF-8 byte order).
    func list(kind: String, namespace: String?) throws -> [JSONValue]

    /// Creates the object for `key`.
    ///
    /// - Returns: The object as stored, with its new `metadata.resourceVersion`.
    /// - Throws: ``StoreError/alreadyExists(_:)`` when `key` exists; ``InvalidObjectError``.
    @discardableResult
    func create(_ key: ObjectKey, object: JSONValue) throws -> JSONValue

    /// Replaces the object for `key`.
    ///
    /// When `object` equals the stored object apart from `metadata.resourceVersion` (compared in canonical JSON:
    /// sorted keys, `JSONValue.jsonData()`, so `3.0` equals `3`), nothing is written: the stored object is returned
    /// unchanged, with no new resourceVersion and no event, as Kubernetes does.
    ///
    /// - Parameter expectedResourceVersion: When not `nil`, the stored object's resourceVersion must equal it.
    /// - Returns: The object as stored, with its (new) `metadata.resourceVersion`.
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/conflict(_:expected:actual:)``, ``InvalidObjectError``.
    @discardableResult
    func update(_ key: ObjectKey, object: JSONValue, expectedResourceVersion: Int64?) throws -> JSONValue

    /// Deletes the object for `key`.
    ///
    /// - Parameter expectedResourceVersion: When not `nil`, the stored object's resourceVersion must equal it.
    /// - Returns: The object's last state stamped with the deletion's new resourceVersion (what the DELETED event
    ///   carries).
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/conflict(_:expected:actual:)``.
    @discardableResult
    func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> JSONValue
}
