import Foundation
import KubeAPI
import Logging
import Wire

/// One connected period of a node agent: registers the Node, then heartbeats, follows its own Node, runs the pods
/// bound to it and reports their status, until the connection drops (the caller reconnects) or the node leaves.
struct NodeSession: Sendable {
    let client: WireClient
    let settings: AgentSettings
    let bootID: String
    let runtime: RuntimeHolder
    let outbox: StatusOutbox
    /// The kubelet's event recorder (aggregation state lives across reconnections).
    let events: KubeletEventRecorder
    /// The kubelet endpoint's port, reported in `status.daemonEndpoints` (0: unavailable).
    let kubeletPort: Int
    let logger: Logger

    var nodeName: String { settings.nodeName }

    /// What this node says about itself when it registers.
    var facts: NodeRegistration.Facts {
        NodeRegistration.Facts(
            nodeName: nodeName, internalIP: settings.internalIP, labels: settings.labels, taints: settings.taints,
            bootID: bootID, kubeletPort: kubeletPort)
    }

    /// Registers (or re-registers) the Node and returns it as stored.
    func register() async throws -> Node {
        let node = NodeRegistration.makeNode(facts, now: Date())
        var create = Request(verb: .create, kind: ResourceKind.node.kind)
        create.object = try JSONValue(encoding: node)
        do {
            let created = try await client.send(create, timeout: .seconds(10))
            logger.info("node registered")
            return try decode(created, as: Node.self)
        } catch let status as Status where status.reason == .alreadyExists {
            return try await postStatus(nodeInfo: node.status)
        }
    }

    /// Re-posts this kubelet's view of the node (healthy conditions, addresses, node info).
    @discardableResult
    func postStatus(nodeInfo: NodeStatus? = nil) async throws -> Node {
        let fresh = nodeInfo ?? NodeRegistration.makeNode(facts, now: Date()).status
        var patch = Request(verb: .patch, kind: ResourceKind.node.kind, name: nodeName)
        patch.subresource = "status"
        patch.patchType = .merge
        patch.patch = ["status": try JSONValue(encoding: fresh)]
        return try decode(try await client.send(patch, timeout: .seconds(10)), as: Node.self)
    }

