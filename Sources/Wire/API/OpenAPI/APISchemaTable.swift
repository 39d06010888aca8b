// The one description of the API's schema, from which the OpenAPI v3 documents are generated (OpenAPIV3) and
// which `kctl explain` reads from the server: every type this API serves, with exactly the fields of our API types
// (Sources/Wire/API/Types), their types, whether they are required, the values of enumerated strings, and a
// description written for kcluster. Fields our types carry as sent (JSONValue) have Kubernetes' type name and no
// listed fields. APISchemaDriftTests checks this table against the Swift types' decoders in both directions.

extension APISchema {
    static let time = SchemaType.ref("Time")
    static let microTime = SchemaType.ref("MicroTime")
    static let quantities = SchemaType.map(.ref("Quantity"))
    static let protocols = ["SCTP", "TCP", "UDP"]
    static let taintEffects = ["NoExecute", "NoSchedule", "PreferNoSchedule"]

    static let table: [SchemaDefinition] =
        resources + metadata + workloads + networking + storage + statefulSets + podSpec + podStatus + nodes + services + discovery + serviceAccounts + scheduling + admissionRegistration + apiRegistration + policy + rbac + batch
        + apiExtensions + carriedAsSent

    // MARK: - Resources

    static let resources: [SchemaDefinition] = [
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
        resource(
            "ConfigMap",
            "Configuration for pods to read, as files or environment variables: keys with text values (data) or "
                + "binary ones (binaryData).",
            [
                field(
                    "binaryData", .map(.string),
                    "Keys with binary values, written in base64. A key is made of letters, digits, '-', '_' and "
                        + "'.', and may not also be a key of data."),
                field(
                    "data", .map(.string),
                    "Keys with text values. A key is made of letters, digits, '-', '_' and '.', and may not also be "
                        + "a key of binaryData; a value that is not valid UTF-8 goes in binaryData instead."),
                field(
                    "immutable", .boolean,
                    "When true, data and binaryData can no longer change; only the metadata can. It cannot be "
                        + "turned off again."),
            ]),
        resource(
            "Secret",
            "Sensitive data, such as passwords, tokens or keys, kept apart from the pods that use it. Its values "
                + "together may not exceed 1 MiB.",
            [
                field(
                    "data", .map(.string),
                    "Keys with their values written in base64. A key is made of letters, digits, '-', '_' and '.'."),
                field(
                    "immutable", .boolean,
                    "When true, data can no longer change; only the metadata can. It cannot be turned off again."),
                field(
                    "stringData", .map(.string),
                    "Keys with plain-text values, for writing only: the server encodes them into data, replacing "
                        + "the entries with the same keys, and never returns this field."),
                field(
                    "type", .string,
                    "What the secret holds, for programs that handle it: Opaque (the default), kubernetes.io/tls, "
                        + "kubernetes.io/dockerconfigjson..."),
            ]),
    ]

    // MARK: - Metadata and references

    static let metadata: [SchemaDefinition] = [
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
        scalar("Time", format: "date-time", "A point in time, written as an RFC 3339 string with second precision (2026-01-02T15:04:05Z)."),
        scalar("MicroTime", format: "date-time", "A point in time, written as an RFC 3339 string with microsecond precision."),
        scalar(
            "IntOrString", format: "int-or-string", oneOf: ["integer", "string"],
            "Either an integer or a string: a port number or a port name, a count or a percentage."),
        scalar(
            "Quantity", format: nil, oneOf: ["string", "number"],
            "An amount with an optional suffix, such as 100m (a tenth), 2, 512Mi or 1Gi. Used for CPU, memory and "
                + "other resources."),
        opaque("RawExtension", "An embedded object, kept as the JSON it was given as."),
        opaque("ManagedFieldsEntry", "What one manager set, as server-side apply records it: the manager, the operation and the fields."),
    ]

}
