import Foundation
import KubeAPI
import Wire

/// A container's `volumeMounts` as ``ContainerMount``s over the volumes the kubelet keeps in the pod's directory
/// (``PodVolumeManager``). Pure.
enum ContainerMounts {
    /// The directory of `volume` in the pod directory `podDirectory`:
    /// `<pod>/volumes/<plugin>/<name>` (`kubernetes.io~configmap/config`), as the kubelet lays it out.
    static func directory(of volume: PodVolume, podDirectory: URL) -> URL {
        podDirectory.appendingPathComponent("volumes", isDirectory: true)
            .appendingPathComponent(volume.pluginDirectory, isDirectory: true)
            .appendingPathComponent(volume.name, isDirectory: true)
    }

    /// One mount per `volumeMounts[]` entry whose volume exists: the volume's directory, or the path `subPath` (or
    /// `subPathExpr` expanded with the container's `environment`) inside it; read-only when the mount says so or
    /// the volume is always read-only. The notes say which mounts show an empty directory instead of what the
    /// manifest named (hostPath and volume types the emulator does not provide) and which subPaths are refused.
    static func make(
        container: Container, volumes: [PodVolume], podDirectory: URL, environment: [String: String]
    ) -> (mounts: [ContainerMount], notes: [String]) {
        var mounts: [ContainerMount] = []
        var notes: [String] = []
        for mount in container.volumeMounts ?? [] {
            guard let volume = volumes.first(where: { $0.name == mount.name }) else {
                notes.append("volumeMount \(mount.mountPath): no volume \(mount.name) in the pod; not mounted")
                continue
            }
            var source = directory(of: volume, podDirectory: podDirectory)
            var subPath = mount.subPath ?? ""
            if let expression = mount.subPathExpr, !expression.isEmpty {
                subPath = ContainerEnvironment.expand(expression, with: environment)
            }
            if !subPath.isEmpty {
                guard !subPath.hasPrefix("/"), !subPath.split(separator: "/").contains("..") else {
                    notes.append("volumeMount \(mount.mountPath): subPath \(subPath) leaves its volume; not mounted")
                    continue
                }
                source = source.appendingPathComponent(subPath)
            }
            switch volume.source {
            case .hostPath(let path):
                notes.append(
                    "volume \(volume.name): hostPath \(path) is not shown to containers; \(mount.mountPath) is an "
                        + "empty directory of the pod")
            case .other(let type):
                notes.append(
                    "volume \(volume.name): \(type) volumes are not emulated; \(mount.mountPath) is an empty "
                        + "directory of the pod")
            default:
                break
            }
            mounts.append(
                ContainerMount(
                    volume: volume.name, source: source.path, mountPath: mount.mountPath,
                    readOnly: (mount.readOnly ?? false) || volume.isReadOnly))
        }
        return (mounts, notes)
    }
}
