extension GoStructOrder {
    /// Fields whose values need no order of their own.
    private static func plain(_ names: [String]) -> [(String, GoStructOrder)] { names.map { ($0, .sorted) } }

    /// `metav1.LabelSelector`.
    static let labelSelector = GoStructOrder.fields(
        plain(["matchLabels"]) + [("matchExpressions", .list(.fields(plain(["key", "operator", "values"]))))])

    /// `corev1.Container` (and its ports, env, resources, mounts).
    static let container = GoStructOrder.fields(
        plain(["name", "image", "command", "args", "workingDir"]) + [
            ("ports", .list(.fields(plain(["name", "hostPort", "containerPort", "protocol", "hostIP"])))),
            ("envFrom", .sorted),
            ("env", .list(.fields(plain(["name", "value", "valueFrom"])))),
            ("resources", .fields(plain(["limits", "requests", "claims"]))),
            ("resizePolicy", .sorted), ("restartPolicy", .sorted),
            (
                "volumeMounts",
                .list(.fields(plain([
                    "name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation", "subPathExpr",
                ])))
            ),
        ] + plain([
            "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
            "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
        ]))

    /// `corev1.PodSpec`.
    static let podSpec = GoStructOrder.fields(
        [("volumes", .sorted), ("initContainers", .list(container)), ("containers", .list(container))]
            + plain([
                "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
                "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
                "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
                "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName",
            ])
            + [("tolerations", .list(.fields(plain(["key", "operator", "value", "effect", "tolerationSeconds"]))))]
            + plain([
                "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
                "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN",
                "os", "hostUsers", "schedulingGates", "resourceClaims", "resources",
            ]))

    /// `corev1.PodTemplateSpec`.
    static let podTemplate = GoStructOrder.fields([("metadata", objectMeta), ("spec", podSpec)])

    private static let conditions = GoStructOrder.list(
        .fields(plain(["type", "status", "lastTransitionTime", "reason", "message"])))

    /// `appsv1.DaemonSet`.
    static let daemonSet = GoStructOrder.fields(
        [
            ("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta),
            (
                "spec",
                .fields([
                    ("selector", labelSelector), ("template", podTemplate),
                    (
                        "updateStrategy",
                        .fields([("type", .sorted), ("rollingUpdate", .fields(plain(["maxUnavailable", "maxSurge"])))])
                    ),
                    ("minReadySeconds", .sorted), ("revisionHistoryLimit", .sorted),
                ])
            ),
            (
                "status",
                .fields(
                    plain([
                        "currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady",
                        "observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable",
                        "collisionCount",
                    ]) + [("conditions", conditions)])
            ),
        ])

    /// `appsv1.ReplicaSet`.
    static let replicaSet = GoStructOrder.fields(
        [
            ("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta),
            (
                "spec",
                .fields(plain(["replicas", "minReadySeconds"]) + [("selector", labelSelector), ("template", podTemplate)])
            ),
            (
                "status",
                .fields(
                    plain([
                        "replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "terminatingReplicas",
                        "observedGeneration",
                    ]) + [("conditions", conditions)])
            ),
        ])
}
