import Foundation
import KubeAPI
import Logging
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sets up a pod's volumes in its directory, as the kubelet's volume manager does before it creates the pod's
/// containers, and refreshes them when what they project changes:
///
/// - ConfigMap, Secret, projected and downward-API volumes: their files (``VolumePayload``), written by the
///   ``AtomicWriter`` (`..data` and links through it; a refresh switches every file at once);
/// - emptyDir: an empty directory (0777); hostPath and other types: an empty directory too, never the machine's.
///
/// A volume set up once stays usable: a later failure (its ConfigMap deleted) keeps the files it had, as Kubernetes
/// keeps a mounted volume.
struct PodVolumeManager: Sendable {
    /// What setting up a pod's volumes found.
    struct Outcome: Sendable, Hashable {
        /// Volumes never set up that cannot be set up now, with Kubernetes' `FailedMount` message
        /// (`MountVolume.SetUp failed for volume "config" : configmap "x" not found`).
        var failures: [String: String] = [:]
        /// Volumes waiting for an object not read yet.
        var waiting: Set<String> = []
        /// The names of the volumes set up (now or before).
        var mounted: Set<String> = []
        /// Projected sources written without content (a ServiceAccount token not obtained yet), by volume.
        var pending: [String: [String]] = [:]

        /// Whether the pod's containers may be created.
        var isReady: Bool { failures.isEmpty && waiting.isEmpty }
    }

    let directories: PodDirectories
    let logger: Logger

    /// Sets up (or refreshes) every volume of `pod`; `mounted` are the volumes set up before.
    func setUp(_ pod: Pod, inputs: VolumePayload.Inputs, mounted: Set<String>, now: Date) -> Outcome {
        let identity = PodIdentity(
            namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "")
        let podDirectory = directories.podDirectory(identity)
        var outcome = Outcome(mounted: mounted)
        for volume in PodVolume.volumes(of: pod) {
            let directory = ContainerMounts.directory(of: volume, podDirectory: podDirectory)
            do {
                switch VolumePayload.files(of: volume, pod: pod, inputs: inputs) {
                case nil:
                    try createScratchDirectory(directory)
                    outcome.mounted.insert(volume.name)
                case .success(let payload)?:
                    try FileManager.default.createDirectory(
                        at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
                    try AtomicWriter(directory: directory, owner: owner(of: identity)).write(payload.files, now: now)
                    outcome.mounted.insert(volume.name)
                    if !payload.pending.isEmpty { outcome.pending[volume.name] = payload.pending }
                case .failure(let problem)?:
                    guard !mounted.contains(volume.name) else {
                        logger.info(
                            "volume not refreshed",
                            metadata: ["pod": "\(identity.key)", "volume": "\(volume.name)", "error": "\(problem)"])
                        continue
                    }
                    switch problem {
                    case .notYetRead: outcome.waiting.insert(volume.name)
                    case .error(let message): outcome.failures[volume.name] = Self.failedMount(volume.name, message)
                    }
                }
            } catch {
                if !mounted.contains(volume.name) {
                    outcome.failures[volume.name] = Self.failedMount(volume.name, "\(error)")
                }
                logger.error(
                    "volume set-up failed",
                    metadata: ["pod": "\(identity.key)", "volume": "\(volume.name)", "error": "\(error)"])
            }
        }
        return outcome
    }

    /// Removes the volumes of a pod that is gone.
    func tearDown(_ pod: PodIdentity) {
        try? FileManager.default.removeItem(
            at: directories.podDirectory(pod).appendingPathComponent("volumes", isDirectory: true))
    }

    /// Creates the `subPath` targets of `mounts` that do not exist yet, as directories (the kubelet does so before
    /// it starts a container, so a mount never names a missing path).
    func createSubPaths(of mounts: [ContainerMount], volumes: [PodVolume], podDirectory: URL) {
        for mount in mounts {
            guard let volume = volumes.first(where: { $0.name == mount.volume }),
                ContainerMounts.directory(of: volume, podDirectory: podDirectory).path != mount.source,
                (try? FileManager.default.attributesOfItem(atPath: mount.source)) == nil
            else { continue }
            try? FileManager.default.createDirectory(
                atPath: mount.source, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        }
    }

    /// The owner of the files of `pod`'s volumes: its sandbox user (``PodUser``) when kubeletd runs as root (the
    /// container runs as that user where Kubernetes runs it as root), else kubeletd's own user.
    private func owner(of pod: PodIdentity) -> (uid: UInt32, gid: UInt32)? {
        guard geteuid() == 0 else { return nil }
        let user = PodUser(podUID: pod.uid)
        return (user.uid, user.gid)
    }

    /// `MountVolume.SetUp failed for volume "<name>" : <message>`.
    static func failedMount(_ volume: String, _ message: String) -> String {
        "MountVolume.SetUp failed for volume \(GoQuote.quote(volume)) : \(message)"
    }

    private func createScratchDirectory(_ directory: URL) throws {
        guard !FileManager.default.fileExists(atPath: directory.path) else { return }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // World-writable, as the kubelet makes emptyDir volumes, so any user a container runs as can write.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
    }
}
