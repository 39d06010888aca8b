import KubeAPI

/// The storage the API server keeps API objects in: a durable map from ``ObjectKey`` to a JSON object, a global
/// resourceVersion, atomic multi-object writes with resourceVersion preconditions, and watches that resume from a
/// resourceVersion.
///
/// Only the ``APIServer`` calls it: every other component reads and writes through the API server, so that
/// authorization, admission and the lifecycle rules apply. ``ObjectStore`` is the SQLite backend; this contract is
/// what any other backend (etcd) must keep. The conformance tests (`ObjectStorageConformanceTests`) check it
/// clause by clause against every backend.
///
/// ## Objects and keys
/// - An object is a JSON object (`JSONValue.object`) whose `metadata`, when present, is a JSON object; anything else
///   is refused with ``InvalidObjectError`` and changes nothing.
/// - The ``ObjectKey`` is authoritative: the storage never reads `metadata.name` or `metadata.namespace`, and never
///   fills in other fields (`uid`, `creationTimestamp`, ...: the API server does). It stores the object as given
///   except for `metadata.resourceVersion`, which it writes (see below). `namespace` is `""` for cluster-scoped kinds.
///
/// ## resourceVersion
/// - One counter for the whole storage (all kinds, all namespaces), an `Int64`; `0` means "nothing written yet".
/// - Every committed write (create, changing update, delete) gets a resourceVersion greater than every one assigned
///   before it, deleted objects' included, and the storage writes it into the object's `metadata.resourceVersion`
///   as a decimal string. Writes in one transaction get distinct, increasing resourceVersions in the order the
///   body made them. Values need not be consecutive (the SQLite backend's are; an etcd backend may encode its
///   revision and the write's index within its transaction, e.g. `revision << 16 | index`).
/// - Monotonic across restarts: a reopened persistent storage continues above every resourceVersion it ever
///   assigned and acknowledged, and never reuses one.
/// - Writes are totally ordered by resourceVersion, and that order is the order in which they become visible:
///   a read that sees a write sees every write with a lower resourceVersion.
/// - ``resourceVersion`` is the resourceVersion of the newest committed write (or the starting counter of a
///   freshly opened storage); it never decreases, and once a write has returned it is at least that write's.
///
/// ## Writes and atomicity
/// - ``transaction(_:)`` runs its body once, against a handle (``ObjectStorageTransaction``) whose reads see the
///   committed state plus the body's own earlier writes, and commits every write of the body atomically: all or
///   nothing, for readers, watchers and after a restart. If the body throws, nothing is written, ``resourceVersion``
///   does not advance and no event is published; the body's error is rethrown unchanged.
/// - A write that throws inside the body has changed nothing, so the body may catch it and go on (a cascade that
///   ignores `notFound`).
/// - Transactions are serializable: the commit is as if no other write happened between the body's first read and
///   the commit. The SQLite backend gets this by running bodies one at a time; a backend that runs them
///   optimistically must make the commit conditional on everything the body read being unchanged, and otherwise
///   fail with ``StoreError/conflict(_:expected:actual:)`` for a key that changed (it must not run the body again,
///   which may have side effects). The API server retries a conflict when its client gave no precondition.
/// - ``create(_:object:)``, ``update(_:object:expectedResourceVersion:)`` and ``delete(_:expectedResourceVersion:)``
///   are one-write transactions with the same semantics as the handle's methods of the same names.
///
/// ## Durability on acknowledgement
/// When a write (or a transaction) returns, it is committed: every later read on any thread sees it
/// (read-your-writes; callers need no expectations), its events have been handed to every matching watcher, and a
/// persistent backend keeps it through a crash of the process. The SQLite file backend (WAL, `synchronous =
/// NORMAL`) survives `kill -9`, not power loss or an OS crash; the in-memory backend keeps nothing after the
/// process ends. An etcd backend acknowledges after the Raft commit.
///
/// ## Group commit
/// ``commit(_:)`` is the asynchronous ``transaction(_:)``: same atomicity, serializability, durability and
/// publication on return, but the caller suspends while it waits, and the backend may run the bodies of concurrent
/// callers together and commit them at once (the SQLite backend runs the bodies queued during one commit in the
/// next, each in a savepoint of its own, so that a body that throws is undone alone). A body in such a batch sees
/// the writes of the bodies before it, which commit with it. Nothing is acknowledged before the commit that holds
/// it, and the batch's events are published in resourceVersion order before any of its callers resumes. The body
/// runs on a thread of the backend's choosing, hence `@Sendable`.
///
/// ## Reads
/// ``get(_:)`` and ``list(kind:namespace:)`` return committed state only, never a transaction in progress, and are
/// consistent: a list reflects exactly the writes up to the resourceVersion it returns. Lists are sorted by
/// namespace, then name, each compared by UTF-8 bytes.
///
/// The storage selects by kind and namespace only. Label and field selectors are applied by the caller (the API
/// server's `ObjectFilter`) on the returned objects and on watch events, because a selected watch needs
/// per-watcher state (an object that stops matching is sent as DELETED), which belongs above the storage.
///
/// ## Watches
/// ``watch(kind:namespace:fromResourceVersion:)`` returns a ``WatchStream`` of ``StoreEvent``s (ADDED, MODIFIED,
/// DELETED; never bookmarks) for one kind in one namespace (or all of them):
/// - From `nil`: first a synthetic ADDED event for every matching object of a consistent list taken at some
///   resourceVersion `L`, in list order, each carrying its object's own resourceVersion (so these are not in
///   resourceVersion order); then every matching change with a resourceVersion above `L`, none missing and none
///   twice. A consumer that later resumes from the highest resourceVersion it has seen misses nothing; it may be
///   replayed DELETED events (at or below `L`) for objects it never saw.
/// - From `rv`: every retained matching change with a resourceVersion above `rv`, then live ones, in strictly
///   increasing resourceVersion order, with no gap and no duplicate. An `rv` above the current one is accepted and
///   delivers only later changes. Kubernetes' `"0"`/`""` ("any") is `nil`; the caller maps it.
/// - A change's event carries the object after the change; a DELETED event carries the last state stamped with the
///   deletion's resourceVersion (the object ``delete(_:expectedResourceVersion:)`` returned). An event's
///   `resourceVersion` always equals its object's `metadata.resourceVersion`.
/// - Gone: when some matching or non-matching change after `rv` is no longer retained (history compacted, or
///   dropped from a bounded window, or never held, e.g. from before a restart of the SQLite backend), `watch`
///   throws ``StoreError/gone(requested:oldest:)`` at once rather than deliver with a gap; `oldest` is the lowest
///   resourceVersion a watch may then start from. The caller relists (Kubernetes' 410).
/// - Slow watchers: writers never wait for watchers. Each watcher has a bounded backlog (the backend's
///   configuration: the SQLite backend's `subscriberBuffer` live events on top of the initial ones, and a stall
///   limit); a watcher that overflows it, or leaves events untaken past the stall limit, is cut off: its pending
///   events are dropped, its stream ends, and ``WatchStream/cutOff`` is ``StoreError/tooSlow(delivered:newest:)``,
///   which the API server sends as Kubernetes' 410 so that the client relists.
/// - The stream ends with ``WatchStream/cutOff`` `nil` when the consuming task is cancelled; the watcher is then
///   removed. One task consumes a stream.
/// - A backend builds its streams with a ``WatchHub`` fed with its committed changes in resourceVersion order (the
///   SQLite backend publishes inside its write serialisation; an etcd backend feeds it from one etcd watch).
///
/// ## Compaction
/// ``compactWatchHistory(keepingAfter:)`` drops retained watch history up to a resourceVersion: afterwards a watch
/// from any `rv` below `min(resourceVersion, current)` is Gone, one from at or above it is not (until later
/// compaction). It never moves backwards, never affects objects, reads or watches already running, and compacting
/// beyond the current resourceVersion drops all history but no future change.
///
/// ## Errors
/// A failed operation changes nothing and publishes nothing. ``StoreError`` cases map one-to-one onto API statuses:
/// `notFound` (update/delete of a missing key), `alreadyExists` (create of an existing key), `conflict` (a
/// resourceVersion precondition that does not match the stored object's, or an optimistic transaction that lost a
/// race), `gone` (watch history not retained); `tooSlow` only ends watches. ``InvalidObjectError`` is a caller bug.
/// Any other error is the backend's own failure (disk, connection), reported as an internal error; the backend
/// must then have written nothing, except where it cannot know (a remote commit whose answer was lost), in which
/// case the write may still appear later, exactly once, with its events.
///
/// ## Threads and blocking
/// Conforming types are `Sendable`: every method may be called from any thread or task, concurrently. Methods are
/// synchronous and may block the calling thread for one storage round trip (the SQLite backend: reads never wait
/// for writes; a write waits for the writes before it). A transaction body runs on the calling thread while the
/// backend may hold its write serialisation, so it must be short and MUST NOT call the storage itself, only its
/// handle; the handle MUST NOT escape the body.
protocol ObjectStorage: Sendable {
    /// The resourceVersion of the newest committed write (the starting counter before any).
    var resourceVersion: Int64 { get }

