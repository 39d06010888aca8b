import Foundation
import KubeAPI
import Testing
import Wire
import Yams

/// Manifest helpers shared by the API type, strict decoding and defaulting tests.
enum APIFixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every document of a YAML stream, as JSON values (a test-only conversion of Yams' untyped values).
    static func documents(_ yaml: String) throws -> [JSONValue] {
        try Yams.load_all(yaml: yaml).map { try json($0) }
    }

    private static func json(_ value: Any?) throws -> JSONValue {
        switch value {
        case nil, is NSNull: return .null
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(Int64(i))
        case let d as Double: return .double(d)
        case let s as String: return .string(s)
        case let a as [Any?]: return .array(try a.map { try json($0) })
        case let o as [String: Any?]: return .object(try o.mapValues { try json($0) })
        default: throw YamlError.representer(problem: "unexpected YAML value \(String(describing: value))")
        }
    }

    /// The single document of a YAML text.
    static func document(_ yaml: String) throws -> JSONValue {
        try #require(try documents(yaml).first)
    }

    /// The seed tutorial's manifest: a redis Deployment and a filebeat DaemonSet.
    static func seedManifest() throws -> [JSONValue] {
        let text = try String(contentsOf: repositoryRoot.appending(path: "examples/ds-demo.yaml"), encoding: .utf8)
        return try documents(text)
    }
}

