// Part of the API's schema table (see APISchemaTable.swift): nodes, namespaces, services, endpoints, events and types carried as sent.

extension APISchema {
    // MARK: - Nodes and namespaces

    static let nodes: [SchemaDefinition] = [
        object(
            "NodeSpec", "The desired state of a node.",
            [
                field("configSource", .ref("NodeConfigSource"), "Deprecated."),
                field("externalID", .string, "Deprecated."),
                field("podCIDR", .string, "The address range from which the node's pods get their IPs."),
                field("podCIDRs", .array(.string), "The address ranges for the node's pods; the first is podCIDR."),
                field("providerID", .string, "The node's ID at its infrastructure provider."),
                field("taints", .array(.ref("Taint")), "Taints that keep away the pods that do not tolerate them."),
                field("unschedulable", .boolean, "When true (set by cordon), no new pods are placed on the node."),
            ]),
        object(
            "Taint", "Marks a node so that pods that do not tolerate the taint are kept off it, or evicted from it.",
            [
                field(
                    "effect", .string, required: true, enum: taintEffects,
                    "What happens to pods that do not tolerate the taint: NoSchedule keeps new ones off, "
                        + "PreferNoSchedule avoids the node when possible, NoExecute also evicts those running."),
                field("key", .string, required: true, "The taint's key."),
                field("timeAdded", time, "When the taint was added; set for NoExecute taints."),
                field("value", .string, "The taint's value."),
            ]),
        object(
            "NodeStatus", "The observed state of a node.",
            [
                field("addresses", .array(.ref("NodeAddress")), "The addresses the node can be reached at."),
                field(
                    "allocatable", quantities,
                    "The resources left for pods: the capacity minus what the node keeps for itself."),
                field("capacity", quantities, "The node's total resources: cpu, memory, pods..."),
                field("conditions", .array(.ref("NodeCondition")), "The latest observations of the node's health, Ready first among them."),
                field("config", .ref("NodeConfigStatus"), "Deprecated."),
                field("daemonEndpoints", .ref("NodeDaemonEndpoints"), "The ports of the daemons running on the node, such as the kubelet."),
                field("features", .ref("NodeFeatures"), "Features the node supports."),
                field("images", .array(.ref("ContainerImage")), "Container images present on the node."),
                field("nodeInfo", .ref("NodeSystemInfo"), "IDs and versions of the node's system and software."),
                field("phase", .string, enum: ["Pending", "Running", "Terminated"], "Deprecated; not set."),
                field("runtimeHandlers", .array(.ref("NodeRuntimeHandler")), "The runtime handlers the node offers."),
                field("volumesAttached", .array(.ref("AttachedVolume")), "Volumes attached to the node."),
                field("volumesInUse", .array(.string), "Volumes in use (mounted) on the node."),
            ]),
        object(
            "NodeCondition", "One aspect of a node's health at a point in time.",
            [
                field("lastHeartbeatTime", time, "When the node last reported the condition."),
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field(
                    "type", .string, required: true,
                    "Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable."),
            ]),
        object(
            "NodeAddress", "One address of a node.",
            [
                field("address", .string, required: true, "The address."),
                field("type", .string, required: true, "Its kind: InternalIP, ExternalIP, Hostname, InternalDNS or ExternalDNS."),
            ]),
        object(
            "NodeSystemInfo", "IDs and versions a node reports.",
            [
                field("architecture", .string, required: true, "The processor architecture, such as amd64."),
                field(
                    "bootID", .string, required: true,
                    "Changes each time the node boots: a new value means a new incarnation of the node."),
                field("containerRuntimeVersion", .string, required: true, "The container runtime and its version."),
                field("kernelVersion", .string, required: true, "The kernel's version, as uname -r prints it."),
                field("kubeProxyVersion", .string, required: true, "Deprecated: the kube-proxy version the node reports."),
                field("kubeletVersion", .string, required: true, "The kubelet's version."),
                field("machineID", .string, required: true, "The machine's unique ID, as in /etc/machine-id."),
                field("operatingSystem", .string, required: true, "The operating system, such as linux."),
                field("osImage", .string, required: true, "The operating system's release, as /etc/os-release names it."),
                field("swap", .ref("NodeSwapStatus"), "The node's swap memory."),
                field("systemUUID", .string, required: true, "The system UUID the hardware reports."),
            ]),
        object(
            "NamespaceSpec", "The desired state of a namespace.",
            [
                field(
                    "finalizers", .array(.string),
                    "What must clean up before the namespace is removed. The built-in one, kubernetes, deletes the "
                        + "objects the namespace contains."),
            ]),
        object(
            "NamespaceStatus", "The observed state of a namespace.",
            [
                field("conditions", .array(.ref("NamespaceCondition")), "The latest observations of the namespace's state."),
                field(
                    "phase", .string, enum: ["Active", "Terminating"],
                    "Active, or Terminating once the namespace is being deleted."),
            ]),
    ]

