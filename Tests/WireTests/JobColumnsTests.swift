import Foundation
import Testing

@testable import KubeAPI

/// ``JobColumns`` and ``CronJobColumns``: kubectl's Job and CronJob tables.
@Suite struct JobColumnsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func time(_ secondsAgo: Double) -> JSONValue { .string(Timestamp.format(now.addingTimeInterval(-secondsAgo))) }

    @Test func columns_areKubectls() {
        #expect(JobColumns.columns.map(\.name)
            == ["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"])
        #expect(JobColumns.columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1])
        #expect(CronJobColumns.columns.map(\.name) == [
            "Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images",
            "Selector",
        ])
        #expect(ObjectIdentifier(TableConvertor.columns(forKind: "Job")) == ObjectIdentifier(JobColumns.self))
        #expect(ObjectIdentifier(TableConvertor.columns(forKind: "CronJob")) == ObjectIdentifier(CronJobColumns.self))
    }

    @Test func aCompleteJob() {
        let job: JSONValue = [
            "metadata": ["name": "pi", "creationTimestamp": Self.time(130)],
            "spec": [
                "completions": 3, "parallelism": 2,
                "selector": ["matchLabels": ["batch.kubernetes.io/controller-uid": "u1"]],
                "template": ["spec": ["containers": [["name": "pi", "image": "busybox"]]]],
            ],
            "status": [
                "succeeded": 3, "startTime": Self.time(120), "completionTime": Self.time(100),
                "conditions": [["type": "SuccessCriteriaMet", "status": "True"], ["type": "Complete", "status": "True"]],
            ],
        ]
        #expect(JobColumns.cells(for: job, now: Self.now) == [
            "pi", "Complete", "3/3", "20s", "2m10s", "pi", "busybox", "batch.kubernetes.io/controller-uid=u1",
        ])
    }

    @Test func statusCompletionsAndDuration() {
        func cells(_ spec: JSONValue, _ status: JSONValue, deleting: Bool = false) -> [JSONValue] {
            let metadata: JSONValue = deleting
                ? ["name": "j", "creationTimestamp": Self.time(5), "deletionTimestamp": Self.time(1)]
                : ["name": "j", "creationTimestamp": Self.time(5)]
            return Array(JobColumns.cells(for: ["metadata": metadata, "spec": spec, "status": status], now: Self.now)[1...3])
        }
        #expect(cells(["parallelism": 3], [:]) == ["Running", "0/1 of 3", ""])
        #expect(cells(["parallelism": 1], ["startTime": Self.time(4)]) == ["Running", "0/1", "4s"])
        #expect(cells(["completions": 2], ["failed": 7, "conditions": [["type": "Failed", "status": "True"]]])
            == ["Failed", "0/2", ""])
        #expect(cells(["completions": 1], [:], deleting: true) == ["Terminating", "0/1", ""])
        #expect(cells(["completions": 1], ["conditions": [["type": "Suspended", "status": "True"]]])[0] == "Suspended")
        #expect(cells(["completions": 1], ["conditions": [["type": "FailureTarget", "status": "True"]]])[0]
            == "FailureTarget")
        #expect(cells(["completions": 1], ["conditions": [["type": "Suspended", "status": "False"]]])[0] == "Running")
    }

    @Test func aCronJob() {
        let cronJob: JSONValue = [
            "metadata": ["name": "hello", "creationTimestamp": Self.time(600)],
            "spec": [
                "schedule": "*/1 * * * *", "suspend": false,
                "jobTemplate": ["spec": ["template": ["spec": ["containers": [["name": "hello", "image": "busybox"]]]]]],
            ],
            "status": ["active": [["name": "hello-1"]], "lastScheduleTime": Self.time(42)],
        ]
        #expect(CronJobColumns.cells(for: cronJob, now: Self.now) == [
            "hello", "*/1 * * * *", "<none>", "False", 1, "42s", "10m", "hello", "busybox", "<none>",
        ])
        let fresh: JSONValue = [
            "metadata": ["name": "c", "creationTimestamp": Self.time(1)],
            "spec": ["schedule": "@hourly", "timeZone": "Etc/UTC", "suspend": true],
        ]
        #expect(Array(CronJobColumns.cells(for: fresh, now: Self.now)[2...5]) == ["Etc/UTC", "True", 0, "<none>"])
    }
}
