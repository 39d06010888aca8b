import Foundation
import GRDB
import KubeAPI
import Wire

/// The SQLite backend of ``ObjectStorage``: API objects as JSON in SQLite, a global resourceVersion, and watches.
///
/// Every write runs in one SQLite transaction that assigns the next global resourceVersion (persisted, so it keeps
/// growing across restarts, deleted objects included; consecutive, starting at 1) and writes it into
/// `metadata.resourceVersion`. Only after the commit is the change published to the ``WatchHub``, still inside the
/// write serialisation, so watchers see events in strictly increasing resourceVersion order even with concurrent
/// writers. Transaction bodies run one at a time, which makes them serializable without conflicts of their own.
///
/// ## Durability
/// The file database uses WAL with `synchronous = NORMAL`: an acknowledged write survives `kill -9` of the process.
/// Power loss or an OS crash may lose the last acknowledged writes (never corrupt the file); that is out of scope.
///
/// ## Reads
/// Reads are served by an ``ObjectCache``, a write-through mirror of the table updated right after each commit and
/// before the write returns, so they never wait behind writes and always see every acknowledged write.
///
/// ## Watch history
/// The hub keeps the last `watchWindow` events in memory only: a reopened store retains none, so a watch from a
/// resourceVersion older than the one it reopened at is Gone.
///
/// ## Blocking
/// All methods are synchronous; writes run on GRDB's serial queue. Reads and writes are short, so async callers may
/// call them directly.
///
/// SQLite-only diagnostics for tests are in `ObjectStore+Diagnostics.swift`; they are not part of the contract.
final class ObjectStore: ObjectStorage {
    /// Default number of events retained for watch resumption.
    static let defaultWatchWindow = 10_000

    /// The database connection. A `DatabaseQueue` serialises every access. (Internal for the diagnostics.)
    let database: DatabaseQueue
    /// The committed objects, in memory.
    private let cache: ObjectCache
    /// Fans out committed events and keeps the resumption window.
    let watchHub: WatchHub

    /// Opens (creating if needed) the database `directory/state.db`.
    ///
    /// - Parameters:
    ///   - watchWindow: How many recent events are retained for watch resumption.
    ///   - subscriberBuffer: How many live events a watcher may have pending before it is terminated.
    convenience init(
        directory: URL,
        watchWindow: Int = ObjectStore.defaultWatchWindow,
        subscriberBuffer: Int = WatchHub.defaultSubscriberBuffer
    ) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("state.db").path
        let database = try DatabaseQueue(path: path, configuration: StoreDatabase.fileConfiguration())
        try self.init(database: database, watchWindow: watchWindow, subscriberBuffer: subscriberBuffer)
    }

    /// Creates an empty in-memory store (tests).
    convenience init(
        inMemoryWithWatchWindow watchWindow: Int = ObjectStore.defaultWatchWindow,
        subscriberBuffer: Int = WatchHub.defaultSubscriberBuffer
    ) throws {
        let database = try DatabaseQueue(configuration: StoreDatabase.memoryConfiguration())
        try self.init(database: database, watchWindow: watchWindow, subscriberBuffer: subscriberBuffer)
    }

    private init(database: DatabaseQueue, watchWindow: Int, subscriberBuffer: Int) throws {
        try StoreDatabase.migrator.migrate(database)
        self.database = database
        let (stored, resourceVersion) = try database.read { db in
            (try StoreDatabase.all(db), try StoreDatabase.resourceVersion(db))
        }
        cache = ObjectCache(objects: stored.lazy.map { ($0.key, $0.object) }, resourceVersion: resourceVersion)
        watchHub = WatchHub(window: watchWindow, subscriberBuffer: subscriberBuffer, resourceVersion: resourceVersion)
    }

    // MARK: - Reads

    /// The current global resourceVersion: the highest one assigned by a committed (and published) write.
    var resourceVersion: Int64 { watchHub.resourceVersion }

    /// The object for `key`, or `nil`.
    func get(_ key: ObjectKey) throws -> JSONValue? {
        cache.get(key)
    }

    /// The objects of `kind` in `namespace` (all namespaces when `nil`), sorted by namespace then name, and the
    /// resourceVersion the list is consistent with.
    func list(kind: String, namespace: String?) throws -> (items: [JSONValue], resourceVersion: Int64) {
        let (items, resourceVersion) = cache.list(kind: kind, namespace: namespace)
        return (items.map(\.object), resourceVersion)
    }

    // MARK: - Writes

    // `create`, `update` and `delete` are ``ObjectStorage``'s one-write transactions.

    /// Runs several reads and writes atomically (e.g. a cascading delete), one transaction at a time.
    ///
    /// If `body` throws, nothing is written and no event is published. Otherwise the transaction commits and its
    /// events are published, in order, before this method returns.
    func transaction<T>(_ body: (any ObjectStorageTransaction) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            try db.beginTransaction(.immediate)
            let result: T
            let events: [StoreEvent]
            do {
                let transaction = try StoreTransaction(db, cache: cache)
                result = try body(transaction)
                try transaction.finish()
                events = transaction.events
                try db.commit()
            } catch {
                if db.isInsideTransaction {
                    try? db.rollback()
                }
                throw error
            }
            // Still inside the serial write queue: events reach the cache, then the hub, in resourceVersion order.
            cache.apply(events) { watchHub.publish($0) }
            return result
        }
    }

    // MARK: - Watching

    /// Watches the objects of `kind` in `namespace` (all namespaces when `nil`).
    ///
    /// - With `fromResourceVersion == nil`, the stream starts with a synthetic ADDED event for every current object
    ///   (a consistent list, in list order, each carrying its own resourceVersion), then every later change.
    ///   Consumers that resume later should remember the highest resourceVersion seen.
    /// - Otherwise it replays retained changes after that resourceVersion, then live ones, with no gap and no
    ///   duplicate. Callers map Kubernetes' "0"/"" ("any") to `nil`.
    ///
    /// - Throws: ``StoreError/gone(requested:oldest:)`` when changes after `fromResourceVersion` are no longer
    ///   retained (always the case for resourceVersions older than the last restart).
    func watch(kind: String, namespace: String?, fromResourceVersion: Int64?) throws -> WatchStream {
        let filter = WatchFilter(kind: kind, namespace: namespace)
        if let fromResourceVersion {
            return try watchHub.watch(filter, after: fromResourceVersion)
        }
        // The cache holds off commits (and their publication) while this lists and subscribes: no event slips
        // between the list and the subscription, and none is delivered twice.
        return cache.withList(kind: kind, namespace: namespace) { items, resourceVersion in
            let initial = items.map {
                StoreEvent(type: .added, key: $0.key, object: $0.object,
                           resourceVersion: StoreTransaction.resourceVersion(of: $0.object) ?? resourceVersion)
            }
            return watchHub.watch(filter, initialEvents: initial, after: resourceVersion)
        }
    }

    /// Drops retained watch history up to `resourceVersion`, so that watches from there get Gone (admin, tests).
    func compactWatchHistory(keepingAfter resourceVersion: Int64) {
        watchHub.compact(keepingAfter: resourceVersion)
    }
}
