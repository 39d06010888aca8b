import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// Fixtures for the describe tests: a filebeat DaemonSet, one of its pods, its node and their events, timed
/// against ``now`` (2026-11-24T21:45:12Z) and printed in UTC.
private enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_795_556_712)
    static let utc = TimeZone(secondsFromGMT: 0) ?? .current

    static func parse(_ json: String) -> JSONValue {
        (try? JSONValue(jsonData: Data(json.utf8))) ?? .null
    }

    static let pod = parse(#"""
        {"kind":"Pod","apiVersion":"v1",
         "metadata":{"name":"filebeat-ds-7kq9s","namespace":"default","uid":"pod-uid-1",
           "creationTimestamp":"2026-11-24T21:40:12Z",
           "labels":{"controller-revision-hash":"6d5b9c7f8","name":"filebeat","pod-template-generation":"1"},
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"filebeat-ds","uid":"ds-uid-1",
             "controller":true,"blockOwnerDeletion":true}]},
         "spec":{"nodeName":"worker-1","serviceAccountName":"default","priority":0,
           "containers":[{"name":"filebeat","image":"elastic/filebeat:7.17.0",
             "args":["-c","/etc/filebeat.yml","-e"],
             "env":[{"name":"NODE_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}},
                    {"name":"LOG_LEVEL","value":"info"}],
             "resources":{"limits":{"memory":"200Mi"},"requests":{"cpu":"100m","memory":"100Mi"}},
             "volumeMounts":[{"name":"varlog","mountPath":"/var/log","readOnly":true},
                             {"name":"data","mountPath":"/usr/share/filebeat/data"}]}],
           "volumes":[{"name":"varlog","hostPath":{"path":"/var/log","type":""}},
                      {"name":"data","emptyDir":{}}],
           "tolerations":[
             {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute"},
             {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
             {"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]},
         "status":{"phase":"Running","hostIP":"172.18.0.3","podIP":"10.244.1.4","podIPs":[{"ip":"10.244.1.4"}],
           "startTime":"2026-11-24T21:40:12Z","qosClass":"Burstable",
           "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"},
                         {"type":"ContainersReady","status":"True"},{"type":"PodScheduled","status":"True"}],
           "containerStatuses":[{"name":"filebeat","ready":true,"restartCount":1,"image":"elastic/filebeat:7.17.0",
             "imageID":"emulated://elastic/filebeat@sha256:4a5b","containerID":"emulated://c0ffee",
             "state":{"running":{"startedAt":"2026-11-24T21:40:14Z"}},
             "lastState":{"terminated":{"exitCode":137,"reason":"Error","startedAt":"2026-11-24T21:40:13Z",
               "finishedAt":"2026-11-24T21:40:13Z"}}}]}}
        """#)

    static let podEvents = [
        parse(#"""
            {"metadata":{"name":"e1","namespace":"default"},"type":"Normal","reason":"Scheduled",
             "message":"Successfully assigned default/filebeat-ds-7kq9s to worker-1",
             "involvedObject":{"kind":"Pod","namespace":"default","name":"filebeat-ds-7kq9s","uid":"pod-uid-1"},
             "source":{"component":"default-scheduler"},
             "firstTimestamp":"2026-11-24T21:40:12Z","lastTimestamp":"2026-11-24T21:40:12Z","count":1}
            """#),
        parse(#"""
            {"metadata":{"name":"e2","namespace":"default"},"type":"Normal","reason":"Started",
             "message":"Started container filebeat",
             "involvedObject":{"kind":"Pod","namespace":"default","name":"filebeat-ds-7kq9s","uid":"pod-uid-1",
               "fieldPath":"spec.containers{filebeat}"},
             "source":{"component":"kubelet","host":"worker-1"},
             "firstTimestamp":"2026-11-24T21:40:13Z","lastTimestamp":"2026-11-24T21:40:14Z","count":2}
            """#),
    ]

    static let node = parse(#"""
        {"kind":"Node","apiVersion":"v1",
         "metadata":{"name":"worker-1","uid":"node-uid-1","creationTimestamp":"2026-11-22T18:45:12Z",
           "labels":{"kubernetes.io/arch":"amd64","kubernetes.io/hostname":"worker-1","kubernetes.io/os":"linux"},
           "annotations":{"node.alpha.kubernetes.io/ttl":"0"}},
         "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"],
           "taints":[{"key":"dedicated","value":"logging","effect":"NoSchedule"}]},
         "status":{
           "capacity":{"cpu":"4","memory":"8Gi","pods":"110"},
           "allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
           "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-11-24T21:45:02Z",
             "lastTransitionTime":"2026-11-22T18:45:42Z","reason":"KubeletReady","message":"kubelet is posting ready status"}],
           "addresses":[{"type":"InternalIP","address":"172.18.0.3"},{"type":"Hostname","address":"worker-1"}],
           "nodeInfo":{"machineID":"m-1","systemUUID":"u-1","bootID":"b-1","kernelVersion":"6.8.0",
             "osImage":"kcluster emulated node","operatingSystem":"linux","architecture":"amd64",
             "containerRuntimeVersion":"emulated://1.0","kubeletVersion":"v1.31.0-kcluster"}}}
        """#)

    static let lease = parse(#"""
        {"metadata":{"name":"worker-1","namespace":"kube-node-lease"},
         "spec":{"holderIdentity":"worker-1","leaseDurationSeconds":40,"renewTime":"2026-11-24T21:45:10.123456Z"}}
        """#)

    static let daemonSet = parse(#"""
        {"kind":"DaemonSet","apiVersion":"apps/v1",
         "metadata":{"name":"filebeat-ds","namespace":"default","uid":"ds-uid-1","generation":1,
           "creationTimestamp":"2026-11-22T18:45:12Z","labels":{"app":"filebeat"},
           "annotations":{"deprecated.daemonset.template.generation":"1",
             "kubectl.kubernetes.io/last-applied-configuration":"{}"}},
         "spec":{"selector":{"matchLabels":{"name":"filebeat"}},
           "template":{"metadata":{"labels":{"name":"filebeat"}},
             "spec":{"containers":[{"name":"filebeat","image":"elastic/filebeat:7.17.0",
               "ports":[{"containerPort":5066,"name":"monitoring","protocol":"TCP"}],
               "env":[{"name":"NODE_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}}],
               "volumeMounts":[{"name":"varlog","mountPath":"/var/log","readOnly":true}]}],
               "volumes":[{"name":"varlog","hostPath":{"path":"/var/log","type":""}}],
               "tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}}},
         "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,
           "numberAvailable":2,"numberMisscheduled":0}}
        """#)

    static let dsEvents = [
        parse(#"""
            {"metadata":{"name":"d1","namespace":"default"},"type":"Normal","reason":"SuccessfulCreate",
             "message":"Created pod: filebeat-ds-7kq9s",
             "involvedObject":{"kind":"DaemonSet","namespace":"default","name":"filebeat-ds","uid":"ds-uid-1"},
             "source":{"component":"daemonset-controller"},
             "firstTimestamp":"2026-11-24T21:40:12Z","lastTimestamp":"2026-11-24T21:40:12Z","count":1}
            """#)
    ]

    /// A pending pod of the DaemonSet and a pod of another owner matching the selector.
    static let otherPods = [
        parse(#"""
            {"metadata":{"name":"filebeat-ds-x2k4p","namespace":"default","creationTimestamp":"2026-11-24T21:44:12Z",
              "ownerReferences":[{"kind":"DaemonSet","name":"filebeat-ds","uid":"ds-uid-1","controller":true}]},
             "spec":{"containers":[]},"status":{"phase":"Pending"}}
            """#),
        parse(#"""
            {"metadata":{"name":"stray","namespace":"default",
              "ownerReferences":[{"kind":"ReplicaSet","name":"rs","uid":"rs-uid","controller":true}]},
             "status":{"phase":"Running"}}
            """#),
    ]
}

@Suite struct DescriberGoldenTests {
    @Test func pod_runningDaemonSetPod_matchesKubectlLayout() {
        let text = PodDescriber.describe(Fixture.pod, events: Fixture.podEvents, now: Fixture.now, timeZone: Fixture.utc)
        #expect(text == Golden.text(Golden.podGolden))
    }

    @Test func node_withPodLeaseAndNoEvents_matchesKubectlLayout() {
        let text = NodeDescriber.describe(
            Fixture.node, pods: [Fixture.pod], events: [], lease: .found(Fixture.lease), now: Fixture.now,
            timeZone: Fixture.utc)
        #expect(text == Golden.text(Golden.nodeGolden))
    }

    @Test func daemonSet_countsOnlyItsOwnPods_matchesKubectlLayout() {
        let text = DaemonSetDescriber.describe(
            Fixture.daemonSet, pods: [Fixture.pod] + Fixture.otherPods, events: Fixture.dsEvents, now: Fixture.now,
            timeZone: Fixture.utc)
        #expect(text == Golden.text(Golden.daemonSetGolden))
    }

    @Test func dispatch_withoutEvents_omitsTheSection() {
        let text = ObjectDescriber.describe(
            Fixture.pod, kind: .pod, inputs: DescribeInputs(now: Fixture.now, timeZone: Fixture.utc, events: nil))
        #expect(!text.contains("Events:"))
        #expect(text.hasSuffix("                 node.kubernetes.io/unreachable:NoExecute op=Exists\n"))
    }

    @Test func node_failedLease_andTemplateWithoutPods() {
        let text = NodeDescriber.describe(
            Fixture.node, pods: [], events: nil, lease: .failed(#"leases.coordination.k8s.io "worker-1" not found"#),
            now: Fixture.now, timeZone: Fixture.utc)
        #expect(text.contains("Lease:              Failed to get lease: leases.coordination.k8s.io \"worker-1\" not found\n"))
        #expect(text.contains("Non-terminated Pods:          (0 in total)\n"))
        #expect(text.contains("  cpu                0 (0%)    0 (0%)\n"))
    }
}

@Suite struct DescribeEventsTests {
    private static func event(_ reason: String, first: String?, last: String?, count: Int64? = nil,
                              extra: [String: JSONValue] = [:]) -> JSONValue {
        var e: JSONValue = ["type": "Warning", "reason": .string(reason), "message": " Back-off restarting \n",
                            "source": ["component": "kubelet"]]
        if let first { e["firstTimestamp"] = .string(first) }
        if let last { e["lastTimestamp"] = .string(last) }
        if let count { e["count"] = .int(count) }
        for (key, value) in extra { e[key] = value }
        return e
    }

    @Test func empty_printsNoneAlignedWithThePrecedingBlock() {
        var w = DescribeWriter()
        w.write(0, "Name:\tx\n")
        w.write(0, "Longer Key:\ty\n")
        EventsSection.write([], into: &w, now: Fixture.now)
        #expect(w.render() == "Name:        x\nLonger Key:  y\nEvents:      <none>\n")
    }

    @Test func rows_sortedByLastTimestamp_withRepeatCountsSeriesAndSourceFallback() {
        let events = [
            Self.event("BackOff", first: "2026-11-24T21:35:12Z", last: "2026-11-24T21:44:12Z", count: 7),
            Self.event("Pulled", first: "2026-11-24T21:30:12Z", last: "2026-11-24T21:30:12Z", count: 1),
            Self.event("Series", first: nil, last: "2026-11-24T21:44:42Z", extra: [
                "eventTime": "2026-11-24T21:25:11.500000Z", "source": [:], "reportingComponent": "kcluster-controller",
                "series": ["count": 3, "lastObservedTime": "2026-11-24T21:44:42.5Z"],
            ]),
        ]
        var w = DescribeWriter()
        EventsSection.write(events, into: &w, now: Fixture.now)
        #expect(w.render() == Golden.text([
            "Events:",
            "  Type     Reason   Age                From                 Message",
            "  ----     ------   ----               ----                 -------",
            "  Warning  Pulled   15m                kubelet              Back-off restarting",
            "  Warning  BackOff  60s (x7 over 10m)  kubelet              Back-off restarting",
            "  Warning  Series   29s (x3 over 20m)  kcluster-controller  Back-off restarting",
        ]))
    }

    @Test func related_matchesNameNamespaceKindAndUID() {
        func event(_ kind: String, _ name: String, _ uid: String, namespace: String = "default") -> JSONValue {
            ["involvedObject": ["kind": .string(kind), "name": .string(name), "uid": .string(uid),
                                "namespace": .string(namespace)]]
        }
        let all = [
            event("DaemonSet", "filebeat-ds", "ds-uid-1"), event("DaemonSet", "filebeat-ds", "old-uid"),
            event("Pod", "filebeat-ds", "ds-uid-1"), event("DaemonSet", "filebeat-ds", "ds-uid-1", namespace: "x"),
        ]
        #expect(EventsSection.related(all, to: Fixture.daemonSet, kind: .daemonSet) == [all[0]])
        #expect(EventsSection.related(Fixture.podEvents + all, to: Fixture.pod, kind: .pod) == Fixture.podEvents)
        let byUID = event("Node", "worker-1", "node-uid-1", namespace: ""), byName = event("Node", "worker-1", "worker-1", namespace: "")
        #expect(EventsSection.related([byName, byUID, event("Node", "worker-2", "worker-2", namespace: "")],
                                      to: Fixture.node, kind: .node) == [byUID, byName])
    }
}

@Suite struct DescribeFormattingTests {
    @Test func writer_alignsContiguousBlocks_andFlushStartsANewOne() {
        var w = DescribeWriter()
        w.write(0, "A:\t1\n")
        w.write(1, "Longer:\t2\n")
        w.write(0, "Break\n")
        w.write(0, "B:\t3\n")
        w.flush()
        w.write(2, "Wide key here:\t4\n")
        w.write(0, "partial\t5")
        #expect(w.render() == "A:" + String(repeating: " ", count: 9) + "1\n  Longer:  2\nBreak\nB:  3\n    Wide key here:  4\npartial"
            + String(repeating: " ", count: 13) + "5")
    }

    @Test func time_rfc1123Z_inTheGivenZone_andZeroTime() {
        let india = TimeZone(secondsFromGMT: 19_800) ?? .current, pacific = TimeZone(secondsFromGMT: -28_800) ?? .current
        #expect(DescribeTime.rfc1123Z("2026-11-24T21:45:12Z", in: Fixture.utc) == "Tue, 24 Nov 2026 21:45:12 +0000")
        #expect(DescribeTime.rfc1123Z("2026-11-24T21:45:12Z", in: india) == "Wed, 25 Nov 2026 03:15:12 +0530")
        #expect(DescribeTime.rfc1123Z("2024-03-01T05:00:00Z", in: pacific) == "Thu, 29 Feb 2024 21:00:00 -0800")
        #expect(DescribeTime.rfc1123Z(nil, in: india) == "Mon, 01 Jan 0001 00:00:00 +0000")
    }

    @Test func quantity_parsesSumsAndPrintsCanonically() throws {
        func q(_ s: String) throws -> Quantity { try #require(Quantity(s)) }
        #expect(try (q("1500m") + q("500m")).description == "2")
        #expect(try (q("64Mi") + q("64Mi")).description == "128Mi")
        #expect(try (q("1G") + q("500M")).description == "1500M")
        #expect(try q("2000").description == "2k")
        #expect(try q("0.5").description == "500m")
        #expect(try q("1.5Gi").description == "1536Mi")
        #expect(try (Quantity.zero + q("128Mi")).description == "128Mi")
        #expect(try q("1.5").value == 2 && q("250m").milliValue == 250 && q("1Ki").value == 1024)
        #expect(Quantity("12x") == nil && Quantity("") == nil)
        #expect(NodeResources.cell(try q("750m"), of: try q("2"), milli: true) == "750m (37%)")
    }

    @Test func multilineFields_tolerationsTaintsAndLongAnnotations() {
        let cases: [(JSONValue, String)] = [
            (["operator": "Exists"], "op=Exists"),
            (["key": "k", "operator": "Equal", "value": "v", "effect": "NoSchedule"], "k=v:NoSchedule"),
            (["effect": "NoExecute", "operator": "Exists", "tolerationSeconds": 30], ":NoExecute op=Exists for 30s"),
        ]
        for (toleration, text) in cases { #expect(DescribeWriter.tolerationString(JSONFields(toleration)) == text) }
        #expect(DescribeWriter.taintString(JSONFields(["key": "k", "effect": "NoExecute"])) == "k:NoExecute")
        var w = DescribeWriter()
        w.annotations("Annotations", ["a": String(repeating: "x", count: 150), "b": "two\nlines\n"])
        #expect(w.render() == Golden.text([
            "Annotations:  a:", "                " + String(repeating: "x", count: 138) + "...",
            "              b:", "                two", "                lines",
        ]))
    }
}

@Suite struct WorkloadDescriberTests {
    private static func replicaSet(_ name: String, created: String, hash: String, owner: String = "dep-uid") -> JSONValue {
        ["metadata": ["name": .string(name), "creationTimestamp": .string(created),
                      "ownerReferences": [["kind": "Deployment", "uid": .string(owner), "controller": true]]],
         "spec": ["replicas": 2, "template": ["metadata": ["labels": ["app": "web", "pod-template-hash": .string(hash)]],
                                              "spec": ["containers": [["name": "web", "image": .string(hash)]]]]],
         "status": ["replicas": 1]]
    }

    @Test func deployment_newReplicaSetIsTheOneMatchingTheTemplate() {
        let deployment = JSONFields(["metadata": ["uid": "dep-uid"], "spec": ["template": [
            "metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "v2"]]]]]])
        let old = Self.replicaSet("web-v1", created: "2026-11-20T00:00:00Z", hash: "v1")
        let new = Self.replicaSet("web-v2", created: "2026-11-21T00:00:00Z", hash: "v2")
        let foreign = Self.replicaSet("other", created: "2026-11-19T00:00:00Z", hash: "v2", owner: "x")
        let (newSets, oldSets) = DeploymentDescriber.partition([foreign, old, new], of: deployment)
        #expect(newSets == [new] && oldSets == [old])
    }

    @Test func service_endpointsForThePortName_cappedAtThree() {
        func endpoint(_ ip: String, ready: Bool?) -> JSONValue {
            ["addresses": [.string(ip)], "conditions": ready.map { ["ready": .bool($0)] } ?? [:]]
        }
        let slice: JSONValue = [
            "endpoints": [
                endpoint("10.0.0.1", ready: true), endpoint("10.0.0.9", ready: false), endpoint("10.0.0.2", ready: nil),
                endpoint("10.0.0.3", ready: true), endpoint("10.0.0.4", ready: true),
            ],
            "ports": [["name": "http", "port": 8080]],
        ]
        #expect(ServiceDescriber.endpointList([slice], portName: "http") == "10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...")
        #expect(ServiceDescriber.endpointList([slice], portName: "") == "")
        #expect(ServiceDescriber.endpointList([], portName: "http") == "<none>")
        let portless: JSONValue = ["endpoints": [endpoint("fd00::1", ready: true)]]
        #expect(ServiceDescriber.endpointList([portless], portName: "http") == "fd00::1")
        let six: JSONValue = ["endpoints": [endpoint("fd00::1", ready: true)], "ports": [["name": "", "port": 80]]]
        #expect(ServiceDescriber.endpointList([six], portName: "") == "[fd00::1]:80")
    }

    @Test func genericDescriber_smartLabels() {
        let labels = [
            "apiVersion", "creationTimestamp", "uid", "hostIP", "kubernetes.io/hostname", "HTTPServer",
            "insecureSkipTLSVerify",
        ]
        #expect(labels.map(GenericDescriber.smartLabel) == [
            "API Version", "Creation Timestamp", "UID", "Host IP", "kubernetes.io/hostname", "HTTP Server",
            "Insecure Skip TLS Verify",
        ])
    }
}

/// The expected outputs, line by line (kubectl's layout, trailing spaces included).
private enum Golden {
    static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    static let podGolden = [
        "Name:             filebeat-ds-7kq9s",
        "Namespace:        default",
        "Priority:         0",
        "Service Account:  default",
        "Node:             worker-1/172.18.0.3",
        "Start Time:       Tue, 24 Nov 2026 21:40:12 +0000",
        "Labels:           controller-revision-hash=6d5b9c7f8",
        "                  name=filebeat",
        "                  pod-template-generation=1",
        "Annotations:      <none>",
        "Status:           Running",
        "IP:               10.244.1.4",
        "IPs:",
        "  IP:           10.244.1.4",
        "Controlled By:  DaemonSet/filebeat-ds",
        "Containers:",
        "  filebeat:",
        "    Container ID:  emulated://c0ffee",
        "    Image:         elastic/filebeat:7.17.0",
        "    Image ID:      emulated://elastic/filebeat@sha256:4a5b",
        "    Port:          <none>",
        "    Host Port:     <none>",
        "    Args:",
        "      -c",
        "      /etc/filebeat.yml",
        "      -e",
        "    State:          Running",
        "      Started:      Tue, 24 Nov 2026 21:40:14 +0000",
        "    Last State:     Terminated",
        "      Reason:       Error",
        "      Exit Code:    137",
        "      Started:      Tue, 24 Nov 2026 21:40:13 +0000",
        "      Finished:     Tue, 24 Nov 2026 21:40:13 +0000",
        "    Ready:          True",
        "    Restart Count:  1",
        "    Limits:",
        "      memory:  200Mi",
        "    Requests:",
        "      cpu:     100m",
        "      memory:  100Mi",
        "    Environment:",
        "      NODE_NAME:   (v1:spec.nodeName)",
        "      LOG_LEVEL:  info",
        "    Mounts:",
        "      /usr/share/filebeat/data from data (rw)",
        "      /var/log from varlog (ro)",
        "Conditions:",
        "  Type              Status",
        "  Initialized       True ",
        "  Ready             True ",
        "  ContainersReady   True ",
        "  PodScheduled      True ",
        "Volumes:",
        "  varlog:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /var/log",
        "    HostPathType:  ",
        "  data:",
        "    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)",
        "    Medium:      ",
        "    SizeLimit:   <unset>",
        "QoS Class:       Burstable",
        "Node-Selectors:  <none>",
        "Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists",
        "                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
        "                 node.kubernetes.io/unreachable:NoExecute op=Exists",
        "Events:",
        "  Type    Reason     Age                    From               Message",
        "  ----    ------     ----                   ----               -------",
        "  Normal  Scheduled  5m                     default-scheduler  Successfully assigned default/filebeat-ds-7kq9s to worker-1",
        "  Normal  Started    4m58s (x2 over 4m59s)  kubelet            Started container filebeat",
    ]

    static let nodeGolden = [
        "Name:               worker-1",
        "Roles:              <none>",
        "Labels:             kubernetes.io/arch=amd64",
        "                    kubernetes.io/hostname=worker-1",
        "                    kubernetes.io/os=linux",
        "Annotations:        node.alpha.kubernetes.io/ttl: 0",
        "CreationTimestamp:  Sun, 22 Nov 2026 18:45:12 +0000",
        "Taints:             dedicated=logging:NoSchedule",
        "Unschedulable:      false",
        "Lease:",
        "  HolderIdentity:  worker-1",
        "  AcquireTime:     <unset>",
        "  RenewTime:       Tue, 24 Nov 2026 21:45:10 +0000",
        "Conditions:",
        "  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message",
        "  ----    ------  -----------------                 ------------------                ------         -------",
        "  Ready   True    Tue, 24 Nov 2026 21:45:02 +0000   Sun, 22 Nov 2026 18:45:42 +0000   KubeletReady   kubelet is posting ready status",
        "Addresses:",
        "  InternalIP:  172.18.0.3",
        "  Hostname:    worker-1",
        "Capacity:",
        "  cpu:     4",
        "  memory:  8Gi",
        "  pods:    110",
        "Allocatable:",
        "  cpu:     4",
        "  memory:  8Gi",
        "  pods:    110",
        "System Info:",
        "  Machine ID:                 m-1",
        "  System UUID:                u-1",
        "  Boot ID:                    b-1",
        "  Kernel Version:             6.8.0",
        "  OS Image:                   kcluster emulated node",
        "  Operating System:           linux",
        "  Architecture:               amd64",
        "  Container Runtime Version:  emulated://1.0",
        "  Kubelet Version:            v1.31.0-kcluster",
        "PodCIDR:                      10.244.1.0/24",
        "PodCIDRs:                     10.244.1.0/24",
        "Non-terminated Pods:          (1 in total)",
        "  Namespace                   Name                 CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age",
        "  ---------                   ----                 ------------  ----------  ---------------  -------------  ---",
        "  default                     filebeat-ds-7kq9s    100m (2%)     0 (0%)      100Mi (1%)       200Mi (2%)     5m",
        "Allocated resources:",
        "  (Total limits may be over 100 percent, i.e., overcommitted.)",
        "  Resource           Requests    Limits",
        "  --------           --------    ------",
        "  cpu                100m (2%)   0 (0%)",
        "  memory             100Mi (1%)  200Mi (2%)",
        "  ephemeral-storage  0 (0%)      0 (0%)",
        "Events:              <none>",
    ]

    static let daemonSetGolden = [
        "Name:           filebeat-ds",
        "Selector:       name=filebeat",
        "Node-Selector:  <none>",
        "Labels:         app=filebeat",
        "Annotations:    deprecated.daemonset.template.generation: 1",
        "Desired Number of Nodes Scheduled: 3",
        "Current Number of Nodes Scheduled: 3",
        "Number of Nodes Scheduled with Up-to-date Pods: 3",
        "Number of Nodes Scheduled with Available Pods: 2",
        "Number of Nodes Misscheduled: 0",
        "Pods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed",
        "Pod Template:",
        "  Labels:  name=filebeat",
        "  Containers:",
        "   filebeat:",
        "    Image:      elastic/filebeat:7.17.0",
        "    Port:       5066/TCP",
        "    Host Port:  0/TCP",
        "    Environment:",
        "      NODE_NAME:   (v1:spec.nodeName)",
        "    Mounts:",
        "      /var/log from varlog (ro)",
        "  Volumes:",
        "   varlog:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /var/log",
        "    HostPathType:  ",
        "  Node-Selectors:  <none>",
        "  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists",
        "Events:",
        "  Type    Reason            Age   From                  Message",
        "  ----    ------            ----  ----                  -------",
        "  Normal  SuccessfulCreate  5m    daemonset-controller  Created pod: filebeat-ds-7kq9s",
    ]
}
