// Part of the API's schema table (see APISchemaTable.swift): scheduling.k8s.io/v1 PriorityClasses.

extension APISchema {
    static let scheduling: [SchemaDefinition] = [
        resource(
            "PriorityClass",
            "A name for a pod priority. A pod that names the class in priorityClassName gets its value as its "
                + "priority, and its preemption policy. Cluster-scoped.",
            [
                field(
                    "description", .string, "What the class is for: when pods should use it."),
                field(
                    "globalDefault", .boolean,
                    "Whether pods that name no class get this one. If several classes say so, the lowest value wins."),
                field(
                    "preemptionPolicy", .string, enum: ["Never", "PreemptLowerPriority"],
                    "Whether pods of this class may preempt pods of lower priority: PreemptLowerPriority (the "
                        + "default) or Never. Cannot change."),
                field(
                    "value", .integer, required: true,
                    "The priority pods of this class get; higher is more important. User classes go up to "
                        + "1000000000; larger values are for the system's classes. Cannot change."),
            ]),
    ]
}
