// The one table `kctl explain` reads: every type this API serves, with exactly the fields of our Wire API types
// (Sources/Wire/API), their types, whether they are required, the values of enumerated strings, and a description
// written for kcluster. Fields our types carry as sent (JSONValue) have Kubernetes' type name and no listed fields.
// ExplainSchemaTests checks this table against the Swift types in both directions.

extension ExplainSchema {
    private static let time = ExplainType.ref("Time")
    private static let microTime = ExplainType.ref("MicroTime")
    private static let quantities = ExplainType.map(.ref("Quantity"))
    private static let protocols = ["SCTP", "TCP", "UDP"]
    private static let taintEffects = ["NoExecute", "NoSchedule", "PreferNoSchedule"]

    static let table: [ExplainDefinition] =
        resources + metadata + workloads + podSpec + podStatus + nodes + services + carriedAsSent

    // MARK: - Resources

    private static let resources: [ExplainDefinition] = [
        resource(
            "Pod",
            "A group of containers that share a network address and volumes and are placed together on one node.",
            [
                field("spec", .ref("PodSpec"), "What the pod should run: its containers, volumes and scheduling constraints."),
                field(
                    "status", .ref("PodStatus"),
                    "What was last observed of the pod and its containers. Written by the system; read-only."),
            ]),
        resource(
            "Node", "A machine that runs pods. In kcluster, each node is a kubeletd agent that joined the cluster.",
            [
                field("spec", .ref("NodeSpec"), "How the node may be used: its taints, whether it takes new pods, its pod address range."),
                field(
                    "status", .ref("NodeStatus"),
                    "What the node reports: conditions, addresses, capacity and system information. Read-only."),
            ]),
        resource(
            "Namespace",
            "A scope for the names of namespaced objects. Deleting a namespace deletes the objects in it.",
            [
                field("spec", .ref("NamespaceSpec"), "The finalizers that must run before the namespace goes away."),
                field("status", .ref("NamespaceStatus"), "The namespace's phase. Read-only."),
            ]),
        resource(
            "Service",
            "A stable virtual IP address and DNS name in front of the pods its selector picks, spreading connections "
                + "over them.",
            [
                field("spec", .ref("ServiceSpec"), "The service's ports, selector and type."),
                field("status", .ref("ServiceStatus"), "What was last observed, such as a load balancer's address. Read-only."),
            ]),
        resource(
            "Endpoints",
            "The addresses behind a service. The endpoints controller keeps one, named after the service, for each "
                + "service that has a selector.",
            [field("subsets", .array(.ref("EndpointSubset")), "Groups of addresses that all expose the same ports.")]),
        resource(
            "Event",
            "A report that something happened to an object, such as a pod being scheduled or an image failing to "
                + "pull. Events are informational and expire after a while.",
            metadataRequired: true,
            [
                field("action", .string, "What was done, or failed to be done, to the object."),
                field("count", .integer, "How many times this event has occurred."),
                field("eventTime", microTime, "When the event was first observed, with microsecond precision."),
                field("firstTimestamp", time, "When the event was first recorded."),
                field("involvedObject", .ref("ObjectReference"), required: true, "The object the event is about."),
                field("lastTimestamp", time, "When the event most recently occurred."),
                field("message", .string, "A description of what happened, for people."),
                field(
                    "reason", .string,
                    "A short CamelCase explanation a program can test, such as SuccessfulCreate or FailedScheduling."),
                field("related", .ref("ObjectReference"), "A second object involved in the event, if any."),
                field("reportingComponent", .string, "The component that emitted the event, such as kubelet."),
                field("reportingInstance", .string, "Which instance of that component, such as the node's name."),
                field("series", .ref("EventSeries"), "Data about a series of repeated events."),
                field("source", .ref("EventSource"), "The component and host that reported the event."),
                field("type", .string, "Normal or Warning."),
            ]),
        resource(
            "DaemonSet",
            "Runs one copy of a pod on every eligible node: nodes that join get one, and the pods of nodes that "
                + "leave are garbage-collected.",
            [
                field(
                    "spec", .ref("DaemonSetSpec"),
                    "What the daemon set runs and how it is updated: selector, pod template and update strategy."),
                field(
                    "status", .ref("DaemonSetStatus"),
                    "What the controller last observed: how many nodes run the daemon pod, how many of those pods "
                        + "are ready and up to date. Written by the system; read-only."),
            ]),
        resource(
            "Deployment",
            "Keeps a number of identical pods running through ReplicaSets, and rolls changes of the pod template "
                + "out gradually.",
            [
                field("spec", .ref("DeploymentSpec"), "The desired replicas, selector, pod template and update strategy."),
                field("status", .ref("DeploymentStatus"), "What was last observed. Written by the system; read-only."),
            ]),
        resource(
            "ReplicaSet",
            "Keeps a fixed number of identical pods running. Deployments create and manage them; they are rarely "
                + "used directly.",
            [
                field("spec", .ref("ReplicaSetSpec"), "The desired replicas, selector and pod template."),
                field("status", .ref("ReplicaSetStatus"), "What was last observed. Written by the system; read-only."),
            ]),
        resource(
            "ControllerRevision",
            "An immutable snapshot of a controller's pod template, kept so that the controller can roll back. A "
                + "DaemonSet records one for each distinct template it has had.",
            [
                field("data", .ref("RawExtension"), "The recorded state: for a DaemonSet, a patch that restores its pod template."),
                field("revision", .integer, required: true, "The revision number; the current template has the highest."),
            ]),
        resource(
            "Lease",
            "A lock held by one holder for a while. Each node renews a lease named after it in kube-node-lease as "
                + "its heartbeat.",
            [field("spec", .ref("LeaseSpec"), "Who holds the lease, and its timing.")]),
    ]

