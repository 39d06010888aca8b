import Foundation
import KubeAPI
import Logging
import Wire

/// One connected period of a node agent: registers the Node, then heartbeats, follows its own Node, runs the pods
/// bound to it and reports their status, until the connection drops (the caller reconnects) or the node leaves.
struct NodeSession: Sendable {
    /// The typed client over the session's connection; calls are bounded by its timeout (10 s).
    let client: WireClusterClient
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
        do {
            let created = try await client.create(node, namespace: nil, options: .init())
            logger.info("node registered")
            return created
        } catch let status as Status where status.reason == .alreadyExists {
            return try await postStatus(nodeInfo: node.status)
        }
    }

    /// Re-posts this kubelet's view of the node (healthy conditions, addresses, node info).
    @discardableResult
    func postStatus(nodeInfo: NodeStatus? = nil) async throws -> Node {
        let fresh = nodeInfo ?? NodeRegistration.makeNode(facts, now: Date()).status
        return try await client.patch(
            Node.self, namespace: nil, name: nodeName, patch: ["status": try JSONValue(encoding: fresh)],
            patchType: .merge, subresource: "status", options: .init())
    }

    /// Runs the session's loops until one of them fails (connection lost) or the task is cancelled.
    func run() async throws {
        // The lease first: the node lifecycle controller lifts the registration taint as soon as it sees the new
        // Node with a fresh lease, instead of on its next tick.
        try await renewLease()
        let node = try await register()
        await runtime.start(podCIDR: node.spec.podCIDR ?? "10.244.0.0/24", allocatable: node.status.allocatable ?? [:])
        let objects = PodObjectFollower(
            client: client, runtime: runtime, initial: await runtime.objects, logger: logger)
        // Services before pods: containers get the service environment variables of the Services that exist
        // when they start, as the kubelet waits for its service informer.
        let (services, servicesVersion) = try await listServices()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await heartbeat() }
            group.addTask { try await followNode() }
            group.addTask { try await followServices(services, from: servicesVersion) }
            group.addTask { try await followPods(objects) }
            group.addTask { await objects.run() }
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
        let leases = client.timeout(.seconds(5))
        do {
            _ = try await leases.update(lease, options: .init())
        } catch let status as Status where status.reason == .notFound {
            _ = try await leases.create(lease, namespace: nil, options: .init())
        }
    }

    /// Watches the node's own Node: re-registers when it was removed (the node had left), re-posts Ready when the
    /// control plane marked it NotReady while heartbeats were not arriving.
    private func followNode() async throws {
        let own = ListOptions(fieldSelector: "metadata.name=\(nodeName)")
        for try await event in try await client.watch(Node.self, namespace: nil, options: own) {
            switch event {
            case .deleted:
                logger.info("node was removed by the control plane; joining again")
                _ = try await register()
            case .added(let node), .modified(let node):
                if !NodeRegistration.conditionsAreHealthy(node) { try await postStatus() }
            case .bookmark:
                continue
            }
        }
        throw WireError.connectionClosed
    }

    /// Lists every Service into the runtime; returns them and the list's resourceVersion.
    private func listServices() async throws -> ([ServiceObject], String) {
        let listed = try await client.timeout(.seconds(30)).list(ServiceObject.self, namespace: nil, options: .init())
        await runtime.setServices(listed.items)
        return (listed.items, listed.resourceVersion)
    }

    /// Watches every Service from `resourceVersion` (after the list `listed`), handing the runtime the full set on
    /// every change.
    private func followServices(_ listed: [ServiceObject], from resourceVersion: String) async throws {
        var services: [String: ServiceObject] = [:]
        for service in listed { services[Self.key(service)] = service }
        let after = ListOptions(resourceVersion: resourceVersion)
        for try await event in try await client.watch(ServiceObject.self, namespace: nil, options: after) {
            switch event {
            case .added(let service), .modified(let service): services[Self.key(service)] = service
            case .deleted(let service): services[Self.key(service)] = nil
            case .bookmark: continue
            }
            await runtime.setServices(Array(services.values))
        }
        throw WireError.connectionClosed
    }

    /// Lists then watches the pods bound to this node, handing the desired set to the runtime on every change, and
    /// what they refer to to `objects`.
    private func followPods(_ objects: PodObjectFollower) async throws {
        var mine = ListOptions(fieldSelector: "spec.nodeName=\(nodeName)")
        let listed = try await client.timeout(.seconds(30)).list(Pod.self, namespace: nil, options: mine)
        var pods: [String: Pod] = [:]
        for pod in listed.items { pods[Self.key(pod)] = pod }
        await objects.follow(Array(pods.values))
        await runtime.sync(Array(pods.values))
        for pod in pods.values { await correctStatus(pod) }
        mine.resourceVersion = listed.resourceVersion
        for try await event in try await client.watch(Pod.self, namespace: nil, options: mine) {
            switch event {
            case .added(let pod):
                pods[Self.key(pod)] = pod
                await objects.follow(Array(pods.values))
                await runtime.sync(Array(pods.values))
            case .modified(let pod):
                pods[Self.key(pod)] = pod
                await objects.follow(Array(pods.values))
                await runtime.sync(Array(pods.values))
                await correctStatus(pod)
            case .deleted(let pod):
                pods[Self.key(pod)] = nil
                await objects.follow(Array(pods.values))
                await runtime.sync(Array(pods.values))
            case .bookmark:
                continue
            }
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
        do {
            // The answer is not needed: the JSON call spares decoding the whole pod for every status write.
            _ = try await client.patchObject(
                .pod, namespace: namespace, name: name, patch: ["status": try JSONValue(encoding: status)],
                patchType: .merge, subresource: "status")
        } catch let status as Status where [.notFound, .forbidden, .invalid, .conflict].contains(status.reason) {
            // The pod is gone, no longer ours, or finished (a finished pod's phase cannot change): nothing to send.
            logger.debug("pod status not written", metadata: ["pod": "\(key)", "reason": "\(status.message ?? "")"])
        }
    }

    private func finishDeletion(_ key: String) async throws {
        let (namespace, name) = Self.split(key)
        do {
            try await client.delete(.pod, namespace: namespace, name: name, options: .init(gracePeriodSeconds: 0))
        } catch let status as Status where status.reason == .notFound || status.reason == .forbidden {
            return
        }
    }

    /// Leaves the cluster: removes the node's Lease and Node; the control plane then reaps its pods.
    func leave() async throws {
        let quick = client.timeout(.seconds(5))
        try? await quick.delete(.lease, namespace: "kube-node-lease", name: nodeName, options: .init())
        try await quick.deleteIfPresent(.node, namespace: nil, name: nodeName)
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
}