@Suite struct APITypesTests {
    @Test func seedManifest_decodesStrictly() throws {
        let docs = try APIFixtures.seedManifest()
        try #require(docs.count == 2)

        let redis = try StrictDecoding.decode(Deployment.self, from: docs[0])
        #expect(redis.kind == "Deployment" && redis.apiVersion == "apps/v1")
        #expect(redis.name == "redis" && redis.namespace == "default")
        #expect(redis.spec.replicas == 1)
        #expect(redis.spec.selector?.matchLabels == ["app": "redis", "role": "logstor"])
        #expect(redis.spec.template.metadata.labels == ["app": "redis", "role": "logstor"])
        let container = try #require(redis.spec.template.spec.containers.first)
        #expect(container.name == "redis" && container.image == "redis:4.0-alpine")
        #expect(container.ports == [ContainerPort(name: "redis", containerPort: 6379)])

        let filebeat = try StrictDecoding.decode(DaemonSet.self, from: docs[1])
        #expect(filebeat.name == "filebeat-ds")
        #expect(filebeat.spec.selector?.matchLabels == ["app": "filebeat", "release": "stable"])
        let beat = try #require(filebeat.spec.template.spec.containers.first)
        #expect(beat.image == "ikubernetes/filebeat:5.6.5-alpine")
        #expect(beat.env == [
            EnvVar(name: "REDIS_HOST", value: "redis.default.svc.cluster.local"),
            EnvVar(name: "REDIS_LOG_LEVEL", value: "info"),
        ])
    }

    @Test func richPod_roundTripsThroughJSONAndYAML_withoutLoss() throws {
        let input = try APIFixtures.document(Self.richPodYAML)
        let pod = try StrictDecoding.decode(Pod.self, from: input)
        #expect(pod.spec.volumes?.count == 3)
        #expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?
            .nodeSelectorTerms.first?.matchExpressions?.first?.key == "kubernetes.io/os")
        #expect(pod.spec.tolerations?.first?.tolerationSeconds == 300)
        #expect(pod.status.containerStatuses?.first?.state?.running?.startedAt == "2024-05-01T10:00:05Z")

        let json = try JSONValue(encoding: pod)
        #expect(json == input)

        // Through YAML text and back.
        let yaml = try YAMLEncoder().encode(json)
        let reloaded = try APIFixtures.document(yaml)
        #expect(try StrictDecoding.decode(Pod.self, from: reloaded) == pod)
    }

    @Test(arguments: [
        #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}"#,
        #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"w1","labels":{"kubernetes.io/hostname":"w1"}},"spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"],"taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2024-05-01T10:00:00Z"}],"unschedulable":true},"status":{"capacity":{"cpu":"2","pods":"110"},"allocatable":{"cpu":"2","pods":"110"},"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2024-05-01T10:00:00Z","lastTransitionTime":"2024-05-01T09:00:00Z","reason":"KubeletReady","message":"kubelet is posting ready status"}],"addresses":[{"type":"InternalIP","address":"127.0.1.1"},{"type":"Hostname","address":"w1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},"nodeInfo":{"machineID":"m","systemUUID":"s","bootID":"b","kernelVersion":"6.1","osImage":"Debian","containerRuntimeVersion":"emulated://1.0","kubeletVersion":"v1.32.0","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"}}}"#,
        #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"redis","namespace":"default"},"spec":{"type":"NodePort","selector":{"app":"redis"},"ports":[{"name":"redis","protocol":"TCP","port":6379,"targetPort":"redis","nodePort":30379,"appProtocol":"redis"}],"clusterIP":"10.96.0.12","clusterIPs":["10.96.0.12"],"externalIPs":["1.2.3.4"],"sessionAffinity":"None","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster","externalTrafficPolicy":"Local","publishNotReadyAddresses":false,"loadBalancerIP":""},"status":{"loadBalancer":{}}}"#,
        #"{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"redis","namespace":"default"},"subsets":[{"addresses":[{"ip":"10.244.1.5","hostname":"r","nodeName":"w1","targetRef":{"kind":"Pod","namespace":"default","name":"redis-abc","uid":"u1"}}],"notReadyAddresses":[{"ip":"10.244.2.6"}],"ports":[{"name":"redis","port":6379,"protocol":"TCP"}]}]}"#,
        #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"filebeat-ds.17a","namespace":"default"},"involvedObject":{"kind":"DaemonSet","namespace":"default","name":"filebeat-ds","uid":"u2","apiVersion":"apps/v1","resourceVersion":"42","fieldPath":""},"reason":"SuccessfulCreate","message":"Created pod: filebeat-ds-x7k2p","source":{"component":"daemonset-controller","host":"cp"},"firstTimestamp":"2024-05-01T10:00:00Z","lastTimestamp":"2024-05-01T10:00:00Z","count":1,"type":"Normal","eventTime":"2024-05-01T10:00:00.000000Z","reportingComponent":"daemonset-controller","reportingInstance":"cp","action":"Create"}"#,
        #"{"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"filebeat-ds-6d8f7c9b5","namespace":"default"},"data":{"spec":{"template":{"$patch":"replace","spec":{"containers":[{"name":"filebeat","image":"x"}]}}}},"revision":2}"#,
        #"{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"redis-5d4f","namespace":"default"},"spec":{"replicas":2,"minReadySeconds":5,"selector":{"matchLabels":{"app":"redis"}},"template":{"metadata":{"labels":{"app":"redis"}},"spec":{"containers":[{"name":"redis","image":"redis"}]}}},"status":{"replicas":2,"fullyLabeledReplicas":2,"readyReplicas":1,"availableReplicas":1,"observedGeneration":1,"conditions":[{"type":"ReplicaFailure","status":"False","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"r","message":"m"}]}}"#,
        #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"redis","namespace":"default","generation":3},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"redis"}},"template":{"metadata":{"labels":{"app":"redis"}},"spec":{"containers":[{"name":"redis","image":"redis"}]}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}},"minReadySeconds":0,"revisionHistoryLimit":10,"progressDeadlineSeconds":600,"paused":false},"status":{"observedGeneration":3,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,"unavailableReplicas":0,"collisionCount":0,"conditions":[{"type":"Available","status":"True","lastUpdateTime":"2024-05-01T10:00:00Z","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}"#,
        #"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"filebeat-ds","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"filebeat"}},"template":{"metadata":{"labels":{"app":"filebeat"}},"spec":{"containers":[{"name":"filebeat","image":"f"}]}},"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"10%","maxSurge":0}},"minReadySeconds":10,"revisionHistoryLimit":5},"status":{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":2,"observedGeneration":2,"updatedNumberScheduled":3,"numberAvailable":2,"numberUnavailable":1,"collisionCount":0,"conditions":[{"type":"X","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z","reason":"r","message":"m"}]}}"#,
    ])
    func everyKind_decodesStrictlyAndReencodesIdentically(text: String) throws {
        let input = try JSONValue(jsonData: Data(text.utf8))
        let kind = try #require(input["kind"]?.stringValue.flatMap(ResourceKind.forKind))
        let output: JSONValue = switch kind {
        case .namespace: try JSONValue(encoding: StrictDecoding.decode(Namespace.self, from: input))
        case .node: try JSONValue(encoding: StrictDecoding.decode(Node.self, from: input))
        case .service: try JSONValue(encoding: StrictDecoding.decode(ServiceObject.self, from: input))
        case .endpoints: try JSONValue(encoding: StrictDecoding.decode(Endpoints.self, from: input))
        case .event: try JSONValue(encoding: StrictDecoding.decode(Event.self, from: input))
        case .controllerRevision: try JSONValue(encoding: StrictDecoding.decode(ControllerRevision.self, from: input))
        case .replicaSet: try JSONValue(encoding: StrictDecoding.decode(ReplicaSet.self, from: input))
        case .deployment: try JSONValue(encoding: StrictDecoding.decode(Deployment.self, from: input))
        case .daemonSet: try JSONValue(encoding: StrictDecoding.decode(DaemonSet.self, from: input))
        default: JSONValue.null
        }
        #expect(output == input)
    }

    @Test func constructedObjects_useKubernetesFieldNames() throws {
        var ds = DaemonSet(metadata: ObjectMeta(name: "ds", namespace: "default"))
        ds.spec.updateStrategy = DaemonSetUpdateStrategy(
            type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: .string("10%"), maxSurge: .int(0)))
        ds.spec.template.spec = PodSpec(containers: [
            Container(name: "c", image: "i", ports: [ContainerPort(containerPort: 80, protocol: "UDP")])
        ], tolerations: [Toleration(key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 5)])
        ds.spec.template.spec.affinity = Affinity(nodeAffinity: NodeAffinity(
            requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
                NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["w1"])])
            ])))
        ds.status.numberReady = 2
        let json = try JSONValue(encoding: ds)
        #expect(json["apiVersion"] == "apps/v1" && json["kind"] == "DaemonSet")
        #expect(json[path: ["spec", "updateStrategy"]] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "10%", "maxSurge": 0]])
        let podSpec = try #require(json[path: ["spec", "template", "spec"]])
        #expect(podSpec["containers"] == [["name": "c", "image": "i", "ports": [["containerPort": 80, "protocol": "UDP"]]]])
        #expect(podSpec["tolerations"] == [["key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 5]])
        #expect(podSpec[path: ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"]]
            == [["matchFields": [["key": "metadata.name", "operator": "In", "values": ["w1"]]]]])
        // Go writes these status counts even when zero.
        #expect(json["status"] == ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 2])
    }

    @Test func emptyDocument_decodesToEmptyValues() throws {
        let ds = try StrictDecoding.decode(DaemonSet.self, from: ["spec": ["template": ["spec": ["containers": nil]]], "status": [:]])
        #expect(ds.metadata == ObjectMeta())
        #expect(ds.spec.template.spec.containers.isEmpty)
        #expect(ds.status.numberReady == 0)
        #expect(ds.spec.selector == nil)
    }

    @Test func resourceList_carriesListKindAndItems() throws {
        let list = ResourceList(items: [Pod(metadata: ObjectMeta(name: "a")), Pod(metadata: ObjectMeta(name: "b"))],
                                metadata: ListMeta(resourceVersion: "7"))
        let json = try JSONValue(encoding: list)
        #expect(json["kind"] == "PodList" && json["apiVersion"] == "v1")
        #expect(json[path: ["metadata", "resourceVersion"]] == "7")
        #expect(json["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["a", "b"])
        let back = try StrictDecoding.decode(ResourceList<Pod>.self, from: json)
        #expect(back == list)
        #expect(ResourceList<DaemonSet>.listKind == "DaemonSetList")
    }

    static let richPodYAML = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-0
          namespace: default
          labels: {app: web}
          annotations: {note: "x"}
          ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, uid: u-1, controller: true, blockOwnerDeletion: true}
        spec:
          volumes:
          - name: logs
            hostPath: {path: /var/log, type: Directory}
          - name: config
            configMap: {name: web-config, defaultMode: 420, items: [{key: a, path: a.conf}]}
          - name: scratch
            emptyDir: {medium: Memory, sizeLimit: 64Mi}
          initContainers:
          - name: init
            image: busybox:1.36
            command: [sh, -c, "echo init"]
          containers:
          - name: web
            image: nginx:1.25
            args: ["-g", "daemon off;"]
            workingDir: /srv
            ports:
            - {name: http, containerPort: 80, hostPort: 8080, protocol: TCP, hostIP: 0.0.0.0}
            env:
            - {name: MODE, value: prod}
            - name: NODE
              valueFrom: {fieldRef: {apiVersion: v1, fieldPath: spec.nodeName}}
            envFrom:
            - configMapRef: {name: web-env}
              prefix: WEB_
            resources:
              requests: {cpu: 100m, memory: 64Mi}
              limits: {cpu: 1, memory: 128Mi}
            volumeMounts:
            - {name: logs, mountPath: /var/log/web, readOnly: true, subPath: web, mountPropagation: HostToContainer}
            livenessProbe:
              httpGet: {path: /healthz, port: 80, scheme: HTTP, httpHeaders: [{name: X, value: y}]}
              initialDelaySeconds: 5
              periodSeconds: 10
            readinessProbe:
              exec: {command: [cat, /tmp/ready]}
            startupProbe:
              tcpSocket: {port: http}
              failureThreshold: 30
            lifecycle:
              preStop: {exec: {command: [sleep, "5"]}}
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: FallbackToLogsOnError
            imagePullPolicy: IfNotPresent
            securityContext: {runAsNonRoot: true, capabilities: {drop: [ALL]}}
            stdin: false
            stdinOnce: false
            tty: false
          restartPolicy: Always
          terminationGracePeriodSeconds: 45
          activeDeadlineSeconds: 3600
          dnsPolicy: ClusterFirst
          nodeSelector: {disktype: ssd}
          serviceAccountName: web
          serviceAccount: web
          automountServiceAccountToken: false
          nodeName: w1
          hostNetwork: false
          hostPID: false
          hostIPC: false
          shareProcessNamespace: false
          securityContext: {fsGroup: 2000}
          imagePullSecrets: [{name: regcred}]
          hostname: web-0
          subdomain: web
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - {key: kubernetes.io/os, operator: In, values: [linux]}
                  matchFields:
                  - {key: metadata.name, operator: NotIn, values: [w9]}
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 1
                preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector: {matchLabels: {app: web}}
                topologyKey: kubernetes.io/hostname
          schedulerName: default-scheduler
          tolerations:
          - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
          - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
          priorityClassName: high
          priority: 1000
          readinessGates: [{conditionType: example.com/ready}]
          enableServiceLinks: true
          preemptionPolicy: PreemptLowerPriority
          topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
          dnsConfig: {nameservers: [1.1.1.1], options: [{name: ndots, value: "2"}]}
          runtimeClassName: emulated
          overhead: {cpu: 10m}
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "True", lastTransitionTime: "2024-05-01T10:00:06Z"}
          hostIP: 127.0.1.1
          hostIPs: [{ip: 127.0.1.1}]
          podIP: 10.244.1.5
          podIPs: [{ip: 10.244.1.5}]
          startTime: "2024-05-01T10:00:00Z"
          initContainerStatuses:
          - name: init
            state: {terminated: {exitCode: 0, reason: Completed, startedAt: "2024-05-01T10:00:01Z", finishedAt: "2024-05-01T10:00:02Z", containerID: "emulated://1"}}
            ready: true
            restartCount: 0
            image: busybox:1.36
            imageID: busybox@sha256:1
            containerID: emulated://1
            started: false
          containerStatuses:
          - name: web
            state: {running: {startedAt: "2024-05-01T10:00:05Z"}}
            lastState: {waiting: {reason: ContainerCreating, message: pulling}}
            ready: true
            restartCount: 1
            image: nginx:1.25
            imageID: nginx@sha256:2
            containerID: emulated://2
            started: true
          qosClass: Burstable
          nominatedNodeName: w2
        """
}
