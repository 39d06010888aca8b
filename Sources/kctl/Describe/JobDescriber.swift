import Foundation
import KubeAPI
import Wire

/// `kubectl describe job` and `kubectl describe cronjob`, ports of kubectl's `describeJob` and `describeCronJob`.
enum JobDescriber {
    /// Describes `job`; `events` its related events (nil: no Events section).
    static func describe(_ job: JSONValue, events: [JSONValue]?, now: Date, timeZone: TimeZone) -> String {
        let j = JSONFields(job)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(j.name)\n")
        w.write(0, "Namespace:\t\(j.namespace)\n")
        w.write(0, "Selector:\t\(LabelFormat.selectorString(j.value("spec", "selector")) ?? "")\n")
        w.labels("Labels", j.labels)
        w.annotations("Annotations", j.stringMap("metadata", "annotations"))
        if let controller = PodDescriber.controlledBy(j) { w.write(0, "Controlled By:\t\(controller)\n") }
        if let parallelism = j.int("spec", "parallelism") { w.write(0, "Parallelism:\t\(parallelism)\n") }
        w.write(0, "Completions:\t\(j.int("spec", "completions").map(String.init) ?? "<unset>")\n")
        if let mode = j.string("spec", "completionMode") { w.write(0, "Completion Mode:\t\(mode)\n") }
        if let suspend = j.bool("spec", "suspend") { w.write(0, "Suspend:\t\(suspend)\n") }
        if let limit = j.int("spec", "backoffLimit") { w.write(0, "Backoff Limit:\t\(limit)\n") }
        if let ttl = j.int("spec", "ttlSecondsAfterFinished") { w.write(0, "TTL Seconds After Finished:\t\(ttl)\n") }
        let start = j.string("status", "startTime")
        let completion = j.string("status", "completionTime")
        if let start { w.write(0, "Start Time:\t\(DescribeTime.rfc1123Z(start, in: timeZone))\n") }
        if let completion { w.write(0, "Completed At:\t\(DescribeTime.rfc1123Z(completion, in: timeZone))\n") }
        if let startDate = start.flatMap(Timestamp.parse), let end = completion.flatMap(Timestamp.parse) {
            w.write(0, "Duration:\t\(HumanDuration.format(end.timeIntervalSince(startDate)))\n")
        }
        if let deadline = j.int("spec", "activeDeadlineSeconds") { w.write(0, "Active Deadline Seconds:\t\(deadline)s\n") }
        let active = j.int("status", "active") ?? 0
        let succeeded = j.int("status", "succeeded") ?? 0
        let failed = j.int("status", "failed") ?? 0
        if let ready = j.int("status", "ready") {
            w.write(0, "Pods Statuses:\t\(active) Active (\(ready) Ready) / \(succeeded) Succeeded / \(failed) Failed\n")
        } else {
            w.write(0, "Pods Statuses:\t\(active) Active / \(succeeded) Succeeded / \(failed) Failed\n")
        }
        if j.string("spec", "completionMode") == "Indexed" {
            w.write(0, "Completed Indexes:\t\(capIndexes(j.string("status", "completedIndexes") ?? "", softLimit: 50))\n")
        }
        PodTemplateSection.write(j.value("spec", "template"), into: &w, timeZone: timeZone)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// Describes `cronJob`; `events` its related events (nil: no Events section).
    static func describeCronJob(_ cronJob: JSONValue, events: [JSONValue]?, now: Date, timeZone: TimeZone) -> String {
        let c = JSONFields(cronJob)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(c.name)\n")
        w.write(0, "Namespace:\t\(c.namespace)\n")
        w.labels("Labels", c.labels)
        w.annotations("Annotations", c.stringMap("metadata", "annotations"))
        w.write(0, "Schedule:\t\(c.string("spec", "schedule") ?? "")\n")
        w.write(0, "Concurrency Policy:\t\(c.string("spec", "concurrencyPolicy") ?? "")\n")
        w.write(0, "Suspend:\t\(c.bool("spec", "suspend").map { $0 ? "True" : "False" } ?? "<unset>")\n")
        let successful = c.int("spec", "successfulJobsHistoryLimit").map(String.init) ?? "<unset>"
        w.write(0, "Successful Job History Limit:\t\(successful)\n")
        w.write(0, "Failed Job History Limit:\t\(c.int("spec", "failedJobsHistoryLimit").map(String.init) ?? "<unset>")\n")
        let deadline = c.int("spec", "startingDeadlineSeconds").map { "\($0)s" } ?? "<unset>"
        w.write(0, "Starting Deadline Seconds:\t\(deadline)\n")
        let template = JSONFields(c.value("spec", "jobTemplate") ?? [:])
        if let selector = template.value("spec", "selector"), selector != .null {
            w.write(0, "Selector:\t\(LabelFormat.selectorString(selector) ?? "")\n")
        } else {
            w.write(0, "Selector:\t<unset>\n")
        }
        w.write(0, "Parallelism:\t\(template.int("spec", "parallelism").map(String.init) ?? "<unset>")\n")
        w.write(0, "Completions:\t\(template.int("spec", "completions").map(String.init) ?? "<unset>")\n")
        if let deadline = template.int("spec", "activeDeadlineSeconds") {
            w.write(0, "Active Deadline Seconds:\t\(deadline)s\n")
        }
        PodTemplateSection.write(template.value("spec", "template"), into: &w, timeZone: timeZone)
        let last = c.string("status", "lastScheduleTime").map { DescribeTime.rfc1123Z($0, in: timeZone) } ?? "<unset>"
        w.write(0, "Last Schedule Time:\t\(last)\n")
        let active = c.array("status", "active").map { JSONFields($0).string("name") ?? "" }
        w.write(0, "Active Jobs:\t\(active.isEmpty ? "<none>" : active.joined(separator: ", "))\n")
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// kubectl's `capIndexesListOrNone`: `<none>`, or the list cut after the first comma at or past `softLimit`
    /// characters, followed by `...`.
    static func capIndexes(_ indexes: String, softLimit: Int) -> String {
        if indexes.isEmpty { return "<none>" }
        let bytes = Array(indexes.utf8)
        var index = softLimit
        while index < bytes.count && bytes[index] != UInt8(ascii: ",") { index += 1 }
        if index >= bytes.count { return indexes }
        return String(decoding: bytes[...index], as: UTF8.self) + "..."
    }
}