    /// Runs the session's loops until one of them fails (connection lost) or the task is cancelled.
    func run() async throws {
        // The lease first: the node lifecycle controller lifts the registration taint as soon as it sees the new
        // Node with a fresh lease, instead of on its next tick.
        try await renewLease()
        let node = try await register()
        await runtime.start(podCIDR: node.spec.podCIDR ?? "10.244.0.0/24")
        // Services before pods: containers get the service environment variables of the Services that exist
        // when they start, as the kubelet waits for its service informer.
        let (services, servicesVersion) = try await listServices()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await heartbeat() }
            group.addTask { try await followNode() }
            group.addTask { try await followServices(services, from: servicesVersion) }
            group.addTask { try await followPods() }
            group.addTask { try await report() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Renews the node's Lease every heartbeat interval.
    private func heartbeat() async throws {
        while !Task.isCancelled {
            try await renewLease()
            try await Task.sleep(for: settings.heartbeatInterval)
        }
    }

    /// Renews the node's Lease (creating it when missing).
    private func renewLease() async throws {
        let lease = Lease(
            metadata: ObjectMeta(name: nodeName, namespace: "kube-node-lease"),
            spec: LeaseSpec(holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime: Timestamp.format(Date())))
        var update = Request(verb: .update, kind: ResourceKind.lease.kind, namespace: "kube-node-lease", name: nodeName)
        update.object = try JSONValue(encoding: lease)
        do {
            _ = try await client.send(update, timeout: .seconds(5))
        } catch let status as Status where status.reason == .notFound {
            update.verb = .create
            _ = try await client.send(update, timeout: .seconds(5))
        }
    }

    /// Watches the node's own Node: re-registers when it was removed (the node had left), re-posts Ready when the
    /// control plane marked it NotReady while heartbeats were not arriving.
    private func followNode() async throws {
        var watch = Request(verb: .watch, kind: ResourceKind.node.kind)
        watch.fieldSelector = "metadata.name=\(nodeName)"
        for try await event in client.watch(watch) {
            switch event.type {
            case .deleted:
                logger.info("node was removed by the control plane; joining again")
                _ = try await register()
            case .added, .modified:
                let node = try event.object.decode(as: Node.self)
                if !NodeRegistration.conditionsAreHealthy(node) { try await postStatus() }
            case .bookmark:
                continue
            }
        }
        throw WireError.connectionClosed
    }

    /// Lists every Service into the runtime; returns them and the list's resourceVersion.
    private func listServices() async throws -> ([ServiceObject], String?) {
        let listed = try await client.send(Request(verb: .list, kind: ResourceKind.service.kind), timeout: .seconds(30))
        let services = (listed?["items"]?.arrayValue ?? []).compactMap { try? $0.decode(as: ServiceObject.self) }
        await runtime.setServices(services)
        return (services, listed?[path: ["metadata", "resourceVersion"]]?.stringValue)
    }

    /// Watches every Service from `resourceVersion` (after the list `listed`), handing the runtime the full set on
    /// every change.
    private func followServices(_ listed: [ServiceObject], from resourceVersion: String?) async throws {
        var services: [String: ServiceObject] = [:]
        for service in listed { services[Self.key(service)] = service }
        var watch = Request(verb: .watch, kind: ResourceKind.service.kind)
        watch.resourceVersion = resourceVersion
        for try await event in client.watch(watch) {
            guard event.type != .bookmark, let service = try? event.object.decode(as: ServiceObject.self) else {
                continue
            }
            services[Self.key(service)] = event.type == .deleted ? nil : service
            await runtime.setServices(Array(services.values))
        }
        throw WireError.connectionClosed
    }

    /// Lists then watches the pods bound to this node, handing the desired set to the runtime on every change.
    private func followPods() async throws {
        var list = Request(verb: .list, kind: ResourceKind.pod.kind)
        list.fieldSelector = "spec.nodeName=\(nodeName)"
        let listed = try await client.send(list, timeout: .seconds(30))
        var pods: [String: Pod] = [:]
        for item in listed?["items"]?.arrayValue ?? [] {
            let pod = try item.decode(as: Pod.self)
            pods[Self.key(pod)] = pod
        }
        await runtime.sync(Array(pods.values))
        for pod in pods.values { await correctStatus(pod) }
        var watch = list
        watch.verb = .watch
        watch.resourceVersion = listed?[path: ["metadata", "resourceVersion"]]?.stringValue
        for try await event in client.watch(watch) {
            guard event.type != .bookmark, let pod = try? event.object.decode(as: Pod.self) else { continue }
            if event.type == .deleted { pods[Self.key(pod)] = nil } else { pods[Self.key(pod)] = pod }
            await runtime.sync(Array(pods.values))
            if event.type == .modified { await correctStatus(pod) }
        }
        throw WireError.connectionClosed
    }

    /// Re-posts this node's view of a pod when the stored status disagrees on readiness or phase (the control
    /// plane marks pods not ready while a node is silent; the node corrects that when it is back).
    private func correctStatus(_ pod: Pod) async {
        guard pod.metadata.deletionTimestamp == nil, pod.status.phase != "Succeeded", pod.status.phase != "Failed",
            let mine = await runtime.status(of: pod)
        else { return }
        let ready = { (status: PodStatus) in status.conditions?.first { $0.type == "Ready" }?.status }
        if ready(mine) != ready(pod.status) || mine.phase != pod.status.phase {
            // Through the runtime's status stream: statuses still on their way are not overtaken.
            await runtime.repostStatus(of: pod)
        }
    }

    /// Sends pod statuses (each in turn), the kubelet's Events, and finishes deletions as the runtime reports
    /// them; a pod's statuses go before its deletion.
    private func report() async throws {
        while !Task.isCancelled {
            let batch = await outbox.drain()
            var unsent = batch
            do {
                for (index, entry) in batch.statuses.enumerated() {
                    for (sent, status) in entry.statuses.enumerated() {
                        try await sendStatus(entry.key, status)
                        unsent.statuses[index].statuses = Array(entry.statuses.dropFirst(sent + 1))
                    }
                }
                unsent.statuses = []
                for (index, record) in batch.events.enumerated() {
                    try await events.record(record, client: client)
                    unsent.events = Array(batch.events.dropFirst(index + 1))
                }
                for key in batch.terminated {
                    try await finishDeletion(key)
                    unsent.terminated.remove(key)
                }
            } catch {
                unsent.statuses = unsent.statuses.filter { !$0.statuses.isEmpty }
                outbox.requeue(unsent)
                throw error
            }
        }
    }

    private func sendStatus(_ key: String, _ status: PodStatus) async throws {
        let (namespace, name) = Self.split(key)
        var patch = Request(verb: .patch, kind: ResourceKind.pod.kind, namespace: namespace, name: name)
        patch.subresource = "status"
        patch.patchType = .merge
        patch.patch = ["status": try JSONValue(encoding: status)]
        do {
            _ = try await client.send(patch, timeout: .seconds(10))
        } catch let status as Status where [.notFound, .forbidden, .invalid, .conflict].contains(status.reason) {
            // The pod is gone, no longer ours, or finished (a finished pod's phase cannot change): nothing to send.
            logger.debug("pod status not written", metadata: ["pod": "\(key)", "reason": "\(status.message ?? "")"])
        }
    }

    private func finishDeletion(_ key: String) async throws {
        let (namespace, name) = Self.split(key)
        var delete = Request(verb: .delete, kind: ResourceKind.pod.kind, namespace: namespace, name: name)
        delete.gracePeriodSeconds = 0
        do {
            _ = try await client.send(delete, timeout: .seconds(10))
        } catch let status as Status where status.reason == .notFound || status.reason == .forbidden {
            return
        }
    }

    /// Leaves the cluster: removes the node's Lease and Node; the control plane then reaps its pods.
    func leave() async throws {
        let lease = Request(verb: .delete, kind: ResourceKind.lease.kind, namespace: "kube-node-lease", name: nodeName)
        _ = try? await client.send(lease, timeout: .seconds(5))
        do {
            _ = try await client.send(Request(verb: .delete, kind: ResourceKind.node.kind, name: nodeName),
                                      timeout: .seconds(5))
        } catch let status as Status where status.reason == .notFound {}
        logger.info("node left the cluster")
    }

    static func key(_ pod: Pod) -> String { NamespacedKey.of(pod.metadata, defaultNamespace: "default") }

    static func key(_ service: ServiceObject) -> String {
        NamespacedKey.of(service.metadata, defaultNamespace: "default")
    }

    static func split(_ key: String) -> (String, String) {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : ("default", key)
    }

    private func decode<R: Decodable>(_ object: JSONValue?, as type: R.Type) throws -> R {
        guard let object else { throw WireError.unexpectedMessage("the control plane answered with no object") }
        return try object.decode(as: R.self)
    }
}