    // MARK: - Metadata and references

    private static let metadata: [ExplainDefinition] = [
        object(
            "ObjectMeta",
            "Metadata every stored object has: its name and namespace, its labels and annotations, and the "
                + "bookkeeping the server maintains.",
            [
                field(
                    "annotations", .map(.string),
                    "Arbitrary key/value data that tools and controllers attach to the object. Unlike labels, "
                        + "annotations cannot be used in selectors."),
                field("creationTimestamp", time, "When the server created the object. Set by the server; read-only."),
                field(
                    "deletionGracePeriodSeconds", .integer,
                    "How many seconds the object has to terminate gracefully once deletion was requested. Set with "
                        + "deletionTimestamp; read-only."),
                field(
                    "deletionTimestamp", time,
                    "When the object will be (or began to be) deleted. Once it is set, the object only waits for "
                        + "its finalizers and grace period. Set by the server; read-only."),
                field(
                    "finalizers", .array(.string),
                    "Steps that must complete before the object is removed from storage. A deleted object stays, "
                        + "with deletionTimestamp set, until this list is empty."),
                field(
                    "generateName", .string,
                    "A prefix from which the server makes a unique name, by appending random characters, when name "
                        + "is not given."),
                field(
                    "generation", .integer,
                    "A number the server increases each time the desired state (usually spec) changes. Read-only."),
                field(
                    "labels", .map(.string),
                    "Key/value pairs that organize objects. Controllers and services select objects by them."),
                field(
                    "managedFields", .array(.ref("ManagedFieldsEntry")),
                    "Which manager owns which fields, as server-side apply records it. Internal bookkeeping."),
                field(
                    "name", .string,
                    "The object's name, unique among objects of its kind in its namespace (or in the cluster, for "
                        + "cluster-scoped kinds). It cannot change."),
                field(
                    "namespace", .string,
                    "The namespace the object belongs to. Empty for cluster-scoped kinds; otherwise defaults to the "
                        + "request's namespace."),
                field(
                    "ownerReferences", .array(.ref("OwnerReference")),
                    "The objects this object depends on. Once all of them are gone, the garbage collector deletes "
                        + "it. At most one owner is the controller that manages it."),
                field(
                    "resourceVersion", .string,
                    "An opaque version that changes on every write. Clients send it back for optimistic concurrency "
                        + "and to resume watches. Read-only."),
                field("selfLink", .string, "Deprecated; the server no longer sets it."),
                field(
                    "uid", .string,
                    "A unique identifier the server assigns on creation and never reuses in this cluster. Read-only."),
            ]),
        object(
            "OwnerReference",
            "Points to an object that owns this one. The owner is in the same namespace, or is cluster-scoped.",
            [
                field("apiVersion", .string, required: true, "The owner's API version."),
                field(
                    "blockOwnerDeletion", .boolean,
                    "When true and the owner is deleted in the foreground, the owner stays until this object is "
                        + "gone."),
                field("controller", .boolean, "When true, the owner is the controller that manages this object."),
                field("kind", .string, required: true, "The owner's kind."),
                field("name", .string, required: true, "The owner's name."),
                field("uid", .string, required: true, "The owner's uid."),
            ]),
        object(
            "ObjectReference", "Points to another object, and optionally to a part of it.",
            [
                field("apiVersion", .string, "The referenced object's API version."),
                field(
                    "fieldPath", .string,
                    "Which part of the object is meant, such as spec.containers{redis} for one container of a pod."),
                field("kind", .string, "The referenced object's kind."),
                field("name", .string, "The referenced object's name."),
                field("namespace", .string, "The referenced object's namespace."),
                field("resourceVersion", .string, "The object's resourceVersion when the reference was made, if known."),
                field("uid", .string, "The referenced object's uid."),
            ]),
        object(
            "LabelSelector",
            "A query over labels. matchLabels and matchExpressions must all hold. An empty selector matches every "
                + "object; a missing one matches none.",
            [
                field("matchExpressions", .array(.ref("LabelSelectorRequirement")), "Requirements on label values; all must hold."),
                field(
                    "matchLabels", .map(.string),
                    "Labels that must be present with exactly these values. Each entry is a requirement with "
                        + "operator In and a single value."),
            ]),
        object(
            "LabelSelectorRequirement", "One requirement of a label selector: a key, an operator and values.",
            [
                field("key", .string, required: true, "The label key the requirement is about."),
                field("operator", .string, required: true, "How the label relates to the values: In, NotIn, Exists or DoesNotExist."),
                field(
                    "values", .array(.string),
                    "The values compared with. Not empty for In and NotIn; empty for Exists and DoesNotExist."),
            ]),
        scalar("Time", shownAs: "string", "A point in time, written as an RFC 3339 string with second precision (2026-01-02T15:04:05Z)."),
        scalar("MicroTime", shownAs: "string", "A point in time, written as an RFC 3339 string with microsecond precision."),
        scalar(
            "IntOrString", shownAs: "IntOrString",
            "Either an integer or a string: a port number or a port name, a count or a percentage."),
        scalar(
            "Quantity", shownAs: "Quantity",
            "An amount with an optional suffix, such as 100m (a tenth), 2, 512Mi or 1Gi. Used for CPU, memory and "
                + "other resources."),
        opaque("RawExtension", "An embedded object, kept as the JSON it was given as."),
        opaque("ManagedFieldsEntry", "What one manager set, as server-side apply records it: the manager, the operation and the fields."),
    ]

