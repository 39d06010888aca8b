import Foundation

/// Where the runtime keeps a pod's files under the kubeletd data directory:
/// `<data>/pods/<namespace>_<name>_<uid>/` holds `<container>/<attempt>.log` (one log per run, as Kubernetes'
/// `/var/log/pods`) and `workdir/` (the working directory of containers whose `workingDir` does not exist on
/// this machine).
struct PodDirectories: Sendable, Hashable {
    /// The kubeletd data directory.
    let dataDirectory: URL

    /// `<data>/pods`.
    var podsRoot: URL { dataDirectory.appendingPathComponent("pods", isDirectory: true) }

    /// `<data>/pods/<namespace>_<name>_<uid>`.
    func podDirectory(_ pod: PodIdentity) -> URL {
        podsRoot.appendingPathComponent("\(pod.namespace)_\(pod.name)_\(pod.uid)", isDirectory: true)
    }

    /// `<data>/pods/<namespace>_<name>_<uid>/<container>/<attempt>.log`.
    func logFile(_ pod: PodIdentity, container: String, attempt: Int) -> URL {
        podDirectory(pod).appendingPathComponent(container, isDirectory: true)
            .appendingPathComponent("\(attempt).log", isDirectory: false)
    }

    /// `<data>/pods/<namespace>_<name>_<uid>/workdir`.
    func workDirectory(_ pod: PodIdentity) -> URL {
        podDirectory(pod).appendingPathComponent("workdir", isDirectory: true)
    }

    /// The directory a run starts in: the container's `workingDir` when it is an existing directory on this
    /// machine, else the pod's ``workDirectory(_:)`` (created on demand).
    func workingDirectory(for launch: ContainerLaunch) -> String {
        var isDirectory: ObjCBool = false
        if let requested = launch.workingDirectory,
            FileManager.default.fileExists(atPath: requested, isDirectory: &isDirectory), isDirectory.boolValue
        {
            return requested
        }
        let fallback = workDirectory(launch.pod)
        try? FileManager.default.createDirectory(at: fallback, withIntermediateDirectories: true)
        return fallback.path
    }

    /// Opens (creating it and its directory) the log file of a run for appending.
    func openLog(for launch: ContainerLaunch) throws -> FileHandle {
        let url = logFile(launch.pod, container: launch.container, attempt: launch.attempt)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        return handle
    }

    /// The attempts that have a log file for `container` of `pod`, ascending.
    func loggedAttempts(_ pod: PodIdentity, container: String) -> [Int] {
        let directory = podDirectory(pod).appendingPathComponent(container, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name in name.hasSuffix(".log") ? Int(name.dropLast(4)) : nil }.sorted()
    }

    /// Pods with a directory named `<namespace>_<name>_<uid>`, most recently modified first (for logs of pods
    /// the runtime no longer tracks).
    func knownPods(namespace: String, name: String) -> [PodIdentity] {
        let prefix = "\(namespace)_\(name)_"
        let entries =
            (try? FileManager.default.contentsOfDirectory(
                at: podsRoot, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        return entries.filter { $0.lastPathComponent.hasPrefix(prefix) }
            .sorted {
                let left = (try? $0.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
                let right = (try? $1.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
                return (left ?? .distantPast) > (right ?? .distantPast)
            }
            .map {
                PodIdentity(namespace: namespace, name: name, uid: String($0.lastPathComponent.dropFirst(prefix.count)))
            }
    }
}