    // MARK: - Services, endpoints, events

    static let services: [SchemaDefinition] = [
        object(
            "ServiceSpec", "The desired state of a service.",
            [
                field(
                    "allocateLoadBalancerNodePorts", .boolean,
                    "Whether a LoadBalancer service gets node ports. Defaults to true."),
                field(
                    "clusterIP", .string,
                    "The service's virtual IP, usually allocated from the service range. None makes a headless "
                        + "service: no IP and no load balancing. It cannot change once set."),
                field("clusterIPs", .array(.string), "The service's virtual IPs, one per IP family; the first is clusterIP."),
                field("externalIPs", .array(.string), "Other IPs the nodes accept traffic for the service on. Not managed by the cluster."),
                field("externalName", .string, "The DNS name an ExternalName service is an alias for (a CNAME record)."),
                field(
                    "externalTrafficPolicy", .string, enum: ["Cluster", "Local"],
                    "For traffic from outside (node ports, load balancers): Cluster spreads it over all endpoints; "
                        + "Local keeps it on endpoints of the node it reached and keeps the client's address."),
                field(
                    "healthCheckNodePort", .integer,
                    "The node port answering health checks, for a LoadBalancer service with "
                        + "externalTrafficPolicy Local."),
                field(
                    "internalTrafficPolicy", .string, enum: ["Cluster", "Local"],
                    "For traffic from inside the cluster: Cluster uses every endpoint, Local only those on the "
                        + "sender's node."),
                field("ipFamilies", .array(.string), "The service's IP families (IPv4, IPv6), in order."),
                field(
                    "ipFamilyPolicy", .string, enum: ["PreferDualStack", "RequireDualStack", "SingleStack"],
                    "Whether the service has one IP family or two."),
                field("loadBalancerClass", .string, "The load balancer implementation serving a LoadBalancer service."),
                field("loadBalancerIP", .string, "Deprecated: the address asked of the load balancer."),
                field(
                    "loadBalancerSourceRanges", .array(.string),
                    "The client address ranges allowed to reach a LoadBalancer service, where the provider supports "
                        + "it."),
                field("ports", .array(.ref("ServicePort")), "The ports the service exposes."),
                field("publishNotReadyAddresses", .boolean, "When true, the endpoints include pods that are not ready."),
                field(
                    "selector", .map(.string),
                    "The pods whose labels match are the service's endpoints. Without a selector, something else "
                        + "manages the endpoints."),
                field(
                    "sessionAffinity", .string, enum: ["ClientIP", "None"],
                    "ClientIP sends each client's connections to the same pod; None, the default, spreads every "
                        + "connection."),
                field("sessionAffinityConfig", .ref("SessionAffinityConfig"), "Settings of the session affinity, such as its timeout."),
                field("trafficDistribution", .string, "A preference for how traffic is spread over the endpoints, such as PreferClose."),
                field(
                    "type", .string, enum: ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
                    "How the service is exposed: ClusterIP, the default, inside the cluster; NodePort also on a "
                        + "port of every node; LoadBalancer also through an external load balancer; ExternalName as "
                        + "a DNS alias."),
            ]),
        object(
            "ServicePort", "One port of a service.",
            [
                field("appProtocol", .string, "The application protocol, as a hint for implementations."),
                field("name", .string, "The port's name; required, and unique, when the service has several ports."),
                field(
                    "nodePort", .integer,
                    "The port opened on every node, for NodePort and LoadBalancer services; allocated when not "
                        + "given."),
                field("port", .integer, required: true, "The port the service listens on."),
                field("protocol", .string, enum: protocols, "TCP (the default), UDP or SCTP."),
                field(
                    "targetPort", .ref("IntOrString"),
                    "The pods' port the traffic goes to: a number, or the name of a container port. Defaults to "
                        + "port."),
            ]),
        object(
            "ServiceStatus", "The observed state of a service.",
            [
                field("conditions", .array(.ref("Condition")), "The latest observations of the service's state."),
                field("loadBalancer", .ref("LoadBalancerStatus"), "The load balancer's ingress points, when there is one."),
            ]),
        object(
            "EndpointSubset", "A group of addresses that share the same ports.",
            [
                field("addresses", .array(.ref("EndpointAddress")), "Addresses ready to receive traffic."),
                field("notReadyAddresses", .array(.ref("EndpointAddress")), "Addresses of pods that are not ready yet."),
                field("ports", .array(.ref("EndpointPort")), "The ports of these addresses."),
            ]),
        object(
            "EndpointAddress", "One endpoint of a service.",
            [
                field("hostname", .string, "The endpoint's hostname, when its pod sets one."),
                field("ip", .string, required: true, "The endpoint's IP address."),
                field("nodeName", .string, "The node the endpoint is on."),
                field("targetRef", .ref("ObjectReference"), "The object behind the address, usually a pod."),
            ]),
        object(
            "EndpointPort", "One port of an endpoint subset.",
            [
                field("appProtocol", .string, "The port's application protocol."),
                field("name", .string, "The name of the service port it serves."),
                field("port", .integer, required: true, "The port number."),
                field("protocol", .string, enum: protocols, "TCP (the default), UDP or SCTP."),
            ]),
        object(
            "EventSource", "Who reported an event.",
            [
                field("component", .string, "The component that reported it, such as daemonset-controller or kubelet."),
                field("host", .string, "The node it comes from."),
            ]),
    ]

