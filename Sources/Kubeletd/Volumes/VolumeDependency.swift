import Foundation
import KubeAPI
import Wire

/// Something a pod's volumes project from outside the pod: a ConfigMap or Secret (`namespace/name`), or the
/// ServiceAccount tokens of a pod (its UID). The runtime sets up again only the volumes whose dependencies changed.
/// Pure.
enum VolumeDependency: Sendable, Hashable {
    case configMap(String)
    case secret(String)
    case tokens(podUID: String)

    /// What `volumes` of the pod `uid` in `namespace` project.
    static func of(_ volumes: [PodVolume], namespace: String, uid: String) -> Set<VolumeDependency> {
        var dependencies: Set<VolumeDependency> = []
        for volume in volumes {
            switch volume.source {
            case .configMap(let name, _, _, _):
                dependencies.insert(.configMap(NamespacedKey.make(namespace: namespace, name: name)))
            case .secret(let name, _, _, _):
                dependencies.insert(.secret(NamespacedKey.make(namespace: namespace, name: name)))
            case .projected(let sources, _):
                for source in sources {
                    switch source {
                    case .configMap(let name, _, _):
                        dependencies.insert(.configMap(NamespacedKey.make(namespace: namespace, name: name)))
                    case .secret(let name, _, _):
                        dependencies.insert(.secret(NamespacedKey.make(namespace: namespace, name: name)))
                    case .serviceAccountToken:
                        dependencies.insert(.tokens(podUID: uid))
                    case .downwardAPI, .unsupported:
                        break
                    }
                }
            case .downwardAPI, .emptyDir, .hostPath, .other:
                break
            }
        }
        return dependencies
    }

    /// What differs between two snapshots of the objects read.
    static func changed(from old: PodObjects, to new: PodObjects) -> Set<VolumeDependency> {
        var changed: Set<VolumeDependency> = []
        for key in Set(old.configMaps.keys).union(new.configMaps.keys) where old.configMaps[key] != new.configMaps[key] {
            changed.insert(.configMap(key))
        }
        for key in Set(old.secrets.keys).union(new.secrets.keys) where old.secrets[key] != new.secrets[key] {
            changed.insert(.secret(key))
        }
        for uid in Set(old.tokens.keys).union(new.tokens.keys).union(old.tokenFailures.keys).union(new.tokenFailures.keys)
        where old.tokens[uid] != new.tokens[uid] || old.tokenFailures[uid] != new.tokenFailures[uid] {
            changed.insert(.tokens(podUID: uid))
        }
        return changed
    }
}
