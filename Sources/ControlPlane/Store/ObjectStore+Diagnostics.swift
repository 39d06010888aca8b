import GRDB
import Synchronization

/// What only the SQLite backend can tell about itself, for tests: they look into the database file, below the
/// ``ObjectStorage`` contract, and nothing in the control plane calls them.
extension ObjectStore {
    /// The SQLite journal mode and `synchronous` level in effect (`"wal"` and 1 = NORMAL for a file store).
    func durabilitySettings() throws -> (journalMode: String, synchronous: Int) {
        try database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            )
        }
    }

    /// The global resourceVersion as persisted in the `meta` table.
    func persistedResourceVersion() throws -> Int64 {
        try database.read { try StoreDatabase.resourceVersion($0) }
    }

    /// The `uid` column of the row for `key` (copied from `metadata.uid`, `""` when absent), or `nil` without a row.
    func storedUID(_ key: ObjectKey) throws -> String? {
        try database.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT uid FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
                arguments: [key.kind, key.namespace, key.name]
            )
        }
    }

    /// How many SQLite transactions have committed (a group commit counts once).
    var batchesCommitted: Int { committedBatches.load(ordering: .relaxed) }

    /// How many ``commit(_:)`` callers wait for the next group commit.
    var queuedCommits: Int { commits.count }
}