    // MARK: - Types carried as sent

    static let carriedAsSent: [SchemaDefinition] = [
        opaque("AttachedVolume", "A volume attached to a node."),
        opaque("Condition", "One aspect of an object's state at a point in time."),
        opaque("ContainerImage", "A container image present on a node: its names and size."),
        opaque("ContainerResizePolicy", "Whether changing one resource of a running container restarts it."),
        opaque("ContainerUser", "The user and groups a container's first process runs as."),
        opaque(
            "EnvFromSource",
            "A config map or secret whose keys all become environment variables, optionally with a prefix."),
        opaque(
            "EnvVarSource",
            "Where an environment variable's value comes from: a field of the pod, a resource of the container, a "
                + "key of a config map or a secret."),
        opaque("EphemeralContainer", "A temporary container added to a running pod, usually for debugging."),
        opaque("EventSeries", "A series of repeated events: how many so far, and when the last one happened."),
        opaque("HostAlias", "An IP address and host names added to a pod's /etc/hosts."),
        opaque(
            "Lifecycle",
            "Actions the kubelet runs in a container right after it starts (postStart) and before it stops "
                + "(preStop)."),
        opaque("LoadBalancerStatus", "The ingress points of a load balancer."),
        opaque("LocalObjectReference", "A reference to an object, by name, in the same namespace."),
        opaque("NamespaceCondition", "One aspect of a namespace's state at a point in time."),
        opaque("NodeConfigSource", "Deprecated: a source of kubelet configuration."),
        opaque("NodeConfigStatus", "Deprecated: the state of a node's dynamic configuration."),
        opaque("NodeDaemonEndpoints", "The ports of the daemons running on a node, such as the kubelet's."),
        opaque("NodeFeatures", "Features a node supports."),
        opaque("NodeRuntimeHandler", "A runtime handler of a node and its features."),
        opaque("NodeSwapStatus", "The swap memory of a node."),
        opaque("PodAffinity", "Rules that draw a pod to nodes where certain other pods run."),
        opaque("PodAntiAffinity", "Rules that keep a pod off nodes where certain other pods run."),
        opaque("PodDNSConfig", "DNS resolver settings of a pod: name servers, search domains, options."),
        opaque("PodOS", "The operating system of a pod."),
        opaque("PodResourceClaim", "A reference to a claim of dynamically allocated resources a pod uses."),
        opaque("PodResourceClaimStatus", "The claim created for one of a pod's resource claims."),
        opaque("PodSchedulingGate", "A named gate that holds a pod back from scheduling until it is removed."),
        opaque("PodSecurityContext", "Security settings that apply to every container of a pod."),
        opaque("PreferredSchedulingTerm", "A node selector term with a weight: nodes matching it are preferred."),
        opaque(
            "Probe",
            "A check the kubelet runs on a container (a command, an HTTP request, a TCP or gRPC connection), with "
                + "its timing and thresholds."),
        opaque(
            "ResourceRequirements",
            "The compute resources a container (or pod) requests, and the limits it may not exceed."),
        opaque("ResourceStatus", "The health of a resource allocated to a container."),
        opaque(
            "SecurityContext",
            "Security settings of a container: user and group, capabilities, privileges, read-only root "
                + "filesystem..."),
        opaque("SessionAffinityConfig", "Settings of a service's session affinity."),
        opaque(
            "TopologySpreadConstraint",
            "How evenly pods matching a selector must be spread over a topology, such as zones or nodes."),
        opaque(
            "Volume",
            "A named volume of a pod: a directory its containers can mount, backed by an emptyDir, a hostPath, a "
                + "config map, a secret, a claim..."),
        opaque("VolumeDevice", "A raw block volume exposed as a device in a container."),
        opaque("VolumeMountStatus", "The state of one volume mount of a container."),
    ]
}
