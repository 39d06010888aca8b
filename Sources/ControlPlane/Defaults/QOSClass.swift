/// A pod's quality-of-service class, as Kubernetes' `GetPodQOS` computes it from cpu and memory requests and
/// limits.
import KubeAPI
import Wire

enum QOSClass {
    private static let computeResources = ["cpu", "memory"]

    /// `Guaranteed` when every container limits cpu and memory and requests exactly its limits; `BestEffort` when
    /// no container requests or limits either; `Burstable` otherwise. Quantities compare as written.
    static func of(_ spec: PodSpec) -> String {
        let containers = spec.containers + (spec.initContainers ?? [])
        var anySet = false
        var guaranteed = true
        for container in containers {
            let requests = nonZero(container.resources?["requests"])
            let limits = nonZero(container.resources?["limits"])
            if !requests.isEmpty || !limits.isEmpty { anySet = true }
            if !computeResources.allSatisfy({ limits[$0] != nil }) { guaranteed = false }
            for (name, request) in requests where limits[name] != request { guaranteed = false }
        }
        if !anySet { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    private static func nonZero(_ list: JSONValue?) -> [String: JSONValue] {
        guard let members = list?.objectValue else { return [:] }
        return members.filter { name, quantity in
            computeResources.contains(name) && quantity != "0" && quantity != 0
        }
    }
}
