// Part of the API's schema table (see APISchemaTable.swift): the pod spec and status.

extension APISchema {
    // MARK: - Pod spec

    static let podSpec: [SchemaDefinition] = [
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

    static let podStatus: [SchemaDefinition] = [
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
}
