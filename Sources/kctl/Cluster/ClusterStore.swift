import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes clusters' `cluster.json`, lists clusters, and serialises commands on one cluster with a lock.
struct ClusterStore: Sendable {
    let paths: ClusterPaths

    /// Whether the cluster exists (its `cluster.json` does).
    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: paths.stateFile(name).path)
    }

    /// The cluster's state.
    ///
    /// - Throws: ``ClusterError/notFound(_:)`` when there is no such cluster.
    func load(_ name: String) throws(ClusterError) -> ClusterState {
        let file = paths.stateFile(name)
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .notFound(name) }
        do {
            return try ClusterState.decode(data)
        } catch {
            throw .stateFile("cannot read \(file.path): \(error)")
        }
    }

    /// Writes the cluster's state atomically, creating its directory.
    func save(_ state: ClusterState) throws(ClusterError) {
        let file = paths.stateFile(state.name)
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try state.encoded().write(to: file, options: .atomic)
        } catch {
            throw .stateFile("cannot write \(file.path): \(error)")
        }
    }

    /// The names of all clusters, sorted.
    func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: paths.root.path)) ?? []
        return entries.filter { !$0.hasPrefix(".") && exists($0) }.sorted()
    }

    /// Every cluster's state (unreadable ones are skipped).
    func all() -> [ClusterState] {
        names().compactMap { try? load($0) }
    }

    /// Removes the cluster's directory (not its lock file: see ``removeLock(_:)``).
    func remove(_ name: String) throws(ClusterError) {
        do {
            if FileManager.default.fileExists(atPath: paths.directory(name).path) {
                try FileManager.default.removeItem(at: paths.directory(name))
            }
        } catch {
            throw .stateFile("cannot remove \(paths.directory(name).path): \(error)")
        }
    }

    /// Removes the cluster's lock file, once the cluster is gone and the lock released.
    func removeLock(_ name: String) {
        guard !exists(name) else { return }
        try? FileManager.default.removeItem(at: paths.lockFile(name))
    }

    /// Runs `body` holding the cluster's lock (an exclusive `flock`), so two commands never change one cluster at
    /// once; the lock is released when the body ends or the process dies.
    func withLock<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        let lockFile = paths.lockFile(name)
        do {
            try FileManager.default.createDirectory(at: paths.root, withIntermediateDirectories: true)
        } catch {
            throw ClusterError.stateFile("cannot create \(paths.root.path): \(error)")
        }
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ClusterError.stateFile("cannot open \(lockFile.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw ClusterError.stateFile("cannot lock \(lockFile.path): \(String(cString: strerror(errno)))")
            }
        }
        return try await body()
    }
}
