// Part of the API's schema table (see APISchemaTable.swift): apps/v1 StatefulSets.

extension APISchema {
    /// The apps/v1 definitions of StatefulSets (their package is set in ``packages``).
    static let statefulSetDefinitions = [
        "StatefulSet", "StatefulSetSpec", "StatefulSetUpdateStrategy", "RollingUpdateStatefulSetStrategy",
        "StatefulSetPersistentVolumeClaimRetentionPolicy", "StatefulSetOrdinals", "StatefulSetStatus",
        "StatefulSetCondition",
    ]

    static let statefulSets: [SchemaDefinition] = [
        resource(
            "StatefulSet",
            "Runs pods with stable identities: each pod is named after the set and its ordinal (web-0, web-1...), "
                + "keeps its name and its volume claims when it is replaced, and is created, deleted and updated in "
                + "order.",
            [
                field(
                    "spec", .ref("StatefulSetSpec"),
                    "What the stateful set runs and how: replicas, selector, pod template, volume claim templates, "
                        + "pod management and update strategy."),
                field(
                    "status", .ref("StatefulSetStatus"),
                    "What the controller last observed: how many pods exist, are ready and run each revision. "
                        + "Written by the system; read-only."),
            ]),
        object(
            "StatefulSetSpec", "The desired state of a stateful set.",
            [
                field(
                    "minReadySeconds", .integer,
                    "How long a new pod must be ready, with no container crashing, before it counts as available. "
                        + "Defaults to 0."),
                field(
                    "ordinals", .ref("StatefulSetOrdinals"),
                    "The numbering of the pods: by default they are numbered from 0."),
                field(
                    "persistentVolumeClaimRetentionPolicy", .ref("StatefulSetPersistentVolumeClaimRetentionPolicy"),
                    "Whether the claims made from volumeClaimTemplates are deleted when the set is deleted or scaled "
                        + "down. Defaults to Retain for both."),
                field(
                    "podManagementPolicy", .string, enum: ["OrderedReady", "Parallel"],
                    "OrderedReady, the default, creates pods one at a time in ordinal order, each once the previous "
                        + "ones are running and ready, and deletes them in reverse order; Parallel creates and deletes "
                        + "them all at once. Cannot change."),
                field("replicas", .integer, "How many pods to run. Defaults to 1."),
                field("revisionHistoryLimit", .integer, "How many old ControllerRevisions to keep for rollbacks. Defaults to 10."),
                field(
                    "selector", .ref("LabelSelector"), required: true,
                    "Selects the pods the stateful set manages. It must match the pod template's labels, and it "
                        + "cannot change."),
                field(
                    "serviceName", .string,
                    "The headless service that governs the set: each pod gets the hostname <pod> and the subdomain "
                        + "<serviceName>. Cannot change."),
                field(
                    "template", .ref("PodTemplateSpec"), required: true,
                    "The pod each ordinal runs. Its restartPolicy must be Always, the default. Changing it starts "
                        + "an update, as updateStrategy says."),
                field(
                    "updateStrategy", .ref("StatefulSetUpdateStrategy"),
                    "How pods are replaced when the template changes."),
                field(
                    "volumeClaimTemplates", .array(.ref("PersistentVolumeClaim")),
                    "Claims each pod gets, named <template>-<set>-<ordinal> and mounted as the volume named after "
                        + "the template. Cannot change."),
            ]),
        object(
            "StatefulSetUpdateStrategy", "How a stateful set replaces its pods after its template changes.",
            [
                field(
                    "rollingUpdate", .ref("RollingUpdateStatefulSetStrategy"),
                    "How far a rolling update goes; used when type is RollingUpdate."),
                field(
                    "type", .string, enum: ["OnDelete", "RollingUpdate"],
                    "RollingUpdate, the default, replaces pods one at a time from the highest ordinal down; OnDelete "
                        + "replaces a pod only after it has been deleted by hand."),
            ]),
        object(
            "RollingUpdateStatefulSetStrategy", "How far a stateful set rolling update goes.",
            [
                field(
                    "maxUnavailable", .ref("IntOrString"),
                    "How many pods may be unavailable during the update: a number or a percentage. Defaults to 1. "
                        + "Honoured only with the MaxUnavailableStatefulSet feature, off by default."),
                field(
                    "partition", .integer,
                    "Pods with an ordinal at or above the partition are updated; the others keep the current "
                        + "revision, even when they are recreated. Defaults to 0."),
            ]),
        object(
            "StatefulSetPersistentVolumeClaimRetentionPolicy",
            "What happens to the claims made from a stateful set's volumeClaimTemplates.",
            [
                field(
                    "whenDeleted", .string, enum: ["Delete", "Retain"],
                    "Retain, the default, keeps the claims when the stateful set is deleted; Delete deletes them."),
                field(
                    "whenScaled", .string, enum: ["Delete", "Retain"],
                    "Retain, the default, keeps a pod's claims when the set is scaled down; Delete deletes them."),
            ]),
        object(
            "StatefulSetOrdinals", "The numbering of a stateful set's pods.",
            [
                field(
                    "start", .integer,
                    "The ordinal of the first pod: replicas pods are numbered from start to start + replicas - 1. "
                        + "Defaults to 0."),
            ]),
        object(
            "StatefulSetStatus", "The observed state of a stateful set.",
            [
                field(
                    "availableReplicas", .integer, required: true,
                    "Pods that have been ready for at least minReadySeconds."),
                field("collisionCount", .integer, "Counts collisions of revision names, so that the next name is unique."),
                field("conditions", .array(.ref("StatefulSetCondition")), "The latest observations of the stateful set's state."),
                field("currentReplicas", .integer, "Pods made from the currentRevision's template."),
                field(
                    "currentRevision", .string,
                    "The ControllerRevision of the pods below the partition (all pods, once an update completes)."),
                field("observedGeneration", .integer, "The generation of the stateful set the controller last acted on."),
                field("readyReplicas", .integer, "Pods that are ready."),
                field("replicas", .integer, required: true, "Pods the controller has created."),
                field("updateRevision", .string, "The ControllerRevision of the current pod template."),
                field("updatedReplicas", .integer, "Pods made from the updateRevision's template."),
            ]),
        condition("StatefulSetCondition", "a stateful set's"),
    ]
}
