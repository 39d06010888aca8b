import KubeAPI
import Wire

/// What the endpoints controller writes for one Service key.
enum EndpointsAction: Sendable, Equatable {
    /// No Endpoints object exists yet: create this one.
    case create(Endpoints)
    /// The stored Endpoints differ: write this (the stored object with new subsets and labels).
    case update(Endpoints)
    /// The Service is gone: delete its Endpoints.
    case delete(namespace: String, name: String)
}

/// The endpoints controller's decision logic (upstream `pkg/controller/endpoint/endpoints_controller.go`,
/// `syncService`), as pure functions from what the controller sees to what it writes.
///
/// A Service with a selector gets an Endpoints object of the same name listing the selected pods: ready pods under
/// `addresses`, the others under `notReadyAddresses` (all of them ready with `publishNotReadyAddresses`), each with
/// the ports its service ports resolve to on that pod. A Service without a selector is left alone (its endpoints
/// are written by hand, as `default/kubernetes`'s). When the Service is deleted, its Endpoints is deleted too.
enum EndpointsReconciler {
    /// The label marking the endpoints of a headless service (upstream `v1.IsHeadlessService`).
    static let headlessLabel = "service.kubernetes.io/headless"

    /// The Endpoints `service` should have, given every pod in its namespace; nil when the service has no selector
    /// (this controller does not manage it).
    ///
    /// - Parameters:
    ///   - service: the Service as stored (defaults applied).
    ///   - pods: the pods of the service's namespace; those the selector does not pick are ignored.
    /// - Returns: the desired object (name, namespace, labels, subsets; `subsets` nil when there is no address).
    static func desired(service: ServiceObject, pods: [Pod]) -> Endpoints? {
        guard let selector = service.spec.selector else { return nil }
        let tolerateUnready = service.spec.publishNotReadyAddresses ?? false
        let servicePorts = service.spec.ports ?? []
        let headless = service.spec.clusterIP == "None"
        var entries: [EndpointSubsetPacking.Entry] = []
        for pod in pods where pod.namespace == service.namespace && matches(selector, pod.labels) {
            guard PodEndpoints.shouldBeInEndpoints(pod, includeTerminating: tolerateUnready),
                let address = PodEndpoints.address(of: pod, for: service)
            else { continue }
            let ready = tolerateUnready || pod.isReady
            if servicePorts.isEmpty {
                // Only a headless service lists addresses without ports.
                if headless { entries.append(.init(address: address, ready: ready, ports: [])) }
                continue
            }
            let ports = servicePorts.compactMap { servicePort -> EndpointPort? in
                guard let number = PodEndpoints.targetPort(servicePort, on: pod) else { return nil }
                return EndpointPort(
                    name: servicePort.name, port: number, protocol: PodEndpoints.protocolOf(servicePort.protocol),
                    appProtocol: servicePort.appProtocol)
            }
            // A pod that serves none of the ports is left out (upstream logs and skips each unresolved port).
            if !ports.isEmpty { entries.append(.init(address: address, ready: ready, ports: ports)) }
        }
        let subsets = EndpointSubsetPacking.pack(entries)
        var labels = service.labels
        labels[headlessLabel] = isServiceIPSet(service) ? nil : ""
        return Endpoints(
            metadata: ObjectMeta(name: service.name, namespace: service.metadata.namespace,
                                 labels: labels.isEmpty ? nil : labels),
            subsets: subsets.isEmpty ? nil : subsets)
    }

    /// The write one sync makes for a Service and the pods of its namespace, or nil when nothing changes.
    ///
    /// - Parameters:
    ///   - namespace: the namespace synced.
    ///   - name: the Service's name, which is also its Endpoints' name.
    ///   - service: the Service, or nil when it does not exist.
    ///   - current: the stored Endpoints of that name, or nil.
    ///   - pods: the pods of the namespace (unused without a service).
    static func action(namespace: String, name: String, service: ServiceObject?, current: Endpoints?, pods: [Pod])
        -> EndpointsAction?
    {
        action(namespace: namespace, name: name, serviceExists: service != nil, current: current,
               desired: service.flatMap { desired(service: $0, pods: pods) })
    }

    /// The write that turns `current` into `desired`: delete when the Service is gone, create when nothing is
    /// stored, update when the subsets or labels differ, nothing when they match or `desired` is nil (a Service
    /// this controller leaves alone).
    static func action(namespace: String, name: String, serviceExists: Bool, current: Endpoints?,
                       desired: Endpoints?) -> EndpointsAction?
    {
        guard serviceExists else {
            return current == nil ? nil : .delete(namespace: namespace, name: name)
        }
        guard let desired else { return nil }
        guard var updated = current else { return .create(desired) }
        if sameSubsets(updated.subsets, desired.subsets) && (updated.metadata.labels ?? [:]) == desired.labels {
            return nil
        }
        updated.subsets = desired.subsets
        updated.metadata.labels = desired.metadata.labels
        return .update(updated)
    }

    /// The Endpoints of `default/kubernetes` (which has no selector): the API server's address and port, as the
    /// API server's own endpoint reconciler writes them.
    static func apiServerEndpoints(host: String, port: Int) -> Endpoints {
        Endpoints(
            metadata: ObjectMeta(name: "kubernetes", namespace: "default",
                                 labels: ["endpointslice.kubernetes.io/skip-mirror": "true"]),
            subsets: [EndpointSubset(
                addresses: [EndpointAddress(ip: host)],
                ports: [EndpointPort(name: "https", port: Int32(clamping: port), protocol: "TCP")])])
    }

    /// Whether a map selector picks `labels` (every pair present; an empty selector picks every pod, as upstream's
    /// `labels.Set(selector).AsSelector()`).
    static func matches(_ selector: [String: String], _ labels: [String: String]) -> Bool {
        selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// Whether the service has a real cluster IP (neither empty nor `None`).
    static func isServiceIPSet(_ service: ServiceObject) -> Bool {
        let ip = service.spec.clusterIP ?? ""
        return !ip.isEmpty && ip != "None"
    }

    /// Subsets compared with nil and empty lists alike and with protocols defaulted, as they come back from the
    /// store.
    private static func sameSubsets(_ a: [EndpointSubset]?, _ b: [EndpointSubset]?) -> Bool {
        normalized(a) == normalized(b)
    }

    private static func normalized(_ subsets: [EndpointSubset]?) -> [EndpointSubset] {
        (subsets ?? []).map { subset in
            EndpointSubset(
                addresses: (subset.addresses ?? []).isEmpty ? nil : subset.addresses,
                notReadyAddresses: (subset.notReadyAddresses ?? []).isEmpty ? nil : subset.notReadyAddresses,
                ports: (subset.ports ?? []).isEmpty ? nil : subset.ports?.map { port in
                    var port = port
                    port.protocol = PodEndpoints.protocolOf(port.protocol)
                    return port
                })
        }
    }
}
