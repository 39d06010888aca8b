import Foundation
import Testing

@testable import ControlPlane

/// A storage backend under test, as the conformance tests see it: it opens stores typed as ``ObjectStorage`` only,
/// so the tests check the contract, not one implementation. A second backend (etcd) is added to ``all`` (and to
/// ``persistent`` if it survives a restart).
struct StorageBackend: Sendable, CustomTestStringConvertible {
    /// The limits a test asks of a fresh store (backend configuration, not part of the protocol).
    struct Limits: Sendable {
        /// How many recent changes the store retains for watches to resume from.
        var watchWindow = 1_000
        /// How many live events a watcher may have pending before it is cut off.
        var subscriberBuffer = 1_000
    }

    /// What the backend is, e.g. "SQLite in memory".
    let name: String
    /// Opens a fresh, empty store with `limits`.
    let open: @Sendable (_ limits: Limits) throws -> StorageSession

    var testDescription: String { name }

    /// Every backend.
    static let all: [StorageBackend] = [.sqliteInMemory, .sqliteFile]
    /// The backends that keep their objects through a restart.
    static let persistent: [StorageBackend] = [.sqliteFile]

    /// ``ObjectStore`` on an in-memory SQLite database.
    static let sqliteInMemory = StorageBackend(name: "SQLite in memory") { limits in
        let store = try ObjectStore(
            inMemoryWithWatchWindow: limits.watchWindow, subscriberBuffer: limits.subscriberBuffer)
        return StorageSession(store: store, reopen: nil, cleanup: {})
    }

    /// ``ObjectStore`` on a database file in a fresh temporary directory; a restart opens the same file again.
    static let sqliteFile = StorageBackend(name: "SQLite file") { limits in
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kcluster-storage-\(UUID().uuidString)", isDirectory: true)
        let open: () throws -> any ObjectStorage = {
            try ObjectStore(
                directory: directory, watchWindow: limits.watchWindow, subscriberBuffer: limits.subscriberBuffer)
        }
        return StorageSession(
            store: try open(), reopen: open, cleanup: { try? FileManager.default.removeItem(at: directory) })
    }
}

/// One test's store, and for a persistent backend a restart on the same data. ``close()`` (in a `defer`, which also
/// keeps the session alive to the end of the test) removes what it created.
final class StorageSession {
    private var current: (any ObjectStorage)?
    private let reopen: (() throws -> any ObjectStorage)?
    private let cleanup: () -> Void

    init(store: any ObjectStorage, reopen: (() throws -> any ObjectStorage)?, cleanup: @escaping () -> Void) {
        current = store
        self.reopen = reopen
        self.cleanup = cleanup
    }

    /// Releases the store and removes its data.
    func close() {
        current = nil
        cleanup()
    }

    /// The store now open.
    var store: any ObjectStorage { current! }

    /// Closes the store (the caller must hold no other reference to it) and opens it again on the same data, as a
    /// restarted control plane does.
    @discardableResult
    func restart() throws -> any ObjectStorage {
        guard let reopen else { throw RestartUnsupported() }
        current = nil
        current = try reopen()
        return current!
    }

    struct RestartUnsupported: Error {}
}
