// Part of the API's schema table (see APISchemaTable.swift): policy/v1 PodDisruptionBudgets.

extension APISchema {
    static let policy: [SchemaDefinition] = [
        resource(
            "PodDisruptionBudget",
            "How many of the pods a selector picks must stay healthy through voluntary disruptions such as "
                + "evictions by kubectl drain. An eviction that would break the budget is refused with 429.",
            [
                field("spec", .ref("PodDisruptionBudgetSpec"), "The budget: its pods and how many must stay healthy."),
                field(
                    "status", .ref("PodDisruptionBudgetStatus"),
                    "What the disruption controller last observed. Written by the system; read-only."),
            ]),
        object(
            "PodDisruptionBudgetSpec", "The pods of a budget and how many of them must stay healthy.",
            [
                field(
                    "maxUnavailable", .ref("IntOrString"),
                    "At most this many of the pods (a number, or a percentage of what their controllers want) may "
                        + "be unavailable after an eviction. Not together with minAvailable."),
                field(
                    "minAvailable", .ref("IntOrString"),
                    "At least this many of the pods (a number, or a percentage of what their controllers want) "
                        + "must stay available after an eviction. Not together with maxUnavailable."),
                field(
                    "selector", .ref("LabelSelector"),
                    "The budget's pods, in its namespace. An empty selector picks every pod; none picks none."),
                field(
                    "unhealthyPodEvictionPolicy", .string, enum: ["AlwaysAllow", "IfHealthyBudget"],
                    "Whether running pods that are not ready may be evicted: IfHealthyBudget (only while the "
                        + "budget is met) or AlwaysAllow."),
            ]),
        object(
            "PodDisruptionBudgetStatus", "What the disruption controller last observed of a budget.",
            [
                field("conditions", .array(.ref("Condition")), "DisruptionAllowed: whether an eviction may happen now."),
                field("currentHealthy", .integer, required: true, "The budget's pods that are healthy now."),
                field("desiredHealthy", .integer, required: true, "The healthy pods the budget wants, at least."),
                field(
                    "disruptedPods", .map(.ref("Time")),
                    "Pods evicted but not yet deleted, with the time of the eviction; they do not count as healthy."),
                field("disruptionsAllowed", .integer, required: true, "How many pods may be evicted now."),
                field("expectedPods", .integer, required: true, "The pods the budget counts: what their controllers want."),
                field("observedGeneration", .integer, "The generation of the budget this status describes."),
            ]),
    ]
}
