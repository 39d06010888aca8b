import Foundation
import KubeAPI
import Wire

/// The Node object a kubeletd registers, and how flags describe its labels and taints. Pure.
enum NodeRegistration {
    /// What the node says about itself.
    struct Facts: Sendable, Equatable {
        var nodeName: String
        var internalIP: String
        var labels: [String: String]
        var taints: [Taint]
        var bootID: String
        /// The kubelet endpoint's port (`status.daemonEndpoints.kubeletEndpoint.Port`).
        var kubeletPort: Int = 0
        var cpu: String = "2"
        var memoryKi: String = "8145260Ki"
        var maxPods: String = "110"
    }

    /// The Node to create: standard labels, the given taints, capacity, addresses, conditions all healthy.
    static func makeNode(_ facts: Facts, now: Date) -> Node {
        var node = Node()
        node.metadata.name = facts.nodeName
        var labels = [
            "kubernetes.io/hostname": facts.nodeName, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
        ]
        labels.merge(facts.labels) { _, given in given }
        node.metadata.labels = labels
        node.spec.taints = facts.taints.isEmpty ? nil : facts.taints
        let capacity = [
            "cpu": facts.cpu, "memory": facts.memoryKi, "pods": facts.maxPods, "ephemeral-storage": "61202244Ki",
        ]
        node.status.capacity = capacity
        node.status.allocatable = capacity
        node.status.addresses = [
            NodeAddress(type: "InternalIP", address: facts.internalIP),
            NodeAddress(type: "Hostname", address: facts.nodeName),
        ]
        node.status.conditions = healthyConditions(now: now)
        node.status.daemonEndpoints = ["kubeletEndpoint": ["Port": .int(Int64(facts.kubeletPort))]]
        var info = NodeSystemInfo()
        info.machineID = facts.bootID.replacingOccurrences(of: "-", with: "")
        info.systemUUID = facts.bootID
        info.bootID = facts.bootID
        info.kernelVersion = kernelRelease
        info.osImage = "kcluster emulated node"
        info.containerRuntimeVersion = "kcluster://\(WireVersion.softwareVersion)"
        info.kubeletVersion = WireVersion.softwareVersion
        info.kubeProxyVersion = WireVersion.softwareVersion
        info.operatingSystem = "linux"
        info.architecture = "amd64"
        node.status.nodeInfo = info
        return node
    }

    /// `uname -r` of this host, as a node reports its kernel.
    static var kernelRelease: String {
        var name = utsname()
        guard uname(&name) == 0 else { return "" }
        return withUnsafeBytes(of: &name.release) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Ready=True and no pressure, with Kubernetes' reasons and messages.
    static func healthyConditions(now: Date) -> [NodeCondition] {
        let time = Timestamp.format(now)
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> NodeCondition {
            NodeCondition(type: type, status: status, lastHeartbeatTime: time, lastTransitionTime: time,
                          reason: reason, message: message)
        }
        return [
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
    }

    /// Whether the node's conditions are what this kubelet posts (else it re-posts them: it was marked
    /// NotReady while it could not heartbeat).
    static func conditionsAreHealthy(_ node: Node) -> Bool {
        let conditions = node.status.conditions ?? []
        let ready = conditions.first { $0.type == "Ready" }
        return ready?.status == "True" && ready?.reason == "KubeletReady"
    }

    /// `--node-labels a=b,c=d`.
    static func parseLabels(_ text: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        for item in text.split(separator: ",") where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw RegistrationError("invalid label \"\(item)\": expected key=value") }
            let problems = Validation.isQualifiedName(parts[0]) + Validation.isValidLabelValue(parts[1])
            guard problems.isEmpty else {
                throw RegistrationError("invalid label \"\(item)\": \(problems.joined(separator: "; "))")
            }
            labels[parts[0]] = parts[1]
        }
        return labels
    }

    /// `--register-with-taints key=value:Effect,key:Effect`.
    static func parseTaints(_ text: String) throws -> [Taint] {
        var taints: [Taint] = []
        for item in text.split(separator: ",") where !item.isEmpty {
            guard let colon = item.lastIndex(of: ":") else {
                throw RegistrationError("invalid taint \"\(item)\": expected key[=value]:Effect")
            }
            let effect = String(item[item.index(after: colon)...])
            guard ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(effect) else {
                throw RegistrationError(
                    "invalid taint effect: \(effect), unsupported taint effect (NoSchedule, PreferNoSchedule, NoExecute)")
            }
            let keyValue = item[..<colon].split(separator: "=", maxSplits: 1).map(String.init)
            guard let key = keyValue.first, Validation.isQualifiedName(key).isEmpty else {
                throw RegistrationError("invalid taint key in \"\(item)\"")
            }
            taints.append(Taint(key: key, value: keyValue.count == 2 ? keyValue[1] : nil, effect: effect))
        }
        return taints
    }
}

/// A bad registration flag, printed as is.
struct RegistrationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
