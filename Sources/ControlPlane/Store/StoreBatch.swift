import GRDB
import KubeAPI

/// One group commit of the SQLite backend: the transaction bodies of several writers run one after another inside
/// one SQLite transaction, each within a savepoint of its own, and are committed together.
///
/// A body that throws is rolled back to its savepoint, so it changes nothing, and the others go on; a body sees the
/// writes of the bodies before it in the batch (they commit with it, so it is as if they had run alone one after
/// another: serializable). Each write gets the next resourceVersion across the whole batch. The counter is persisted
/// once, just before the commit. Nothing reaches the cache or the watchers until ``ObjectStore`` has committed the
/// batch and applies its ``events``.
///
/// Runs on the store's serial write queue; MUST NOT escape it.
final class StoreBatch {
    /// The failure to undo a body's writes: the batch cannot go on, and must be rolled back whole.
    struct BrokenBatch: Error {
        var underlying: any Error
    }

    private let db: Database
    let cache: ObjectCache
    /// Writes of the bodies that succeeded so far: the new object, or `nil` for a deletion.
    private(set) var written: [ObjectKey: JSONValue?] = [:]
    private let startResourceVersion: Int64
    /// The highest resourceVersion assigned so far in this batch (the store's, before any write).
    private(set) var resourceVersion: Int64
    /// Events of the bodies that succeeded, in resourceVersion order.
    private(set) var events: [StoreEvent] = []

    /// Starts a batch on `db`, which MUST be inside an SQLite transaction.
    init(_ db: Database, cache: ObjectCache) throws {
        self.db = db
        self.cache = cache
        startResourceVersion = try StoreDatabase.resourceVersion(db)
        resourceVersion = startResourceVersion
    }

    /// Runs one writer's body in a savepoint of its own.
    ///
    /// - Returns: What `body` returned; its writes are then part of the batch.
    /// - Throws: What `body` threw, after undoing its writes; ``BrokenBatch`` when they could not be undone.
    func run<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try StoreDatabase.beginSavepoint(db)
        let transaction = StoreTransaction(db, batch: self)
        let value: T
        do {
            value = try body(transaction)
            try StoreDatabase.releaseSavepoint(db)
        } catch {
            do {
                try StoreDatabase.rollBackToSavepoint(db)
            } catch let undo {
                throw BrokenBatch(underlying: undo)
            }
            throw error
        }
        for (key, object) in transaction.pending { written[key] = object }
        events += transaction.events
        resourceVersion = transaction.resourceVersion
        return value
    }

    /// Persists the counter; called just before the commit.
    func finish() throws {
        if resourceVersion != startResourceVersion {
            try StoreDatabase.setResourceVersion(resourceVersion, db)
        }
    }
}
