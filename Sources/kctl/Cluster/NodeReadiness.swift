import KubeAPI
import Wire

/// Which nodes a node list shows Ready. Pure.
enum NodeReadiness {
    /// Each listed node's name and whether its Ready condition is True.
    static func readiness(_ list: JSONValue?) -> [String: Bool] {
        var result: [String: Bool] = [:]
        for node in list?["items"]?.arrayValue ?? [] {
            guard let name = node[path: ["metadata", "name"]]?.stringValue else { continue }
            let conditions = node[path: ["status", "conditions"]]?.arrayValue ?? []
            result[name] = conditions.contains { $0["type"] == "Ready" && $0["status"] == "True" }
        }
        return result
    }

    /// The nodes of `wanted` that are not Ready yet, described for a timeout message (`n2 (NotReady)`,
    /// `n3 (not registered)`), in the order given.
    static func pending(_ wanted: [String], readiness: [String: Bool]) -> [String] {
        wanted.compactMap { name in
            switch readiness[name] {
            case true?: return nil
            case false?: return "\(name) (NotReady)"
            case nil: return "\(name) (not registered)"
            }
        }
    }
}