    // MARK: - Workloads

    private static let workloads: [ExplainDefinition] = [
        object(
            "DaemonSetSpec", "The desired state of a daemon set.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new daemon pod must be ready, with no container crashing, before it counts as "
                        + "available. Defaults to 0: available as soon as it is ready."),
                field("revisionHistoryLimit", .integer, "How many old ControllerRevisions to keep for rollbacks. Defaults to 10."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods the daemon set manages. It must match the pod template's labels, and it "
                        + "cannot change."),
                field(
                    "template", .ref("PodTemplateSpec"), required: true,
                    "The pod to run on each node. Its restartPolicy must be Always, the default. Changing it starts "
                        + "an update, as updateStrategy says."),
                field("updateStrategy", .ref("DaemonSetUpdateStrategy"), "How daemon pods are replaced when the template changes."),
            ]),
        object(
            "DaemonSetUpdateStrategy", "How a daemon set replaces its pods after its template changes.",
            [
                field("rollingUpdate", .ref("RollingUpdateDaemonSet"), "How fast a rolling update goes; used when type is RollingUpdate."),
                field(
                    "type", .string, enum: ["OnDelete", "RollingUpdate"],
                    "RollingUpdate, the default, replaces old pods node by node; OnDelete creates a new pod on a "
                        + "node only after its old pod has been deleted by hand."),
            ]),
        object(
            "RollingUpdateDaemonSet", "How fast a daemon set rolling update goes.",
            [
                field(
                    "maxSurge", .ref("IntOrString"),
                    "How many nodes may run a new daemon pod beside the old one during the update: a number, or a "
                        + "percentage of the desired pods rounded up. Defaults to 0. Cannot be 0 when maxUnavailable "
                        + "is 0."),
                field(
                    "maxUnavailable", .ref("IntOrString"),
                    "How many daemon pods may be unavailable during the update: a number, or a percentage of the "
                        + "desired pods rounded up. Defaults to 1. Cannot be 0 when maxSurge is 0."),
            ]),
        object(
            "DaemonSetStatus", "The observed state of a daemon set.",
            [
                field("collisionCount", .integer, "Counts collisions of revision names, so that the next name is unique."),
                field("conditions", .array(.ref("DaemonSetCondition")), "The latest observations of the daemon set's state."),
                field("currentNumberScheduled", .integer, required: true, "Nodes that run at least one daemon pod and should."),
                field("desiredNumberScheduled", .integer, required: true, "Nodes that should run the daemon pod, whether they do or not."),
                field(
                    "numberAvailable", .integer,
                    "Nodes that should run the daemon pod and have one that has been ready for minReadySeconds."),
                field("numberMisscheduled", .integer, required: true, "Nodes that run a daemon pod but should not."),
                field("numberReady", .integer, required: true, "Nodes that should run the daemon pod and have one that is ready."),
                field("numberUnavailable", .integer, "Nodes that should run the daemon pod but have none available."),
                field("observedGeneration", .integer, "The generation of the daemon set the controller last acted on."),
                field("updatedNumberScheduled", .integer, "Nodes that run a daemon pod made from the current template."),
            ]),
        condition("DaemonSetCondition", "a daemon set's"),
        object(
            "DeploymentSpec", "The desired state of a deployment.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new pod must be ready, with no container crashing, before it counts as available. "
                        + "Defaults to 0."),
                field("paused", .boolean, "When true, template changes are not rolled out until the deployment is resumed."),
                field(
                    "progressDeadlineSeconds", .integer,
                    "How long a rollout may make no progress before the deployment reports it failed (condition "
                        + "Progressing, reason ProgressDeadlineExceeded). Defaults to 600."),
                field("replicas", .integer, "How many pods to run. Defaults to 1."),
                field("revisionHistoryLimit", .integer, "How many old ReplicaSets to keep for rollbacks. Defaults to 10."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods, and ReplicaSets, the deployment manages. It must match the pod template's "
                        + "labels, and it cannot change."),
                field("strategy", .ref("DeploymentStrategy"), "How old pods are replaced by new ones."),
                field("template", .ref("PodTemplateSpec"), required: true, "The pods to create. Its restartPolicy must be Always."),
            ]),
        object(
            "DeploymentStrategy", "How a deployment replaces old pods with new ones.",
            [
                field("rollingUpdate", .ref("RollingUpdateDeployment"), "How fast a rolling update goes; used when type is RollingUpdate."),
                field(
                    "type", .string, enum: ["Recreate", "RollingUpdate"],
                    "Recreate deletes every old pod before creating new ones; RollingUpdate, the default, replaces "
                        + "them progressively."),
            ]),
        object(
            "RollingUpdateDeployment", "How fast a deployment rolling update goes.",
            [
                field(
                    "maxSurge", .ref("IntOrString"),
                    "How many pods may exist above the desired count during the update: a number, or a percentage "
                        + "of the desired count rounded up. Defaults to 25%. Cannot be 0 when maxUnavailable is 0."),
                field(
                    "maxUnavailable", .ref("IntOrString"),
                    "How many pods may be unavailable during the update: a number, or a percentage of the desired "
                        + "count rounded down. Defaults to 25%. Cannot be 0 when maxSurge is 0."),
            ]),
        object(
            "DeploymentStatus", "The observed state of a deployment.",
            [
                field("availableReplicas", .integer, "Pods of the deployment that have been ready for minReadySeconds."),
                field("collisionCount", .integer, "Counts collisions of pod template hashes, so that the next ReplicaSet name is unique."),
                field(
                    "conditions", .array(.ref("DeploymentCondition")),
                    "The latest observations of the deployment's state: Available, Progressing, ReplicaFailure."),
                field("observedGeneration", .integer, "The generation of the deployment the controller last acted on."),
                field("readyReplicas", .integer, "Pods of the deployment that are ready."),
                field("replicas", .integer, "Pods of the deployment (those its selector matches), whatever their template."),
                field("terminatingReplicas", .integer, "Pods of the deployment that are being deleted."),
                field("unavailableReplicas", .integer, "Pods the deployment still lacks to have its desired number available."),
                field("updatedReplicas", .integer, "Pods of the deployment made from the current template."),
            ]),
        object(
            "DeploymentCondition", "One aspect of a deployment's state at a point in time.",
            [
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("lastUpdateTime", time, "When the condition was last updated."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field("type", .string, required: true, "The kind of condition."),
            ]),
        object(
            "ReplicaSetSpec", "The desired state of a replica set.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new pod must be ready, with no container crashing, before it counts as available. "
                        + "Defaults to 0."),
                field("replicas", .integer, "How many pods to run. Defaults to 1."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods the replica set counts. It must match the pod template's labels."),
                field("template", .ref("PodTemplateSpec"), "The pod created when fewer than replicas match the selector."),
            ]),
        object(
            "ReplicaSetStatus", "The observed state of a replica set.",
            [
                field("availableReplicas", .integer, "Pods of the replica set that have been ready for minReadySeconds."),
                field("conditions", .array(.ref("ReplicaSetCondition")), "The latest observations of the replica set's state."),
                field("fullyLabeledReplicas", .integer, "Pods that have every label of the pod template."),
                field("observedGeneration", .integer, "The generation of the replica set the controller last acted on."),
                field("readyReplicas", .integer, "Pods of the replica set that are ready."),
                field("replicas", .integer, required: true, "Pods the selector matches, as last observed."),
                field("terminatingReplicas", .integer, "Pods of the replica set that are being deleted."),
            ]),
        condition("ReplicaSetCondition", "a replica set's"),
        object(
            "PodTemplateSpec", "The metadata and spec of the pods a controller creates.",
            [
                field("metadata", .ref("ObjectMeta"), "The labels and annotations each created pod gets."),
                field("spec", .ref("PodSpec"), "The spec of each created pod."),
            ]),
        object(
            "LeaseSpec", "Who holds a lease, and until when.",
            [
                field("acquireTime", microTime, "When the current holder acquired the lease."),
                field("holderIdentity", .string, "Who holds the lease; for node heartbeats, the node's name."),
                field(
                    "leaseDurationSeconds", .integer,
                    "How long others must wait after the last renewal before they may take the lease over."),
                field("leaseTransitions", .integer, "How many times the lease has changed holders."),
                field("renewTime", microTime, "When the holder last renewed the lease."),
            ]),
    ]

    private static func condition(_ name: String, _ owner: String) -> ExplainDefinition {
        object(
            name, "One aspect of \(owner) state at a point in time.",
            [
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field("type", .string, required: true, "The kind of condition."),
            ])
    }

    // MARK: - Pod spec

    private static let podSpec: [ExplainDefinition] = [
        object(
            "PodSpec", "The desired state of a pod.",
            [
                field(
                    "activeDeadlineSeconds", .integer,
                    "How long the pod may run, counted from its start, before it is failed. Not allowed in the pod "
                        + "template of a daemon set."),
                field(
                    "affinity", .ref("Affinity"),
                    "Scheduling constraints: the nodes the pod requires or prefers, and the pods it wants to be near "
                        + "or away from."),
                field("automountServiceAccountToken", .boolean, "Whether a service account token is mounted into the pod."),
                field(
                    "containers", .array(.ref("Container")), required: true,
                    "The pod's containers; at least one. They cannot be added or removed once the pod exists."),
                field("dnsConfig", .ref("PodDNSConfig"), "Extra DNS settings merged into the pod's resolver configuration."),
                field(
                    "dnsPolicy", .string, enum: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
                    "How the pod's DNS resolver is set up: ClusterFirst, the default, uses the cluster's DNS; "
                        + "Default takes the node's; None uses dnsConfig only."),
                field(
                    "enableServiceLinks", .boolean,
                    "Whether environment variables describing the services are given to the containers. Defaults to "
                        + "true."),
                field(
                    "ephemeralContainers", .array(.ref("EphemeralContainer")),
                    "Temporary containers added to a running pod, for debugging."),
                field("hostAliases", .array(.ref("HostAlias")), "Extra entries of the pod's /etc/hosts."),
                field("hostIPC", .boolean, "Use the node's IPC namespace."),
                field("hostNetwork", .boolean, "Use the node's network namespace: the pod has the node's IP address and ports."),
                field("hostPID", .boolean, "Use the node's process ID namespace."),
                field("hostUsers", .boolean, "Use the node's user namespace. Defaults to true."),
                field("hostname", .string, "The pod's hostname; defaults to the pod's name."),
                field(
                    "imagePullSecrets", .array(.ref("LocalObjectReference")),
                    "Secrets holding registry credentials used to pull the images."),
                field(
                    "initContainers", .array(.ref("Container")),
                    "Containers run one after the other, each to completion, before the regular containers start. "
                        + "One whose restartPolicy is Always keeps running beside them, as a sidecar."),
                field(
                    "nodeName", .string,
                    "The node the pod runs on. The scheduler sets it when it binds the pod; setting it directly "
                        + "skips scheduling."),
                field("nodeSelector", .map(.string), "Labels a node must have for the pod to be placed on it."),
                field("os", .ref("PodOS"), "The operating system the pod's containers need."),
                field("overhead", quantities, "Resources the pod's runtime uses beyond its containers."),
                field(
                    "preemptionPolicy", .string, enum: ["Never", "PreemptLowerPriority"],
                    "Whether the pod may evict pods of lower priority to be scheduled. Defaults to "
                        + "PreemptLowerPriority."),
                field(
                    "priority", .integer,
                    "The pod's priority, resolved from priorityClassName. Pods of higher priority are scheduled "
                        + "first."),
                field("priorityClassName", .string, "The priority class that gives the pod its priority."),
                field(
                    "readinessGates", .array(.ref("PodReadinessGate")),
                    "Extra pod conditions that must be True for the pod to be ready."),
                field("resourceClaims", .array(.ref("PodResourceClaim")), "Dynamically allocated resources the pod claims."),
                field("resources", .ref("ResourceRequirements"), "Resources of the pod as a whole."),
                field(
                    "restartPolicy", .string, enum: ["Always", "Never", "OnFailure"],
                    "Whether containers are restarted when they exit: Always, the default, OnFailure, or Never. "
                        + "Pod templates of daemon sets and deployments must use Always."),
                field("runtimeClassName", .string, "The runtime class the pod runs with."),
                field("schedulerName", .string, "The scheduler that places the pod. Defaults to default-scheduler."),
                field(
                    "schedulingGates", .array(.ref("PodSchedulingGate")),
                    "As long as any gate is listed, the pod is not scheduled."),
                field("securityContext", .ref("PodSecurityContext"), "Security settings for the whole pod."),
                field("serviceAccount", .string, "Deprecated alias of serviceAccountName."),
                field("serviceAccountName", .string, "The service account the pod runs as."),
                field("setHostnameAsFQDN", .boolean, "Whether the pod's hostname is its fully qualified domain name."),
                field("shareProcessNamespace", .boolean, "Whether the pod's containers share one process namespace."),
                field(
                    "subdomain", .string,
                    "With hostname, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster "
                        + "domain>."),
                field(
                    "terminationGracePeriodSeconds", .integer,
                    "How many seconds the pod has to stop once its deletion is requested, before its processes are "
                        + "killed. Defaults to 30."),
                field("tolerations", .array(.ref("Toleration")), "The taints the pod tolerates."),
                field(
                    "topologySpreadConstraints", .array(.ref("TopologySpreadConstraint")),
                    "How the pod's replicas are spread over zones, nodes or other topology domains."),
                field("volumes", .array(.ref("Volume")), "Volumes the pod's containers can mount."),
            ]),
        object(
            "Container", "One application container of a pod.",
            [
                field(
                    "args", .array(.string),
                    "Arguments for the command (or for the image's entrypoint). They replace the image's CMD."),
                field(
                    "command", .array(.string),
                    "The program to run and its first arguments. It replaces the image's ENTRYPOINT and is not "
                        + "run in a shell."),
                field("env", .array(.ref("EnvVar")), "Environment variables set in the container."),
                field(
                    "envFrom", .array(.ref("EnvFromSource")),
                    "Config maps and secrets whose keys all become environment variables."),
                field("image", .string, "The container image to run."),
                field(
                    "imagePullPolicy", .string, enum: ["Always", "IfNotPresent", "Never"],
                    "When the image is pulled: Always, IfNotPresent or Never. Defaults to Always for the latest tag "
                        + "(or no tag) and to IfNotPresent otherwise."),
                field("lifecycle", .ref("Lifecycle"), "Actions run right after the container starts and before it stops."),
                field(
                    "livenessProbe", .ref("Probe"),
                    "A periodic check that the container is alive; the container is restarted when it fails."),
                field("name", .string, required: true, "The container's name, unique in the pod (a DNS label)."),
                field(
                    "ports", .array(.ref("ContainerPort")),
                    "Ports the container listens on. Informational: a port not listed is reachable too."),
                field(
                    "readinessProbe", .ref("Probe"),
                    "A periodic check that the container can serve; while it fails, the container gets no traffic "
                        + "from services."),
                field("resizePolicy", .array(.ref("ContainerResizePolicy")), "How the container takes a change of its resources."),
                field("resources", .ref("ResourceRequirements"), "The compute resources the container requests and is limited to."),
                field(
                    "restartPolicy", .string,
                    "For init containers only: Always makes the container a sidecar, kept running beside the regular "
                        + "containers."),
                field("securityContext", .ref("SecurityContext"), "Security settings of the container."),
                field(
                    "startupProbe", .ref("Probe"),
                    "A check that the container has started; the other probes wait until it succeeds."),
                field("stdin", .boolean, "Whether the container has a buffer for standard input. Defaults to false."),
                field("stdinOnce", .boolean, "Whether standard input is closed once the first attached client leaves."),
                field(
                    "terminationMessagePath", .string,
                    "The file whose content becomes the container's termination message. Defaults to "
                        + "/dev/termination-log."),
                field(
                    "terminationMessagePolicy", .string, enum: ["FallbackToLogsOnError", "File"],
                    "File, the default, takes the termination message from that file; FallbackToLogsOnError uses "
                        + "the end of the log when the file is empty and the container failed."),
                field("tty", .boolean, "Whether the container gets a terminal. Needs stdin."),
                field("volumeDevices", .array(.ref("VolumeDevice")), "Raw block volumes exposed as devices in the container."),
                field("volumeMounts", .array(.ref("VolumeMount")), "Volumes mounted into the container's filesystem."),
                field("workingDir", .string, "The working directory; defaults to the image's."),
            ]),
        object(
            "ContainerPort", "A network port of a container.",
            [
                field("containerPort", .integer, required: true, "The port number on the pod's IP address."),
                field("hostIP", .string, "The node address hostPort is bound on."),
                field("hostPort", .integer, "A port of the node forwarded to containerPort. Few containers need one."),
                field("name", .string, "A name for the port, which a service can use as its targetPort."),
                field("protocol", .string, enum: protocols, "TCP (the default), UDP or SCTP."),
            ]),
        object(
            "EnvVar", "One environment variable of a container.",
            [
                field("name", .string, required: true, "The variable's name."),
                field(
                    "value", .string,
                    "The value. References $(NAME) to variables defined earlier are expanded; $$(NAME) is kept as "
                        + "$(NAME)."),
                field(
                    "valueFrom", .ref("EnvVarSource"),
                    "Where the value comes from, instead of value: a field of the pod, a resource, a config map or "
                        + "secret key."),
            ]),
        object(
            "VolumeMount", "A volume mounted into a container.",
            [
                field("mountPath", .string, required: true, "Where the volume appears in the container. It must not contain ':'."),
                field(
                    "mountPropagation", .string, enum: ["Bidirectional", "HostToContainer", "None"],
                    "How mounts propagate between the node and the container. Defaults to None."),
                field("name", .string, required: true, "The name of the pod volume to mount."),
                field("readOnly", .boolean, "Mount the volume read-only. Defaults to false."),
                field("recursiveReadOnly", .string, "Whether a read-only mount is read-only for its submounts too."),
                field("subPath", .string, "A path inside the volume to mount instead of its root."),
                field("subPathExpr", .string, "Like subPath, with $(NAME) references to the container's environment expanded."),
            ]),
        object(
            "Affinity", "Scheduling constraints of a pod.",
            [
                field("nodeAffinity", .ref("NodeAffinity"), "Rules on the labels of the nodes the pod may run on."),
                field("podAffinity", .ref("PodAffinity"), "Rules that place the pod near certain other pods."),
                field("podAntiAffinity", .ref("PodAntiAffinity"), "Rules that keep the pod away from certain other pods."),
            ]),
        object(
            "NodeAffinity", "The rules a pod sets on the nodes it runs on.",
            [
                field(
                    "preferredDuringSchedulingIgnoredDuringExecution", .array(.ref("PreferredSchedulingTerm")),
                    "Weighted preferences the scheduler tries to satisfy."),
                field(
                    "requiredDuringSchedulingIgnoredDuringExecution", .ref("NodeSelector"),
                    "What a node must satisfy for the pod to be placed on it. Not checked again once the pod runs."),
            ]),
        object(
            "NodeSelector", "Selects nodes: a node matches when it matches any of the terms.",
            [field("nodeSelectorTerms", .array(.ref("NodeSelectorTerm")), required: true, "The terms; any may match.")]),
        object(
            "NodeSelectorTerm", "Requirements a node must all meet. A term without requirements matches no node.",
            [
                field("matchExpressions", .array(.ref("NodeSelectorRequirement")), "Requirements on the node's labels."),
                field(
                    "matchFields", .array(.ref("NodeSelectorRequirement")),
                    "Requirements on the node's fields; only metadata.name is supported."),
            ]),
        object(
            "NodeSelectorRequirement", "A requirement on a node label or field.",
            [
                field("key", .string, required: true, "The label key or field name."),
                field(
                    "operator", .string, required: true, enum: ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"],
                    "How the key relates to the values: In, NotIn, Exists, DoesNotExist, Gt or Lt."),
                field(
                    "values", .array(.string),
                    "The values compared with: one or more for In and NotIn, none for Exists and DoesNotExist, a "
                        + "single integer for Gt and Lt."),
            ]),
        object(
            "Toleration", "Lets a pod be scheduled onto, or stay on, nodes with a matching taint.",
            [
                field("effect", .string, enum: taintEffects, "The taint effect matched; empty matches every effect."),
                field("key", .string, "The taint key matched; empty, with operator Exists, matches every taint."),
                field(
                    "operator", .string, enum: ["Equal", "Exists"],
                    "Equal, the default, also compares the value; Exists matches any value."),
                field(
                    "tolerationSeconds", .integer,
                    "For NoExecute taints: how long the pod stays after the taint appears. Unset means forever; 0 or "
                        + "less, evicted at once."),
                field("value", .string, "The taint value matched when operator is Equal."),
            ]),
        object(
            "PodReadinessGate", "An extra condition for a pod to be ready.",
            [field("conditionType", .string, required: true, "The type of a pod condition that must be True.")]),
    ]

    // MARK: - Pod status

    private static let podStatus: [ExplainDefinition] = [
        object(
            "PodStatus", "The observed state of a pod.",
            [
                field(
                    "conditions", .array(.ref("PodCondition")),
                    "The pod's conditions: PodScheduled, Initialized, ContainersReady, Ready..."),
                field("containerStatuses", .array(.ref("ContainerStatus")), "The state of each regular container."),
                field("ephemeralContainerStatuses", .array(.ref("ContainerStatus")), "The state of each ephemeral container."),
                field("hostIP", .string, "The IP address of the pod's node."),
                field("hostIPs", .array(.ref("HostIP")), "The IP addresses of the pod's node; the first is hostIP."),
                field("initContainerStatuses", .array(.ref("ContainerStatus")), "The state of each init container."),
                field("message", .string, "An explanation of the pod's state, for people."),
                field("nominatedNodeName", .string, "The node the pod should go to once the pods it preempts are gone."),
                field("observedGeneration", .integer, "The generation of the pod this status describes."),
                field(
                    "phase", .string, enum: ["Failed", "Pending", "Running", "Succeeded", "Unknown"],
                    "Where the pod is in its life: Pending, Running, Succeeded, Failed, or Unknown when its node "
                        + "cannot be reached."),
                field("podIP", .string, "The pod's IP address; empty until one is allocated."),
                field("podIPs", .array(.ref("PodIP")), "The pod's IP addresses; the first is podIP."),
                field(
                    "qosClass", .string, enum: ["BestEffort", "Burstable", "Guaranteed"],
                    "The quality of service class, derived from the containers' requests and limits."),
                field("reason", .string, "A short CamelCase reason for the pod's state, such as Evicted."),
                field("resize", .string, "Deprecated status of a resize of the pod's resources."),
                field(
                    "resourceClaimStatuses", .array(.ref("PodResourceClaimStatus")),
                    "The claims created for the pod's resource claims."),
                field("startTime", time, "When the kubelet accepted the pod, before pulling its images."),
            ]),
        object(
            "PodCondition", "One aspect of a pod's state at a point in time.",
            [
                field("lastProbeTime", time, "When the condition was last checked."),
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("observedGeneration", .integer, "The generation of the pod the condition describes."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field(
                    "type", .string, required: true,
                    "PodScheduled, Initialized, ContainersReady, Ready, or the type of a readiness gate."),
            ]),
        object("PodIP", "One IP address of a pod.", [field("ip", .string, required: true, "The IP address.")]),
        object("HostIP", "One IP address of a node.", [field("ip", .string, required: true, "The IP address.")]),
        object(
            "ContainerStatus", "The state of one container of a pod.",
            [
                field("allocatedResources", quantities, "The resources allocated to the container."),
                field("allocatedResourcesStatus", .array(.ref("ResourceStatus")), "The health of the resources allocated to the container."),
                field("containerID", .string, "The runtime's ID of the container, as <runtime>://<id>."),
                field("image", .string, required: true, "The image the container runs."),
                field("imageID", .string, required: true, "The ID of that image."),
                field("lastState", .ref("ContainerState"), "The state of the container's previous run, when it was restarted."),
                field("name", .string, required: true, "The container's name."),
                field("ready", .boolean, required: true, "Whether the container passes its readiness check."),
                field("resources", .ref("ResourceRequirements"), "The resources applied to the container now."),
                field("restartCount", .integer, required: true, "How many times the container has been restarted."),
                field("started", .boolean, "Whether the container has passed its startup check (or has none and runs)."),
                field("state", .ref("ContainerState"), "The container's current state."),
                field("stopSignal", .string, "The signal that stops the container."),
                field("user", .ref("ContainerUser"), "The identity the container's first process runs as."),
                field("volumeMounts", .array(.ref("VolumeMountStatus")), "The state of the container's volume mounts."),
            ]),
        object(
            "ContainerState",
            "The state of a container: one of waiting, running and terminated is set; none means waiting.",
            [
                field("running", .ref("ContainerStateRunning"), "Set while the container runs."),
                field("terminated", .ref("ContainerStateTerminated"), "Set once the container has exited."),
                field("waiting", .ref("ContainerStateWaiting"), "Set while the container does not run yet, or again."),
            ]),
        object(
            "ContainerStateRunning", "A running container.",
            [field("startedAt", time, "When the container last started.")]),
        object(
            "ContainerStateTerminated", "A container that has exited.",
            [
                field("containerID", .string, "The runtime's ID of the container."),
                field("exitCode", .integer, required: true, "The exit status of the container's last run."),
                field("finishedAt", time, "When the container last exited."),
                field("message", .string, "An explanation of the exit, for people."),
                field("reason", .string, "A short reason, such as Completed, Error or OOMKilled."),
                field("signal", .integer, "The signal that ended the container, if any."),
                field("startedAt", time, "When the run that ended began."),
            ]),
        object(
            "ContainerStateWaiting", "A container that does not run yet.",
            [
                field("message", .string, "An explanation of the wait, for people."),
                field(
                    "reason", .string,
                    "Why the container waits, such as ContainerCreating, ErrImagePull, ImagePullBackOff or "
                        + "CrashLoopBackOff."),
            ]),
    ]

    // MARK: - Nodes and namespaces

    private static let nodes: [ExplainDefinition] = [
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

    private static let services: [ExplainDefinition] = [
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

    private static let carriedAsSent: [ExplainDefinition] = [
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
