import Foundation
import GRDB
import KubeAPI
import Synchronization
import Wire

/// The SQLite backend of ``ObjectStorage``: API objects as JSON in SQLite, a global resourceVersion, and watches.
///
/// Every write gets the next global resourceVersion (persisted, so it keeps growing across restarts, deleted objects
/// included; consecutive, starting at 1), written into `metadata.resourceVersion`. Only after the SQLite commit is the
/// change published to the ``WatchHub``, still inside the write serialisation, so watchers see events in strictly
/// increasing resourceVersion order even with concurrent writers. Transaction bodies run one at a time, which makes
/// them serializable without conflicts of their own.
///
/// ## Group commit
/// Writers do not pay for one SQLite transaction each. ``commit(_:)`` callers queue their bodies (``CommitQueue``)
/// and suspend; whatever is queued while a commit is in progress runs in the next one (a ``StoreBatch``): the bodies
/// one after another in one SQLite transaction, each in a savepoint of its own (a body that throws is undone alone),
/// then one commit, then the events of the whole batch to the cache and the hub, then every caller resumes. A
/// blocking ``transaction(_:)`` runs its body in a batch too, with whatever is queued at that moment. Nothing is
/// acknowledged before the commit that holds it.
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
/// Writes run on GRDB's serial queue. ``transaction(_:)`` and the one-write methods block the caller until their
/// commit; ``commit(_:)`` suspends instead, so async callers (the API server's wire requests) hold no thread while
/// they wait. Reads never wait for writes.
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
    /// ``commit(_:)`` callers waiting for the next group commit. (Internal for the diagnostics.)
    let commits = CommitQueue<CommitJob>()
    /// How many batches (SQLite transactions) have committed. (Internal for the diagnostics.)
    let committedBatches = Atomic<Int>(0)

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

    /// Runs several reads and writes atomically (e.g. a cascading delete), blocking the calling thread until they
    /// are committed.
    ///
    /// If `body` throws, nothing is written and no event is published. Otherwise the transaction commits and its
    /// events are published, in order, before this method returns. The caller's body leads a group commit: writes
    /// queued by ``commit(_:)`` callers meanwhile share its SQLite transaction.
    func transaction<T>(_ body: (any ObjectStorageTransaction) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            var result: Result<T, any Error>?
            try commitBatch(db, jobs: commits.takeAll()) { batch in
                result = Result { try batch.run { try body($0) } }
                if case .failure(let error as StoreBatch.BrokenBatch) = result { throw error }
            }
            return try result!.get()
        }
    }

    /// Runs `body` as ``transaction(_:)`` does, but the caller suspends (no thread waits) until it is committed, and
    /// its commit is shared with concurrent writers (group commit).
    ///
    /// Bodies queued while a commit is in progress run together in the next one, one after another, each in a
    /// savepoint of its own: a body that throws is undone alone, and every write is acknowledged only once the
    /// SQLite transaction that holds it has committed and its events have been published.
    func commit<T: Sendable>(_ body: @escaping @Sendable (any ObjectStorageTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job = CommitJob(
                run: { batch in
                    let value = try batch.run { try body($0) }
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) })
            if commits.enqueue(job) { scheduleDrain() }
        }
    }

    /// Commits the queued ``commit(_:)`` jobs on the write queue, then schedules the next drain if more arrived.
    private func scheduleDrain() {
        database.asyncWriteWithoutTransaction { [self] db in
            let jobs = commits.takeAll()
            if !jobs.isEmpty {
                // Failures reach the jobs themselves; there is no caller to rethrow to.
                try? commitBatch(db, jobs: jobs) { _ in }
            }
            if commits.finishDrain() { scheduleDrain() }
        }
    }

    /// Runs `leader` (a ``transaction(_:)`` caller's body) and `jobs` in one SQLite transaction, commits it, applies
    /// the events to the cache and the watchers, then acknowledges every job (or fails it). On the write queue.
    ///
    /// - Throws: A failure to begin or commit, or to undo a failed body (every job has then failed with it too).
    private func commitBatch(
        _ db: Database, jobs: [CommitJob], leader: (StoreBatch) throws -> Void
    ) throws {
        // Per job, in order: how to acknowledge it once committed, or its body's error.
        var outcomes: [Result<@Sendable () -> Void, any Error>] = []
        let events: [StoreEvent]
        do {
            try db.beginTransaction(.immediate)
            let batch = try StoreBatch(db, cache: cache)
            try leader(batch)
            for job in jobs {
                do {
                    outcomes.append(.success(try job.run(batch)))
                } catch let broken as StoreBatch.BrokenBatch {
                    throw broken
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            try batch.finish()
            try db.commit()
            committedBatches.add(1, ordering: .relaxed)
            events = batch.events
        } catch {
            if db.isInsideTransaction {
                try? db.rollback()
            }
            // Nothing was committed: every job fails, with its own body's error or else with the batch's.
            let reported = (error as? StoreBatch.BrokenBatch)?.underlying ?? error
            for (index, job) in jobs.enumerated() {
                if index < outcomes.count, case .failure(let own) = outcomes[index] {
                    job.fail(own)
                } else {
                    job.fail(reported)
                }
            }
            throw reported
        }
        // Still on the serial write queue: events reach the cache, then the hub, in resourceVersion order; only then
        // are the writers told.
        cache.apply(events) { watchHub.publish($0) }
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .success(let acknowledge): acknowledge()
            case .failure(let error): job.fail(error)
            }
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
