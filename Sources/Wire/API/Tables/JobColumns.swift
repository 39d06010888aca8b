import Foundation

/// `kubectl get jobs`: `NAME STATUS COMPLETIONS DURATION AGE`, wide adds `CONTAINERS IMAGES SELECTOR`, as
/// Kubernetes' `printJob`.
public enum JobColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Status", description: "Status of the job."),
        TableColumnDefinition(
            name: "Completions", description: "The number of pods which reached phase Succeeded, of those desired."),
        TableColumnDefinition(name: "Duration", description: "Time required to complete the job."),
        .age,
    ] + ContainerCells.wideColumns

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let job = JSONFields(object)
        let (names, images) = ContainerCells.layout(job.array("spec", "template", "spec", "containers"))
        return [
            .string(job.name), .string(status(job)), .string(completions(job)), .string(duration(job, now: now)),
            ageCell(job, now: now),
            .string(names), .string(images), .string(LabelFormat.selector(job.value("spec", "selector"))),
        ]
    }

    /// `2/3`; without `completions`, `1/1` or, with a parallelism above 1, `0/1 of 3`.
    static func completions(_ job: JSONFields) -> String {
        let succeeded = job.int("status", "succeeded") ?? 0
        if let completions = job.int("spec", "completions") { return "\(succeeded)/\(completions)" }
        let parallelism = job.int("spec", "parallelism") ?? 0
        return parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
    }

    /// From `startTime` to `completionTime`, or to now while running; empty before the Job started.
    static func duration(_ job: JSONFields, now: Date) -> String {
        guard let start = job.string("status", "startTime").flatMap(Timestamp.parse) else { return "" }
        let end = job.string("status", "completionTime").flatMap(Timestamp.parse) ?? now
        return HumanDuration.format(end.timeIntervalSince(start))
    }

    /// `Complete`, `Failed`, `Terminating`, `Suspended`, `FailureTarget` or `Running`, in that precedence.
    static func status(_ job: JSONFields) -> String {
        let trueConditions = Set(job.array("status", "conditions").compactMap { condition -> String? in
            let c = JSONFields(condition)
            return c.string("status") == "True" ? c.string("type") : nil
        })
        if trueConditions.contains("Complete") { return "Complete" }
        if trueConditions.contains("Failed") { return "Failed" }
        if job.string("metadata", "deletionTimestamp") != nil { return "Terminating" }
        if trueConditions.contains("Suspended") { return "Suspended" }
        if trueConditions.contains("FailureTarget") { return "FailureTarget" }
        return "Running"
    }
}

/// `kubectl get cronjobs`: `NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE`, wide adds
/// `CONTAINERS IMAGES SELECTOR` (the job template's), as Kubernetes' `printCronJob`.
public enum CronJobColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(
            name: "Schedule", description: "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        TableColumnDefinition(
            name: "Timezone", description: "The time zone name for the given schedule; the controller's when unset."),
        TableColumnDefinition(name: "Suspend", type: "boolean", description: "Whether new Jobs are suspended."),
        TableColumnDefinition(name: "Active", type: "integer", description: "The Jobs running now."),
        TableColumnDefinition(
            name: "Last Schedule", description: "When a Job was last successfully scheduled."),
        .age,
    ] + ContainerCells.wideColumns

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let cronJob = JSONFields(object)
        let (names, images) = ContainerCells.layout(
            cronJob.array("spec", "jobTemplate", "spec", "template", "spec", "containers"))
        let lastSchedule = cronJob.string("status", "lastScheduleTime").map { HumanDuration.since($0, now: now) }
        let suspend = cronJob.bool("spec", "suspend").map { $0 ? "True" : "False" } ?? "<unset>"
        return [
            .string(cronJob.name), .string(cronJob.string("spec", "schedule") ?? ""),
            .string(cronJob.string("spec", "timeZone") ?? "<none>"), .string(suspend),
            .int(Int64(cronJob.array("status", "active").count)), .string(lastSchedule ?? "<none>"),
            ageCell(cronJob, now: now),
            .string(names), .string(images),
            .string(LabelFormat.selector(cronJob.value("spec", "jobTemplate", "spec", "selector"))),
        ]
    }
}
