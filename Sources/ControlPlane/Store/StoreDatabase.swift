import Foundation
import GRDB
import KubeAPI
import Wire

/// The SQLite schema and row-level SQL behind ``ObjectStore``.
///
/// Tables:
/// - `objects(kind, namespace, name, uid, resource_version, data)`, primary key `(kind, namespace, name)`;
///   `data` is the object's JSON with sorted keys, `metadata.resourceVersion` included.
/// - `meta(id = 1, resource_version)`: the global resourceVersion counter. It is stored rather than derived as
///   `MAX(resource_version)` so that the resourceVersions of deleted objects are never reused.
enum StoreDatabase {
    /// A stored row.
    struct StoredObject {
        var key: ObjectKey
        var resourceVersion: Int64
        var object: JSONValue
    }

    /// Connection settings for the file database.
    ///
    /// WAL journal with `synchronous = NORMAL`: a committed transaction has been written to the WAL file (not
    /// fsynced), so it survives `kill -9` of the process; the last transactions may be lost on power loss or an OS
    /// crash, which is out of scope. A busy timeout covers other processes (e.g. `sqlite3`) holding the lock.
    static func fileConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(5)
        configuration.label = "kcluster.store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Connection settings for an in-memory database (tests).
    static func memoryConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "kcluster.store.memory"
        return configuration
    }

    /// Creates or upgrades the schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-objects") { db in
            try db.execute(
                sql: """
                    CREATE TABLE objects (
                        kind TEXT NOT NULL,
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        uid TEXT NOT NULL,
                        resource_version INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (kind, namespace, name)
                    ) WITHOUT ROWID;
                    CREATE TABLE meta (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        resource_version INTEGER NOT NULL
                    );
                    INSERT INTO meta (id, resource_version) VALUES (1, 0);
                    """
            )
        }
        return migrator
    }

    // MARK: - Counter

    /// The global resourceVersion: the highest one ever assigned, 0 for an empty database.
    static func resourceVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(try db.cachedStatement(sql: "SELECT resource_version FROM meta WHERE id = 1")) ?? 0
    }

    /// Persists the global resourceVersion.
    static func setResourceVersion(_ resourceVersion: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE meta SET resource_version = ? WHERE id = 1")
            .execute(arguments: [resourceVersion])
    }

    // MARK: - Savepoints

    /// Opens the savepoint of one transaction body within a group commit (``StoreBatch``).
    static func beginSavepoint(_ db: Database) throws {
        try db.cachedStatement(sql: "SAVEPOINT body").execute()
    }

    /// Keeps the body's writes (they commit with the batch).
    static func releaseSavepoint(_ db: Database) throws {
        try db.cachedStatement(sql: "RELEASE SAVEPOINT body").execute()
    }

    /// Undoes the body's writes and closes its savepoint.
    static func rollBackToSavepoint(_ db: Database) throws {
        try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT body").execute()
        try db.cachedStatement(sql: "RELEASE SAVEPOINT body").execute()
    }

    // MARK: - Objects

    /// The stored object for `key`, if any.
    static func fetch(_ key: ObjectKey, _ db: Database) throws -> StoredObject? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT resource_version, data FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
            arguments: [key.kind, key.namespace, key.name]
        )
        guard let row else { return nil }
        return StoredObject(
            key: key,
            resourceVersion: try row.decode(Int64.self, atIndex: 0),
            object: try JSONValue(jsonData: try row.decode(Data.self, atIndex: 1))
        )
    }

    /// The stored objects of `kind`, in `namespace` (or all namespaces when `nil`), sorted by namespace then name.
    static func list(kind: String, namespace: String?, _ db: Database) throws -> [StoredObject] {
        let rows: [Row]
        if let namespace {
            rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT namespace, name, resource_version, data FROM objects
                    WHERE kind = ? AND namespace = ? ORDER BY namespace, name
                    """,
                arguments: [kind, namespace]
            )
        } else {
            rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT namespace, name, resource_version, data FROM objects
                    WHERE kind = ? ORDER BY namespace, name
                    """,
                arguments: [kind]
            )
        }
        return try rows.map { row in
            StoredObject(
                key: ObjectKey(
                    kind: kind,
                    namespace: try row.decode(String.self, atIndex: 0),
                    name: try row.decode(String.self, atIndex: 1)
                ),
                resourceVersion: try row.decode(Int64.self, atIndex: 2),
                object: try JSONValue(jsonData: try row.decode(Data.self, atIndex: 3))
            )
        }
    }

    /// Inserts or replaces the row for `stored.key`.
    /// Every stored object (loading the cache at start).
    static func all(_ db: Database) throws -> [StoredObject] {
        try Row.fetchAll(db, sql: "SELECT kind, namespace, name, resource_version, data FROM objects").map { row in
            StoredObject(
                key: ObjectKey(
                    kind: try row.decode(String.self, atIndex: 0),
                    namespace: try row.decode(String.self, atIndex: 1),
                    name: try row.decode(String.self, atIndex: 2)
                ),
                resourceVersion: try row.decode(Int64.self, atIndex: 3),
                object: try JSONValue(jsonData: try row.decode(Data.self, atIndex: 4))
            )
        }
    }

    static func save(_ stored: StoredObject, _ db: Database) throws {
        let uid = stored.object[path: ["metadata", "uid"]]?.stringValue ?? ""
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO objects (kind, namespace, name, uid, resource_version, data)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            stored.key.kind, stored.key.namespace, stored.key.name, uid, stored.resourceVersion,
            try stored.object.jsonData(),
        ])
    }

    /// Deletes the row for `key`.
    static func remove(_ key: ObjectKey, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?")
            .execute(arguments: [key.kind, key.namespace, key.name])
    }
}