    /// The committed object for `key`, or `nil`.
    func get(_ key: ObjectKey) throws -> JSONValue?

    /// The committed objects of `kind` in `namespace` (every namespace, and cluster-scoped objects, when `nil`),
    /// sorted by namespace then name, and the resourceVersion the list is consistent with.
    func list(kind: String, namespace: String?) throws -> (items: [JSONValue], resourceVersion: Int64)

    /// Runs `body` and commits its writes atomically; see "Writes and atomicity" above.
    ///
    /// - Returns: What `body` returned.
    /// - Throws: What `body` threw (nothing written), or a backend failure.
    func transaction<T>(_ body: (any ObjectStorageTransaction) throws -> T) throws -> T

    /// Runs `body` and commits its writes atomically, as ``transaction(_:)`` does, but the caller suspends instead of
    /// blocking a thread until the commit; see "Group commit" above.
    ///
    /// - Returns: What `body` returned, once its writes are committed and published.
    /// - Throws: What `body` threw (nothing written), or a backend failure (nothing written).
    func commit<T: Sendable>(_ body: @escaping @Sendable (any ObjectStorageTransaction) throws -> T) async throws -> T

    /// Creates the object for `key` in a transaction of its own; see ``ObjectStorageTransaction/create(_:object:)``.
    @discardableResult
    func create(_ key: ObjectKey, object: JSONValue) throws -> JSONValue

    /// Replaces the object for `key` in a transaction of its own; see
    /// ``ObjectStorageTransaction/update(_:object:expectedResourceVersion:)``.
    @discardableResult
    func update(_ key: ObjectKey, object: JSONValue, expectedResourceVersion: Int64?) throws -> JSONValue

    /// Deletes the object for `key` in a transaction of its own; see
    /// ``ObjectStorageTransaction/delete(_:expectedResourceVersion:)``.
    @discardableResult
    func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> JSONValue

    /// Watches the objects of `kind` in `namespace` (every namespace when `nil`); see "Watches" above.
    ///
    /// - Throws: ``StoreError/gone(requested:oldest:)`` when changes after `fromResourceVersion` are no longer
    ///   retained.
    func watch(kind: String, namespace: String?, fromResourceVersion: Int64?) throws -> WatchStream

    /// Drops retained watch history up to `resourceVersion`, so that watches from before it are Gone; see
    /// "Compaction" above.
    func compactWatchHistory(keepingAfter resourceVersion: Int64)
}

extension ObjectStorage {
    /// A backend without group commit runs the body as a transaction of its own, on the calling thread.
    func commit<T: Sendable>(_ body: @escaping @Sendable (any ObjectStorageTransaction) throws -> T) async throws -> T {
        try transaction(body)
    }

    @discardableResult
    func create(_ key: ObjectKey, object: JSONValue) throws -> JSONValue {
        try transaction { try $0.create(key, object: object) }
    }

    @discardableResult
    func update(_ key: ObjectKey, object: JSONValue, expectedResourceVersion: Int64?) throws -> JSONValue {
        try transaction { try $0.update(key, object: object, expectedResourceVersion: expectedResourceVersion) }
    }

    @discardableResult
    func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> JSONValue {
        try transaction { try $0.delete(key, expectedResourceVersion: expectedResourceVersion) }
    }
}
